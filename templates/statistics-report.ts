// 月度工作报表 (seed 001 八, seed 002 §30): a street's or the district's figures for a month, a half-year or
// a year, as the bureau files it. GB/T 9704 page set-up, A4 portrait: the title, the period and the day
// the figures are read on, a summary paragraph and the headline figures, each street's figures (a
// district's report), which streets went a month without a closed meeting, then the six charts, each as
// vector SVG (ECharts rendered on the Node side) with the table of its numbers under it. Every figure
// comes from the one StatisticsView; the report is aggregate only, with no name or ID of any person.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatChineseDate, formatChineseMonth, lastDayOfMonth } from '../shared/dates';
import { outcomeLabels } from '../shared/glossary';
import { formatYuan } from '../shared/money';
import { decisionOutcomes, findingKinds, type StatisticsView, type StreetFigures } from '../shared/statistics';
import { PRINT_CHART_WIDTH, statisticsChartIds, statisticsChartOption, statisticsChartTable, statisticsChartTitles, type ChartTable, type StatisticsChartId } from '../shared/statistics-charts';
import { chartSvg } from './chart-svg';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';

export type StatisticsReportData = { view: StatisticsView; officeName: string; printedOn: string };

/** The width of the type area (156 mm): charts and tables fill it. */
const TYPE_WIDTH = PRINT_CHART_WIDTH;
const RED = '#b00000';

const sumOf = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);
const decided = (s: StreetFigures) => sumOf(decisionOutcomes.map((o) => s.decisions[o]));
const inspected = (s: StreetFigures) => sumOf(findingKinds.map((f) => s.findings[f]));
const problems = (s: StreetFigures) => inspected(s) - s.findings.compliant;
/** 2026-03 → 3月, where the year is said nearby. */
const shortMonth = (m: string) => `${Number(m.slice(5, 7))}月`;
const monthList = (months: readonly string[]) => months.map(formatChineseMonth).join('、');
/** The period's begun months, which follow one another: 2026年1月至12月（12个月）. */
const monthSpan = (months: readonly string[]) =>
  months.length === 1 ? formatChineseMonth(months[0]!) : `${formatChineseMonth(months[0]!)}至${months[months.length - 1]!.slice(0, 4) === months[0]!.slice(0, 4) ? shortMonth(months[months.length - 1]!) : formatChineseMonth(months[months.length - 1]!)}（${months.length}个月）`;

export function statisticsReportTitle(view: StatisticsView): string {
  const kind = { month: '月度工作报表', half: '工作报表', year: '年度工作报表' }[view.period.kind];
  return `${view.scopeName}${view.period.label}${kind}`;
}

const tableLayout = (headerRows: number) => ({
  fillColor: (row: number) => (row < headerRows ? '#e8e8e8' : null),
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingLeft: () => 2.5,
  paddingRight: () => 2.5,
  paddingTop: () => 2,
  paddingBottom: () => 2,
});

const head = (text: string, extra: Partial<TableCell & object> = {}): TableCell => ({ text, font: fontFamilies.heading, fontSize: zihao.小五, alignment: 'center', ...extra }) as TableCell;
const cell = (text: string, alignment: 'left' | 'center' | 'right' = 'center', extra: Record<string, unknown> = {}): TableCell => ({ text, fontSize: zihao.小五, alignment, ...extra }) as TableCell;
const bold = { font: fontFamilies.heading };
const flagged = { font: fontFamilies.heading, color: RED };

/** The type area is 225 mm (638 pt) tall. */
const PAGE_HEIGHT = 638;
/** The bundled fonts' lines are about 1.45 em (the official 仿宋 and 黑体 about 1.0–1.3 em): estimates use 1.5. */
const LINE = 1.5;
const styleSizes: Record<string, { size: number; lineHeight: number }> = { title: { size: zihao.二号, lineHeight: 1.3 }, subtitle: { size: zihao.三号, lineHeight: 1 }, body: { size: zihao.三号, lineHeight: 1.45 }, note: { size: zihao.小四, lineHeight: 1 } };

type Estimated = { text?: unknown; fontSize?: number; style?: string; lineHeight?: number; margin?: number[]; stack?: Estimated[]; ol?: unknown[]; columns?: Estimated[]; table?: { widths: (number | string)[]; body: unknown[][] }; svg?: string; height?: number; canvas?: unknown; colSpan?: number };

