// 公示: the notice of proposed approvals (拟审核确认对象公示, one community or every community of a street
// in one file, each on its own pages) and the standing list of current recipients (长期公示). Laid out
// after GB/T 9704 for posting on a community notice board: 2号 title, 3号 lead, a 小四 table whose header
// repeats on every page, how to object, then the issuer and date.
//
// Privacy (DESIGN.md §2, §9): only the fields of a NoticeRow reach the page, and names arrive masked.
// Speed: a standing list may hold thousands of rows, so a long table is laid out a column at a time (one
// text per column, a line per household, rules drawn per page) with one style set on the table.
import type { Content, ContentTable, ContentText, ContextPageSize, DynamicContent, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { NoticeDocument, NoticeRow, NoticeSection } from '../shared/notice';
import { objectionSentence } from '../shared/notice-text';
import { caseCategoryLabels, caseKindLabels } from '../shared/glossary';
import { addDays, daysBetween, formatChineseDate } from '../shared/dates';
import { formatYuan } from '../shared/money';
import { fontFamilies } from './fonts';
import { pageRules, type RuledTable } from './notice-rules';
import { gbDocument, gbPageMargins, pageFooter, pt, zihao } from './page';

/** Width of the type area (版心), 156 mm. */
const TYPE_AREA = pt(156);
/** Table text: 小四, large enough to read on a notice board. */
const CELL_SIZE = zihao.小四;
const CELL_LINE_HEIGHT = 1;
/** Line box of the bundled 黑体-style font (ascender + descender), in em. */
const HEADER_LINE_BOX = 1.448;
const PAD_X = 2.5;
const PAD_Y = 2.5;
const RULE = 0.5;
/** Line box of the bundled 仿宋-style body font (Noto Serif CJK: ascender + descender), in em. */
const BODY_LINE_BOX = 1.437;
/**
 * The last line of a household's row in a long table, as a multiple of the font's line: with the
 * bundled font exactly the padding, rule and padding of a row of its own (a little less with a font
 * whose lines are lower, such as 仿宋_GB2312).
 */
const LONG_ROW_LINE_HEIGHT = (BODY_LINE_BOX * CELL_SIZE + 2 * PAD_Y + RULE) / (BODY_LINE_BOX * CELL_SIZE);
/** The table's last line: its padding and bottom rule below it. */
const LAST_ROW_LINE_HEIGHT = (BODY_LINE_BOX * CELL_SIZE + PAD_Y + RULE) / (BODY_LINE_BOX * CELL_SIZE);
/** From this many rows a table is laid out a column at a time with its rules drawn per page
 * (notice-rules.ts): enough that every such table has two lines on a page to measure the line from. */
const LONG_TABLE_FROM = 30;

export type NoticeLayoutOptions = {
  /** Tables of at least this many rows are laid out a column at a time (tests compare both ways). */
  longTableFrom?: number;
};
/** Two characters of 3号: first-line indent of the lead paragraphs. */
const INDENT = zihao.三号 * 2;
/** 3号 lines about 27.6 pt apart with the bundled fonts (line box 1.437 em), a little tighter than the
 * GB/T 9704 grid so that a typical community's notice and its signature fit one sheet. */
const LEAD_LINE_HEIGHT = 1.2;

type Column = {
  header: string;
  /** Content width in pt (padding and rules come on top); null = whatever the others leave. */
  width: number | null;
  alignment: 'left' | 'center' | 'right';
  value: (r: NoticeRow) => string;
};

/** The amount column: 停发 for a termination rather than 0.00. */
function amountText(r: NoticeRow): string {
  return r.kind === 'termination' ? '停发' : formatYuan(r.amountFen);
}

// Widths hold their header and usual values on one line at 小四 (12 pt): a four-digit number, a
// two-line header over the numbers, 低保边缘家庭 and 变更（增发）. The community gets what is left and
// wraps a longer name. On a batch notice, with its 变动类型 column, names get five characters so that a
// six-character community still fits (阿卜杜热合曼·买买提明 then takes three lines); on a standing list
// a name gets six characters (two lines for that one) and the community eleven.
const seqColumn: Column = { header: '序号', width: 30, alignment: 'center', value: (r) => String(r.seq) };
const communityColumn: Column = { header: '社区', width: null, alignment: 'center', value: (r) => r.communityName };
const nameColumn = (width: number): Column => ({ header: '户主姓名', width, alignment: 'center', value: (r) => r.headName });
const sizeColumn: Column = { header: '保障\n人数', width: 26, alignment: 'center', value: (r) => String(r.householdSize) };
const amountColumn: Column = { header: '月保障金额\n（元）', width: 62, alignment: 'right', value: amountText };
const categoryColumn: Column = { header: '救助类别', width: 74, alignment: 'center', value: (r) => caseCategoryLabels[r.category] };
const kindColumn: Column = { header: '变动类型', width: 74, alignment: 'center', value: (r) => (r.kind === null ? '' : caseKindLabels[r.kind]) };

const batchColumns = [seqColumn, communityColumn, nameColumn(62), sizeColumn, amountColumn, categoryColumn, kindColumn];
const standingColumns = [seqColumn, communityColumn, nameColumn(74), sizeColumn, amountColumn, categoryColumn];

function widths(columns: Column[]): number[] {
  const chrome = columns.length * 2 * PAD_X + (columns.length + 1) * RULE;
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const rest = Math.floor((TYPE_AREA - chrome - fixed) * 100) / 100;
  return columns.map((c) => c.width ?? rest);
}

/**
 * Whether the text surely fits the cell on one line: ASCII (digits, comma, *) is at most 0.6 em wide in
 * the bundled and the official fonts, anything else counts 1 em (the middle dot of 阿卜杜·热合曼 is
 * full-width in 仿宋_GB2312 and 黑体).
 */
function fitsOneLine(text: string, width: number): boolean {
  let ems = 0;
  for (const ch of text) ems += ch.charCodeAt(0) < 0x80 ? 0.6 : 1;
  return ems * CELL_SIZE <= width;
}

/**
 * The text of a cell in lines no wider than the cell, by the same count as fitsOneLine: greedy, a
 * character at a time, an ASCII word kept whole unless it alone is too wide. pdfmake would break the
 * same text by its real widths, so a line here may end a character earlier; it never overflows.
 */
function cellLines(text: string, width: number): string[] {
  const room = width / CELL_SIZE;
  const lines: string[] = [];
  let line = '';
  let ems = 0;
  for (const piece of text.match(/[A-Za-z0-9.,*]+|[^]/gu) ?? []) {
    let size = 0;
    for (const ch of piece) size += ch.charCodeAt(0) < 0x80 ? 0.6 : 1;
    if (line !== '' && ems + size > room) {
      lines.push(line);
      line = '';
      ems = 0;
    }
    line += piece;
    ems += size;
  }
  return [...lines, line];
}

function headerRow(columns: Column[]): TableCell[] {
  // The header sits in the middle of its row: the one-line headers are moved down by half a line (the
  // two-line ones set the height). pdfmake's own verticalAlignment is not used: in 0.3 it loses rows
  // when a table with such cells runs over pages.
  const headerLine = CELL_SIZE * HEADER_LINE_BOX * CELL_LINE_HEIGHT;
  const headerLines = columns.map((c) => c.header.split('\n').length);
  const tallest = Math.max(...headerLines);
  return columns.map((c, i): TableCell => ({ text: c.header, font: fontFamilies.heading, noWrap: false, margin: [0, ((tallest - headerLines[i]!) * headerLine) / 2, 0, 0] }));
}

const tableStyle = { font: fontFamilies.body, fontSize: CELL_SIZE, lineHeight: CELL_LINE_HEIGHT, alignment: 'center' as const, noWrap: true };
const cellLayout = {
  fillColor: (row: number) => (row === 0 ? '#e8e8e8' : null),
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  paddingLeft: () => PAD_X,
  paddingRight: () => PAD_X,
  paddingTop: () => PAD_Y,
};

// A short table is a pdfmake table of one row per household. pdfmake breaks text at every CJK
// character and measures, styles and draws each piece on its own, and looks up some twenty style
// properties for each piece through the nodes above it. So the table node carries the cells' style (a
// plain object, cheaper to look up than a named style): font, size, centred, and noWrap, which makes a
// cell that surely fits one piece. Most cells are then bare strings; only the right-aligned amount and
// a long name or community that must wrap inside its cell are objects.
function rowPerHousehold(rows: NoticeRow[], columns: Column[], w: number[]): ContentTable {
  const body: TableCell[][] = [headerRow(columns)];
  for (const r of rows) {
    body.push(
      columns.map((c, i): TableCell => {
        const text = c.value(r);
        if (fitsOneLine(text, w[i]!)) return c.alignment === 'center' ? text : { text, alignment: c.alignment };
        return { text, alignment: c.alignment, noWrap: false };
      }),
    );
  }
  return { table: { headerRows: 1, widths: w, body }, ...tableStyle, layout: { ...cellLayout, paddingBottom: () => PAD_Y } };
}

/** One line of a column of a long table; a line inside a household's row keeps the font's own height. */
type ColumnLine = { text: string; lineEnd?: true; lineHeight?: number };

// A long table is one pdfmake row under the header: each column one text of a line per household (more
// for a name that wraps, the other columns given empty lines to match), so pdfmake lays out, measures
// and positions six texts, not 30,000 cells, and breaks them over pages line by line with the header
// repeated. The space a row of its own would have had (padding, rule, padding) is the line's own
// height: the last line of a household's row is LONG_ROW_LINE_HEIGHT times the font's, every column
// alike, so the columns break at the same line. The rules are drawn once per page (notice-rules.ts).
function columnsPerPage(rows: NoticeRow[], columns: Column[], w: number[]): { node: ContentTable; ruled: RuledTable } {
  const texts: ColumnLine[][] = columns.map(() => []);
  const rowEnds: boolean[] = [];
  for (const r of rows) {
    const cells = columns.map((c, i) => {
      const text = c.value(r);
      return fitsOneLine(text, w[i]!) ? [text] : cellLines(text, w[i]!);
    });
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      const last = line === height - 1;
      rowEnds.push(last);
      columns.forEach((_, i) => texts[i]!.push(last ? { text: cells[i]![line] ?? '', lineEnd: true } : { text: cells[i]![line] ?? '', lineEnd: true, lineHeight: 1 }));
    }
  }
  // The table's own bottom: the last line keeps a row's padding and rule below it, not a whole gap.
  for (const t of texts) t[t.length - 1] = { text: t[t.length - 1]!.text, lineHeight: LAST_ROW_LINE_HEIGHT };
  const cells: TableCell[] = columns.map((c, i): TableCell => ({ text: texts[i]!, alignment: c.alignment, lineHeight: LONG_ROW_LINE_HEIGHT }) as TableCell);
  const header = headerRow(columns);
  const node: ContentTable = {
    table: { headerRows: 1, widths: w, body: [header, cells] },
    ...tableStyle,
    // The header keeps its padding; the body's bottom padding is its last line's own height. The footer
    // draws the rules, pdfmake only keeps their room (defaultBorder: false).
    layout: { ...cellLayout, hLineWidth: (i: number) => (i === 2 ? 0 : RULE), paddingBottom: (row: number) => (row === 0 ? PAD_Y : 0), defaultBorder: false },
  };
  const ruled: RuledTable = {
    column: cells[0]!,
    header,
    rowEnds,
    lineHeight: LONG_ROW_LINE_HEIGHT,
    edges: w.reduce((edges, width) => [...edges, edges[edges.length - 1]! + 2 * PAD_X + RULE + width], [0]),
    left: gbPageMargins[0],
    pageTop: gbPageMargins[1],
    rule: RULE,
    padTop: PAD_Y,
  };
  return { node, ruled };
}

