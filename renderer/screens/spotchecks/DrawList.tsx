// The district's draws, newest first: period, streets, rate, how far inspection has got, and whether
// the draw stands or was redrawn (kept, greyed, with the reason on the draw that replaced it).
import { drawStatusLabels, seedSourceLabels } from '../../../shared/glossary';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';
import { formatDateTime, percent, periodText } from './format';

export function DrawList({ canDraw, onOpen, onNew }: { canDraw: boolean; onOpen: (drawId: string) => void; onNew: () => void }) {
  const [draws, reload] = useApi('spotchecks.list', {});
  return (
    <section className="screen" data-testid="spotchecks-screen">
      <div className="screen-head">
        <h1 className="screen-title">抽查</h1>
        <p className="screen-sub">按街道分别抽查已批准和未批准的个案，各不低于 30%；近亲属备案、投诉举报和公示有异议的个案必查。抽样清单的哈希值先公布、后掷骰，任何人都可以复核。</p>
      </div>
      <div className="toolbar">
        {canDraw && (
          <button type="button" className="button primary" onClick={onNew} data-testid="spotcheck-new">
            新建抽查
          </button>
        )}
        <p className="muted toolbar-note">抽样后样本即锁定；确需重新抽取的，须写明理由，原样本保留备查。</p>
      </div>
      {draws.status === 'loading' && <div className="loading">正在载入抽查…</div>}
      {draws.status === 'error' && <LoadError what="抽查" message={draws.message} onRetry={reload} />}
      {draws.status === 'ready' && draws.value.length === 0 && <div className="planned" data-testid="spotcheck-list-empty">还没有抽查。{canDraw ? '点击“新建抽查”，选择期间和街道后冻结清单、公布哈希值，再掷骰抽样。' : '抽样由区民政局科长组织。'}</div>}
      {draws.status === 'ready' && draws.value.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="spotcheck-list">
            <thead>
              <tr>
                <th>抽查期间</th>
                <th>街道</th>
                <th className="num">比例</th>
                <th className="num">样本</th>
                <th>核查进度</th>
                <th>种子来源</th>
                <th>抽样时间</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {draws.value.map((d) => (
                <tr key={d.id} className={d.status === 'superseded' ? 'removed' : undefined} data-testid="spotcheck-row" data-draw-id={d.id} data-status={d.status}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(d.id)}>
                      {periodText(d.periodStart, d.periodEnd)}
                    </button>
                  </td>
                  <td>{d.streetCodes.length} 个</td>
                  <td className="num">{d.rate}%</td>
                  <td className="num">{d.sampled}</td>
                  <td>
                    {d.inspected}/{d.sampled}（{percent(d.inspected, d.sampled)}）
                  </td>
                  <td>{seedSourceLabels[d.seedSource]}</td>
                  <td>
                    {formatDateTime(d.drawnAt)} · {d.drawnBy}
                  </td>
                  <td>
                    <span className={`status draw-status-${d.status}`}>{drawStatusLabels[d.status]}</span>
                    {d.redrawOfId && <span className="muted small"> 重新抽取</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
