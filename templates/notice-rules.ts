// The rules (表格线) of a long notice table, drawn once per page by the page footer, which pdfmake lays
// out after the content. A long table is one pdfmake row under the header whose cells are whole columns,
// one line per household (templates/notice.ts), so pdfmake draws no rule between households: here one
// horizontal rule goes under each household's last line and one vertical rule along each column edge,
// per page, instead of 13 segments a row each with its own line state.
//
// The geometry is pdfmake 0.3's TableProcessor's for a row of its own: a rule, padding, the lines,
// padding. pdfmake records on the first column's cell where each of its lines landed; a household's last
// line is `lineHeight` times the font's line box, and that extra room holds the padding, the rule and
// the next row's padding. Rules are stroked along their centre, horizontal rules span the columns
// (0 … Σ widths) and vertical rules the rows they border, rule tops included.
import type { CanvasLine, TableCell } from 'pdfmake/interfaces';

/** Where pdfmake recorded one laid-out line of a cell (the fields read here). */
type LinePosition = { pageNumber: number; top: number };
type PlacedCell = { positions?: LinePosition[] };

export type RuledTable = {
  /** The first column's cell as given to pdfmake, which records on it where each line landed. */
  column: TableCell;
  /** The header's cells: where the table starts on its first page. */
  header: TableCell[];
  /** For each line of the column, whether it is the last line of a household's row. */
  rowEnds: boolean[];
  /** The height of a row's last line, as a multiple of the font's line box (the other lines are 1). */
  lineHeight: number;
  /** Column edges from the table's left edge, as pdfmake's rowSpanData: 0, then each column's padding + rule + width. */
  edges: number[];
  /** The table's left edge on the page (the page margin: notice tables have no horizontal margin). */
  left: number;
  /** The top of the type area, where the table starts on the pages it continues on. */
  pageTop: number;
  rule: number;
  padTop: number;
};

/** Per page, the top edges of the rules: the table's top, each horizontal rule, and the last of them. */
type PageRules = { top: number; rows: number[]; bottom: number };

const lines = (cell: TableCell): LinePosition[] => (cell as PlacedCell).positions ?? [];

/** The font's line box, from two lines of the column on one page. */
function lineBox(t: RuledTable, placed: LinePosition[]): number {
  for (let k = 0; k + 1 < placed.length; k++) {
    const [a, b] = [placed[k]!, placed[k + 1]!];
    if (a.pageNumber === b.pageNumber && b.top > a.top) return (b.top - a.top) / (t.rowEnds[k] ? t.lineHeight : 1);
  }
  throw new Error('notice rules: the table has no two lines on one page to measure');
}

function layoutRules(t: RuledTable): Map<number, PageRules> {
  const placed = lines(t.column);
  const headerFirst = t.header.map((cell) => lines(cell)[0]).reduce<LinePosition | undefined>((a, b) => (a && b && a.top <= b.top ? a : b ?? a), undefined);
  if (!headerFirst || placed.length !== t.rowEnds.length) throw new Error('notice rules: the table was not laid out line by line');
  const box = lineBox(t, placed);
  // The rule sits in the middle of the room below a row's last line.
  const below = box + (box * (t.lineHeight - 1) - t.rule) / 2;
  const pages = new Map<number, PageRules>();
  placed.forEach((p, k) => {
    let page = pages.get(p.pageNumber);
    if (!page) {
      // pdfmake lays the header out as an unbreakable block (so that it can repeat) and records its
      // lines at the block's top, which is the table's.
      const top = p.pageNumber === headerFirst.pageNumber ? headerFirst.top : t.pageTop;
      // Under the header: a row's own rule and padding above the page's first line.
      page = { top, rows: [p.top - t.padTop - t.rule], bottom: 0 };
      pages.set(p.pageNumber, page);
    }
    const lastOnPage = placed[k + 1]?.pageNumber !== p.pageNumber;
    // A household's row ends here, or the page does in the middle of one (a name wrapping overleaf).
    if (t.rowEnds[k] || lastOnPage) {
      page.rows.push(p.top + below);
      page.bottom = p.top + below;
    }
  });
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
