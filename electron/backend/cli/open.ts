import { dirname, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/result';
import { openBackend, type Backend, type BootOptions } from '../boot';
import { bundledFontsDir, sourceAppRoot, sourcePdfWorker } from '../app-root';
import type { Clock } from '../clock';

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(sourceAppRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The backend over a database file named on the command line. */
export async function openCliBackend(dbFile: string, extra: { clock?: Clock; exportDir?: string; create?: boolean; emit?: BootOptions['emit'] } = {}): Promise<Backend> {
  const file = resolve(dbFile);
  // Only commands that build a database may create one; a mistyped path must not leave an empty file.
  if (!extra.create && !existsSync(file)) throw new AppError('not-found', `数据库文件不存在：${file}`);
  return openBackend({
    dataDir: dirname(file),
    databaseFile: file,
    bundledFontsDir: bundledFontsDir(),
    pdfWorker: sourcePdfWorker(),
    appVersion: appVersion(),
    ...(extra.clock ? { clock: extra.clock } : {}),
    ...(extra.exportDir ? { exportDir: extra.exportDir } : {}),
    ...(extra.emit ? { emit: extra.emit } : {}),
  });
}