function noticeTable(rows: NoticeRow[], columns: Column[], longFrom: number): { node: ContentTable; ruled: RuledTable | null } {
  const w = widths(columns);
  if (rows.length < Math.max(longFrom, LONG_TABLE_FROM)) return { node: rowPerHousehold(rows, columns, w), ruled: null };
  return columnsPerPage(rows, columns, w);
}

// Left-aligned rather than justified: a line that wraps before an unbreakable run (a phone number, a
// date) would otherwise be stretched with wide gaps between the characters.
function lead(text: string): ContentText {
  return { text, style: 'body', lineHeight: LEAD_LINE_HEIGHT, leadingIndent: INDENT };
}

function households(rows: NoticeRow[]): string {
  const people = rows.reduce((sum, r) => sum + r.householdSize, 0);
  return `${rows.length}户${people}人`;
}

/** A section's title: the footer numbers pages from where pdfmake placed it (see sectionFooter). */
type TitleNode = ContentText & { positions?: { pageNumber: number }[] };

function section(doc: NoticeDocument, s: NoticeSection, title: TitleNode, ruled: RuledTable[], longTableFrom: number): Content[] {
  const batch = doc.kind === 'batch';
  const basis = doc.basis.trim().replace(/[，。；,.;\s]+$/u, '');
  const intro = batch
    ? // The decisions take effect only after a clean notice (shared/decision-effects.ts): the notice says from when.
      `${basis}，拟对${s.communityName}以下${households(s.rows)}的社会救助事项予以审核确认，现予以公示。${doc.period ? periodSentence(doc.period) : ''}`
    : `${basis}，现将截至${formatChineseDate(doc.issuedOn)}${s.communityName}正在享受社会救助的对象名单（共${households(s.rows)}）予以长期公示。`;
  const objection = objectionSentence(doc);

  const blocks: Content[] = [title];
  // The community under the title, unless the title already names it.
  if (!doc.title.includes(s.communityName)) {
    blocks.push({ text: `（${s.communityName}）`, style: 'subtitle' });
  }
  blocks.push({ ...lead(intro), margin: [0, 12, 0, 0] });
  if (s.rows.length > 0) {
    const table = noticeTable(s.rows, batch ? batchColumns : standingColumns, longTableFrom);
    if (table.ruled) ruled.push(table.ruled);
    blocks.push({ ...table.node, margin: [0, 10, 0, 0] });
  } else {
    blocks.push({ text: batch ? '本期无公示对象。' : '目前无保障对象。', style: 'body', alignment: 'center', margin: [0, 10, 0, 0] });
  }
  // How to object, then the issuer and date, kept together: the signature never stands alone on a page.
  blocks.push({
    stack: [
      lead(objection),
      // GB/T 9704 7.3.5.1: the date 右空四字, the issuer centred over it.
      {
        columns: [
          { width: '*', text: '' },
          {
            width: 'auto',
            stack: [
              { text: doc.issuer, style: 'body', alignment: 'center' },
              { text: formatChineseDate(doc.issuedOn), style: 'body', alignment: 'center' },
            ],
          },
        ],
        columnGap: 0,
        margin: [0, zihao.三号 / 2, zihao.三号 * 4, 0],
      },
    ],
    unbreakable: true,
    margin: [0, 10, 0, 0],
  });
  return blocks;
}

