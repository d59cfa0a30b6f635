// 准备: the meeting's header (editable until the meeting opens), the agenda and the roster, and the
// button that opens the meeting. Errors of actions taken outside a dialog appear at the top of the tab.
// Opening on another day than the scheduled one asks first: the day it is opened is the day the header
// and the minutes say it was held.
import { useState } from 'react';
import { meetingDayWindowText } from '../../../shared/date-rules';
import { chinaDateOf, formatChineseDate } from '../../../shared/dates';
import type { MeetingDetail, RosterMemberView } from '../../../shared/meeting';
import { DateTimeField } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/LoadError';
import { AgendaPanel } from './AgendaPanel';
import { MemberSelect } from './CreateMeetingForm';
import { formatDateTime, toLocalInput, todayInChina } from './format';
import { RosterPanel } from './RosterPanel';
import type { MeetingState } from './use-meeting';
import { LimitedInput } from '../../components/LimitedText';
import { HintedButton } from '../../components/HintedButton';

type Props = { detail: MeetingDetail; meeting: MeetingState; onOpened: () => void };

export function PrepareTab({ detail, meeting, onOpened }: Props) {
  const [error, setError] = useState<string | null>(null);
  const report = (message: string | null) => setError(message);
  const draft = detail.status === 'draft' && meeting.canEdit;
  const live = detail.items.filter((i) => !i.removed);

  const [confirming, setConfirming] = useState(false);
  const scheduledOn = chinaDateOf(detail.scheduledAt);
  const today = todayInChina();

  async function open(onAnotherDay: boolean) {
    const r = await meeting.run('meetings.open', { meetingId: detail.id, onAnotherDay });
    setConfirming(false);
    if (r.ok) {
      setError(null);
      onOpened();
    } else setError(r.message);
  }

  return (
    <div className="prepare" data-testid="prepare-tab">
      <ErrorNotice error={error} onDismiss={() => setError(null)} testId="prepare-error" />
      {/* Keyed on the saved values: a save resets the form, other changes to the meeting keep unsaved edits. */}
      <HeaderForm key={[detail.id, detail.venue, detail.scheduledAt, detail.chairMemberId, detail.recorderMemberId].join('|')} detail={detail} meeting={meeting} onError={report} />
      {draft && (
        <div className="open-bar">
          <span>
            议题 <strong>{live.length}</strong> 项；出席表决成员 <strong>{detail.quorum.presentVoting}</strong> 人，法定人数 {detail.quorum.required} 人
            {!detail.quorum.met && <span className="warn-text">（尚未达到法定人数）</span>}
          </span>
          <HintedButton className="button primary" blockedBy={live.length === 0 ? '议程上还没有议题，请先在下方加入待审个案' : null} busy={meeting.busy} reasonFirst onClick={() => (today === scheduledOn ? void open(false) : setConfirming(true))} testId="open-meeting">
            开始会议
          </HintedButton>
        </div>
      )}
      {confirming && (
        <Dialog
          title="今天召开这次会议？"
          onClose={() => setConfirming(false)}
          onSubmit={() => void open(true)}
          testId="open-other-day"
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                取消
              </button>
              <button type="submit" className="button primary" disabled={meeting.busy} data-testid="open-other-day-confirm">
                确认今天召开
              </button>
            </>
          }
        >
          <p>
            这次会议原定 <strong>{formatChineseDate(scheduledOn)}</strong> 召开，今天是 <strong>{formatChineseDate(today)}</strong>。
          </p>
          <p className="dialog-note">确认后，会议按今天召开记录：会议页头和会议纪要都写明实际召开的日期{formatChineseDate(today)}。</p>
        </Dialog>
      )}
      <div className="prepare-grid">
        <AgendaPanel detail={detail} meeting={meeting} onError={report} />
        <RosterPanel detail={detail} meeting={meeting} onError={report} />
      </div>
    </div>
  );
}

/** The roster's members in the shape the member selects take. */
export function rosterMembers(detail: MeetingDetail): RosterMemberView[] {
  return detail.roster.flatMap((r) => (r.memberId !== null && r.position !== null ? [{ id: r.memberId, name: r.name, title: r.title, position: r.position, voting: r.voting }] : []));
}

function HeaderForm({ detail, meeting, onError }: { detail: MeetingDetail; meeting: MeetingState; onError: (m: string | null) => void }) {
  const members = rosterMembers(detail);
  const initial = { venue: detail.venue, scheduledAt: toLocalInput(detail.scheduledAt), chair: detail.chairMemberId ?? '', recorder: detail.recorderMemberId ?? '' };
  const [form, setForm] = useState(initial);
  const changed = (Object.keys(initial) as (keyof typeof initial)[]).some((k) => initial[k] !== form[k]);
  const nameOf = (id: string | null) => members.find((m) => m.id === id)?.name ?? '—';

  if (detail.status !== 'draft' || !meeting.canEdit) {
    return (
      <dl className="kv meeting-facts" data-testid="meeting-facts">
        <div className="kv-row">
          <dt>{detail.openedAt ? '原定时间' : '会议时间'}</dt>
          <dd>{formatDateTime(detail.scheduledAt)}</dd>
        </div>
        <div className="kv-row">
          <dt>会议地点</dt>
          <dd>{detail.venue}</dd>
        </div>
        <div className="kv-row">
          <dt>主持人</dt>
          <dd>{nameOf(detail.chairMemberId)}</dd>
        </div>
        <div className="kv-row">
          <dt>记录人</dt>
          <dd>{nameOf(detail.recorderMemberId)}</dd>
        </div>
        {detail.openedAt && (
          <div className="kv-row">
            <dt>召开时间</dt>
            <dd>{formatDateTime(detail.openedAt)}</dd>
          </div>
        )}
      </dl>
    );
  }

  async function save() {
    const r = await meeting.run('meetings.update', {
      meetingId: detail.id,
      venue: form.venue,
      scheduledAt: form.scheduledAt,
      chairMemberId: form.chair,
      recorderMemberId: form.recorder,
    });
    onError(r.ok ? null : r.message);
  }

  return (
    <form
      noValidate
      className="toolbar"
      data-testid="meeting-header-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <DateTimeField
        label="会议时间"
        value={form.scheduledAt}
        onChange={(scheduledAt) => setForm({ ...form, scheduledAt })}
        testId="header-time"
        hint={meetingDayWindowText(detail.month)}
      />
      <label className="field grow">
        <span>会议地点</span>
        <LimitedInput value={form.venue} maxLength={60} onValue={(venue) => setForm({ ...form, venue })} testId="header-venue" />
      </label>
      <MemberSelect label="主持人" members={members} value={form.chair} onChange={(chair) => setForm({ ...form, chair })} testId="header-chair" />
      <MemberSelect label="记录人" members={members} value={form.recorder} onChange={(recorder) => setForm({ ...form, recorder })} testId="header-recorder" />
      <div className="toolbar-actions">
        <button type="button" className="button" disabled={!changed} onClick={() => setForm(initial)}>
          还原
        </button>
        <button type="submit" className="button primary" disabled={!changed || meeting.busy} data-testid="header-save">
          保存会议信息
        </button>
      </div>
    </form>
  );
}
