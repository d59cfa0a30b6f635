// The agenda in 准备: the items in the order the meeting will take them, the ones removed (greyed, with
// the reason, because removing a pending case from the leading group's view must stay explainable),
// and, until the meeting closes, adding a pending case and removing an undecided item with a reason.
import { useRef, useState } from 'react';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels, outcomeLabels } from '../../../shared/glossary';
import type { AgendaItemView, MeetingDetail } from '../../../shared/meeting';
import { Dialog, DialogError } from '../../components/Dialog';
import { AddCandidate } from './AddCandidate';
import { Flags } from './Flags';
import { yuanOrDash } from './format';
import type { MeetingState } from './use-meeting';
import { LimitedInput } from '../../components/LimitedText';

type Props = { detail: MeetingDetail; meeting: MeetingState; onError: (message: string | null) => void };

export function AgendaPanel({ detail, meeting, onError }: Props) {
  const [removing, setRemoving] = useState<AgendaItemView | null>(null);
  const [adding, setAdding] = useState(false);
  // The service lets the agenda change until the meeting closes (a case withdrawn during the session);
  // a decided item must first have its decision cleared.
  const editable = detail.status !== 'closed' && meeting.canEdit;
  const live = detail.items.filter((i) => !i.removed);
  const removed = detail.items.filter((i) => i.removed);

  return (
    <div className="panel agenda-panel" data-testid="agenda">
      <div className="panel-head">
        <h2>
          议程 <span className="count" data-testid="agenda-count">{live.length}</span> 项
        </h2>
        {editable && (
          <button type="button" className="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding} data-testid="add-case">
            {adding ? '收起' : '添加个案'}
          </button>
        )}
      </div>
      {adding && editable && <AddCandidate detail={detail} meeting={meeting} onError={onError} />}
      <div className="table-wrap">
        <table className="table agenda-table">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th>社区（村）</th>
              <th>户主</th>
              <th className="num">人数</th>
              <th>事项</th>
              <th>救助类别</th>
              <th>状态</th>
              <th className="num">人均月收入（元）</th>
              <th className="num">拟定金额（元）</th>
              <th>标记</th>
              <th>{detail.status === 'draft' ? '操作' : '决定 / 操作'}</th>
            </tr>
          </thead>
          <tbody>
            {live.map((item) => (
              <tr key={item.id} data-testid="agenda-row" data-item-id={item.id} data-head={item.case.headName}>
                <td className="num">{item.number}</td>
                <td>{item.case.communityName}</td>
                <td className="strong">{item.case.headName}</td>
                <td className="num">{item.case.householdSize}</td>
                <td>{caseKindLabels[item.case.kind]}</td>
                <td>{caseCategoryLabels[item.case.category]}</td>
                <td>
                  <span className={`status status-${item.case.status}`}>{caseStatusLabels[item.case.status]}</span>
                </td>
                <td className="num" data-testid="agenda-per-capita">{yuanOrDash(item.case.perCapitaIncomeFen)}</td>
                <td className="num" data-testid="agenda-proposed">{item.case.amountRule === 'stop' ? '停发' : yuanOrDash(item.case.proposedAmountFen)}</td>
                <td className="agenda-flags">
                  <Flags closeRelative={item.case.closeRelative} complaint={item.case.complaint} />
                  {item.source === 'manual' && <span className="tag">补充</span>}
                </td>
                <td>
                  {item.decision ? (
                    <>
                      <span className={`outcome outcome-${item.decision.outcome}`}>{outcomeLabels[item.decision.outcome]}</span>
                      {item.decision.phaseOutMonths ? (
                        <span className="muted small" data-testid="agenda-phase-out">
                          {' '}渐退期{item.decision.phaseOutMonths}个月
                        </span>
                      ) : null}
                      {/* Corrections across meetings (issue 17): this decision corrects, or was corrected by, another meeting's. */}
                      {item.decision.supersedes && (
                        <div className="muted small" data-testid="agenda-supersedes">
                          本决定更正了{item.decision.supersedes.label}
                        </div>
                      )}
                      {item.decision.supersededBy && (
                        <div className="warn-text small" data-testid="agenda-superseded-by">
                          已被{item.decision.supersededBy.label.replace(/的决定（.*）$/u, '')}的决定更正
                        </div>
                      )}
                    </>
                  ) : editable ? (
                    <button type="button" className="button small-inline" onClick={() => setRemoving(item)} data-testid="remove-item">
                      移出
                    </button>
                  ) : (
                    <span className="muted">未决定</span>
                  )}
                </td>
              </tr>
            ))}
            {live.length === 0 && (
              <tr>
                <td colSpan={11} className="empty">
                  议程中没有议题。{editable ? '可点击“添加个案”加入待审议的个案。' : ''}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {removed.length > 0 && (
        <div className="removed" data-testid="removed-items">
          <h3>已移出议程（{removed.length}）</h3>
          <ul>
            {removed.map((item) => (
              <li key={item.id} data-testid="removed-row">
                <span className="strong">{item.case.headName}</span>
                <span>{item.case.communityName}</span>
                <span>{caseKindLabels[item.case.kind]}</span>
                <span className="removed-reason">理由：{item.removedReason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {removing && <RemoveDialog item={removing} detail={detail} meeting={meeting} onClose={() => setRemoving(null)} />}
    </div>
  );
}

function RemoveDialog({ item, detail, meeting, onClose }: { item: AgendaItemView; detail: MeetingDetail; meeting: MeetingState; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function confirm() {
    if (reason.trim() === '') {
      setError('请填写移出议程的理由');
      input.current?.focus();
      return;
    }
    const r = await meeting.run('meetings.removeItem', { meetingId: detail.id, itemId: item.id, reason });
    if (r.ok) onClose();
    else setError(r.message);
  }

  return (
    <Dialog
      title="移出议程"
      onClose={onClose}
      onSubmit={() => void confirm()}
      initialFocus={input}
      testId="remove-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={meeting.busy} data-testid="remove-confirm">
            移出
          </button>
        </>
      }
    >
      <p>
        将 <strong>{item.case.communityName}</strong> <strong>{item.case.headName}</strong> 户（{caseKindLabels[item.case.kind]}）移出本次会议议程，本次会议不再审议该个案。理由将记入会议记录。
      </p>
      <label className="field">
        <span>移出理由（必填）</span>
        <LimitedInput inputRef={input} value={reason} maxLength={200} placeholder="如：材料不全，退回社区补充调查" onValue={setReason} testId="remove-reason" />
      </label>
      <DialogError message={error} testId="remove-error" />
    </Dialog>
  );
}
