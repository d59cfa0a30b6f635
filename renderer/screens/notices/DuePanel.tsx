// 待公示: closed meetings whose approvals have no notice yet, newest first, each with its communities
// and a start date (today in China by default). 生成公示 makes one draft batch per community; the end
// date follows from the settings' notice days and can be changed on the batch before it is posted.
import { useState } from 'react';
import { NOTICE_START_WINDOW_DAYS, noticeStartWindow } from '../../../shared/date-rules';
import { formatChineseDate } from '../../../shared/dates';
import type { NoticeBatchSummary, NoticeDueMeeting } from '../../../shared/notice';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';
import { errorMessage, todayInChina } from './format';

/** Meetings shown before "更早": a street normally has one or two, the generated history has many. */
const FIRST = 3;

type Props = { canCreate: boolean; streetOf: (communityCode: string) => string; onCreated: (batches: NoticeBatchSummary[]) => void };

export function DuePanel({ canCreate, streetOf, onCreated }: Props) {
  const [due, reload] = useApi('notices.due', {});
  const [all, setAll] = useState(false);
  const list = due.status === 'ready' ? due.value : [];
  const shown = all ? list : list.slice(0, FIRST);

  return (
    <aside className="panel nl-due" data-testid="notice-due-panel" aria-label="待公示">
      <div className="panel-head">
        <h2>
          待公示 <span className="count">{list.length}</span> 次会议
        </h2>
      </div>
      {due.status === 'loading' && <div className="loading">正在载入…</div>}
      {due.status === 'error' && <LoadError what="待公示事项" message={due.message} onRetry={reload} />}
      {due.status === 'ready' && list.length === 0 && <p className="muted">已结束会议的决定都已生成公示。</p>}
      {shown.map((m) => (
        <DueMeeting
          key={m.meetingId}
          meeting={m}
          street={streetOf(m.communities[0]?.communityCode ?? '')}
          canCreate={canCreate}
          onCreated={(made) => {
            reload();
            onCreated(made);
          }}
        />
      ))}
      {list.length > FIRST && (
        <button type="button" className="link nl-more" onClick={() => setAll((a) => !a)} data-testid="due-more">
          {all ? '只显示最近的会议' : `显示更早的 ${list.length - FIRST} 次会议`}
        </button>
      )}
    </aside>
  );
}

type DueProps = { meeting: NoticeDueMeeting; street: string; canCreate: boolean; onCreated: (batches: NoticeBatchSummary[]) => void };

function DueMeeting({ meeting, street, canCreate, onCreated }: DueProps) {
  const allowed = noticeStartWindow(meeting.closedOn);
  const [startDate, setStartDate] = useState(todayInChina());
  const late = startDate < allowed.first || startDate > allowed.last;
  const [state, setState] = useState<{ status: 'idle' } | { status: 'saving' } | { status: 'error'; message: string }>({ status: 'idle' });
  const households = meeting.communities.reduce((n, c) => n + c.cases, 0);

  async function create() {
    setState({ status: 'saving' });
    try {
      onCreated(await call('notices.createFromMeeting', { meetingId: meeting.meetingId, startDate }));
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <form
      noValidate
      className="nl-due-meeting"
      data-testid="due-meeting"
      data-meeting-id={meeting.meetingId}
      data-closed-on={meeting.closedOn}
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <div className="nl-due-head">
        <span className="strong">
          {street}
          {meeting.label}
        </span>
        <span className="muted small">{formatChineseDate(meeting.closedOn)}结束</span>
      </div>
      <p className="nl-due-sum">
        {meeting.communities.length} 个社区，共 <strong>{households}</strong> 户
      </p>
      <ul className="nl-due-communities">
        {meeting.communities.map((c) => (
          <li key={c.communityCode}>
            {c.communityName} <span className="muted">{c.cases}</span>
          </li>
        ))}
      </ul>
      {canCreate && (
        <div className="nl-due-actions">
          <DateField
            label="公示开始日期"
            value={startDate}
            min={allowed.first}
            max={allowed.last}
            onChange={setStartDate}
            testId="due-start"
            invalid={late}
            hint={late ? `应在${formatChineseDate(allowed.first)}至${formatChineseDate(allowed.last)}之间` : `会议结束后 ${NOTICE_START_WINDOW_DAYS} 天内开始`}
          />
          <button type="submit" className="button primary" disabled={state.status === 'saving'} data-testid="create-notices">
            {state.status === 'saving' ? '正在生成…' : '生成公示'}
          </button>
        </div>
      )}
      {state.status === 'error' && (
        <div className="notice error" role="alert" data-testid="create-error">
          {state.message}
        </div>
      )}
    </form>
  );
}