/**
 * "第 x 页 共 y 页" counted within each section, so that the pages of a combined street file posted in
 * one community read 第 1 页 共 3 页 there, not 第 23 页 共 222 页. pdfmake lays out the footers after the
 * content, by which time it has recorded on each title node the page it landed on; should that ever be
 * missing, the pages are numbered through the file. The footer also draws the rules of long tables.
 */
function sectionFooter(titles: TitleNode[], ruled: RuledTable[]): DynamicContent {
  const list = pageFooter('list');
  const rules = pageRules(ruled);
  const numbered = (current: number, count: number, size: ContextPageSize): Content | null | undefined => {
    const starts = titles.map((t) => t.positions?.[0]?.pageNumber);
    if (starts.some((p) => p === undefined)) return list(current, count, size);
    const first = (starts as number[]).filter((p) => p <= current);
    const k = Math.max(0, first.length - 1);
    const start = (starts[k] as number | undefined) ?? 1;
    const end = ((starts[k + 1] as number | undefined) ?? count + 1) - 1;
    return list(current - start + 1, end - start + 1, size);
  };
  return (current, count, size) => {
    const number = numbered(current, count, size);
    if (ruled.length === 0 || !number) return number;
    // The canvas has no height (its lines lie above the footer), so the page number stays where it was.
    return { stack: [{ canvas: rules(current, size.height - gbPageMargins[3]), alignment: 'left' }, number] };
  };
}

