// A file a person chose, read into a SheetGrid: the format told from its bytes (a zip is .xlsx, an OLE
// container .xls, or an encrypted workbook; text is CSV in UTF-8, with or without BOM, or else GB18030),
// the first sheet with anything in it, and its cells reduced to what they are. Whatever SheetJS cannot
// read becomes one Chinese sentence; nothing is guessed.
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { AppError } from '../../../shared/result';
import type { SheetCell, SheetGrid, SheetMerge, SheetRow } from '../../../shared/import/sheet';
import { MAX_IMPORT_ROWS } from '../../../shared/import/rows';
import { unpackedZipSize } from './zip-size';

XLSX.set_cptable(cptable);

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** A roster has a dozen or two columns; a sheet wider than this is not one, and would cost memory per cell. */
export const MAX_IMPORT_COLUMNS = 256;
/** Merged ranges: a title and a header's groups, perhaps one per household; more is not a roster either. */
const MAX_MERGES = 20_000;
/** Rows read before the file is refused as too long: the data rows, and a margin for titles and headers. */
const ROWS_READ = MAX_IMPORT_ROWS + 200;
/** A 50,000-row workbook unpacks to well under this; more is a zip bomb or not a roster. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export type SpreadsheetFormat = 'xlsx' | 'xls' | 'csv';
export type ReadSpreadsheet = { format: SpreadsheetFormat; encoding: 'utf-8' | 'gb18030' | null; grid: SheetGrid };

const fileError = (message: string) => new AppError('validation', message);

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** What the bytes are, before any parser sees them: a PDF or picture named .xlsx is refused here. */
function sniff(bytes: Uint8Array): 'zip' | 'ole' | 'text' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw fileError('这个文件不是电子表格（既不是 Excel 的 .xlsx、.xls，也不是 CSV 文本），请选择从系统导出的表格文件');
  return 'text';
}

function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: what Chinese Excel writes for "CSV" is GBK, which GB18030 contains.
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw fileError('无法识别这个 CSV 文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030），请在 Excel 中另存为 .xlsx 后再导入');
    }
  }
}

function oleKind(bytes: Uint8Array): 'xls' | 'encrypted' | 'other' {
  let names: string[];
  try {
    names = XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    throw fileError('文件已损坏，无法读取；请重新从系统导出，或在 Excel 中打开后另存为 .xlsx');
  }
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) return 'encrypted';
  if (names.includes('Workbook') || names.includes('Book')) return 'xls';
  return 'other';
}

const tooManyRows = (what: string, rows: number) =>
  fileError(`${what}有 ${rows.toLocaleString('en-US')} 行，一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行；请按社区分成几个文件导入`);

const tooManyColumns = (what: string, columns: number) =>
  fileError(`${what}有 ${columns.toLocaleString('en-US')} 列，超过 ${MAX_IMPORT_COLUMNS} 列，不像是人员名单；请只保留需要导入的列`);

const encrypted = () => fileError('这个工作簿设置了打开密码（已加密），无法读取；请在 Excel 中打开，取消密码（“文件—信息—保护工作簿—用密码进行加密”清空）后另存，再导入');

function parse(bytes: Uint8Array): { workbook: XLSX.WorkBook; format: SpreadsheetFormat; encoding: 'utf-8' | 'gb18030' | null } {
  const kind = sniff(bytes);
  const options: XLSX.ParsingOptions = { dense: true, cellFormula: true, cellNF: true, cellDates: false, sheetRows: ROWS_READ + 1 };
  if (kind === 'text') {
    const { text, encoding } = decodeText(bytes);
    if (/^\s*</.test(text)) throw fileError('这个文件实际上是网页（HTML/XML）格式，不是真正的 Excel 表格；请用 Excel 打开后另存为 .xlsx 再导入');
    // SheetJS stops a CSV at sheetRows without saying how long it was: count the lines first.
    const lines = text.split('\n');
    const count = lines.length - (text.endsWith('\n') ? 1 : 0);
    if (count > ROWS_READ) throw tooManyRows('CSV 文件', count);
    // A separator per column at most (a quoted comma counts too, which only errs towards refusing).
    const widest = lines.reduce((w, line) => Math.max(w, line.split(',').length), 0);
    if (widest > MAX_IMPORT_COLUMNS * 4) throw tooManyColumns('CSV 文件', widest);
    // raw: every CSV cell stays the text it is, so an ID is never turned into a number on the way in.
    return { workbook: XLSX.read(text, { ...options, type: 'string', raw: true }), format: 'csv', encoding };
  }
  if (kind === 'zip') {
    const unpacked = unpackedZipSize(bytes, MAX_UNPACKED_BYTES);
    if (!unpacked.ok && unpacked.reason === 'corrupt') throw fileError('文件已损坏或不是 Excel 工作簿，无法读取；请重新从系统导出，或在 Excel 中打开后另存为 .xlsx');
    if (!unpacked.ok) throw fileError(`这个工作簿解压后超过 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB，远大于任何花名册，不予读取；请检查文件来源`);
  }
  if (kind === 'ole') {
    const ole = oleKind(bytes);
    if (ole === 'encrypted') throw encrypted();
    if (ole === 'other') throw fileError('这个文件不是 Excel 工作簿（可能是 Word 等其他 Office 文件），请选择表格文件');
  }
  try {
    return { workbook: XLSX.read(bytes, { ...options, type: 'buffer' }), format: kind === 'zip' ? 'xlsx' : 'xls', encoding: null };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(text)) throw encrypted();
    throw fileError(kind === 'zip' ? '文件已损坏或不是 Excel 工作簿，无法读取；请重新从系统导出，或在 Excel 中打开后另存为 .xlsx' : '文件已损坏，无法读取；请重新从系统导出，或在 Excel 中打开后另存为 .xlsx');
  }
}

