// 花名册: the month's payment roster of a street or the whole district (who is paid for the month by the
// decisions in effect at the end of the month before), its totals by category reconciled with last
// month, the change list, the PDF to print and the Excel for finance; the bureau is reminded from the
// 1st until it marks the month's district roster sent to finance (due by the 5th).
import { useMemo, useState } from 'react';
import { allowed, canSendRoster } from '../../../shared/access';
import { formatChineseDate, formatChineseMonth } from '../../../shared/dates';
import { caseCategoryLabels } from '../../../shared/glossary';
import { formatYuan } from '../../../shared/money';
import { rosterChangeKinds, rosterChangeLabels, type RosterView } from '../../../shared/roster';
import { call, errorMessage } from '../../api';
import { MonthField } from '../../components/DateField';
import { LoadError } from '../../components/LoadError';
import { PdfJobStatus, usePdfJob } from '../../components/PdfJob';
import { XlsxExportButton, XlsxExportStatus, useXlsxExport } from '../../components/XlsxExport';
import { useApi } from '../../use-api';

const categoryName = (c: string) => (caseCategoryLabels as Record<string, string>)[c] ?? c;
const signed = (fen: number) => (fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen));
/** The change list can run to hundreds of lines for a district; the screen shows the first ones, the files all. */
const SHOWN_CHANGES = 200;