export function noticeDocumentDefinition(doc: NoticeDocument, options: NoticeLayoutOptions = {}): TDocumentDefinitions {
  const longTableFrom = options.longTableFrom ?? LONG_TABLE_FROM;
  const issued = new Date(`${doc.issuedOn}T00:00:00+08:00`);
  const titles: TitleNode[] = doc.sections.map((_, i) => ({ text: doc.title, style: 'title', margin: [0, 0, 0, 4], ...(i === 0 ? {} : { pageBreak: 'before' as const }) }));
  const ruled: RuledTable[] = [];
  const content = doc.sections.flatMap((s, i) => section(doc, s, titles[i]!, ruled, longTableFrom));
  const base = gbDocument({
    title: doc.title,
    subject: doc.sections.length === 1 ? `${doc.title}（${doc.sections[0]!.communityName}）` : doc.title,
    content,
    footer: 'list',
  });
  return {
    ...base,
    footer: sectionFooter(titles, ruled),
    // Dated the day it is issued, not the moment it is rendered: the same notice gives the same bytes.
    info: { ...base.info, author: doc.issuer, creationDate: issued, modDate: issued },
  };
}

/** The period and the day the decisions take effect if nobody objects, in the opening paragraph (one line less than apart). */
function periodSentence(period: { start: string; end: string }): string {
  const days = daysBetween(period.start, period.end) + 1;
  return `公示期为${formatChineseDate(period.start)}至${formatChineseDate(period.end)}（${days}天），期满无异议的，自${formatChineseDate(addDays(period.end, 1))}起执行。`;
}
