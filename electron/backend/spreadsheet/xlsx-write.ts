// The one .xlsx writer every export uses (and the importer's refusal list): sheets of typed columns, so
// that what staff open in Excel or WPS behaves as the data means it. SheetJS Community Edition
// (@e965/xlsx) builds the workbook; we add the two things it does not write, a frozen header row and
// column formats.
//
// - text: a shared-string cell (t 's') in the Text format (@), never a formula, so an 18-digit ID keeps
//   every digit (a number cell would round it to 15 significant digits) and a name typed as "=…" stays a
//   name; the whole column is formatted as Text too, so an ID typed into it later stays text;
// - yuan: money arrives in fen and is written as a number of 元 (fen / 100) shown with two decimals;
// - integer: a plain number;
// - date: an ISO date written as Excel's day serial with a yyyy-mm-dd format, so it sorts and filters as a date.
//
// The bytes depend only on the sheets: no creation date, and SheetJS's zip carries no file times, so the
// same data exports to the same SHA-256.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { SavedFile } from '../../../shared/saved-file';
import { writePrivateFile } from '../pdf/print';

export type ColumnKind = 'text' | 'yuan' | 'integer' | 'date';

/** A column: its Chinese header, its width in characters (Excel's wch), and what its cells hold. */
export type Column = { header: string; width: number; kind: ColumnKind };

/** text: a string; yuan: whole fen; integer: a whole number; date: YYYY-MM-DD; null: an empty cell. */
export type Cell = string | number | null;

export type Sheet = { name: string; columns: readonly Column[]; rows: readonly (readonly Cell[])[] };

/** A column with the way to read its cell from a row: an export is a query and a list of these. */
export type Field<Row> = Column & { value: (row: Row) => Cell };

export function tableSheet<Row>(name: string, fields: readonly Field<Row>[], rows: readonly Row[]): Sheet {
  return { name, columns: fields.map(({ header, width, kind }) => ({ header, width, kind })), rows: rows.map((r) => fields.map((f) => f.value(r))) };
}

export const TEXT_FORMAT = '@';
export const YUAN_FORMAT = '0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system as it counts from March 1900 on (its phantom 29 February 1900 included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** 2026-11-05 → 46331, the day serial Excel and WPS store for that date. */
export function excelDateSerial(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) throw new Error(`not an ISO date: ${isoDate}`);
  return (ms - EXCEL_EPOCH_MS) / DAY_MS;
}

const refused = (column: Column, value: Cell) => new Error(`column ${column.header} (${column.kind}) cannot hold ${JSON.stringify(value)}`);

/** One cell; `dates` keeps the serials already computed, as a column of dates repeats a few days. */
function cellOf(column: Column, value: Cell, dates: Map<string, number>): XLSX.CellObject | undefined {
  if (value === null) return undefined;
  switch (column.kind) {
    case 'text':
      return { t: 's', v: String(value), z: TEXT_FORMAT };
    case 'yuan':
      if (!Number.isSafeInteger(value)) throw refused(column, value);
      return { t: 'n', v: (value as number) / 100, z: YUAN_FORMAT };
    case 'integer':
      if (!Number.isSafeInteger(value)) throw refused(column, value);
      return { t: 'n', v: value as number };
    case 'date': {
      if (typeof value !== 'string') throw refused(column, value);
      let serial = dates.get(value);
      if (serial === undefined) dates.set(value, (serial = excelDateSerial(value)));
      return { t: 'n', v: serial, z: DATE_FORMAT };
    }
    default: {
      const never: never = column.kind;
      throw new Error(`unknown column kind ${String(never)}`);
    }
  }
}

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new Error(`not a valid sheet name: ${name}`);
}

function worksheetOf(sheet: Sheet): XLSX.WorkSheet {
  const { columns } = sheet;
  // A text column's header carries the Text format, so the workbook's styles have it for the column.
  const data: (XLSX.CellObject | undefined)[][] = [columns.map((c): XLSX.CellObject => (c.kind === 'text' ? { t: 's', v: c.header, z: TEXT_FORMAT } : { t: 's', v: c.header }))];
  const dates = new Map<string, number>();
  for (const [r, row] of sheet.rows.entries()) {
    if (row.length !== columns.length) throw new Error(`row ${r + 1} of ${sheet.name} has ${row.length} cells for ${columns.length} columns`);
    const cells: (XLSX.CellObject | undefined)[] = new Array(columns.length);
    for (let k = 0; k < columns.length; k++) cells[k] = cellOf(columns[k]!, row[k]!, dates);
    data.push(cells);
  }
  const range = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: sheet.rows.length, c: Math.max(0, columns.length - 1) } });
  // SheetJS's dense form (rows of cells rather than one key per address) writes the same XML, faster. A
  // filter button on every header: the first thing staff do with a list is narrow it.
  return { '!data': data, '!ref': range, '!cols': columns.map((c) => ({ wch: c.width })), '!autofilter': { ref: range } } as XLSX.WorkSheet;
}