export function RosterScreen() {
  const [session, reloadSession] = useApi('session.current', {});
  const [reminder, reloadReminder] = useApi('roster.reminder', {});
  const [regions] = useApi('regions.list', {});
  const [chosenMonth, setMonth] = useState<string | null>(null);
  const [chosenScope, setScope] = useState<string | null>(null);
  if (session.status !== 'ready' || reminder.status !== 'ready') {
    return (
      <section className="screen" aria-labelledby="roster-title">
        <h1 id="roster-title">花名册</h1>
        {session.status === 'error' && <LoadError what="登录信息" message={session.message} onRetry={reloadSession} />}
        {reminder.status === 'error' && <LoadError what="花名册报送情况" message={reminder.message} onRetry={reloadReminder} />}
        {(session.status === 'loading' || reminder.status === 'loading') && <div className="loading">正在载入…</div>}
      </section>
    );
  }
  const user = session.value;
  const latest = reminder.value.month;
  const month = chosenMonth ?? latest;
  const scope = chosenScope ?? user.regionCode.slice(0, user.regionCode.length >= 9 ? 9 : 6);
  const streets = regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street') : [];
  const district = user.regionCode.length === 6;
  const r = reminder.value;

  return (
    <section className="screen roster-screen" aria-labelledby="roster-title">
      <h1 id="roster-title">花名册</h1>
      {r.message && (
        <div className={r.overdue ? 'notice error' : 'notice warn'} role={r.overdue ? 'alert' : 'status'} data-testid="roster-reminder">
          {r.message}
        </div>
      )}
      {r.sent && (
        <div className="notice ok" role="status" data-testid="roster-sent">
          {formatChineseMonth(r.month)}花名册已于{formatChineseDate(r.sent.sentOn)}由{r.sent.sentByName}标记报送财政（{r.sent.households} 户，{formatYuan(r.sent.totalFen)} 元）。
        </div>
      )}
      <div className="toolbar">
        <MonthField label="发放月份" value={month} onChange={(v) => setMonth(v)} testId="roster-month" max={latest} hint={`最近可生成的是${formatChineseMonth(latest)}；花名册按上月末生效的审批决定生成`} />
        {district && (
          <label className="field">
            <span>范围</span>
            <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="roster-scope">
              <option value={user.regionCode}>全区（{user.regionName}）</option>
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {/^\d{4}-\d{2}$/.test(month) && <RosterBody key={`${month}|${scope}`} month={month} scope={scope} canSend={district && scope === user.regionCode && allowed(canSendRoster(user, user.regionCode))} sentMonth={r.sent ? r.month : null} onSent={reloadReminder} />}
    </section>
  );
}

type BodyProps = { month: string; scope: string; canSend: boolean; sentMonth: string | null; onSent: () => void };

function RosterBody({ month, scope, canSend, sentMonth, onSent }: BodyProps) {
  const [view, reload] = useApi('roster.view', { month, scope }, `${month}|${scope}`);
  const pdf = usePdfJob(`roster-${scope}-${month}`);
  const xlsx = useXlsxExport(`roster-${scope}-${month}`);
  const [send, setSend] = useState<{ status: 'idle' | 'saving' } | { status: 'error'; message: string }>({ status: 'idle' });

  async function markSent() {
    setSend({ status: 'saving' });
    try {
      await call('roster.markSent', { districtCode: scope, month });
      setSend({ status: 'idle' });
      onSent();
    } catch (error) {
      setSend({ status: 'error', message: errorMessage(error) });
    }
  }

  if (view.status === 'loading') return <div className="loading">正在计算花名册…</div>;
  if (view.status === 'error') return <LoadError what="花名册" message={view.message} onRetry={reload} />;
  const v = view.value;
  return (
    <div className="roster-body" data-testid="roster-body">
      <div className="panel">
        <div className="panel-head">
          <h2 data-testid="roster-heading">
            {v.scopeName}
            {formatChineseMonth(v.month)}城乡低保、特困人员资金发放花名册
          </h2>
        </div>
        <p className="muted">
          依据截至{formatChineseDate(v.basisDay)}生效的审批决定。本月 <strong data-testid="roster-households">{v.summary.households}</strong> 户 {v.summary.persons} 人，发放{' '}
          <strong data-testid="roster-total">{formatYuan(v.summary.totalFen)}</strong> 元；上月 {v.summary.previous.households} 户 {formatYuan(v.summary.previous.totalFen)} 元。收款人为户主本人。
        </p>
        <div className="toolbar-actions">
          <button type="button" className="button primary" disabled={pdf.running} onClick={() => void pdf.start(() => call('roster.pdf', { month, scope }))} data-testid="roster-pdf">
            {pdf.running ? '正在生成…' : '生成 PDF（打印用，不含身份证号）'}
          </button>
          <XlsxExportButton job={xlsx} write={() => call('roster.xlsx', { month, scope })} testId="roster-xlsx" label="导出 Excel（报财政，含身份证号）" />
          {canSend && (
            <button type="button" className="button" disabled={send.status === 'saving' || sentMonth === month} onClick={() => void markSent()} data-testid="roster-mark-sent">
              {sentMonth === month ? '已报送财政' : send.status === 'saving' ? '正在保存…' : '标记已报送财政'}
            </button>
          )}
        </div>
        {send.status === 'error' && (
          <div className="notice error" role="alert" data-testid="roster-send-error">
            {send.message}
          </div>
        )}
        <PdfJobStatus state={pdf.state} testIds={{ progress: 'roster-pdf-progress', path: 'roster-pdf-path', pages: 'roster-pdf-pages', error: 'roster-pdf-error' }} />
        <XlsxExportStatus state={xlsx.state} testId="roster-xlsx-result" />
      </div>
      <TotalsTable view={v} />
      <ChangesTable view={v} />
    </div>
  );
}

function TotalsTable({ view }: { view: RosterView }) {
  return (
    <div className="panel">
      <h2>分类汇总及与上月核对</h2>
      <div className="table-wrap">
        <table className="table" data-testid="roster-totals">
          <thead>
            <tr>
              <th scope="col">类别</th>
              <th scope="col">上月户数</th>
              <th scope="col">上月金额（元）</th>
              {rosterChangeKinds.map((k) => (
                <th scope="col" key={k}>
                  {rosterChangeLabels[k]}
                </th>
              ))}
              <th scope="col">本月户数</th>
              <th scope="col">本月人数</th>
              <th scope="col">本月金额（元）</th>
            </tr>
          </thead>
          <tbody>
            {view.categories.map((l) => (
              <tr key={l.category} data-testid={`roster-cat-${l.category}`}>
                <th scope="row">{categoryName(l.category)}</th>
                <td className="num">{l.previous.households}</td>
                <td className="num">{formatYuan(l.previous.totalFen)}</td>
                {rosterChangeKinds.map((k) => (
                  <td className="num" key={k}>
                    {l.counts[k] === 0 ? '—' : `${l.counts[k]} 户 ${signed(l.deltaFen[k])}`}
                  </td>
                ))}
                <td className="num">{l.current.households}</td>
                <td className="num">{l.current.persons}</td>
                <td className="num">{formatYuan(l.current.totalFen)}</td>
              </tr>
            ))}
            <tr className="strong">
              <th scope="row">合计</th>
              <td className="num">{view.summary.previous.households}</td>
              <td className="num">{formatYuan(view.summary.previous.totalFen)}</td>
              {rosterChangeKinds.map((k) => (
                <td className="num" key={k}>
                  {view.summary.changes[k] === 0 ? '—' : `${view.summary.changes[k]} 户`}
                </td>
              ))}
              <td className="num">{view.summary.households}</td>
              <td className="num">{view.summary.persons}</td>
              <td className="num">{formatYuan(view.summary.totalFen)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small">上月户数 + 新增 − 停保 = 本月户数；上月金额加各项增减 = 本月金额。类别变更的家庭在原类别计停保、在新类别计新增。</p>
    </div>
  );
}

function ChangesTable({ view }: { view: RosterView }) {
  const shown = useMemo(() => view.changes.slice(0, SHOWN_CHANGES), [view.changes]);
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>变动名单（与上月相比）</h2>
        <span className="count" data-testid="roster-change-count">
          共 {view.changes.length} 项
        </span>
      </div>
      {view.changes.length === 0 ? (
        <p className="muted">本月与上月相比没有变动。</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="roster-changes">
            <thead>
              <tr>
                <th scope="col">变动</th>
                <th scope="col">类别</th>
                <th scope="col">社区（村）</th>
                <th scope="col">户号</th>
                <th scope="col">户主</th>
                <th scope="col">上月（元）</th>
                <th scope="col">本月（元）</th>
                <th scope="col">增减（元）</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={`${c.kind}-${c.category}-${c.householdNo}`}>
                  <td>{rosterChangeLabels[c.kind]}</td>
                  <td>{categoryName(c.category)}</td>
                  <td>{c.communityName}</td>
                  <td className="code">{c.householdNo}</td>
                  <td>{c.headName}</td>
                  <td className="num">{c.kind === 'added' ? '—' : formatYuan(c.beforeFen)}</td>
                  <td className="num">{c.kind === 'stopped' ? '—' : formatYuan(c.afterFen)}</td>
                  <td className="num">{signed(c.afterFen - c.beforeFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.changes.length > SHOWN_CHANGES && <p className="muted small">此处列出前 {SHOWN_CHANGES} 项，全部变动见 PDF 和 Excel。</p>}
    </div>
  );
}
