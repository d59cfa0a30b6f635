// 新建会议: month, time, venue, chair and recorder. The agenda is built by the service from the street's
// pending cases when the meeting is created, so there is nothing else to choose here. The time must fall
// in the month or within a week of it, and a second meeting in a month is created only once confirmed
// (the service refuses both otherwise; the form says the window and shows the warning with a button).
import { useMemo, useState } from 'react';
import { meetingDayProblem, meetingDayWindowText } from '../../../shared/date-rules';
import { committeePositionLabels } from '../../../shared/glossary';
import type { RosterMemberView } from '../../../shared/meeting';
import { ApiCallError, call } from '../../api';
import { DateTimeField, MonthField } from '../../components/DateField';
import { useApi } from '../../use-api';
import { errorMessage, todayInChina } from './format';
import { LimitedInput } from '../../components/LimitedText';

type Props = { defaultVenue: string; onCreated: (meetingId: string) => void; onCancel: () => void };

export function CreateMeetingForm({ defaultVenue, onCreated, onCancel }: Props) {
  const [roster] = useApi('meetings.roster', {});
  const today = todayInChina();
  const [month, setMonth] = useState(today.slice(0, 7));
  const [scheduledAt, setScheduledAt] = useState(`${today}T09:00`);
  const [venue, setVenue] = useState(defaultVenue);
  const [chair, setChair] = useState<string | null>(null);
  const [recorder, setRecorder] = useState<string | null>(null);
  const [state, setState] = useState<{ status: 'idle' } | { status: 'saving' } | { status: 'error'; message: string } | { status: 'confirm'; message: string }>({ status: 'idle' });
  const dayProblem = meetingDayProblem(month, scheduledAt.slice(0, 10));

  const members = useMemo(() => (roster.status === 'ready' ? roster.value : []), [roster]);
  // Until someone chooses, the roster's own 组长 chairs and its 记录人 records, as in most streets.
  const chairId = chair ?? members.find((m) => m.position === 'chair')?.id ?? '';
  const recorderId = recorder ?? members.find((m) => m.position === 'recorder')?.id ?? '';

  function changeMonth(value: string) {
    setMonth(value);
    setState({ status: 'idle' });
    // Keep the meeting time inside the chosen month: the current day if it is this month, else the 1st.
    if (/^\d{4}-\d{2}$/.test(value) && !scheduledAt.startsWith(value)) {
      setScheduledAt(`${today.startsWith(value) ? today : `${value}-01`}T09:00`);
    }
  }

  async function submit(alsoThisMonth = false) {
    setState({ status: 'saving' });
    try {
      const detail = await call('meetings.create', { month, venue, scheduledAt, chairMemberId: chairId, recorderMemberId: recorderId, alsoThisMonth });
      onCreated(detail.id);
    } catch (error) {
      // A second meeting this month: allowed, but only once the person has read the warning.
      if (error instanceof ApiCallError && error.code === 'unconfirmed') setState({ status: 'confirm', message: error.message });
      else setState({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <form
      noValidate
      className="toolbar meeting-create"
      data-testid="meeting-create-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <MonthField label="会议月份" value={month} onChange={changeMonth} testId="create-month" />
      <DateTimeField
        label="会议时间"
        value={scheduledAt}
        onChange={(v) => {
          setScheduledAt(v);
          if (state.status !== 'saving') setState({ status: 'idle' });
        }}
        testId="create-time"
        invalid={dayProblem !== null}
        hint={dayProblem ?? meetingDayWindowText(month)}
      />
      <label className="field grow">
        <span>会议地点</span>
        <LimitedInput value={venue} maxLength={60} placeholder="如：街道办事处三楼会议室" onValue={setVenue} testId="create-venue" />
      </label>
      <MemberSelect label="主持人" members={members} value={chairId} onChange={setChair} testId="create-chair" />
      <MemberSelect label="记录人" members={members} value={recorderId} onChange={setRecorder} testId="create-recorder" />
      <div className="toolbar-actions">
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
        <button type="submit" className="button primary" disabled={state.status === 'saving' || roster.status !== 'ready'} data-testid="create-submit">
          {state.status === 'saving' ? '正在生成议程…' : '创建并生成议程'}
        </button>
      </div>
      {roster.status === 'error' && <div className="notice error form-wide">载入领导小组名单失败：{roster.message}</div>}
      {state.status === 'confirm' && (
        <div className="notice warn form-wide" role="alert" data-testid="create-confirm">
          <span>{state.message}</span>
          <button type="button" className="button" onClick={() => void submit(true)} data-testid="create-confirm-button">
            确认再开一次
          </button>
        </div>
      )}
      {state.status === 'error' && (
        <div className="notice error form-wide" role="alert" data-testid="create-error">
          {state.message}
        </div>
      )}
    </form>
  );
}

export function MemberSelect(props: { label: string; members: RosterMemberView[]; value: string; onChange: (id: string) => void; testId: string; disabled?: boolean }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} disabled={props.disabled}>
        <option value="">请选择</option>
        {props.members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}（{committeePositionLabels[m.position]}）
          </option>
        ))}
      </select>
    </label>
  );
}
