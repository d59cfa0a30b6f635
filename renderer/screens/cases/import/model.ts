// What the import screen works out for itself, kept out of the components so it can be tested in Node:
// the size limit (checked before a byte is read: a 200 MB file read into base64 would stall the window
// for nothing), the file's bytes as base64 for imports.check, the columns a mapping starts from, and the
// refusals as the table shows them.
import { importFieldHeaders, importFields, type ImportColumns, type ImportField } from '../../../../shared/import/fields';
import { headerKey } from '../../../../shared/import/layout';
import { suggestColumns } from '../../../../shared/import/suggest';
import type { ImportProgress, ImportReport, RowRefusal } from '../../../../shared/import/report';

/** The service's limit (electron/backend/spreadsheet/workbook-read.ts MAX_IMPORT_BYTES). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Refusals the table lists; the full list is the downloaded workbook. */
export const SHOWN_REFUSALS = 500;

const number = (n: number) => n.toLocaleString('en-US');

/** The refusal of a file too large to read, or null. */
export function sizeProblem(fileName: string, bytes: number): string | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  return `“${fileName}”有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过导入上限 20 MB，未读取；请按社区分成几个文件导入`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The base64 part of a data: URL as FileReader.readAsDataURL gives it. The browser encodes the file off
 * the main thread; encoding 20 MB in script would hold the window still for seconds.
 */
export function base64OfDataUrl(url: string): string {
  const comma = url.indexOf(',');
  // An empty file reads as "data:" with nothing after it.
  return comma < 0 ? '' : url.slice(comma + 1);
}

export function formatLabel(report: Pick<ImportReport, 'format' | 'encoding'>): string {
  switch (report.format) {
    case 'xlsx':
      return 'Excel 工作簿（.xlsx）';
    case 'xls':
      return 'Excel 97-2003 工作簿（.xls）';
    case 'csv':
      return `CSV 文本（${report.encoding === 'gb18030' ? 'GBK' : 'UTF-8'} 编码）`;
    default: {
      const never: never = report.format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** A field's chosen column: a header of the file, or '' while none is chosen. */
export type ColumnChoice = Record<ImportField, string>;

/**
 * Where the mapping starts: each field on the column a saved mapping names when the file has it, else on
 * the file's column that looks like the field (its own header, or a name the provincial system gives it,
 * compared as the service compares headers), else on nothing. The person confirms every choice.
 */
export function initialColumns(headers: readonly string[], from?: ImportColumns): ColumnChoice {
  const byKey = new Map(headers.map((h) => [headerKey(h), h] as const));
  const guess = suggestColumns(headers);
  return Object.fromEntries(importFields.map((f) => [f, (from ? byKey.get(headerKey(from[f])) : undefined) ?? guess[f]])) as ColumnChoice;
}

/** The choice as it stands against these headers: a column the file does not have counts as none. */
export function choiceFor(columns: ColumnChoice, headers: readonly string[]): ColumnChoice {
  const present = new Set(headers);
  return Object.fromEntries(importFields.map((f) => [f, present.has(columns[f]) ? columns[f] : ''])) as ColumnChoice;
}

/** The columns to send, once every field has one. */
export function completeColumns(columns: ColumnChoice): ImportColumns | null {
  return importFields.every((f) => columns[f] !== '') ? columns : null;
}

/** A field's name as the person sees it (the service's `unmapped` lists field keys). */
export function fieldLabel(field: string): string {
  return field in importFieldHeaders ? importFieldHeaders[field as ImportField] : field;
}

/** The fields no column is chosen for, each with the message shown at its select. */
export function unchosenColumns(columns: ColumnChoice): Partial<Record<ImportField, string>> {
  return Object.fromEntries(importFields.filter((f) => columns[f] === '').map((f) => [f, `请为“${importFieldHeaders[f]}”选择一列`]));
}

/** The spreadsheet rows refused (a file-wide refusal, row 0, is not a row). */
export function refusedRowCount(refused: readonly RowRefusal[]): number {
  return new Set(refused.filter((r) => r.row > 0).map((r) => r.row)).size;
}

/** The refusals by row (the service's order within a row kept), the first `limit` of them, and how many more. */
export function refusalsShown(refused: readonly RowRefusal[], limit = SHOWN_REFUSALS): { shown: RowRefusal[]; more: number } {
  const sorted = refused.map((r, i) => ({ r, i })).sort((a, b) => a.r.row - b.r.row || a.i - b.i).map((x) => x.r);
  return { shown: sorted.slice(0, limit), more: Math.max(0, sorted.length - limit) };
}

/** What the bar says: reading, checking or writing, rows done of the total. */
export function progressText(p: ImportProgress | null, reading: boolean): string {
  if (reading || !p || p.phase === 'read' || p.total === 0) return '正在读取文件…';
  return `${p.phase === 'write' ? '已导入' : '已检查'} ${number(p.done)} / ${number(p.total)} 行`;
}

export function progressPercent(p: ImportProgress | null): number | null {
  if (!p || p.phase === 'read' || p.total === 0) return null;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}
