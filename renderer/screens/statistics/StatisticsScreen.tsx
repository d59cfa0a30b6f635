// 统计: the figures of the district or one street for a month, a half-year or a year (statistics.view),
// as big tiles to read out at a meeting, a warning for the streets that held no meeting in a month,
// and the six charts of the monthly report, each with its numbers one click away. The bureau chooses
// the district or a street; a street's users see their own street. The module is loaded lazily (see
// App.tsx), so ECharts stays out of the bundle every other screen loads.
import { useMemo, useState } from 'react';
import { isBureauRole } from '../../../shared/access';
import { formatChineseDate, formatChineseMonth } from '../../../shared/dates';
import { formatYuan } from '../../../shared/money';
import type { StatisticsChartId } from '../../../shared/statistics-charts';
import { findingKinds, statisticsPeriodKinds, statisticsPeriodLabels, type StatisticsPeriodKind, type StatisticsView, type StreetFigures } from '../../../shared/statistics';
import { MonthField } from '../../components/DateField';
import { LoadError } from '../../components/LoadError';
import { PdfJobStatus, usePdfJob } from '../../components/PdfJob';
import { XlsxExportButton, XlsxExportStatus, useXlsxExport } from '../../components/XlsxExport';
import { call } from '../../api';
import type { Route } from '../../route';
import { useApi } from '../../use-api';
import type { Go } from '../../use-route';
import { todayInChina } from '../meetings/format';
import { StatisticsChart } from './StatisticsChart';
import './statistics.css';

type StatisticsRoute = Extract<Route, { screen: 'statistics' }>;

/** The two wide charts first, then the four by street two by two. */
const chartOrder: readonly StatisticsChartId[] = ['trend', 'meetings', 'decisions', 'objections', 'findings', 'corrections'];
const count = (n: number) => n.toLocaleString('zh-CN');
/** The app's own font stack, so the charts' Chinese is drawn in the font the rest of the screen uses. */
const appFont = () => getComputedStyle(document.documentElement).fontFamily || 'sans-serif';

export function StatisticsScreen({ route, go }: { route: StatisticsRoute; go: Go }) {
  const [session, reloadSession] = useApi('session.current', {});
  const [regions] = useApi('regions.list', {});
  const streets = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street') : []), [regions]);
  const thisMonth = todayInChina().slice(0, 7);

  if (session.status !== 'ready') {
    return (
      <section className="screen" aria-labelledby="stats-title">
        <h1 id="stats-title" className="screen-title">
          统计
        </h1>
        {session.status === 'error' ? <LoadError what="登录信息" message={session.message} onRetry={reloadSession} /> : <div className="loading">正在载入…</div>}
      </section>
    );
  }
  const user = session.value;
  const bureau = isBureauRole(user.role) && user.regionCode.length === 6;
  const own = bureau ? user.regionCode : user.regionCode.slice(0, 9);
  // The bureau's choice from the address when it is the district or one of its streets; a street's users always see their own.
  const scope = bureau && route.scope && (route.scope === own || (route.scope.startsWith(own) && route.scope.length === 9)) ? route.scope : own;
  const month = route.month ?? thisMonth;
  const period: StatisticsPeriodKind = route.period ?? 'month';
  const choose = (next: Partial<Pick<StatisticsRoute, 'scope' | 'month' | 'period'>>) => go({ screen: 'statistics', scope, month, period, ...next }, { replace: true });

  return (
    <section className="screen stats-screen" aria-labelledby="stats-title">
      <div className="screen-head">
        <h1 id="stats-title" className="screen-title">
          统计
        </h1>
      </div>
      <div className="toolbar stats-toolbar">
        {bureau ? (
          <label className="field">
            <span>范围</span>
            <select value={scope} onChange={(e) => choose({ scope: e.target.value })} data-testid="stats-scope">
              <option value={own}>全区（{user.regionName}）</option>
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div className="field">
            <span>范围</span>
            <span className="stats-own-scope" data-testid="stats-own-scope">
              {user.regionName}
            </span>
          </div>
        )}
        <MonthField label="统计月份" value={month} onChange={(v) => choose({ month: v })} max={thisMonth} testId="stats-month" />
        <div className="field">
          <span id="stats-period-label">统计周期</span>
          <div className="segmented stats-period" role="group" aria-labelledby="stats-period-label">
            {statisticsPeriodKinds.map((k) => (
              <button key={k} type="button" className={k === period ? 'seg on' : 'seg'} aria-pressed={k === period} onClick={() => choose({ period: k })} data-testid={`stats-period-${k}`}>
                {statisticsPeriodLabels[k]}
              </button>
            ))}
          </div>
        </div>
      </div>
      {/^\d{4}-\d{2}$/.test(month) && <StatisticsBody scope={scope} month={month} period={period} thisMonth={thisMonth} />}
    </section>
  );
}

