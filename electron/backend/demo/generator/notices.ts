// The public notices (公示) that followed each generated meeting: its announced approvals, one batch per
// community, posted the next working day for the 7 days the settings give, and ended or still posted
// as the as-of day finds them. Without them every past meeting would look as if it still owed a notice.
import { addDays } from '../../../../shared/dates';
import type { NoticeStatus } from '../../../../shared/domain';
import { MIN_NOTICE_DAYS, noticeableKinds } from '../../../../shared/notice-rules';
import { cstInstant, isWorkday } from './calendar';
import type { Meeting } from './model';
import type { Rng } from './rng';

export type NoticeBatchRecord = {
  id: string;
  meetingId: string;
  streetCode: string;
  communityCode: string;
  startDate: string;
  endDate: string;
  status: NoticeStatus;
  postedAt: string | null;
  items: { id: string; caseId: string; seq: number }[];
};

function nextWorkday(date: string): string {
  let d = addDays(date, 1);
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The notice put up after a meeting on `meetingDate`: from the next working day, for `days` days. */
export function noticePeriod(meetingDate: string, days: number): { startDate: string; endDate: string } {
  const startDate = nextWorkday(meetingDate);
  return { startDate, endDate: addDays(startDate, days - 1) };
}

/** The batches of one closed meeting held on `meetingDate`, as they stand on `asOf`. */
export function noticeBatchesOf(rng: Rng, meeting: Meeting, meetingDate: string, asOf: string, days = MIN_NOTICE_DAYS): NoticeBatchRecord[] {
  const { startDate, endDate } = noticePeriod(meetingDate, days);
  if (startDate > asOf) return [];
  const status: NoticeStatus = endDate < asOf ? 'ended' : 'posted';
  const byCommunity = new Map<string, NoticeBatchRecord>();
  // The agenda is already in community order; items keep the order the leading group went through.
  for (const a of meeting.agenda) {
    const c = a.caseRecord;
    if (a.decision.outcome !== 'approve' || !noticeableKinds.includes(c.kind)) continue;
    const code = c.household.community.code;
    let batch = byCommunity.get(code);
    if (!batch) {
      batch = {
        id: rng.uuid(),
        meetingId: meeting.id,
        streetCode: meeting.street.code,
        communityCode: code,
        startDate,
        endDate,
        status,
        postedAt: cstInstant(startDate, 9, rng.int(0, 50)),
        items: [],
      };
      byCommunity.set(code, batch);
    }
    batch.items.push({ id: rng.uuid(), caseId: c.id, seq: batch.items.length + 1 });
  }
  return [...byCommunity.values()];
}
