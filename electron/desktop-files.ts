// Which files the desktop channels may touch: only regular files the app wrote into its export folder,
// of the kinds it writes. The renderer names a path; main resolves links and refuses anything outside.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, relative, resolve, isAbsolute } from 'node:path';
import { AppError } from '../shared/result';

// .html is verify.html, which 打开 shows in the system browser to check the published files there;
// .xlsx the spreadsheet exports and the import template, which 打开 hands to Excel or WPS.
export const exportedKinds = ['.pdf', '.csv', '.json', '.txt', '.html', '.xlsx'] as const;

export function exportedFile(exportDir: string, file: string): string {
  const full = resolve(exportDir, file);
  if (!existsSync(full)) throw new AppError('not-found', `文件不存在：${file}`);
  const real = realpathSync(full);
  const inside = relative(realpathSync(exportDir), real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new AppError('forbidden', '只能打开本程序导出文件夹中的文件');
  if (!statSync(real).isFile()) throw new AppError('forbidden', '不是文件');
  if (!(exportedKinds as readonly string[]).includes(extname(real).toLowerCase())) throw new AppError('forbidden', '不支持打开这种文件');
  return real;
}