/** A run of text's width in points: a CJK character is 1 em, anything narrower about 0.6 em. */
const textWidth = (text: string, size: number) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.6 : 1) * size, 0);
const plain = (text: unknown): string => (typeof text === 'string' ? text : typeof text === 'number' ? String(text) : Array.isArray(text) ? text.map(plain).join('') : text && typeof text === 'object' && 'text' in text ? plain((text as { text: unknown }).text) : '');
const linesOf = (text: string, size: number, width: number) => text.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil(textWidth(seg, size) / Math.max(1, width))), 0);

/** How tall a table is drawn: each row as tall as its cell of most lines, with padding and rules. */
function tableHeight(table: NonNullable<Estimated['table']>): number {
  const fixed = table.widths.reduce<number>((n, w) => n + (typeof w === 'number' ? w : 0), 0);
  const stars = table.widths.filter((w) => typeof w !== 'number').length;
  const star = stars > 0 ? (TYPE_WIDTH - fixed - 5 * table.widths.length) / stars : 0;
  const colWidth = (i: number, span: number) => table.widths.slice(i, i + span).reduce<number>((n, w) => n + (typeof w === 'number' ? w : star) + 5, -5);
  return table.body.reduce<number>((h, row) => {
    const lines = row.map((c, i) => {
      const e = (typeof c === 'object' && c !== null ? c : { text: c }) as Estimated;
      const size = e.fontSize ?? zihao.小五;
      return { n: linesOf(plain(e.text), size, colWidth(i, e.colSpan ?? 1)), size };
    });
    const tallest = Math.max(...lines.map((l) => l.n * l.size * LINE));
    return h + tallest + 5;
  }, 0);
}

/** A generous estimate of a block's height, to tell whether it fits one page. */
export function estimateHeight(node: unknown, width: number = TYPE_WIDTH): number {
  if (typeof node === 'string') return estimateHeight({ text: node }, width);
  if (Array.isArray(node)) return node.reduce<number>((h, n) => h + estimateHeight(n, width), 0);
  if (!node || typeof node !== 'object') return 0;
  const e = node as Estimated;
  const margin = e.margin ? (e.margin[1] ?? 0) + (e.margin[3] ?? 0) : 0;
  if (e.stack) return margin + estimateHeight(e.stack, width);
  if (e.columns) return margin + Math.max(...e.columns.map((c) => estimateHeight(c, width / e.columns!.length)));
  if (e.table) return margin + tableHeight(e.table);
  if (e.svg !== undefined) return margin + (e.height ?? 0);
  if (e.canvas) return margin + 4;
  const style = styleSizes[e.style ?? ''] ?? { size: zihao.三号, lineHeight: 1 };
  const size = e.fontSize ?? style.size;
  const lineHeight = e.lineHeight ?? style.lineHeight;
  if (e.ol) return margin + e.ol.reduce<number>((h, item) => h + linesOf(plain(item), size, width - size * 2) * size * LINE * lineHeight, 0);
  // One more line than the text needs, for a first-line indent and for breaks at punctuation.
  return margin + (linesOf(plain(e.text), size, width) + (plain(e.text).length > 40 ? 1 : 0)) * size * LINE * lineHeight;
}

/**
 * A heading with what follows it, or a chart with its table, kept on one page when it fits one. pdfmake
 * drops what does not fit a page from an `unbreakable` block, so a block that may be taller (a
 * district of many streets, a table of long rows) is left to flow over pages instead, its table's header repeated.
 */
const keep = (stack: Content[], extra: Record<string, unknown> = {}): Content => ({ stack, ...(estimateHeight(stack) < PAGE_HEIGHT - 10 ? { unbreakable: true } : {}), ...extra }) as Content;

const sectionHeading = (text: string): Content => ({ text, font: fontFamilies.heading, fontSize: zihao.三号, margin: [0, 14, 0, 6] });
const subHeading = (text: string): Content => ({ text, font: fontFamilies.heading, fontSize: zihao.四号, margin: [0, 10, 0, 4] });
const paragraph = (text: Content | string): Content => ({ text: text as never, style: 'body', leadingIndent: zihao.三号 * 2, alignment: 'justify' });
const note = (text: string, extra: Record<string, unknown> = {}): Content => ({ text, style: 'note', fontSize: zihao.小五, lineHeight: 1.3, margin: [0, 3, 0, 0], ...extra }) as Content;

