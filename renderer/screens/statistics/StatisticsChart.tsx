// One chart of the 统计 screen: the shared ECharts option drawn on a canvas that follows its box (the
// window, the side-by-side layout), and one click away the numbers behind it as a table
// (statisticsChartTable), which is also what a screen reader gets.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { statisticsChartOption, statisticsChartTable, statisticsChartTitles, type ChartTable, type StatisticsChartId } from '../../../shared/statistics-charts';
import type { StatisticsView } from '../../../shared/statistics';
import { init, type EChartsType } from './echarts';

/** What a chart says instead of an empty grid when the period has nothing to draw. */
const emptyMessages: Record<StatisticsChartId, string> = {
  trend: '近12个月没有发放记录',
  decisions: '本期没有已结束会议的审议决定',
  meetings: '',
  objections: '本期没有张贴公示，也没有收到异议',
  findings: '本期没有抽查发现',
  corrections: '本期没有整改事项',
};

/** True when every number of the chart's table is zero (the meeting grid is never empty: a 0 is a month without a meeting). */
export function chartIsEmpty(id: StatisticsChartId, table: ChartTable): boolean {
  if (id === 'meetings') return table.rows.length === 0;
  return table.rows.every((row) => row.every((cell) => typeof cell !== 'number' || cell === 0));
}

/** The height a chart needs: the meeting grid grows with its streets, so each row stays readable. */
function chartHeight(id: StatisticsChartId, view: StatisticsView): number {
  if (id === 'meetings') return Math.max(180, 70 + 46 * view.meetingsByMonth.streets.length);
  return id === 'trend' ? 400 : 340;
}

/** The shared option as the screen draws it: the tooltip drawn on the canvas, since the CSP refuses the HTML one's inline styles. */
function screenOption(id: StatisticsChartId, view: StatisticsView, font: string): Record<string, unknown> {
  const option = statisticsChartOption(id, view, 'screen', font);
  const tooltip = option.tooltip as Record<string, unknown> | undefined;
  return tooltip ? { ...option, tooltip: { ...tooltip, renderMode: 'richText' } } : option;
}

export function StatisticsChart({ id, view, font }: { id: StatisticsChartId; view: StatisticsView; font: string }) {
  const [showTable, setShowTable] = useState(false);
  const table = useMemo(() => statisticsChartTable(id, view), [id, view]);
  const option = useMemo(() => screenOption(id, view, font), [id, view, font]);
  const empty = chartIsEmpty(id, table);
  const title = statisticsChartTitles[id];
  const bodyId = useId();
  const headingId = `${bodyId}-title`;

  return (
    <section className={`panel stats-chart stats-chart-${id}`} aria-labelledby={headingId} data-testid={`stats-chart-${id}`}>
      <div className="panel-head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="button stats-toggle" aria-controls={bodyId} onClick={() => setShowTable((t) => !t)} data-testid={`stats-toggle-${id}`}>
          {showTable ? '显示图表' : '查看数据'}
        </button>
      </div>
      <div id={bodyId} className="stats-chart-body">
        {showTable ? (
          <DataTable table={table} caption={title} testId={`stats-table-${id}`} />
        ) : empty ? (
          <p className="stats-empty" data-testid={`stats-empty-${id}`}>
            {emptyMessages[id]}
          </p>
        ) : (
          <Canvas option={option} height={chartHeight(id, view)} label={`${title}（图表；按“查看数据”可读出其中的数字）`} testId={`stats-canvas-${id}`} />
        )}
      </div>
    </section>
  );
}

/** The width the x axis needs for every street's name side by side (the street charts show each name, interval 0), or null for other axes. */
function categoryLabelWidth(option: Record<string, unknown>): number | null {
  const axis = option.xAxis as { type?: string; data?: unknown[]; axisLabel?: { interval?: number; fontSize?: number } } | undefined;
  if (!axis || Array.isArray(axis) || axis.type !== 'category' || axis.axisLabel?.interval !== 0 || !axis.data) return null;
  const size = axis.axisLabel.fontSize ?? 14;
  const longest = Math.max(...axis.data.map((d) => String(d).length));
  return axis.data.length * (longest * size + 12);
}

/** Room left for the x axis besides the grid's margins and the y axis' labels. */
const PLOT_MARGIN = 190;

/** The option with its x-axis names slanted, for a box too narrow to set them side by side. */
function slanted(option: Record<string, unknown>): Record<string, unknown> {
  const axis = option.xAxis as { axisLabel?: Record<string, unknown> };
  return { ...option, xAxis: { ...axis, axisLabel: { ...axis.axisLabel, rotate: 30 } } };
}

function Canvas({ option, height, label, testId }: { option: Record<string, unknown>; height: number; label: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const need = categoryLabelWidth(option);
  const needRef = useRef(need);
  needRef.current = need;
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = box.current!;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // The window, the sidebar or the two-column layout changing width all reach the box.
    const observer = new ResizeObserver(() => {
      instance.resize();
      const n = needRef.current;
      setNarrow(n !== null && el.clientWidth - PLOT_MARGIN < n);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  const fitted = useMemo(() => (narrow && need !== null ? slanted(option) : option), [narrow, need, option]);
  useEffect(() => {
    chart.current?.setOption(fitted, { notMerge: true });
  }, [fitted]);
  return <div ref={box} className="stats-canvas" style={{ height }} role="img" aria-label={label} data-testid={testId} data-slanted={narrow && need !== null ? 'true' : undefined} />;
}

function DataTable({ table, caption, testId }: { table: ChartTable; caption: string; testId: string }) {
  return (
    <div className="table-wrap stats-table-wrap">
      <table className="table stats-table" data-testid={testId}>
        <caption className="stats-sr-only">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th scope="col" key={i} className={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className={row[0] === '合计' ? 'strong' : undefined}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {typeof cell === 'number' ? cell.toLocaleString('zh-CN') : cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
