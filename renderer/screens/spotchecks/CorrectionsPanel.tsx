// Corrections: every case found with a problem, the correction ordered to its street office with a
// deadline (within CORRECTION_HORIZON_DAYS of the order, movable with a reason until it falls due), and
// the street office's answers, which the section chief accepts (通过: done) or returns (退回, with a note the
// street reads); overdue ones are flagged. The chief may still record a result directly while none waits.
import { useState } from 'react';
import { caseKindLabels, correctionStatusLabels, findingLabels } from '../../../shared/glossary';
import { answerReviewLabels, isOverdue, type CorrectionAnswerView } from '../../../shared/corrections';
import { formatChineseDate } from '../../../shared/dates';
import { missingCase } from '../../../shared/result';
import type { DrawDetail, SampleItemView } from '../../../shared/spotcheck';
import { call } from '../../api';
import { wholeDraw } from './whole-draw';
import { Dialog, DialogError } from '../../components/Dialog';
import type { DrawRecord } from './DrawPage';
import { todayInChina } from './format';
import { addDays } from '../../../shared/dates';
import { CORRECTION_HORIZON_DAYS, correctionDeadlineProblem, deadlineChangeProblem, latestCorrectionDeadline } from '../../../shared/date-rules';
import { DateField } from '../../components/DateField';
import { LimitedTextArea } from '../../components/LimitedText';

type Editing = { kind: 'order' | 'close' | 'deadline'; item: SampleItemView };
type Reviewing = { verdict: 'accepted' | 'returned'; item: SampleItemView; answer: CorrectionAnswerView };

const titles: Record<Editing['kind'], string> = { order: '下达整改要求', close: '登记整改结果', deadline: '修改整改期限' };

