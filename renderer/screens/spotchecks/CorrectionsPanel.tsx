// Corrections: every case found with a problem, the correction ordered to its street office with a
// deadline, and its result once the office reports it done.
import { useState } from 'react';
import { correctionStatusLabels, findingLabels } from '../../../shared/glossary';
import { formatChineseDate } from '../../../shared/dates';
import type { DrawDetail, SampleItemView } from '../../../shared/spotcheck';
import { call } from '../../api';
import { Dialog, DialogError } from '../../components/Dialog';
import type { DrawRecord } from './DrawPage';
import { todayInChina } from './format';
import { addDays } from '../../../shared/dates';
import { LimitedTextArea } from '../../components/LimitedText';

type Editing = { kind: 'order'; item: SampleItemView } | { kind: 'close'; item: SampleItemView };

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
                      <button type="button" className="button small" onClick={() => setEditing({ kind: 'close', item: i })} data-testid="correction-close">
                        登记结果
                      </button>
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
  const [text, setText] = useState('');
  const [date, setDate] = useState(editing.kind === 'order' ? addDays(today, 30) : today);
  const [error, setError] = useState<string | null>(null);
  const finding = editing.item.finding!;

  async function submit() {
    if (text.trim() === '') return setError(editing.kind === 'order' ? '请写明整改要求' : '请写明整改结果');
    const r = await record.runChange(() =>
      editing.kind === 'order'
        ? call('spotchecks.orderCorrection', { findingId: finding.id, requirement: text, orderedOn: today, deadline: date })
        : call('spotchecks.closeCorrection', { correctionId: finding.correction!.id, result: text, closedOn: date }),
    );
    if (r.ok) onClose();
    else setError(r.message);
  }
  return (
    <Dialog
      title={`${editing.kind === 'order' ? '下达整改要求' : '登记整改结果'}：${editing.item.caseNo}`}
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
      <label className="field">
        <span>{editing.kind === 'order' ? '整改要求' : '整改结果'}</span>
        <LimitedTextArea rows={3} value={text} onValue={setText} maxLength={500} testId="correction-text" />
      </label>
      <label className="field">
        <span>{editing.kind === 'order' ? '整改期限' : '完成日期'}</span>
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="correction-date" />
      </label>
      <DialogError message={error} testId="correction-error" />
    </Dialog>
  );
}