/** The period in words: 2026年11月1日至2026年11月30日. */
function periodSpan(view: StatisticsView): string {
  return `${formatChineseDate(`${view.period.first}-01`)}至${formatChineseDate(lastDayOfMonth(view.period.last))}`;
}

/** The month whose roster (花名册) gives the households paid: the period's last begun month. */
const rosterMonth = (view: StatisticsView) => view.months[view.months.length - 1]!;

/** The month still running on the day the figures are read, if any: its meeting may yet be held. */
const runningMonth = (view: StatisticsView): string | null => (view.asOf < lastDayOfMonth(rosterMonth(view)) ? rosterMonth(view) : null);

/** A street's months without a closed meeting: those that have ended (a breach), and the running one (not yet). */
function withoutMeeting(view: StatisticsView, s: StreetFigures): { ended: string[]; running: string | null } {
  const running = runningMonth(view);
  return { ended: s.monthsWithoutMeeting.filter((m) => m !== running), running: running !== null && s.monthsWithoutMeeting.includes(running) ? running : null };
}
const dayOf = (iso: string) => `${Number(iso.slice(8, 10))}日`;

/** 一、总体情况: one paragraph in words, as a report to the leadership reads. */
function summaryParagraph(view: StatisticsView): Content {
  const t = view.total;
  const streets = view.scopeLevel === 'district' ? `${view.streets.length}个街道` : '';
  const running = view.asOf < lastDayOfMonth(view.period.last);
  const paid = `${formatChineseMonth(rosterMonth(view))}花名册在保${t.householdsPaid}户${t.personsPaid}人，月发放金额${formatYuan(t.totalFen)}元`;
  const periodPaid = view.months.length > 1 ? `，期内累计发放${formatYuan(t.periodPaidFen)}元` : '';
  const found =
    view.findingsFrom === 'spot_checks'
      ? `区民政局抽查核查个案${inspected(t)}件，发现问题${problems(t)}件`
      : `收到区民政局抽查整改通知${inspected(t)}件，其中涉及问题${problems(t)}件`;
  const breached = view.streets.filter((s) => withoutMeeting(view, s).ended.length > 0);
  const pending = view.streets.filter((s) => withoutMeeting(view, s).running !== null);
  const meetings: Content[] = [];
  if (breached.length > 0) {
    // Over one month the names say it all; over several, each street's months.
    const named = breached.map((s) => `${s.name}${view.months.length > 1 ? `（${withoutMeeting(view, s).ended.map(shortMonth).join('、')}）` : ''}`);
    meetings.push({ text: `${named.join('、')}未召开联审联批会议，不符合每月至少召开一次的要求。`, ...flagged });
  }
  if (pending.length > 0) {
    const running = runningMonth(view)!;
    const who = view.scopeLevel === 'district' && pending.length === view.streets.length ? '各街道' : pending.map((s) => s.name).join('、');
    meetings.push(`${who}${shortMonth(running)}的联审联批会议截至${dayOf(view.asOf)}尚未召开。`);
  }
  if (breached.length === 0 && pending.length === 0) meetings.push(`${view.scopeLevel === 'district' ? '各街道' : ''}本期每月均召开了联审联批会议。`);
  else if (breached.length === 0 && view.months.length > 1) meetings.push('此前各月均已召开。');
  return paragraph([
    `${view.period.label}${running ? `（统计截至${formatChineseDate(view.asOf)}）` : ''}，${view.scopeName}${streets}共召开联审联批会议${t.meetingsHeld}次，审议决定${decided(t)}件，其中${decisionOutcomes.map((o) => `${outcomeLabels[o]}${t.decisions[o]}件`).join('、')}。`,
    `${paid}${periodPaid}。`,
    `期内张贴公示${t.noticesPosted}批，收到异议${t.objections}件。`,
    `${found}；下达整改${t.correctionsOrdered}件，本期完成${t.correctionsDone}件，期末整改中${t.correctionsOpen}件（其中逾期${t.correctionsOverdue}件）。`,
    ...meetings,
  ] as never);
}