export function CorrectionsPanel({ draw, record, manage }: { draw: DrawDetail; record: DrawRecord; manage: boolean }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [reviewing, setReviewing] = useState<Reviewing | null>(null);
  const today = todayInChina();
  const problems = draw.items.filter((i) => i.finding && i.finding.finding !== 'compliant');
  if (problems.length === 0) return <div className="planned" data-testid="corrections-empty">核查尚未发现问题，没有需要整改的个案。</div>;
  return (
    <div className="panel">
      <div className="table-wrap">
        <table className="table" data-testid="corrections-table">
          <thead>
            <tr>
              <th>案件编号</th>
              <th>街道 / 社区</th>
              <th>问题</th>
              <th>核查情况</th>
              <th>整改要求</th>
              <th>期限</th>
              <th>状态</th>
              <th>街道答复</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {problems.map((i) => {
              const c = i.finding!.correction;
              const late = c !== null && isOverdue(c, today);
              const last = c?.answers[c.answers.length - 1];
              return (
                <tr key={i.id} data-testid="correction-row" data-case-no={i.caseNo} data-overdue={late ? '1' : '0'}>
                  <td className="mono">{i.caseNo}</td>
                  <td>
                    {i.streetName} {i.communityName}
                  </td>
                  <td className="warn-text">{findingLabels[i.finding!.finding]}</td>
                  <td>{i.finding!.notes}</td>
                  <td>
                    {c?.requirement ?? <span className="muted">未下达</span>}
                    {c?.asksCaseKind && <div className="muted small">要求列入会议：{caseKindLabels[c.asksCaseKind]}</div>}
                  </td>
                  <td className={late ? 'warn-text' : undefined}>
                    {c ? formatChineseDate(c.deadline) : ''}
                    {late && (
                      <div>
                        <span className="flag" data-testid="correction-overdue">
                          已逾期
                        </span>
                      </div>
                    )}
                  </td>
                  <td data-testid="correction-status">{c ? `${correctionStatusLabels[c.status]}${c.closedOn ? `（${formatChineseDate(c.closedOn)}）` : ''}` : ''}</td>
                  <td data-testid="correction-answer-cell">
                    {c && c.answers.filter((a) => a.review === 'returned').map((a) => (
                      <div key={a.id} className="muted small">
                        {formatChineseDate(a.answeredOn)}答复已退回：{a.reviewNote}
                      </div>
                    ))}
                    {last && last.review !== 'returned' && (
                      <div className="small" data-testid="correction-answer-text">
                        {formatChineseDate(last.answeredOn)}：{last.answer}
                        {last.caseNo && <span className="muted">（个案 {last.caseNo}{last.decisionLabel ? `，${last.decisionLabel}` : ''}）</span>}{' '}
                        <span className={last.review === 'accepted' ? 'tag ok' : 'tag'}>{answerReviewLabels[last.review]}</span>
                      </div>
                    )}
                    {manage && c?.status === 'answered' && last?.review === 'pending' && (
                      <span className="row-actions">
                        <button type="button" className="button small primary" onClick={() => setReviewing({ verdict: 'accepted', item: i, answer: last })} data-testid="answer-accept">
                          通过
                        </button>
                        <button type="button" className="button small" onClick={() => setReviewing({ verdict: 'returned', item: i, answer: last })} data-testid="answer-return">
                          退回
                        </button>
                      </span>
                    )}
                  </td>
                  <td>
                    {manage && !c && (
                      <button type="button" className="button small" onClick={() => setEditing({ kind: 'order', item: i })} data-testid="correction-order">
                        下达整改
                      </button>
                    )}
                    {manage && c?.status === 'open' && (
                      <span className="row-actions">
                        <button type="button" className="button small" onClick={() => setEditing({ kind: 'close', item: i })} data-testid="correction-close">
                          登记结果
                        </button>
                        {todayInChina() <= c.deadline && (
                          <button type="button" className="button small" onClick={() => setEditing({ kind: 'deadline', item: i })} data-testid="correction-deadline">
                            改期限
                          </button>
                        )}
                      </span>
                    )}
                    {c?.status === 'done' && <span className="muted small">{c.result}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editing && <CorrectionDialog editing={editing} record={record} onClose={() => setEditing(null)} />}
      {reviewing && <ReviewDialog reviewing={reviewing} record={record} onClose={() => setReviewing(null)} />}
    </div>
  );
}

function CorrectionDialog({ editing, record, onClose }: { editing: Editing; record: DrawRecord; onClose: () => void }) {
  const today = todayInChina();
  const finding = editing.item.finding!;
  const correction = finding.correction;
  const [text, setText] = useState('');
  const [date, setDate] = useState(editing.kind === 'order' ? addDays(today, 30) : editing.kind === 'deadline' && correction ? correction.deadline : today);
  const [asks, setAsks] = useState<'' | 're_review' | 'termination'>('');
  const [error, setError] = useState<string | null>(null);
  const orderedOn = editing.kind === 'order' ? today : (correction?.orderedOn ?? today);
  const latest = latestCorrectionDeadline(orderedOn);
  // The service's rule for the date, said beside it before saving.
  const dateProblem =
    editing.kind === 'order'
      ? correctionDeadlineProblem(today, date)
      : editing.kind === 'deadline' && correction
        ? deadlineChangeProblem({ orderedOn: correction.orderedOn, deadline: correction.deadline, open: correction.status === 'open' }, date, today)
        : null;
  const textLabel = { order: '整改要求', close: '整改结果', deadline: '改期理由' }[editing.kind];

  async function submit() {
    if (text.trim() === '') return setError(`请写明${textLabel}`);
    const r = await record.runChange(() => {
      switch (editing.kind) {
        case 'order':
          return wholeDraw(call('spotchecks.orderCorrection', { findingId: finding.id, requirement: text, orderedOn: today, deadline: date, asksCaseKind: asks === '' ? null : asks }));
        case 'close':
          return wholeDraw(call('spotchecks.closeCorrection', { correctionId: correction!.id, result: text, closedOn: date }));
        case 'deadline':
          return wholeDraw(call('spotchecks.setDeadline', { correctionId: correction!.id, deadline: date, reason: text }));
        default:
          return missingCase(editing.kind, 'correction dialog');
      }
    });
    if (r.ok) onClose();
    else setError(r.message);
  }
  return (
    <Dialog
      title={`${titles[editing.kind]}：${editing.item.caseNo}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="correction-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={record.busy} data-testid="correction-submit">
            保存
          </button>
        </>
      }
    >
      <p className="dialog-note">
        {editing.item.streetName} · {findingLabels[finding.finding]}：{finding.notes}
      </p>
      {editing.kind === 'deadline' && correction && (
        <p className="dialog-note" data-testid="correction-deadline-now">
          原期限 {formatChineseDate(correction.deadline)}，{formatChineseDate(correction.orderedOn)}下达：{correction.requirement}
        </p>
      )}
      <label className="field">
        <span>{textLabel}</span>
        <LimitedTextArea rows={3} value={text} onValue={setText} maxLength={500} testId="correction-text" />
      </label>
      {editing.kind === 'order' && (
        <label className="field">
          <span>要求街道列入会议</span>
          <select value={asks} onChange={(e) => setAsks(e.target.value as typeof asks)} data-testid="correction-asks">
            <option value="">不要求</option>
            <option value="re_review">复核</option>
            <option value="termination">停保</option>
          </select>
        </label>
      )}
      <DateField
        label={editing.kind === 'close' ? '完成日期' : editing.kind === 'deadline' ? '新的整改期限' : '整改期限'}
        value={date}
        min={editing.kind === 'close' ? orderedOn : today}
        max={editing.kind === 'close' ? today : latest}
        onChange={(v) => {
          setDate(v);
          setError(null);
        }}
        testId="correction-date"
        invalid={dateProblem !== null && date !== correction?.deadline}
        hint={
          editing.kind === 'close'
            ? undefined
            : dateProblem !== null && date !== correction?.deadline
              ? dateProblem
              : `下达之日起 ${CORRECTION_HORIZON_DAYS} 天内，最晚${formatChineseDate(latest)}`
        }
      />
      <DialogError message={error} testId="correction-error" />
    </Dialog>
  );
}

/** 通过 closes the correction with the street's answer as its result; 退回 needs a note the street will read. */
function ReviewDialog({ reviewing, record, onClose }: { reviewing: Reviewing; record: DrawRecord; onClose: () => void }) {
  const { verdict, item, answer } = reviewing;
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    if (verdict === 'returned' && note.trim() === '') return setError('退回时请写明退回的理由');
    const r = await record.runChange(() => wholeDraw(call('corrections.review', { answerId: answer.id, verdict, note })));
    if (r.ok) onClose();
    else setError(r.message);
  }
  return (
    <Dialog
      title={`${verdict === 'accepted' ? '通过' : '退回'}整改答复：${item.caseNo}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="review-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={record.busy} data-testid="review-submit">
            {verdict === 'accepted' ? '通过，整改完成' : '退回街道'}
          </button>
        </>
      }
    >
      <p className="dialog-note">
        {item.streetName} {formatChineseDate(answer.answeredOn)}答复：{answer.answer}
        {answer.caseNo && `（个案 ${answer.caseNo}${answer.decisionLabel ? `，${answer.decisionLabel}` : ''}）`}
      </p>
      <label className="field">
        <span>{verdict === 'accepted' ? '审核意见（可不填）' : '退回理由'}</span>
        <LimitedTextArea rows={3} value={note} onValue={setNote} maxLength={500} testId="review-note" />
      </label>
      <DialogError message={error} testId="review-error" />
    </Dialog>
  );
}