export default StatisticsScreen;

function StatisticsBody({ scope, month, period, thisMonth }: { scope: string; month: string; period: StatisticsPeriodKind; thisMonth: string }) {
  const key = `${scope}|${month}|${period}`;
  const [view, reload] = useApi('statistics.view', { scope, month, period }, key);
  // The figures shown stay on screen while the next ones load, so a projector does not flash blank at each choice.
  const [kept, setKept] = useState<StatisticsView | null>(null);
  if (view.status === 'ready' && kept !== view.value) setKept(view.value);
  const font = useMemo(appFont, []);
  const pdf = usePdfJob(`statistics-${key}`);
  const xlsx = useXlsxExport(`statistics-${key}`);

  if (view.status === 'error') return <LoadError what="统计" message={view.message} onRetry={reload} />;
  const v = view.status === 'ready' ? view.value : kept;
  if (!v) return <div className="loading">正在统计…</div>;
  return (
    <div className="stats-scroll" aria-busy={view.status === 'loading'} data-testid="stats-body" data-scope={v.scope} data-period={v.period.kind}>
      <p className="stats-heading" data-testid="stats-heading">
        <strong>
          {v.scopeName}
          {v.period.label}
        </strong>
        <span className="muted">
          数据截至{formatChineseDate(v.asOf)}
          {view.status === 'loading' && '（正在更新…）'}
        </span>
      </p>
      <div className="toolbar-actions">
        <button type="button" className="button primary" disabled={pdf.running} onClick={() => void pdf.start(() => call('statistics.pdf', { scope, month, period }))} data-testid="stats-pdf">
          {pdf.running ? '正在生成…' : '生成工作报表 PDF'}
        </button>
        <XlsxExportButton job={xlsx} write={() => call('statistics.xlsx', { scope, month, period })} testId="stats-xlsx" label="导出报表 Excel" />
      </div>
      <PdfJobStatus state={pdf.state} testIds={{ progress: 'stats-pdf-progress', path: 'stats-pdf-path', pages: 'stats-pdf-pages', error: 'stats-pdf-error' }} />
      <XlsxExportStatus state={xlsx.state} testId="stats-xlsx-result" />
      <MissingMeetings view={v} thisMonth={thisMonth} />
      <Tiles view={v} thisMonth={thisMonth} />
      <div className="stats-charts">
        {chartOrder.map((id) => (
          <StatisticsChart key={id} id={id} view={v} font={font} />
        ))}
      </div>
    </div>
  );
}

