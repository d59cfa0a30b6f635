// The refused rows of a check as a workbook, to hand back to whoever keyed the file: row, column, reason.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { ImportReport } from '../../../shared/import/report';
import type { SavedFile } from '../../../shared/saved-file';
import type { BackendContext } from '../context';

function safeStem(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || '导入文件';
}

export function writeRefusals(ctx: BackendContext, report: ImportReport): SavedFile {
  const rows = report.refused.map((r) => [r.row === 0 ? '（整个文件）' : r.row, r.column, r.message]);
  const sheet = XLSX.utils.aoa_to_sheet([['行号', '列', '原因'], ...rows]);
  sheet['!cols'] = [{ wch: 8 }, { wch: 20 }, { wch: 90 }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '不能导入的行');
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  const fileName = `导入检查-${safeStem(report.fileName)}-${report.sha256.slice(0, 8)}.xlsx`;
  mkdirSync(ctx.paths.exportDir, { recursive: true });
  const path = join(ctx.paths.exportDir, fileName);
  writeFileSync(path, bytes);
  return { fileName, path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), rows: rows.length };
}
