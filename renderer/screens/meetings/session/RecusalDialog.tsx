// 登记回避: a present voting member who is related to the household (or otherwise conflicted) recuses
// on this item; the reason and whether the member left the room go into the minutes.
import { useRef, useState } from 'react';
import { committeePositionLabels } from '../../../../shared/glossary';
import type { AgendaItemView, MeetingDetail } from '../../../../shared/meeting';
import { Dialog, DialogError } from '../../../components/Dialog';
import type { MeetingState } from '../use-meeting';
import { relatedMembers } from './related';
import { LimitedInput } from '../../../components/LimitedText';

type Props = { item: AgendaItemView; detail: MeetingDetail; meeting: MeetingState; onClose: () => void };

export function RecusalDialog({ item, detail, meeting, onClose }: Props) {
  const recused = new Set(item.recusals.map((r) => r.memberId));
  const choices = detail.roster.filter((r) => r.memberId !== null && r.voting && r.attendance === 'present' && !recused.has(r.memberId));
  // The member the 近亲属备案 names comes first; the recorder can still pick anyone present.
  const suggested = relatedMembers(item, detail).find((r) => r.attendance === 'present');
  const [memberId, setMemberId] = useState(suggested?.memberId ?? choices[0]?.memberId ?? '');
  const [reason, setReason] = useState(suggested ? '系本户近亲属（近亲属备案）' : '');
  const [leftRoom, setLeftRoom] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  async function confirm() {
    if (memberId === '') return setError('请选择回避的成员');
    if (reason.trim() === '') return setError('请填写回避理由');
    const r = await meeting.run('meetings.addRecusal', { meetingId: detail.id, itemId: item.id, memberId, reason, leftRoom });
    if (r.ok) onClose();
    else setError(r.message);
  }

  return (
    <Dialog
      title={`第 ${item.number} 项 · ${item.case.headName} · 登记回避`}
      onClose={onClose}
      onSubmit={() => void confirm()}
      initialFocus={select}
      testId="recusal-dialog"
      large
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消（Esc）
          </button>
          <button type="submit" className="button primary" disabled={meeting.busy || choices.length === 0} data-testid="recusal-confirm">
            登记回避（Enter）
          </button>
        </>
      }
    >
      {choices.length === 0 && <p className="warn-text">没有可以登记回避的出席表决成员。</p>}
      <label className="field">
        <span>回避成员（出席的表决成员）</span>
        <select ref={select} value={memberId} onChange={(e) => setMemberId(e.target.value)} data-testid="recusal-member">
          {choices.map((m) => (
            <option key={m.attendanceId} value={m.memberId ?? ''}>
              {m.name}（{m.position ? committeePositionLabels[m.position] : m.title}）
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>回避理由（必填）</span>
        <LimitedInput value={reason} maxLength={100} placeholder="如：申请人系其表兄" onValue={setReason} testId="recusal-reason" />
      </label>
      <label className="check">
        <input type="checkbox" checked={leftRoom} onChange={(e) => setLeftRoom(e.target.checked)} data-testid="recusal-left" />
        该成员已离开会场（审议和表决期间不在场）
      </label>
      <DialogError message={error} testId="recusal-error" />
    </Dialog>
  );
}