/** The headline figures, two to a row. */
function headlineTable(view: StatisticsView): Content {
  const t = view.total;
  const items: [string, string][] = [
    ['召开联审联批会议', `${t.meetingsHeld} 次`],
    ['审议决定', `${decided(t)} 件`],
    ...decisionOutcomes.map((o): [string, string] => [`其中：${outcomeLabels[o]}`, `${t.decisions[o]} 件`]),
    [`在保户数（${shortMonth(rosterMonth(view))}花名册）`, `${t.householdsPaid} 户`],
    ['在保人数', `${t.personsPaid} 人`],
    ['月发放金额', `${formatYuan(t.totalFen)} 元`],
    ...(view.months.length > 1 ? [['期内累计发放', `${formatYuan(t.periodPaidFen)} 元`] as [string, string]] : []),
    ['张贴公示', `${t.noticesPosted} 批`],
    ['收到异议', `${t.objections} 件`],
    [view.findingsFrom === 'spot_checks' ? '抽查核查' : '收到整改通知', `${inspected(t)} 件`],
    ['发现问题', `${problems(t)} 件`],
    ['下达整改', `${t.correctionsOrdered} 件`],
    ['本期完成整改', `${t.correctionsDone} 件`],
    ['期末整改中', `${t.correctionsOpen} 件`],
    ['其中逾期', `${t.correctionsOverdue} 件`],
  ];
  if (items.length % 2 === 1) items.push(['', '']);
  const rows: TableCell[][] = [];
  for (let i = 0; i < items.length; i += 2) {
    const [a, b] = [items[i]!, items[i + 1]!];
    const overdue = (k: string, v: string) => (k === '其中逾期' && v !== '0 件' ? flagged : {});
    rows.push([cell(a[0], 'left', { fontSize: zihao.五号 }), cell(a[1], 'right', { fontSize: zihao.五号, ...overdue(...a) }), cell(b[0], 'left', { fontSize: zihao.五号 }), cell(b[1], 'right', { fontSize: zihao.五号, ...overdue(...b) })]);
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1, widths: ['*', 90, '*', 90], body: [[head('指标', { fontSize: zihao.五号 }), head('数值', { fontSize: zihao.五号 }), head('指标', { fontSize: zihao.五号 }), head('数值', { fontSize: zihao.五号 })], ...rows] },
    layout: tableLayout(1),
    margin: [0, 8, 0, 0],
  };
}

/** 二、各街道主要指标 (a district's report): one row per street and the total, under grouped headings. */
function streetFiguresTable(view: StatisticsView): Content {
  const row = (s: StreetFigures, total = false): TableCell[] => {
    const f = total ? bold : {};
    const n = (v: number, extra: Record<string, unknown> = {}) => cell(String(v), 'right', { ...f, ...extra });
    return [
      cell(total ? '合计' : s.name, 'center', f),
      n(s.meetingsHeld, !total && withoutMeeting(view, s).ended.length > 0 ? flagged : {}),
      ...decisionOutcomes.map((o) => n(s.decisions[o])),
      n(s.householdsPaid),
      n(s.personsPaid),
      cell(formatYuan(s.totalFen), 'right', f),
      n(s.noticesPosted),
      n(s.objections),
      n(problems(s)),
      n(s.correctionsOpen),
      n(s.correctionsOverdue, s.correctionsOverdue > 0 ? flagged : {}),
    ];
  };
  const group = (text: string, span: number): TableCell[] => [head(text, { colSpan: span }), ...Array.from({ length: span - 1 }, () => '')];
  const top: TableCell[] = [
    head('街道', { rowSpan: 2 }),
    head('会议\n次数', { rowSpan: 2 }),
    ...group('审议决定（件）', decisionOutcomes.length),
    ...group(`${shortMonth(rosterMonth(view))}花名册`, 3),
    ...group('公示与异议', 2),
    ...group('抽查与整改（件）', 3),
  ];
  const second: TableCell[] = ['', '', ...decisionOutcomes.map((o) => head(outcomeLabels[o])), head('户数'), head('人数'), head('金额（元）'), head('公示'), head('异议'), head('问题'), head('整改中'), head('逾期')];
  return {
    table: {
      headerRows: 2,
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      widths: ['*', 24, 22, 28, 22, 24, 26, 62, 22, 22, 22, 28, 22],
      body: [top, second, ...view.streets.map((s) => row(s)), ...(view.streets.length > 1 ? [row(view.total, true)] : [])],
    },
    layout: tableLayout(2),
  };
}

