// A sheet as the importer sees it, whatever file it came from: rows numbered as the spreadsheet shows them,
// each cell reduced to what it is (text, a number with the text Excel shows for it, a date, a formula, an
// error), and the merged ranges. The backend builds it from SheetJS; everything after is pure.

export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** `shown` is what the spreadsheet displays (4.30188E+17 for an ID stored as a number). */
  | { kind: 'number'; value: number; shown: string }
  | { kind: 'date'; iso: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; shown: string };

export type SheetRow = {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  /** By column index, 0 = A. */
  cells: readonly SheetCell[];
};

/** A merged range, 0-based inclusive rows (r) and columns (c), as SheetJS gives them. */
export type SheetMerge = { s: { r: number; c: number }; e: { r: number; c: number } };

export type SheetGrid = { name: string; rows: readonly SheetRow[]; merges: readonly SheetMerge[] };

export const emptyCell: SheetCell = { kind: 'empty' };

export function cellAt(row: SheetRow | undefined, column: number): SheetCell {
  return row?.cells[column] ?? emptyCell;
}

/** The cell's text for matching headers and spotting totals rows; '' for what is not text-like. */
export function cellText(cell: SheetCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return cell.shown.trim();
    case 'date':
      return cell.iso;
    case 'bool':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'formula':
    case 'error':
    case 'empty':
      return '';
    default: {
      const never: never = cell;
      return never;
    }
  }
}

export function isBlank(cell: SheetCell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
