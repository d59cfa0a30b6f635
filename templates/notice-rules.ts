// The rules (表格线) of a long notice table, drawn once per page instead of per cell. pdfmake draws 13
// line segments for every row of a six-column table, each with its own line state, which cost about a
// tenth of a 5,000-row render. A table given `ruledPerPage` keeps pdfmake's geometry (the rule widths
// are still reserved, `defaultBorder: false` only stops the drawing), and the page footer, which
// pdfmake lays out after the content, draws the same rules from where the cells' lines landed: one
// horizontal rule per row boundary and one vertical rule per column edge on each page.
//
// The geometry follows pdfmake 0.3's TableProcessor: a row is [rule, padding, lines, padding], the
// rule under it starts where its bottom padding ends, rules are stroked along their centre, horizontal
// rules span the cells (0 … Σ widths) and vertical rules the rows they border, rule tops included.
import type { CanvasLine, TableCell } from 'pdfmake/interfaces';

/** Where pdfmake recorded one laid-out line of a cell (the fields read here). */
type LinePosition = { pageNumber: number; top: number };
type PlacedCell = { positions?: LinePosition[] };

export type RuledTable = {
  /** The body as given to pdfmake: pdfmake turns every cell into an object in place and records its lines. */
  body: TableCell[][];
  /** Column edges from the table's left edge, as pdfmake's rowSpanData: 0, then each column's padding + rule + width. */
  edges: number[];
  /** The table's left edge on the page (the page margin: notice tables have no horizontal margin). */
  left: number;
  rule: number;
  padTop: number;
  padBottom: number;
};

type PageRules = { top: number; rows: number[]; bottom: number };

const lines = (cell: TableCell): LinePosition[] => (cell as PlacedCell).positions ?? [];

/** The height of one body line: two lines of one cell on a page, or two one-line rows one after the other. */
function bodyLineHeight(t: RuledTable): number {
  for (const row of t.body.slice(1)) {
    for (const cell of row) {
      const p = lines(cell);
      if (p.length > 1 && p[0]!.pageNumber === p[1]!.pageNumber && p[1]!.top > p[0]!.top) return p[1]!.top - p[0]!.top;
    }
  }
  for (let r = 1; r + 1 < t.body.length; r++) {
    const a = t.body[r]!;
    const b = lines(t.body[r + 1]![0]!)[0];
    const first = lines(a[0]!)[0];
    if (first && b && first.pageNumber === b.pageNumber && a.every((c) => lines(c).length === 1)) {
      return b.top - first.top - t.padBottom - t.rule - t.padTop;
    }
  }
  throw new Error('notice rules: the table has no two lines on one page to measure');
}

/** Per page: the table's top, the bottom of each row's part on that page, and the last of them. */
function layoutRules(t: RuledTable): Map<number, PageRules> {
  const lineHeight = bodyLineHeight(t);
  const headerFirst = lines(t.body[0]![0]!)[0];
  const firstRow = lines(t.body[1]![0]!)[0];
  if (!headerFirst || !firstRow) throw new Error('notice rules: the table was not laid out');
  // Header block: top rule, padding, its lines, padding, the rule under it. The header row is laid out
  // in an unbreakable block (so that it can repeat), and pdfmake records its lines at the block's top.
  const headerTop = headerFirst.top;
  const headerBlock = firstRow.top - t.padTop - headerTop;
  const pages = new Map<number, PageRules>();
  for (const row of t.body.slice(1)) {
    // The lowest line of the row on each page it reaches (a wrapping cell may continue overleaf).
    const lowest = new Map<number, number>();
    for (const cell of row) {
      for (const p of lines(cell)) lowest.set(p.pageNumber, Math.max(lowest.get(p.pageNumber) ?? -Infinity, p.top));
    }
    for (const [page, top] of lowest) {
      const bottom = top + lineHeight + t.padBottom;
      const entry = pages.get(page);
      if (entry) {
        entry.rows.push(bottom);
        entry.bottom = Math.max(entry.bottom, bottom);
      } else {
        // A page's part of the table starts with the header (repeated at the top of each later page).
        const rowTop = Math.min(...row.flatMap((c) => lines(c).filter((p) => p.pageNumber === page).map((p) => p.top)));
        const top = rowTop - t.padTop - headerBlock;
        pages.set(page, { top, rows: [top + headerBlock - t.rule, bottom], bottom });
      }
    }
  }
  return pages;
}

/**
 * Draws the rules of the given tables on each page, for the page footer: `current` is the page (from 1),
 * `origin` the y at which pdfmake places the footer (the page height less the bottom margin), which
 * canvas coordinates are relative to.
 */
export function pageRules(tables: RuledTable[]): (current: number, origin: number) => CanvasLine[] {
  let byPage: Map<number, { t: RuledTable; rules: PageRules }[]> | null = null;
  return (current, origin) => {
    // pdfmake lays the footers out after all content, page 1 first: the positions are complete then.
    if (current === 1 || byPage === null) {
      byPage = new Map();
      for (const t of tables) {
        for (const [page, rules] of layoutRules(t)) byPage.set(page, [...(byPage.get(page) ?? []), { t, rules }]);
      }
    }
    const out: CanvasLine[] = [];
    for (const { t, rules } of byPage.get(current) ?? []) {
      const half = t.rule / 2;
      const x0 = t.left;
      const x1 = t.left + t.edges[t.edges.length - 1]!;
      const h = (y: number): CanvasLine => ({ type: 'line', x1: x0, y1: y + half - origin, x2: x1, y2: y + half - origin, lineWidth: t.rule });
      out.push(h(rules.top));
      for (const y of rules.rows) out.push(h(y));
      for (const e of t.edges) {
        const x = t.left + e + half;
        out.push({ type: 'line', x1: x, y1: rules.top - origin, x2: x, y2: rules.bottom + t.rule - origin, lineWidth: t.rule });
      }
    }
    return out;
  };
}