/** 三、会议召开情况: each street's meetings in the period, and the months it held none, in red. */
function meetingCompliance(view: StatisticsView): Content[] {
  const breached = view.streets.filter((s) => withoutMeeting(view, s).ended.length > 0);
  const state = (s: StreetFigures): TableCell => {
    const { ended, running } = withoutMeeting(view, s);
    const parts: Content[] = [];
    if (ended.length > 0) parts.push({ text: `未召开：${monthList(ended)}`, ...flagged });
    if (running !== null) parts.push(`${parts.length > 0 ? '；' : ''}${formatChineseMonth(running)}截至${dayOf(view.asOf)}尚未召开`);
    if (parts.length === 0) parts.push('每月均已召开');
    return { text: parts as never, fontSize: zihao.小五, alignment: 'left' } as TableCell;
  };
  const table: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      widths: [80, 60, 60, '*'],
      body: [[head('街道'), head('统计月数'), head('召开会议（次）'), head('未召开会议的月份')], ...view.streets.map((s): TableCell[] => [cell(s.name), cell(String(view.months.length), 'right'), cell(String(s.meetingsHeld), 'right'), state(s)])],
    },
    layout: tableLayout(1),
  };
  const verdict =
    breached.length === 0
      ? note(`按规定每月至少召开一次联审联批会议。${view.scopeLevel === 'district' ? '各街道' : view.scopeName}本期已结束的月份均已召开。`, { fontSize: zihao.五号 })
      : view.months.length === 1
        ? note(`按规定每月至少召开一次联审联批会议。本期${breached.length}个街道未召开：${breached.map((s) => s.name).join('、')}。`, { fontSize: zihao.五号, ...flagged })
        : note(`按规定每月至少召开一次联审联批会议。本期${breached.length}个街道有月份未召开：${breached.map((s) => `${s.name}（${monthList(withoutMeeting(view, s).ended)}）`).join('；')}。`, { fontSize: zihao.五号, ...flagged });
  return [table, verdict];
}

/** How tall each chart is drawn, in points: the heatmap grows with the streets it lists. */
function chartHeight(id: StatisticsChartId, view: StatisticsView): number {
  switch (id) {
    case 'trend':
      return 230;
    case 'meetings':
      // A row per street, at most 24 pt; a district of many streets keeps the chart under half a page.
      return 46 + Math.min(24, 300 / Math.max(1, view.meetingsByMonth.streets.length)) * view.meetingsByMonth.streets.length;
    default:
      return view.streets.length > 1 ? 190 : 150;
  }
}

/** A chart of one street's bars is drawn narrower, centred: a single bar across the whole type area reads as a gap. */
function chartWidth(id: StatisticsChartId, view: StatisticsView): number {
  return (id === 'decisions' || id === 'objections' || id === 'corrections') && view.streets.length <= 2 ? 300 : TYPE_WIDTH;
}

const isMonth = (v: string | number): v is string => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v);
/** Months in Chinese, the year said once for its months: 2025年11月、12月，2026年3月. */
function compactMonths(months: readonly string[]): string {
  const years = new Map<string, string[]>();
  for (const m of months) years.set(m.slice(0, 4), [...(years.get(m.slice(0, 4)) ?? []), shortMonth(m)]);
  return [...years].map(([y, ms]) => `${y}年${ms.join('、')}`).join('，');
}

/** A table cell as printed: months in Chinese (a list of them compacted), numbers as they are. */
function printed(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const parts = v.split('、');
  return parts.every(isMonth) ? compactMonths(parts) : v;
}

/** The meetings table's header: the year over its months, so twelve month columns fit the page. */
function monthHeader(first: string, months: readonly string[], last: string): TableCell[][] {
  const years: { year: string; count: number }[] = [];
  for (const m of months) {
    const y = m.slice(0, 4);
    const prev = years[years.length - 1];
    if (prev && prev.year === y) prev.count++;
    else years.push({ year: y, count: 1 });
  }
  const top: TableCell[] = [head(first, { rowSpan: 2 })];
  for (const y of years) {
    // A year of one column has room for its digits only.
    top.push(y.count === 1 ? head(y.year, { fontSize: 8 }) : head(`${y.year}年`, { colSpan: y.count }));
    for (let i = 1; i < y.count; i++) top.push('');
  }
  top.push(head(last, { rowSpan: 2 }));
  return [top, ['', ...months.map((m) => head(shortMonth(m))), '']];
}

