// 会议: the list of meetings, or one meeting's page. Which one is open lives here so that going back to
// the list reloads it with the counts the meeting page just changed.
import { useState } from 'react';
import { MeetingList } from './MeetingList';
import { MeetingPage } from './MeetingPage';

export function MeetingsScreen() {
  const [openId, setOpenId] = useState<string | null>(null);
  if (openId) return <MeetingPage meetingId={openId} onBack={() => setOpenId(null)} />;
  return <MeetingList onOpen={setOpenId} />;
}