/** What SheetJS writes as each worksheet's view, and the same view with the header row frozen. */
export const PLAIN_SHEET_VIEW = '<sheetView workbookViewId="0"/>';
export const FROZEN_SHEET_VIEW =
  '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

type ZipEntry = { content: Uint8Array; size: number };
type Zip = { readonly FullPaths: readonly string[] };
/** The part of SheetJS's bundled zip library (CFB) used here; its typings declare it as any. */
const zipLib = XLSX.CFB as {
  read(data: Buffer, options: { type: 'buffer' }): Zip;
  find(zip: Zip, path: string): ZipEntry | null;
  write(zip: Zip, options: { fileType: 'zip'; type: 'buffer'; compression: boolean }): Buffer;
};

function entryOf(zip: Zip, path: string): ZipEntry {
  const entry = zipLib.find(zip, `/${path}`);
  if (!entry) throw new Error(`the written workbook has no ${path}`);
  return entry;
}

const textOf = (entry: ZipEntry) => Buffer.from(entry.content).toString('utf8');

function replaceText(entry: ZipEntry, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  entry.content = bytes;
  entry.size = bytes.length;
}

/** The index in styles.xml's cellXfs of the style with the Text number format (49), or null. */
function textStyleIndex(zip: Zip): number | null {
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(textOf(entryOf(zip, 'xl/styles.xml')))?.[1] ?? '';
  const k = (xfs.match(/<xf\b[^>]*>/g) ?? []).findIndex((xf) => xf.includes('numFmtId="49"'));
  return k < 0 ? null : k;
}

/**
 * SheetJS CE writes neither freeze panes nor column styles, so each worksheet's XML is edited in the
 * written zip: the view gets a frozen first row, and each text column's <col> the Text style. If a later
 * SheetJS writes these elements differently this throws, rather than quietly leaving them out.
 */
function finishWorksheets(xlsx: Buffer, sheets: readonly Sheet[]): Buffer {
  const zip = zipLib.read(xlsx, { type: 'buffer' });
  const textStyle = textStyleIndex(zip);
  sheets.forEach((sheet, k) => {
    const entry = entryOf(zip, `xl/worksheets/sheet${k + 1}.xml`);
    let xml = textOf(entry);
    if (!xml.includes(PLAIN_SHEET_VIEW)) throw new Error(`sheet ${k + 1}: SheetJS no longer writes ${PLAIN_SHEET_VIEW}; update finishWorksheets`);
    xml = xml.replace(PLAIN_SHEET_VIEW, FROZEN_SHEET_VIEW);
    sheet.columns.forEach((column, c) => {
      if (column.kind !== 'text') return;
      const col = new RegExp(`<col min="${c + 1}" max="${c + 1}" `);
      if (textStyle === null || !col.test(xml)) throw new Error(`sheet ${k + 1}: no <col> or Text style for column ${c + 1}; update finishWorksheets`);
      xml = xml.replace(col, `<col min="${c + 1}" max="${c + 1}" style="${textStyle}" `);
    });
    replaceText(entry, xml);
  });
  return zipLib.write(zip, { fileType: 'zip', type: 'buffer', compression: true });
}

/** The workbook's bytes: one worksheet per sheet, in order, each with its header row frozen. */
export function writeWorkbook(sheets: readonly Sheet[], title: string): Buffer {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const wb = XLSX.utils.book_new();
  for (const sheet of sheets) {
    checkSheetName(sheet.name);
    XLSX.utils.book_append_sheet(wb, worksheetOf(sheet), sheet.name);
  }
  // No dates among the properties: the same data gives the same bytes.
  wb.Props = { Title: title, Author: '联审联批工作台' };
  // Stored, not deflated: the zip is opened again to finish the worksheets, and compressed once, then.
  const written = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: false }) as Buffer;
  return finishWorksheets(written, sheets);
}

/** What a written workbook is to its caller; `rows` counts the first sheet's data rows. */
export function savedFileOf(path: string, bytes: Buffer, sheets: readonly Sheet[]): SavedFile {
  return { fileName: basename(path), path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), rows: sheets[0]!.rows.length };
}

/** Writes the workbook to `path`, readable by the OS user only, and says what was written. */
export function saveWorkbook(path: string, sheets: readonly Sheet[], title: string): SavedFile {
  const bytes = writeWorkbook(sheets, title);
  writePrivateFile(path, bytes);
  return savedFileOf(path, bytes, sheets);
}
