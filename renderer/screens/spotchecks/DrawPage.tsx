// One draw: what it was drawn from (period, streets, rate, manifest hash, seed), and tabs for the sample
// (assignment and findings), progress per street, corrections, and the documents. A superseded draw is
// shown read-only with a pointer to why.
import type { Actor } from '../../../shared/access';
import { useState } from 'react';
import { drawStatusLabels, seedSourceLabels } from '../../../shared/glossary';
import type { DrawDetail } from '../../../shared/spotcheck';
import { call } from '../../api';
import { wholeDraw } from './whole-draw';
import { ErrorNotice, RecordPending } from '../../components/LoadError';
import { useApi } from '../../use-api';
import { useRecord, type RecordState } from '../../use-record';
import { CorrectionsPanel } from './CorrectionsPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { ExtendDialog } from './ExtendDialog';
import { formatDateTime, periodText } from './format';
import { Presentation } from './Presentation';
import { ProgressPanel } from './ProgressPanel';
import { SamplePanel } from './SamplePanel';
import type { DrawTab } from '../../route';

type Tab = DrawTab;
const tabs: { id: Tab; label: string }[] = [
  { id: 'sample', label: '样本与核查' },
  { id: 'progress', label: '各街道进度' },
  { id: 'corrections', label: '整改' },
  { id: 'documents', label: '文件与报告' },
];

export type DrawRecord = RecordState<DrawDetail>;

type Props = { drawId: string; tab: Tab | null; onTab: (tab: Tab) => void; canDraw: boolean; onBack: () => void; onRedraw: () => void };

export function DrawPage({ drawId, tab: chosen, onTab: setTab, canDraw, onBack, onRedraw }: Props) {
  const record = useRecord(() => wholeDraw(call('spotchecks.get', { drawId })), drawId);
  const [session] = useApi('session.current', {});
  const tab = chosen ?? 'sample';
  const [error, setError] = useState<string | null>(null);
  const [projecting, setProjecting] = useState(false);
  const [extending, setExtending] = useState(false);

  if (record.detail.status !== 'ready') return <RecordPending detail={record.detail} what="抽查" onRetry={record.reload} onBack={onBack} back="返回抽查列表" />;
  const draw = record.detail.value;
  const locked = draw.status === 'locked';
  const manage = canDraw && locked;
  const user = session.status === 'ready' ? session.value : null;

  async function autoAssign() {
    setError(null);
    const r = await record.runChange(() => wholeDraw(call('spotchecks.autoAssign', { drawId })));
    if (!r.ok) setError(r.message);
  }

  return (
    <section className="screen sc-page" data-testid="draw-page" data-status={draw.status}>
      <div className="meeting-head">
        <button type="button" className="button" onClick={onBack} data-testid="draw-back">
          ← 抽查列表
        </button>
        <h1 className="screen-title">
          抽查 {periodText(draw.periodStart, draw.periodEnd)}
          <span className="issue">比例 {draw.rate}%</span>
        </h1>
        <span className={`status draw-status-${draw.status}`} data-testid="draw-status">
          {drawStatusLabels[draw.status]}
        </span>
        <span className="meeting-when">
          {formatDateTime(draw.drawnAt)} · {draw.drawnBy}
        </span>
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} testId="draw-error" />
      {!locked && <div className="notice">这次抽样已被重新抽取，原样本和核查记录保留备查，不能再修改。</div>}
      {draw.redrawOfId && <div className="notice">本次为重新抽取。理由：{draw.redrawReason}</div>}

      <dl className="kv sc-facts" data-testid="draw-facts">
        <div className="kv-row">
          <dt>清单 SHA-256</dt>
          <dd className="sha" data-testid="draw-hash">
            {draw.manifestSha256}
          </dd>
        </div>
        <div className="kv-row">
          <dt>随机种子</dt>
          <dd className="sha" data-testid="draw-seed">
            {draw.seed}
            <span className="muted small">（{seedSourceLabels[draw.seedSource]}）</span>
          </dd>
        </div>
        <div className="kv-row">
          <dt>样本</dt>
          <dd data-testid="draw-counts">
            {draw.items.length} 件，已核查 {draw.inspected} 件 · 算法 {draw.algorithm}
          </dd>
        </div>
      </dl>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setProjecting(true)} data-testid="draw-present">
          投影展示
        </button>
        {manage && (
          <>
            <button type="button" className="button" onClick={() => void autoAssign()} disabled={record.busy} data-testid="draw-auto-assign">
              自动分组（每个街道一组两人）
            </button>
            <button type="button" className="button" onClick={() => setExtending(true)} data-testid="draw-extend">
              扩大抽查…
            </button>
            <button
              type="button"
              className="button"
              onClick={onRedraw}
              data-testid="draw-redraw"
            >
              重新抽取…
            </button>
          </>
        )}
      </div>

      <div className="tabs" role="tablist" aria-label="抽查内容">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} className={t.id === tab ? 'tab active' : 'tab'} onClick={() => setTab(t.id)} data-testid={`draw-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {renderTab(tab, { draw, record, manage, canRecord: locked, user, canDraw })}
      </div>
      {projecting && <Presentation frame={{ ...draw, cases: draw.strata.reduce((n, s) => n + s.population, 0) }} digits={null} seed={draw.seed} onClose={() => setProjecting(false)} />}
      {extending && <ExtendDialog draw={draw} record={record} onClose={() => setExtending(false)} />}
    </section>
  );
}

type TabProps = { draw: DrawDetail; record: DrawRecord; manage: boolean; canRecord: boolean; user: Actor | null; canDraw: boolean };

function renderTab(tab: Tab, p: TabProps) {
  switch (tab) {
    case 'sample':
      return <SamplePanel draw={p.draw} record={p.record} manage={p.manage} canRecord={p.canRecord} user={p.user} />;
    case 'progress':
      return <ProgressPanel draw={p.draw} />;
    case 'corrections':
      return <CorrectionsPanel draw={p.draw} record={p.record} manage={p.manage} />;
    case 'documents':
      return <DocumentsPanel draw={p.draw} />;
    default: {
      const never: never = tab;
      throw new Error(`unknown tab ${String(never)}`);
    }
  }
}
