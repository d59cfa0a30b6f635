// Which database file a copy opens, and starting a new, empty one. A copy holding data that did not come
// from a centre (the demo district) cannot be joined to one; rather than ask the person to find and move
// files, the app makes a new file beside the old one and goes on with it. The old file is never touched:
// it stays where it was, with its data and any changes not yet sent.
import { existsSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { NewDataFile } from '../../../shared/api';
import { AppError } from '../../../shared/result';
import type { BackendContext } from '../context';
import { migrateToLatest } from '../db/migrator';
import { openDatabase } from '../db/open';
import { syncStatus } from '../sync/engine';

/** In the data folder: the name of the database file the app opens when none is given on the command line. */
export const DATA_FILE_POINTER = 'current-data-file.json';
export const DEFAULT_DATA_FILE = 'jrd.sqlite';

const Pointer = z.object({ file: z.string().regex(/^jrd(-[0-9]{8}-[0-9]{6}(-[0-9]{1,3})?)?\.sqlite$/) });

/** The file the pointer names if it is a data file of ours in this folder, else jrd.sqlite. */
export function resolveDatabaseFile(dataDir: string): string {
  const pointer = join(dataDir, DATA_FILE_POINTER);
  if (existsSync(pointer)) {
    try {
      const parsed = Pointer.safeParse(JSON.parse(readFileSync(pointer, 'utf8')));
      // Only a bare file name in the data folder: the pointer can never lead the app elsewhere.
      if (parsed.success && existsSync(join(dataDir, parsed.data.file))) return join(dataDir, parsed.data.file);
    } catch {
      // A damaged pointer falls back to the default file; the new file, if any, is still in the folder.
    }
  }
  return join(dataDir, DEFAULT_DATA_FILE);
}

/** jrd-20261120-103000.sqlite from the desk's clock (China time), numbered if that name is taken. */
function freshName(dataDir: string, now: string): string {
  const china = new Date(new Date(now).getTime() + 8 * 3600_000).toISOString();
  const stamp = `${china.slice(0, 10).replaceAll('-', '')}-${china.slice(11, 19).replaceAll(':', '')}`;
  for (let n = 1; n < 1000; n += 1) {
    const name = n === 1 ? `jrd-${stamp}.sqlite` : `jrd-${stamp}-${n}.sqlite`;
    if (!existsSync(join(dataDir, name))) return name;
  }
  throw new AppError('conflict', '数据文件夹里同名的数据文件太多，请稍后再试');
}

/**
 * Makes a new, empty, migrated database file in the data folder and names it in the pointer, then asks
 * the host to switch to it (Electron restarts on it; the browser harness reopens its backend).
 */
export async function createNewDataFile(ctx: BackendContext): Promise<NewDataFile> {
  const state = await syncStatus(ctx);
  // Changes made here and not yet at the centre would be out of sight in the old file: send them first.
  if (state.serverUrl && state.pending > 0) throw new AppError('conflict', `本机还有 ${state.pending} 项修改没有上传到中心，请先同步，再使用新的数据文件`);
  const dataDir = ctx.paths.dataDir;
  const name = freshName(dataDir, ctx.clock.now());
  const file = join(dataDir, name);
  const handle = openDatabase(file, ctx.databaseKey ? { key: ctx.databaseKey } : {});
  try {
    await migrateToLatest(handle, { backupDir: join(dataDir, 'backups') });
  } finally {
    await handle.close();
  }
  const temp = join(dataDir, `${DATA_FILE_POINTER}.tmp`);
  writeFileSync(temp, `${JSON.stringify({ file: basename(file) })}\n`, { mode: 0o600 });
  renameSync(temp, join(dataDir, DATA_FILE_POINTER));
  ctx.switchDataFile?.(file);
  return { databaseFile: file, previousFile: ctx.databaseFile };
}
