// The charts of the statistics screen and the monthly report, as Apache ECharts options built from the
// figures, and the table behind each chart. Plain data only: the renderer draws these options in the
// browser and the PDF worker renders the same options to SVG on the Node side, so the screen and the
// printed report can never show different numbers.
import { lastDayOfMonth } from './dates';
import { formatYuan } from './money';
import { caseCategoryLabels, findingLabels, outcomeLabels } from './glossary';
import { decisionOutcomes, findingKinds, type StatisticsView } from './statistics';

export const statisticsChartIds = ['trend', 'decisions', 'meetings', 'objections', 'findings', 'corrections'] as const;
export type StatisticsChartId = (typeof statisticsChartIds)[number];

export const statisticsChartTitles: Record<StatisticsChartId, string> = {
  trend: '近12个月在保户数与发放金额（按类别）',
  decisions: '各街道审议决定',
  meetings: '各街道每月召开联审联批会议次数',
  objections: '公示与异议',
  findings: '抽查发现（按类型）',
  corrections: '整改情况',
};

/** The chart's numbers as a table: header row, then rows of text and numbers. */
export type ChartTable = { columns: string[]; rows: (string | number)[][] };

/** screen: read on a projector from the back of the room; print: inside the 156 mm type area. */
export type ChartMedium = 'screen' | 'print';