/** The numbers behind a chart, as statisticsChartTable gives them: a 0 meeting in red, a 合计 row in bold. */
function chartTable(id: StatisticsChartId, table: ChartTable): Content {
  const monthColumns = table.columns.map(isMonth);
  const nCols = table.columns.length;
  const body: TableCell[][] = table.rows.map((r) => {
    const total = r[0] === '合计';
    return r.map((v, i) => {
      const f = total ? bold : {};
      if (id === 'meetings' && monthColumns[i] && v === 0) return cell('0', 'center', flagged);
      if (id === 'meetings' && i === nCols - 1) return cell(printed(v), 'left', v === '—' ? {} : flagged);
      if (i === 0) return cell(printed(v), 'center', f);
      return cell(printed(v), typeof v === 'number' || /^[\d,.-]+$/.test(String(v)) ? 'right' : 'center', f);
    });
  });
  if (id === 'meetings') {
    const months = table.columns.filter(isMonth);
    return {
      table: { headerRows: 2, dontBreakRows: true, keepWithHeaderRows: 1, widths: [46, ...months.map(() => 21), '*'], body: [...monthHeader(table.columns[0]!, months, table.columns[nCols - 1]!), ...body] },
      layout: tableLayout(2),
    };
  }
  const widths = id === 'trend' ? [56, ...table.columns.slice(1, -1).map(() => '*'), 72] : [80, ...table.columns.slice(1).map(() => '*')];
  return {
    table: { headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1, widths, body: [table.columns.map((c) => head(printed(c))), ...body] },
    layout: tableLayout(1),
  };
}

/** What a chart's numbers mean, where a reader could take them otherwise. */
function chartNote(id: StatisticsChartId, view: StatisticsView): string | null {
  switch (id) {
    case 'trend':
      return '每月在保户数与发放金额取该月花名册（依据上月末生效的审批决定），柱为各类别户数（左轴），折线为发放金额（右轴，万元）。';
    case 'decisions':
      return '期内各月已结束会议作出的审议决定。';
    case 'meetings':
      return '已结束（形成纪要）的会议按所属月份计；“未开”及表中红色 0 为该月未召开联审联批会议。';
    case 'objections':
      return '张贴公示按公示开始日计，异议按收到日计。';
    case 'findings':
      return view.findingsFrom === 'spot_checks'
        ? '区民政局抽查个案的核查结论，按核查日计；“符合”以外均为发现的问题。'
        : '街道不保存抽查核查记录：按收到的整改通知所列问题类型、下达日计。';
    case 'corrections':
      return '整改中、逾期为统计截至日仍未完成的整改；本期完成按完成日计。';
    default:
      return null;
  }
}

const chineseOrdinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Whether a chart has anything to draw: a month without a meeting is a figure, a street of zeros is not. */
function hasFigures(id: StatisticsChartId, table: ChartTable): boolean {
  if (id === 'meetings') return table.rows.length > 0;
  return table.rows.some((r) => r.slice(1).some((v) => typeof v === 'number' && v > 0));
}

const emptyChartText: Record<StatisticsChartId, string> = {
  trend: '近12个月没有在保对象。',
  decisions: '本期没有审议决定。',
  meetings: '没有可统计的会议。',
  objections: '本期没有张贴公示，也没有收到异议。',
  findings: '本期没有抽查核查结论。',
  corrections: '本期没有下达或在办的整改。',
};

