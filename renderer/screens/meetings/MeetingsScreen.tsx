// 会议: the list of meetings, or one meeting's page, as the route says. Going back to the list mounts it
// again, so it reloads with the counts the meeting page just changed.
import type { Route } from '../../route';
import type { Go } from '../../use-route';
import { MeetingList } from './MeetingList';
import { MeetingPage } from './MeetingPage';

type MeetingsRoute = Extract<Route, { screen: 'meetings' }>;

export function MeetingsScreen({ route, go }: { route: MeetingsRoute; go: Go }) {
  const list = () => go({ screen: 'meetings', meetingId: null, tab: null, itemId: null });
  if (route.meetingId) {
    const meetingId = route.meetingId;
    return (
      <MeetingPage
        key={meetingId}
        meetingId={meetingId}
        tab={route.tab}
        itemId={route.itemId}
        onPlace={(tab, itemId) => go({ screen: 'meetings', meetingId, tab, itemId }, { replace: true })}
        onBack={list}
      />
    );
  }
  return <MeetingList onOpen={(meetingId) => go({ screen: 'meetings', meetingId, tab: null, itemId: null })} />;
}