function isoOfSerial(serial: number, date1904: boolean): string | null {
  const d = XLSX.SSF.parse_date_code(serial, { date1904 });
  if (!d || d.y < 1900) return null;
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

function cellOf(c: XLSX.CellObject | undefined, csv: boolean, date1904: boolean): SheetCell {
  if (!c) return { kind: 'empty' };
  if (typeof c.f === 'string' && c.f !== '' && !csv) return { kind: 'formula', formula: c.f };
  switch (c.t) {
    case 's':
    case 'str' as XLSX.ExcelDataType:
      return { kind: 'text', text: String(c.v ?? '') };
    case 'n': {
      const v = Number(c.v);
      if (typeof c.z === 'string' && XLSX.SSF.is_date(c.z)) {
        const iso = isoOfSerial(v, date1904);
        if (iso) return { kind: 'date', iso };
      }
      return { kind: 'number', value: v, shown: c.w ?? String(v) };
    }
    case 'd':
      return c.v instanceof Date ? { kind: 'date', iso: c.v.toISOString().slice(0, 10) } : { kind: 'text', text: String(c.v ?? '') };
    case 'b':
      return { kind: 'bool', value: Boolean(c.v) };
    case 'e':
      return { kind: 'error', shown: c.w ?? '#错误' };
    case 'z':
      return { kind: 'empty' };
    default:
      return { kind: 'text', text: String(c.v ?? '') };
  }
}

function gridOf(name: string, sheet: XLSX.WorkSheet, csv: boolean, date1904: boolean): SheetGrid {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: SheetRow[] = [];
  data.forEach((cells, r) => {
    if (!cells) return;
    const row = Array.from({ length: cells.length }, (_, c) => cellOf(cells[c], csv, date1904));
    if (row.some((c) => c.kind !== 'empty')) rows.push({ row: r + 1, cells: row });
  });
  const merges = ((sheet['!merges'] ?? []) as XLSX.Range[]).map((m): SheetMerge => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } }));
  return { name, rows, merges };
}

function rowCount(sheet: XLSX.WorkSheet): number {
  const ref = (sheet['!fullref'] as string | undefined) ?? sheet['!ref'];
  return ref ? XLSX.utils.decode_range(ref).e.r + 1 : 0;
}

/** Refuses a sheet too long, too wide or too merged before a cell of it is converted. */
function assertReadable(name: string, sheet: XLSX.WorkSheet): void {
  const data = (sheet['!data'] ?? []) as unknown[];
  // sheetRows stops SheetJS one row past the limit; a dimension tag may be missing or wrong, so count what was read.
  const total = Math.max(rowCount(sheet), data.length);
  if (total > ROWS_READ) throw tooManyRows(`工作表“${name}”`, total);
  let width = 0;
  for (const cells of data as (unknown[] | undefined)[]) if (cells && cells.length > width) width = cells.length;
  if (width > MAX_IMPORT_COLUMNS) throw tooManyColumns(`工作表“${name}”`, width);
  if (((sheet['!merges'] ?? []) as unknown[]).length > MAX_MERGES) throw fileError(`工作表“${name}”有超过 ${MAX_MERGES.toLocaleString('en-US')} 处合并单元格，不像是人员名单；请取消合并后另存再导入`);
}

/** Reads the file's first sheet that holds anything, or refuses the file as a whole with the reason. */
export function readSpreadsheet(bytes: Uint8Array): ReadSpreadsheet {
  if (bytes.length === 0) throw fileError('文件是空的（0 字节），请重新导出');
  if (bytes.length > MAX_IMPORT_BYTES) throw fileError(`文件有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过导入上限 20 MB；请按社区分成几个文件导入`);
  const { workbook, format, encoding } = parse(bytes);
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    assertReadable(name, sheet);
    // A workbook from Excel for Mac may count its dates from 1904: the same serial is four years later.
    const grid = gridOf(name, sheet, format === 'csv', Boolean(workbook.Workbook?.WBProps?.date1904));
    if (grid.rows.length > 0) return { format, encoding, grid };
  }
  throw fileError(workbook.SheetNames.length > 1 ? '工作簿中所有工作表都是空的，没有可导入的内容' : '工作表是空的，没有可导入的内容');
}
