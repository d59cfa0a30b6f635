// The meetings of the user's jurisdiction, newest month first, filterable by month and status; a street
// office creates its monthly meeting here.
import { allowed, canWriteStreet } from '../../../shared/access';
import { useMemo, useState } from 'react';
import { formatChineseMonth } from '../../../shared/dates';
import { meetingStatusLabels } from '../../../shared/glossary';
import type { MeetingStatus } from '../../../shared/domain';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';
import { CreateMeetingForm } from './CreateMeetingForm';
import { issueText, meetingWhen } from './format';

type Props = { onOpen: (meetingId: string) => void };

export function MeetingList({ onOpen }: Props) {
  const [session] = useApi('session.current', {});
  const [meetings, reload] = useApi('meetings.list', {});
  const [month, setMonth] = useState('');
  const [status, setStatus] = useState<MeetingStatus | ''>('');
  const [creating, setCreating] = useState(false);

  const all = useMemo(() => (meetings.status === 'ready' ? meetings.value : []), [meetings]);
  const months = useMemo(() => [...new Set(all.map((m) => m.month))], [all]);
  const rows = all.filter((m) => (month === '' || m.month === month) && (status === '' || m.status === status));
  const showStreet = new Set(all.map((m) => m.streetCode)).size > 1;
  // Only a street office's own staff and leading-group members hold meetings; the bureau only reads them.
  const canCreate = session.status === 'ready' && allowed(canWriteStreet(session.value, session.value.regionCode, ''));
  // The list is newest first, so the first meeting of the user's street is the latest one.
  const lastVenue = all.find((m) => session.status === 'ready' && m.streetCode === session.value.regionCode)?.venue ?? '';
  // A street holds one open meeting at a time (the service refuses a second); say so before the click.
  const open = all.find((m) => m.status !== 'closed' && session.status === 'ready' && m.streetCode === session.value.regionCode);

  return (
    <section className="screen" data-testid="meetings-screen">
      <div className="screen-head">
        <h1 className="screen-title">会议</h1>
        <p className="screen-sub">
          {session.status === 'ready' ? `${session.value.regionName}${session.value.regionCode.length === 9 ? '联审联批领导小组月度会议' : '各街道（镇）联审联批会议'}` : ' '}
        </p>
      </div>
      <div className="toolbar">
        <label className="field">
          <span>月份</span>
          <select value={month} onChange={(e) => setMonth(e.target.value)} data-testid="meeting-filter-month">
            <option value="">全部</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {formatChineseMonth(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>状态</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as MeetingStatus | '')} data-testid="meeting-filter-status">
            <option value="">全部</option>
            {(Object.keys(meetingStatusLabels) as MeetingStatus[]).map((s) => (
              <option key={s} value={s}>
                {meetingStatusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar-actions">
          {canCreate && open && (
            <span className="muted" data-testid="meeting-open-note">
              {formatChineseMonth(open.month)}{issueText(open.issueNo)}会议尚未结束，结束后才能新建会议
            </span>
          )}
          {canCreate && !creating && (
            <button type="button" className="button primary" disabled={open !== undefined} onClick={() => setCreating(true)} data-testid="meeting-create">
              新建会议
            </button>
          )}
        </div>
      </div>
      {creating && meetings.status === 'ready' && <CreateMeetingForm defaultVenue={lastVenue} onCreated={onOpen} onCancel={() => setCreating(false)} />}
      {meetings.status === 'loading' && <div className="loading">正在载入会议…</div>}
      {meetings.status === 'error' && <LoadError what="会议" message={meetings.message} onRetry={reload} />}
      {meetings.status === 'ready' && (
        <div className="table-wrap">
          <table className="table meeting-list" data-testid="meeting-list">
            <thead>
              <tr>
                <th>月份</th>
                {showStreet && <th>街道</th>}
                <th>期数</th>
                <th>状态</th>
                <th>会议时间</th>
                <th>地点</th>
                <th className="num">已决定 / 议题</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} className="clickable" onClick={() => onOpen(m.id)} data-testid="meeting-row" data-month={m.month} data-status={m.status}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(m.id);
                      }}
                    >
                      {formatChineseMonth(m.month)}
                    </button>
                  </td>
                  {showStreet && <td>{m.streetName}</td>}
                  <td>{issueText(m.issueNo)}</td>
                  <td>
                    <span className={`status meeting-${m.status}`}>{meetingStatusLabels[m.status]}</span>
                  </td>
                  <td>{meetingWhen(m)}</td>
                  <td>{m.venue || <span className="muted">（未填写）</span>}</td>
                  <td className="num">
                    {m.decidedCount} / {m.itemCount}
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={showStreet ? 7 : 6} className="empty">
                    {all.length === 0 ? '还没有会议。' : '没有符合条件的会议'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
