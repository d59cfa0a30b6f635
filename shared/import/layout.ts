// Where the data is in a sheet: the header row (below any title rows, the lower row of a two-row header
// whose single columns are merged down from the row above), each field's column by its header text, and
// the labels a mapping can pick from. Headers are compared after NFKC folding and with spaces and line
// breaks removed, so 家庭月总收入(元) and 家庭月总收入（元） are the same header.
import { importFieldHeaders, importFields, type ImportColumns, type ImportField } from './fields';
import { cellAt, cellText, type SheetGrid, type SheetMerge, type SheetRow } from './sheet';

/** How many rows from the top may hold titles and headers. */
const HEADER_SEARCH_ROWS = 30;

export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

export type SheetLayout = {
  /** The spreadsheet's row number of the (last) header row. */
  headerRow: number;
  /** Index into grid.rows of the first row after the headers. */
  firstDataIndex: number;
  /** Each column's header label (qualified by its group where two columns share a name), '' where none. */
  labels: string[];
  /** Each field's column index, for the fields found. */
  columnOf: Partial<Record<ImportField, number>>;
  unmapped: ImportField[];
};

function mergeAt(merges: readonly SheetMerge[], r: number, c: number): SheetMerge | undefined {
  return merges.find((m) => m.s.r <= r && r <= m.e.r && m.s.c <= c && c <= m.e.c);
}

/** The header text of a cell, taking a merged range's value where the cell lies inside one. */
function headerTextAt(grid: SheetGrid, rowByNumber: Map<number, SheetRow>, rowNumber: number, c: number): string {
  const own = cellText(cellAt(rowByNumber.get(rowNumber), c));
  if (own !== '') return own;
  const m = mergeAt(grid.merges, rowNumber - 1, c);
  return m ? cellText(cellAt(rowByNumber.get(m.s.r + 1), m.s.c)) : '';
}

function labelsOfRow(grid: SheetGrid, rowByNumber: Map<number, SheetRow>, rowNumber: number, width: number): string[] {
  const own = Array.from({ length: width }, (_, c) => headerTextAt(grid, rowByNumber, rowNumber, c));
  const counts = new Map<string, number>();
  for (const t of own) if (t !== '') counts.set(headerKey(t), (counts.get(headerKey(t)) ?? 0) + 1);
  // A name under two groups (户主 / 成员 each with 姓名) is told apart by the group above it.
  return own.map((t, c) => {
    if (t === '' || (counts.get(headerKey(t)) ?? 0) < 2) return t;
    const group = headerTextAt(grid, rowByNumber, rowNumber - 1, c);
    return group && headerKey(group) !== headerKey(t) ? `${group}/${t}` : t;
  });
}

function widthOf(grid: SheetGrid): number {
  let w = 0;
  for (const r of grid.rows) w = Math.max(w, r.cells.length);
  for (const m of grid.merges) w = Math.max(w, m.e.c + 1);
  return w;
}

function locate(labels: readonly string[], columns: ImportColumns): Partial<Record<ImportField, number>> {
  const keys = labels.map(headerKey);
  const out: Partial<Record<ImportField, number>> = {};
  for (const f of importFields) {
    const want = headerKey(columns[f]);
    const i = keys.indexOf(want);
    if (i >= 0) out[f] = i;
  }
  return out;
}

/**
 * The layout for these columns: the header row is the one among the top rows where most of the fields'
 * headers are found. With none found at all, the row that looks most like a header (the most distinct
 * texts, so not a title merged across) is offered for mapping.
 */
export function findLayout(grid: SheetGrid, columns: ImportColumns): SheetLayout | null {
  const top = grid.rows.slice(0, HEADER_SEARCH_ROWS);
  if (top.length === 0) return null;
  // Only merges reaching into the top rows can shape a header; a merge per household below costs nothing then.
  const last = top[top.length - 1]!.row;
  grid = { ...grid, merges: grid.merges.filter((m) => m.s.r < last) };
  const rowByNumber = new Map(grid.rows.map((r) => [r.row, r]));
  const width = widthOf(grid);
  let best: { index: number; found: number; distinct: number; labels: string[] } | null = null;
  for (const [index, r] of top.entries()) {
    const labels = labelsOfRow(grid, rowByNumber, r.row, width);
    const found = Object.keys(locate(labels, columns)).length;
    const distinct = new Set(labels.filter(Boolean).map(headerKey)).size;
    const better = !best || found > best.found || (found === best.found && found === 0 && distinct > best.distinct);
    if (better) best = { index, found, distinct, labels };
  }
  if (!best) return null;
  const columnOf = locate(best.labels, columns);
  return {
    headerRow: top[best.index]!.row,
    firstDataIndex: best.index + 1,
    labels: best.labels,
    columnOf,
    unmapped: importFields.filter((f) => columnOf[f] === undefined),
  };
}

export function fieldHeader(field: ImportField): string {
  return importFieldHeaders[field];
}
