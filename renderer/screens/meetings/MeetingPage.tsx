// One meeting: a header and three tabs, 准备 (agenda and roster), 会中 (the projector session) and
// 纪要 (progress, closing and the minutes file). The tab follows the meeting's stage until someone
// picks one, so a meeting in session opens on the session screen. The tab and the session's item are in
// the route, so a reload mid-session comes back to the same item.
import { useState } from 'react';
import type { PdfFile } from '../../../shared/api';
import type { MeetingStatus } from '../../../shared/domain';
import { meetingStatusLabels } from '../../../shared/glossary';
import type { MeetingDetail } from '../../../shared/meeting';
import { RecordPending } from '../../components/LoadError';
import { issueText, meetingTitle, meetingWhen } from './format';
import { MinutesTab } from './MinutesTab';
import { PrepareTab } from './PrepareTab';
import { SessionView } from './session/SessionView';
import { useMeeting, type MeetingState } from './use-meeting';
import type { MeetingTab } from '../../route';

export type Tab = MeetingTab;
const tabs: { id: Tab; label: string }[] = [
  { id: 'prepare', label: '准备' },
  { id: 'session', label: '会中' },
  { id: 'minutes', label: '纪要' },
];

function stageTab(status: MeetingStatus, canEdit: boolean): Tab {
  switch (status) {
    case 'draft':
      return 'prepare';
    case 'in_session':
      // The projector is for the room holding the meeting; a reader from the bureau starts on the agenda.
      return canEdit ? 'session' : 'prepare';
    case 'closed':
      return 'minutes';
    default: {
      const never: never = status;
      throw new Error(`unknown meeting status ${String(never)}`);
    }
  }
}

type Props = {
  meetingId: string;
  /** The tab the person chose (from the route), or null to follow the meeting's stage. */
  tab: Tab | null;
  /** The session's current item; it survives switching tabs and a reload. */
  itemId: string | null;
  onPlace: (tab: Tab, itemId: string | null) => void;
  onBack: () => void;
};

export function MeetingPage({ meetingId, tab: chosen, itemId: routeItem, onPlace, onBack }: Props) {
  const meeting = useMeeting(meetingId);
  // The minutes file is known only from close or a regeneration; the stored SHA-256 is in the detail.
  const [minutes, setMinutes] = useState<PdfFile | null>(null);
  // Remembered across tabs here too: the route carries the item only while the session tab shows.
  const [lastItem, setLastItem] = useState<string | null>(routeItem);
  const itemId = routeItem ?? lastItem;
  const setChosen = (tab: Tab) => onPlace(tab, tab === 'session' ? itemId : null);
  const setItemId = (id: string) => {
    setLastItem(id);
    onPlace('session', id);
  };

  if (meeting.detail.status !== 'ready') return <RecordPending detail={meeting.detail} what="会议" onRetry={meeting.reload} onBack={onBack} back="返回会议列表" />;
  const detail = meeting.detail.value;
  const tab = chosen ?? stageTab(detail.status, meeting.canEdit);

  return (
    <section className="screen meeting-page" data-testid="meeting-page" data-status={detail.status}>
      <MeetingHeader detail={detail} onBack={onBack} />
      <div className="tabs" role="tablist" aria-label="会议阶段">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} className={t.id === tab ? 'tab active' : 'tab'} onClick={() => setChosen(t.id)} data-testid={`tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {renderTab(tab, detail, meeting, { minutes, setMinutes, itemId, setItemId, setTab: setChosen })}
      </div>
    </section>
  );
}

type TabState = {
  minutes: PdfFile | null;
  setMinutes: (file: PdfFile) => void;
  itemId: string | null;
  setItemId: (id: string) => void;
  setTab: (tab: Tab) => void;
};

function renderTab(tab: Tab, detail: MeetingDetail, meeting: MeetingState, s: TabState) {
  switch (tab) {
    case 'prepare':
      return <PrepareTab detail={detail} meeting={meeting} onOpened={() => s.setTab('session')} />;
    case 'session':
      if (detail.status !== 'in_session') {
        return (
          <div className="planned" data-testid="session-unavailable">
            {detail.status === 'draft' ? '会议尚未开始。请在“准备”中核对议程和出席情况，然后点击“开始会议”。' : '会议已结束，决定已经固定。请在“纪要”中查看会议纪要。'}
          </div>
        );
      }
      return (
        <SessionView
          detail={detail}
          meeting={meeting}
          itemId={s.itemId}
          onItem={s.setItemId}
          onExit={() => s.setTab(detail.items.every((i) => i.removed || i.decision) ? 'minutes' : 'prepare')}
        />
      );
    case 'minutes':
      return (
        <MinutesTab
          detail={detail}
          meeting={meeting}
          minutes={s.minutes}
          onMinutes={s.setMinutes}
          onShowItem={(id) => s.setItemId(id)}
        />
      );
    default: {
      const never: never = tab;
      throw new Error(`unknown tab ${String(never)}`);
    }
  }
}

function MeetingHeader({ detail, onBack }: { detail: MeetingDetail; onBack: () => void }) {
  return (
    <div className="meeting-head">
      <button type="button" className="button" onClick={onBack} data-testid="meeting-back">
        ← 会议列表
      </button>
      <h1 className="screen-title" data-testid="meeting-title">
        {meetingTitle(detail)}
        <span className="issue">{issueText(detail.issueNo)}</span>
      </h1>
      <span className={`status meeting-${detail.status}`} data-testid="meeting-status">
        {meetingStatusLabels[detail.status]}
      </span>
      <span className="meeting-when" data-testid="meeting-when">
        {meetingWhen(detail)} · {detail.venue || '地点未定'}
      </span>
    </div>
  );
}
