// Reading an exported workbook back as Excel would: with @e965/xlsx, dates as dates, formats kept.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';

export type ReadSheet = { headers: string[]; rows: Record<string, XLSX.CellObject | undefined>[] };

export function readWorkbook(path: string): XLSX.WorkBook {
  return XLSX.read(readFileSync(path), { type: 'buffer', cellDates: true, cellNF: true, cellFormula: true });
}

/** A sheet as its header texts and, per data row, each header's cell (undefined where empty). */
export function readSheet(path: string, sheet?: string): ReadSheet {
  const wb = readWorkbook(path);
  const ws = wb.Sheets[sheet ?? wb.SheetNames[0]!]!;
  const range = XLSX.utils.decode_range(ws['!ref']!);
  const cell = (r: number, c: number) => ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
  const headers: string[] = [];
  for (let c = range.s.c; c <= range.e.c; c++) headers.push(String(cell(0, c)?.v ?? ''));
  const rows: ReadSheet['rows'] = [];
  for (let r = 1; r <= range.e.r; r++) rows.push(Object.fromEntries(headers.map((h, c) => [h, cell(r, c)])));
  return { headers, rows };
}

/** One part of the file's zip (e.g. xl/sharedStrings.xml), as written. */
export function partXml(path: string, part: string): string {
  const zip = XLSX.CFB.read(readFileSync(path), { type: 'buffer' });
  const entry = XLSX.CFB.find(zip, `/${part}`) as { content: Uint8Array } | null;
  if (!entry) throw new Error(`${path} has no ${part}`);
  return Buffer.from(entry.content).toString('utf8');
}

/** The XML of the k-th worksheet, as written. */
export const worksheetXml = (path: string, k = 1) => partXml(path, `xl/worksheets/sheet${k}.xml`);

/** A cell's value as text ('' where empty). */
export const textOf = (cell: XLSX.CellObject | undefined) => (cell === undefined ? '' : String(cell.v));
