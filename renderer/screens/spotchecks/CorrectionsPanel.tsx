// Corrections: every case found with a problem, the correction ordered to its street office with a
// deadline (within CORRECTION_HORIZON_DAYS of the order, movable with a reason until it falls due), and
// its result once the office reports it done.
import { useState } from 'react';
import { correctionStatusLabels, findingLabels } from '../../../shared/glossary';
import { formatChineseDate } from '../../../shared/dates';
import { missingCase } from '../../../shared/result';
import type { DrawDetail, SampleItemView } from '../../../shared/spotcheck';
import { call } from '../../api';
import { Dialog, DialogError } from '../../components/Dialog';
import type { DrawRecord } from './DrawPage';
import { todayInChina } from './format';
import { addDays } from '../../../shared/dates';
import { CORRECTION_HORIZON_DAYS, correctionDeadlineProblem, deadlineChangeProblem, latestCorrectionDeadline } from '../../../shared/date-rules';
import { DateField } from '../../components/DateField';
import { LimitedTextArea } from '../../components/LimitedText';

type Editing = { kind: 'order' | 'close' | 'deadline'; item: SampleItemView };

const titles: Record<Editing['kind'], string> = { order: '下达整改要求', close: '登记整改结果', deadline: '修改整改期限' };

export function CorrectionsPanel({ draw, record, manage }: { draw: DrawDetail; record: DrawRecord; manage: boolean }) {
  const [editing, setEditing] = useState<Editing | null>(null);
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
              <th />
            </tr>
          </thead>
          <tbody>
            {problems.map((i) => {
              const c = i.finding!.correction;
              return (
                <tr key={i.id} data-testid="correction-row" data-case-no={i.caseNo}>
                  <td className="mono">{i.caseNo}</td>
                  <td>
                    {i.streetName} {i.communityName}
                  </td>
                  <td className="warn-text">{findingLabels[i.finding!.finding]}</td>
                  <td>{i.finding!.notes}</td>
                  <td>{c?.requirement ?? <span className="muted">未下达</span>}</td>
                  <td>{c ? formatChineseDate(c.deadline) : ''}</td>
                  <td data-testid="correction-status">{c ? `${correctionStatusLabels[c.status]}${c.closedOn ? `（${formatChineseDate(c.closedOn)}）` : ''}` : ''}</td>
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
    </div>
  );
}

function CorrectionDialog({ editing, record, onClose }: { editing: Editing; record: DrawRecord; onClose: () => void }) {
  const today = todayInChina();
  const finding = editing.item.finding!;
  const correction = finding.correction;
  const [text, setText] = useState('');
  const [date, setDate] = useState(editing.kind === 'order' ? addDays(today, 30) : editing.kind === 'deadline' && correction ? correction.deadline : today);
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
          return call('spotchecks.orderCorrection', { findingId: finding.id, requirement: text, orderedOn: today, deadline: date });
        case 'close':
          return call('spotchecks.closeCorrection', { correctionId: correction!.id, result: text, closedOn: date });
        case 'deadline':
          return call('spotchecks.setDeadline', { correctionId: correction!.id, deadline: date, reason: text });
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
