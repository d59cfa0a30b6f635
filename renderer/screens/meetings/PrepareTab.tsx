// 准备: the meeting's header (editable until the meeting opens), the agenda and the roster, and the
// button that opens the meeting. Errors of actions taken outside a dialog appear at the top of the tab.
import { useState } from 'react';
import type { MeetingDetail, RosterMemberView } from '../../../shared/meeting';
import { ErrorNotice } from '../../components/LoadError';
import { AgendaPanel } from './AgendaPanel';
import { MemberSelect } from './CreateMeetingForm';
import { formatDateTime, toLocalInput } from './format';
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

  async function open() {
    const r = await meeting.run('meetings.open', { meetingId: detail.id });
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
          <HintedButton className="button primary" blockedBy={live.length === 0 ? '议程上还没有议题，请先在下方加入待审个案' : null} busy={meeting.busy} reasonFirst onClick={() => void open()} testId="open-meeting">
            开始会议
          </HintedButton>
        </div>
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
          <dt>会议时间</dt>
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
            <dt>开始时间</dt>
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
      <label className="field">
        <span>会议时间</span>
        <input type="datetime-local" value={form.scheduledAt} onChange={(e) => setForm({ ...form, scheduledAt: e.target.value })} />
      </label>
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
