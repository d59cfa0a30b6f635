// Decisions that correct (supersede) a decision of an earlier, closed meeting of the same street and
// household (issue 17): the choice the decision dialog offers, and the links both meetings' views show.
// The earlier decision itself never changes; the link lives on the later one (decisions.supersedes_id).
import type { Kysely, Transaction } from 'kysely';
import { formatChineseMonth } from '../../../shared/dates';
import { outcomeLabels } from '../../../shared/glossary';
import type { DecisionLink } from '../../../shared/meeting';
import type { Database } from '../db/schema';

type Reader = Kysely<Database> | Transaction<Database>;

const linkOf = (r: { id: string; meeting_id: string; month: string; issue_no: number; outcome: keyof typeof outcomeLabels }): DecisionLink => ({
  decisionId: r.id,
  meetingId: r.meeting_id,
  label: `${formatChineseMonth(r.month)}第${r.issue_no}期会议的决定（${outcomeLabels[r.outcome]}）`,
});

function decisionsWithMeeting(db: Reader) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.id', 'd.meeting_id', 'm.month', 'm.issue_no', 'd.outcome', 'd.supersedes_id', 'c.household_id', 'm.street_code', 'm.status', 'd.decided_at']);
}

/** For each decision of the meeting: the earlier one it corrects, and the later one that corrected it. */
export async function decisionLinks(db: Reader, meetingId: string): Promise<{ supersedes: Map<string, DecisionLink>; supersededBy: Map<string, DecisionLink> }> {
  const mine = await db.selectFrom('decisions').select(['id', 'supersedes_id']).where('meeting_id', '=', meetingId).execute();
  const earlierIds = mine.flatMap((d) => (d.supersedes_id ? [d.supersedes_id] : []));
  const earlier = earlierIds.length ? await decisionsWithMeeting(db).where('d.id', 'in', earlierIds).execute() : [];
  const byId = new Map(earlier.map((e) => [e.id, linkOf(e)]));
  const supersedes = new Map<string, DecisionLink>();
  for (const d of mine) if (d.supersedes_id && byId.has(d.supersedes_id)) supersedes.set(d.id, byId.get(d.supersedes_id)!);
  const later = mine.length
    ? await decisionsWithMeeting(db).where('d.supersedes_id', 'in', mine.map((d) => d.id)).where('d.meeting_id', '<>', meetingId).execute()
    : [];
  const supersededBy = new Map(later.map((l) => [l.supersedes_id!, linkOf(l)]));
  return { supersedes, supersededBy };
}

/**
 * Per household on the agenda: its decisions (approve or reject) at the street's closed meetings other
 * than this one, not yet corrected by another meeting's decision, newest first — the same conditions
 * meetings.recordDecision checks (meeting-session.ts supersededDecision).
 */
export async function earlierDecisionsOf(db: Reader, meetingId: string, streetCode: string, householdIds: string[]): Promise<Map<string, DecisionLink[]>> {
  const out = new Map<string, DecisionLink[]>();
  if (householdIds.length === 0) return out;
  const rows = await decisionsWithMeeting(db)
    .where('c.household_id', 'in', householdIds)
    .where('m.street_code', '=', streetCode)
    .where('m.status', '=', 'closed')
    .where('d.meeting_id', '<>', meetingId)
    .where('d.outcome', 'in', ['approve', 'reject'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('decisions as later').select('later.id').whereRef('later.supersedes_id', '=', 'd.id').where('later.meeting_id', '<>', meetingId))))
    .orderBy('d.decided_at', 'desc')
    .execute();
  for (const r of rows) out.set(r.household_id, [...(out.get(r.household_id) ?? []), linkOf(r)]);
  return out;
}