/** The streets that held no closed meeting in a month of the period (seed 001 八: at least one a month), month by month. */
function MissingMeetings({ view, thisMonth }: { view: StatisticsView; thisMonth: string }) {
  const byMonth = new Map<string, string[]>();
  for (const s of view.streets) for (const m of s.monthsWithoutMeeting) byMonth.set(m, [...(byMonth.get(m) ?? []), s.name]);
  if (byMonth.size === 0) {
    return (
      <div className="notice ok stats-meetings-ok" role="status" data-testid="stats-missing-none">
        {view.streets.length > 1 ? '各街道' : view.scopeName}在本期每个月都召开了联审联批会议。
      </div>
    );
  }
  const months = [...byMonth.keys()].sort();
  const overdue = months.some((m) => m < thisMonth);
  return (
    <div className={`notice ${overdue ? 'error' : 'warn'} stats-missing`} role="status" data-testid="stats-missing">
      <strong>未召开联审联批会议（每月至少召开一次）：</strong>
      <ul>
        {months.map((m) => {
          const names = byMonth.get(m)!;
          return (
            <li key={m} data-month={m}>
              {formatChineseMonth(m)}
              {m === thisMonth && '（本月尚未结束）'}：{names.length === view.streets.length && names.length > 1 ? `全部 ${names.length} 个街道（${names.join('、')}）` : names.join('、')}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One figure with its unit, or several side by side under their names (the unit then in the tile's name). */
type Tile = { id: string; label: string; figures: { label?: string; value: string; unit?: string; warn?: boolean }[]; sub?: string; subTone?: 'warn' | 'due' };

function tiles(view: StatisticsView, thisMonth: string): Tile[] {
  const t: StreetFigures = view.total;
  const rosterMonth = formatChineseMonth(view.months[view.months.length - 1] ?? view.period.last);
  // A month that has ended without a meeting is a failing; this month's meeting may still be held.
  const missed = view.streets.reduce((n, s) => n + s.monthsWithoutMeeting.filter((m) => m < thisMonth).length, 0);
  const pending = view.streets.filter((s) => s.monthsWithoutMeeting.includes(thisMonth)).length;
  const several = view.streets.length > 1;
  const nonCompliant = findingKinds.filter((f) => f !== 'compliant').reduce((n, f) => n + t.findings[f], 0);
  return [
    { id: 'households', label: '在保户数', figures: [{ value: count(t.householdsPaid), unit: '户' }], sub: `${rosterMonth}花名册` },
    { id: 'persons', label: '在保人数', figures: [{ value: count(t.personsPaid), unit: '人' }], sub: `${rosterMonth}花名册` },
    {
      id: 'paid',
      label: '月发放金额',
      figures: [{ value: formatYuan(t.totalFen), unit: '元' }],
      sub: view.period.kind === 'month' ? `${rosterMonth}花名册合计` : `${view.period.label}累计发放 ${formatYuan(t.periodPaidFen)} 元`,
    },
    {
      id: 'meetings',
      label: '召开会议',
      figures: [{ value: count(t.meetingsHeld), unit: '次' }],
      sub: missed > 0 ? (several ? `${missed} 个街道·月未召开` : `${missed} 个月未召开`) : pending > 0 ? (several ? `本月 ${pending} 个街道尚未召开` : '本月尚未召开') : '每月均已召开',
      subTone: missed > 0 ? 'warn' : pending > 0 ? 'due' : undefined,
    },
    {
      id: 'decisions',
      label: '审议决定（件）',
      figures: [
        { label: '同意', value: count(t.decisions.approve) },
        { label: '不同意', value: count(t.decisions.reject) },
        { label: '暂缓', value: count(t.decisions.defer) },
      ],
    },
    {
      id: 'notices',
      label: '公示（批）/ 异议（件）',
      figures: [
        { label: '公示', value: count(t.noticesPosted) },
        { label: '异议', value: count(t.objections) },
      ],
    },
    {
      id: 'findings',
      label: '抽查发现问题',
      figures: [{ value: count(nonCompliant), unit: '件' }],
      sub: view.findingsFrom === 'spot_checks' ? `抽查符合 ${count(t.findings.compliant)} 件` : '据区局下达的整改通知',
    },
    {
      id: 'corrections',
      label: '整改（件）',
      figures: [
        { label: '整改中', value: count(t.correctionsOpen) },
        { label: '其中逾期', value: count(t.correctionsOverdue), warn: t.correctionsOverdue > 0 },
      ],
      sub: `本期完成 ${count(t.correctionsDone)} 件`,
    },
  ];
}

function Tiles({ view, thisMonth }: { view: StatisticsView; thisMonth: string }) {
  return (
    <dl className="stat-tiles" data-testid="stats-tiles">
      {tiles(view, thisMonth).map((tile) => (
        <div key={tile.id} className="stat-tile" data-testid={`tile-${tile.id}`}>
          <dt className="stat-label">{tile.label}</dt>
          <dd className={tile.figures.length > 1 ? 'stat-figures several' : 'stat-figures'}>
            {tile.figures.map((f, i) => (
              <span key={i} className={f.warn ? 'stat-figure warn' : 'stat-figure'}>
                {f.label && <span className="stat-figure-label">{f.label}</span>}
                <span className="stat-value" data-testid={`tile-${tile.id}-${i}`}>
                  {f.value}
                </span>
                {f.unit && <span className="stat-unit">{f.unit}</span>}
              </span>
            ))}
          </dd>
          {tile.sub && <dd className={tile.subTone ? `stat-sub ${tile.subTone}` : 'stat-sub'}>{tile.sub}</dd>}
        </div>
      ))}
    </dl>
  );
}
