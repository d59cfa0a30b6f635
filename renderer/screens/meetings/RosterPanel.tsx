// Attendance: the leading group's members (出席 / 请假 with a reason / 缺席), the 列席 observers who
// attend without a vote, and the live quorum. Editable until the meeting closes; the service decides
// in which stages each change is allowed and says so when it refuses.
import { useRef, useState } from 'react';
import type { Attendance } from '../../../shared/domain';
import { attendanceLabels, committeePositionLabels } from '../../../shared/glossary';
import type { MeetingDetail, RosterEntry } from '../../../shared/meeting';
import { Dialog, DialogError } from '../../components/Dialog';
import type { MeetingState } from './use-meeting';
import { LimitedInput } from '../../components/LimitedText';

type Props = { detail: MeetingDetail; meeting: MeetingState; onError: (message: string | null) => void };
const memberChoices = ['present', 'leave', 'absent'] as const satisfies readonly Attendance[];

export function RosterPanel({ detail, meeting, onError }: Props) {
  const [leaveFor, setLeaveFor] = useState<RosterEntry | null>(null);
  const editable = detail.status !== 'closed' && meeting.canEdit;
  const members = detail.roster.filter((r) => r.memberId !== null);
  const observers = detail.roster.filter((r) => r.memberId === null);
  const q = detail.quorum;

  async function run<T>(p: Promise<{ ok: true; detail: T } | { ok: false; message: string }>) {
    const r = await p;
    onError(r.ok ? null : r.message);
  }
  const set = (entry: RosterEntry, attendance: 'present' | 'absent') =>
    void run(meeting.run('meetings.setAttendance', { meetingId: detail.id, attendanceId: entry.attendanceId, attendance, reason: '' }));

  return (
    <div className="panel roster-panel" data-testid="roster">
      <div className="panel-head">
        <h2>出席情况</h2>
        {editable && (
          <button type="button" className="button" disabled={meeting.busy} onClick={() => void run(meeting.run('meetings.markAllPresent', { meetingId: detail.id }))} data-testid="all-present">
            全部出席
          </button>
        )}
      </div>
      <p className={q.met ? 'quorum-line ok' : 'quorum-line warn'} data-testid="roster-quorum">
        有表决权成员 {q.votingRoster} 人，出席 {q.presentVoting} 人，法定人数 {q.required} 人：{q.met ? '已达到法定人数' : '未达到法定人数'}
        <span className="muted small">（{q.ruleText}）</span>
      </p>
      <table className="table roster-table">
        <tbody>
          {members.map((m) => (
            <tr key={m.attendanceId} data-testid="attendance-row" data-name={m.name} data-attendance={m.attendance}>
              <td>
                <div className="strong">{m.name}</div>
                <div className="muted small">
                  {m.position ? committeePositionLabels[m.position] : ''}
                  {m.title ? ` · ${m.title}` : ''}
                  {!m.voting && ' · 无表决权'}
                </div>
              </td>
              <td>
                {editable ? (
                  <div className="segmented" role="group" aria-label={`${m.name}的出席情况`}>
                    {memberChoices.map((a) => (
                      <button
                        key={a}
                        type="button"
                        aria-pressed={m.attendance === a}
                        className={m.attendance === a ? `seg on att-${a}` : 'seg'}
                        disabled={meeting.busy}
                        onClick={() => (a === 'leave' ? setLeaveFor(m) : set(m, a))}
                        data-testid={`att-${a}`}
                      >
                        {attendanceLabels[a]}
                      </button>
                    ))}
                  </div>
                ) : (
                  <span className={`att att-${m.attendance}`}>{attendanceLabels[m.attendance]}</span>
                )}
                {m.attendance === 'leave' && m.reason && <div className="muted small">事由：{m.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="sub-head">列席人员（不参加表决）</h3>
      {observers.length === 0 && <p className="muted small">无</p>}
      <ul className="observer-list">
        {observers.map((o) => (
          <li key={o.attendanceId} data-testid="observer-row" data-name={o.name}>
            <span className="strong">{o.name}</span>
            <span className="muted">{o.title}</span>
            {editable && (
              <button
                type="button"
                className="button small-inline"
                disabled={meeting.busy}
                onClick={() => void run(meeting.run('meetings.removeObserver', { meetingId: detail.id, attendanceId: o.attendanceId }))}
                data-testid="observer-remove"
              >
                移除
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && <ObserverForm detail={detail} meeting={meeting} onError={onError} />}
      {leaveFor && <LeaveDialog entry={leaveFor} detail={detail} meeting={meeting} onClose={() => setLeaveFor(null)} />}
    </div>
  );
}

function ObserverForm({ detail, meeting, onError }: Props) {
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  async function add() {
    const r = await meeting.run('meetings.addObserver', { meetingId: detail.id, name, title });
    onError(r.ok ? null : r.message);
    if (r.ok) {
      setName('');
      setTitle('');
    }
  }
  return (
    <form
      noValidate
      className="observer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <LimitedInput value={name} maxLength={20} placeholder="姓名" aria-label="列席人员姓名" onValue={setName} testId="observer-name" />
      <LimitedInput value={title} maxLength={60} placeholder="单位和职务" aria-label="列席人员单位和职务" onValue={setTitle} testId="observer-title" />
      <button type="submit" className="button" disabled={meeting.busy} data-testid="observer-add">
        添加列席
      </button>
    </form>
  );
}

function LeaveDialog({ entry, detail, meeting, onClose }: { entry: RosterEntry; detail: MeetingDetail; meeting: MeetingState; onClose: () => void }) {
  const [reason, setReason] = useState(entry.attendance === 'leave' ? entry.reason : '');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  async function confirm() {
    if (reason.trim() === '') {
      setError('请填写请假事由');
      input.current?.focus();
      return;
    }
    const r = await meeting.run('meetings.setAttendance', { meetingId: detail.id, attendanceId: entry.attendanceId, attendance: 'leave', reason });
    if (r.ok) onClose();
    else setError(r.message);
  }
  return (
    <Dialog
      title={`${entry.name} 请假`}
      onClose={onClose}
      onSubmit={() => void confirm()}
      initialFocus={input}
      testId="leave-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={meeting.busy} data-testid="leave-confirm">
            确定
          </button>
        </>
      }
    >
      <label className="field">
        <span>请假事由（必填，写入会议纪要）</span>
        <LimitedInput inputRef={input} value={reason} maxLength={100} placeholder="如：因公出差" onValue={setReason} testId="leave-reason" />
      </label>
      <DialogError message={error} testId="leave-error" />
    </Dialog>
  );
}