const categoryName = (c: string) => (caseCategoryLabels as Record<string, string>)[c] ?? c;
const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`;
const wan = (fen: number) => Math.round(fen / 100) / 10000; // 万元, to the yuan

/** Colours that stay apart on a washed-out projector and in greyscale print. */
export const chartPalette = ['#1f5fa8', '#d9822b', '#2e8b57', '#b23a48', '#6a4c93', '#8c8c8c', '#c9a227'];
const missingColour = '#c62828';
const runningColour = '#e0a100';

/** A month the figures' day falls inside: no meeting yet is not a month without one. */
const stillRunning = (view: StatisticsView, month: string) => view.asOf < lastDayOfMonth(month);

function textSizes(medium: ChartMedium) {
  return medium === 'screen' ? { axis: 15, legend: 15, label: 14 } : { axis: 9, legend: 9, label: 8 };
}

/** What every chart shares: no animation in print, the palette, and the font. */
function base(medium: ChartMedium, font: string) {
  const s = textSizes(medium);
  return {
    animation: medium === 'screen',
    color: chartPalette,
    textStyle: { fontFamily: font, fontSize: s.axis, color: '#222' },
    // In print, small square keys: seven of them and their names fit one line of the type area.
    legend: { top: 0, textStyle: { fontFamily: font, fontSize: s.legend }, ...(medium === 'print' ? { itemWidth: 12, itemHeight: 8, itemGap: 12 } : {}) },
    grid: { left: medium === 'screen' ? 64 : 16, right: medium === 'screen' ? 72 : 24, top: medium === 'screen' ? 48 : 30, bottom: medium === 'screen' ? 40 : 6, containLabel: true },
    tooltip: medium === 'screen' ? { trigger: 'axis', textStyle: { fontSize: s.label } } : undefined,
  };
}

const streetNames = (view: StatisticsView) => view.streets.map((s) => s.name);
/** The width of a printed chart: the 156 mm type area, in points. */
export const PRINT_CHART_WIDTH = 442;
/** How far the street names under a printed chart are turned: not while they fit side by side, 30° while turned ones stay apart, else upright. */
function printRotation(view: StatisticsView): number {
  const size = textSizes('print').axis;
  const column = (PRINT_CHART_WIDTH - 60) / Math.max(1, view.streets.length);
  if (Math.max(0, ...view.streets.map((s) => s.name.length)) * size + 8 <= column) return 0;
  return column / 2 >= size + 2 ? 30 : 90;
}
/** In print, the grid starts below the legend, which wraps to a second line when its names are many. */
function gridBelowLegend(medium: ChartMedium, font: string, names: readonly string[]) {
  const grid = base(medium, font).grid;
  if (medium === 'screen') return grid;
  const size = textSizes('print').legend;
  const width = names.reduce((w, n) => w + 12 + 5 + [...n].reduce((t, ch) => t + (ch.charCodeAt(0) < 0x2e80 ? size * 0.55 : size), 0) + 12, 0);
  const rows = Math.max(1, Math.ceil(width / (PRINT_CHART_WIDTH - 20)));
  return { ...grid, top: grid.top + (rows - 1) * 14 };
}
const axisLabel = (medium: ChartMedium, extra: Record<string, unknown> = {}) => ({ fontSize: textSizes(medium).axis, ...extra });
const streetAxis = (view: StatisticsView, medium: ChartMedium) => ({
  type: 'category',
  data: streetNames(view),
  axisLabel: axisLabel(medium, { interval: 0, rotate: medium === 'print' ? printRotation(view) : 0 }),
});
const countAxis = (medium: ChartMedium, name = '') => ({ type: 'value', minInterval: 1, name, nameTextStyle: { fontSize: textSizes(medium).axis }, axisLabel: axisLabel(medium) });
const hideZero = (p: { value: number }) => (p.value > 0 ? String(p.value) : '');
// In print, no outline round a label's glyphs: PDF has no paint-order, so the outline would be drawn over the text.
const barLabel = (medium: ChartMedium) => ({ show: true, position: 'inside', fontSize: textSizes(medium).label, formatter: hideZero, ...(medium === 'print' ? { color: '#fff', textBorderWidth: 0 } : {}) });
/** A label above a bar, dark on the page. */
const topLabel = (medium: ChartMedium) => ({ ...barLabel(medium), position: 'top', ...(medium === 'print' ? { color: '#222' } : {}) });

function stackedBars(view: StatisticsView, medium: ChartMedium, font: string, series: { name: string; values: number[]; colour?: string }[]) {
  // A segment too thin for its number shows none (the table under the chart has every number), so numbers do not run into each other.
  const tallest = Math.max(0, ...view.streets.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0)));
  const minLabelled = tallest * (medium === 'print' ? 0.07 : 0.06);
  return {
    ...base(medium, font),
    grid: gridBelowLegend(medium, font, series.map((s) => s.name)),
    xAxis: streetAxis(view, medium),
    yAxis: countAxis(medium),
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'all',
      barMaxWidth: medium === 'screen' ? 56 : 28,
      data: s.values,
      ...(s.colour ? { itemStyle: { color: s.colour } } : {}),
      label: { ...barLabel(medium), formatter: (p: { value: number }) => (p.value > 0 && p.value >= minLabelled ? String(p.value) : '') },
    })),
  };
}

/** The ECharts option of one chart. */
export function statisticsChartOption(id: StatisticsChartId, view: StatisticsView, medium: ChartMedium, font = 'sans-serif'): Record<string, unknown> {
  switch (id) {
    case 'trend':
      return {
        ...base(medium, font),
        grid: gridBelowLegend(medium, font, [...view.trend.categories.map((c) => categoryName(c.category)), '发放金额（万元）']),
        xAxis: { type: 'category', data: view.trend.months.map(monthLabel), axisLabel: axisLabel(medium, medium === 'print' ? { interval: 0 } : {}) },
        yAxis: [countAxis(medium, '户'), { type: 'value', name: '万元', nameTextStyle: { fontSize: textSizes(medium).axis }, axisLabel: axisLabel(medium), splitLine: { show: false } }],
        series: [
          ...view.trend.categories.map((c) => ({ name: categoryName(c.category), type: 'bar', stack: 'households', barMaxWidth: medium === 'screen' ? 40 : 16, data: c.households })),
          { name: '发放金额（万元）', type: 'line', yAxisIndex: 1, symbolSize: medium === 'screen' ? 8 : 4, lineStyle: { width: medium === 'screen' ? 3 : 1.5 }, itemStyle: { color: '#333' }, data: view.trend.totalFen.map(wan) },
        ],
      };
    case 'decisions':
      return stackedBars(view, medium, font, decisionOutcomes.map((o) => ({ name: outcomeLabels[o], values: view.streets.map((s) => s.decisions[o]) })));
    case 'meetings': {
      const months = view.meetingsByMonth.months;
      // The fourth value: 1 held, 0 none in a month that has ended (red), 2 none yet in the running month (amber).
      const state = (held: number, month: string) => (held > 0 ? 1 : stillRunning(view, month) ? 2 : 0);
      const data = view.meetingsByMonth.streets.flatMap((s, y) => s.held.map((held, x) => ({ value: [x, y, held, state(held, months[x]!)] })));
      return {
        ...base(medium, font),
        tooltip: undefined,
        legend: undefined,
        grid: { ...base(medium, font).grid, top: 10 },
        xAxis: { type: 'category', data: months.map(monthLabel), splitArea: { show: true }, axisLabel: axisLabel(medium) },
        // Inverse: the first street at the top, in the order of the table below the chart.
        yAxis: { type: 'category', inverse: true, data: view.meetingsByMonth.streets.map((s) => s.name), splitArea: { show: true }, axisLabel: axisLabel(medium, medium === 'print' ? { interval: 0 } : {}) },
        // ECharts' development build refuses a heatmap without a visualMap; this one, hidden, gives the same colours as the cells.
        visualMap: { show: false, type: 'piecewise', dimension: 3, seriesIndex: 0, pieces: [{ value: 0, color: missingColour }, { value: 1, color: chartPalette[2] }, { value: 2, color: runningColour }] },
        series: [
          {
            name: '会议次数',
            type: 'heatmap',
            data,
            label: { show: true, fontSize: textSizes(medium).label, color: '#fff', ...(medium === 'print' ? { textBorderWidth: 0 } : {}), formatter: (p: { value: number[] }) => (p.value[2] === 0 ? '未开' : String(p.value[2])) },
            itemStyle: { borderColor: '#fff', borderWidth: 2 },
          },
        ],
      };
    }
    case 'objections':
      return {
        ...base(medium, font),
        xAxis: streetAxis(view, medium),
        yAxis: countAxis(medium),
        series: [
          { name: '张贴公示（批）', type: 'bar', barMaxWidth: medium === 'screen' ? 40 : 16, data: view.streets.map((s) => s.noticesPosted), label: topLabel(medium) },
          { name: '收到异议（件）', type: 'bar', barMaxWidth: medium === 'screen' ? 40 : 16, data: view.streets.map((s) => s.objections), label: topLabel(medium) },
        ],
      };
    case 'findings':
      return stackedBars(view, medium, font, findingKinds.map((f, i) => ({ name: findingLabels[f], values: view.streets.map((s) => s.findings[f]), colour: f === 'compliant' ? chartPalette[2]! : chartPalette[(i + 2) % chartPalette.length]! })));
    case 'corrections':
      return stackedBars(view, medium, font, [
        { name: '整改中（未逾期）', values: view.streets.map((s) => s.correctionsOpen - s.correctionsOverdue), colour: chartPalette[1]! },
        { name: '逾期未完成', values: view.streets.map((s) => s.correctionsOverdue), colour: missingColour },
        { name: '本期完成', values: view.streets.map((s) => s.correctionsDone), colour: chartPalette[2]! },
      ]);
    default: {
      const never: never = id;
      throw new Error(`unknown chart ${String(never)}`);
    }
  }
}

/** The numbers behind one chart, as the screen's table, the report's table and the workbook's sheet show them. */
export function statisticsChartTable(id: StatisticsChartId, view: StatisticsView): ChartTable {
  const withTotal = view.streets.length > 1;
  const streetRows = <T extends (string | number)[]>(row: (s: StatisticsView['streets'][number]) => T) => [...view.streets.map(row), ...(withTotal ? [row(view.total).map((v, i) => (i === 0 ? '合计' : v))] : [])];
  switch (id) {
    case 'trend':
      return {
        columns: ['月份', ...view.trend.categories.map((c) => `${categoryName(c.category)}（户）`), '合计（户）', '发放金额（元）'],
        rows: view.trend.months.map((m, i) => [m, ...view.trend.categories.map((c) => c.households[i]!), view.trend.households[i]!, formatYuan(view.trend.totalFen[i]!)]),
      };
    case 'decisions':
      return { columns: ['街道', ...decisionOutcomes.map((o) => outcomeLabels[o]), '合计'], rows: streetRows((s) => [s.name, ...decisionOutcomes.map((o) => s.decisions[o]), decisionOutcomes.reduce((n, o) => n + s.decisions[o], 0)]) };
    case 'meetings':
      return {
        columns: ['街道', ...view.meetingsByMonth.months, '未召开的月份'],
        rows: view.meetingsByMonth.streets.map((s) => [
          s.name,
          ...s.held,
          view.meetingsByMonth.months.flatMap((m, i) => (s.held[i] === 0 ? [stillRunning(view, m) ? `${m}（本月尚未结束）` : m] : [])).join('、') || '—',
        ]),
      };
    case 'objections':
      return { columns: ['街道', '张贴公示（批）', '收到异议（件）'], rows: streetRows((s) => [s.name, s.noticesPosted, s.objections]) };
    case 'findings':
      return { columns: ['街道', ...findingKinds.map((f) => findingLabels[f]), '合计'], rows: streetRows((s) => [s.name, ...findingKinds.map((f) => s.findings[f]), findingKinds.reduce((n, f) => n + s.findings[f], 0)]) };
    case 'corrections':
      return { columns: ['街道', '本期下达', '期末整改中', '其中逾期', '本期完成'], rows: streetRows((s) => [s.name, s.correctionsOrdered, s.correctionsOpen, s.correctionsOverdue, s.correctionsDone]) };
    default: {
      const never: never = id;
      throw new Error(`unknown chart ${String(never)}`);
    }
  }
}