/** One chart: its heading, the chart as vectors (or a line saying it has nothing to draw), its table and note. */
function chartSection(id: StatisticsChartId, index: number, view: StatisticsView, before: Content[] = []): Content {
  const table = statisticsChartTable(id, view);
  const text = chartNote(id, view);
  // A street's report has one street: its charts are of that street, not of 各街道.
  const title = view.scopeLevel === 'street' ? statisticsChartTitles[id].replace(/^各街道/, '') : statisticsChartTitles[id];
  const width = chartWidth(id, view);
  const drawn: Content[] = hasFigures(id, table)
    ? [
        // `font`: pdfmake's SVG text falls back to it for a family it does not know.
        { svg: chartSvg(statisticsChartOption(id, view, 'print', fontFamilies.body), width, chartHeight(id, view)), width, height: chartHeight(id, view), alignment: 'center', font: fontFamilies.body, margin: [0, 2, 0, 2] } as Content,
        { text: `图${index + 1}\u3000${title}`, font: fontFamilies.heading, fontSize: zihao.小五, alignment: 'center', margin: [0, 0, 0, 4] },
      ]
    : [{ text: `${emptyChartText[id]}图${index + 1}从略，数据见下表。`, style: 'note', fontSize: zihao.五号, alignment: 'center', margin: [0, 6, 0, 8] }];
  // The headings and the chart always stay together (well under a page); the table joins them when it all fits.
  const top: Content = { stack: [...before, subHeading(`（${chineseOrdinals[index]}）${title}`), ...drawn], unbreakable: true };
  return keep([top, chartTable(id, table), ...(text ? [note(`注：${text}`)] : [])], { margin: [0, 0, 0, 8] });
}

/** The figures' definitions, at the end. */
function definitions(view: StatisticsView): Content {
  const lines = [
    `统计期间为${periodSpan(view)}；统计截至${formatChineseDate(view.asOf)}，期内已开始的月份为${monthSpan(view.months)}。`,
    `在保户数、人数和月发放金额取${formatChineseMonth(rosterMonth(view))}花名册（依据上月末生效的审批决定）${view.months.length > 1 ? '；期内累计发放为期内各月花名册金额之和' : ''}。`,
    '会议与审议决定只计已结束（形成纪要）的会议。',
    '本报表为汇总统计，不含申请人或家庭成员的姓名、身份证号等个人信息。',
  ];
  return { ol: lines, style: 'note', fontSize: zihao.五号, lineHeight: 1.35 } as Content;
}

export function statisticsReportDocument(data: StatisticsReportData): TDocumentDefinitions {
  const { view } = data;
  const title = statisticsReportTitle(view);
  const district = view.scopeLevel === 'district';
  const sections: string[] = ['总体情况', ...(district ? ['各街道主要指标'] : []), '会议召开情况', '图表与数据', '统计口径说明'];
  const n = (name: string) => `${chineseOrdinals[sections.indexOf(name)]}、${name}`;
  const rosterNote = `在保户数、人数与金额取${formatChineseMonth(rosterMonth(view))}花名册；红色为本期有月份未召开会议的街道或逾期未完成的整改。`;
  const content: Content = [
    { text: title, style: 'title', margin: [0, 0, 0, 8] },
    { text: `统计期间：${periodSpan(view)}\u3000统计截至：${formatChineseDate(view.asOf)}`, style: 'subtitle', fontSize: zihao.小四, margin: [0, 0, 0, 2] },
    { text: `编制单位：${data.officeName}\u3000区划代码：${view.scope}`, style: 'subtitle', fontSize: zihao.小四, margin: [0, 0, 0, 4] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TYPE_WIDTH, y2: 0, lineWidth: 1, lineColor: RED }], margin: [0, 2, 0, 4] },
    sectionHeading(n('总体情况')),
    summaryParagraph(view),
    keep([headlineTable(view)]),
    ...(district ? [keep([sectionHeading(n('各街道主要指标')), streetFiguresTable(view), note(rosterNote)])] : []),
    keep([sectionHeading(n('会议召开情况')), ...meetingCompliance(view)]),
    // The part's heading goes with its first chart.
    ...statisticsChartIds.map((id, i) => chartSection(id, i, view, i === 0 ? [sectionHeading(n('图表与数据'))] : [])),
    keep([
      sectionHeading(n('统计口径说明')),
      definitions(view),
      {
        columns: [
          { text: '制表人：', style: 'note' },
          { text: '审核人：', style: 'note' },
          { text: `${data.officeName}\n${formatChineseDate(data.printedOn)}`, style: 'note', alignment: 'right' },
        ],
        margin: [0, 24, 0, 0],
      },
    ]),
  ];
  return gbDocument({ title, subject: `${title}（统计截至${formatChineseDate(view.asOf)}）`, content, footer: 'list' });
}
