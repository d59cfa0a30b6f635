// Reads a meeting with everything the screens and the minutes need, in one consistent snapshot (call
// it with the transaction handle inside a change). Carries no ID numbers, phones or addresses.
import { decisionLinks, earlierDecisionsOf } from './decision-links';
import type { Kysely, Transaction } from 'kysely';
import { ageOn, chinaDateOf } from '../../../shared/dates';
import type { AgendaCase, AgendaItemView, MeetingDetail, MeetingSummary, RosterEntry } from '../../../shared/meeting';
import { approvalAmountRule, itemVoters, passingRuleText, quorumRuleText, quorumStatus } from '../../../shared/meeting-rules';
import { relationLabels } from '../../../shared/glossary';
import { AppError } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';
import { agendaSort } from './agenda-order';
import { noticeDueCount } from '../notices/notice-batches';

type Reader = Kysely<Database> | Transaction<Database>;

export async function listMeetings(db: Reader, jurisdiction: string): Promise<MeetingSummary[]> {
  const [lo, hi] = codeRange(jurisdiction);
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('regions as s', 's.code', 'm.street_code')
    .select((eb) => [
      'm.id',
      'm.street_code',
      's.name as street_name',
      'm.month',
      'm.issue_no',
      'm.status',
      'm.venue',
      'm.scheduled_at',
      'm.opened_at',
      'm.closed_at',
      eb.selectFrom('agenda_items as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.meeting_id', '=', 'm.id').where('a.removed', '=', 0).as('items'),
      eb
        .selectFrom('decisions as d')
        .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('d.meeting_id', '=', 'm.id')
        .where('a.removed', '=', 0)
        .as('decided'),
    ])
    .where('m.street_code', '>=', lo)
    .where('m.street_code', '<', hi)
    .orderBy('m.month', 'desc')
    .orderBy('m.street_code')
    .orderBy('m.issue_no', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    streetCode: r.street_code,
    streetName: r.street_name,
    month: r.month,
    issueNo: r.issue_no,
    status: r.status,
    venue: r.venue,
    scheduledAt: r.scheduled_at,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    itemCount: Number(r.items ?? 0),
    decidedCount: Number(r.decided ?? 0),
  }));
}

/**
 * The meeting as the screen shows it. `withNoticeDue: false` leaves out how many of a closed meeting's
 * approvals still wait for a notice (0): the frozen record of the minutes does not carry it.
 */
export async function meetingDetail(db: Reader, meetingId: string, settings: Settings, { withNoticeDue = true } = {}): Promise<MeetingDetail> {
  const m = await db
    .selectFrom('meetings as m')
    .innerJoin('regions as s', 's.code', 'm.street_code')
    .selectAll('m')
    .select('s.name as street_name')
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!m) throw new AppError('not-found', '没有找到这次会议');

  const attendance = await db
    .selectFrom('meeting_attendance as a')
    .leftJoin('committee_members as cm', 'cm.id', 'a.member_id')
    .select(['a.id', 'a.member_id', 'a.name', 'a.title', 'a.attendance', 'a.voting', 'a.reason', 'cm.position', 'cm.sort_order'])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  // Roster in its own order, then the observers in the order they were added.
  attendance.sort((a, b) => (a.member_id === null ? 1 : 0) - (b.member_id === null ? 1 : 0) || (a.sort_order ?? 0) - (b.sort_order ?? 0) || (a.id < b.id ? -1 : 1));
  const roster: RosterEntry[] = attendance.map((a) => ({
    attendanceId: a.id,
    memberId: a.member_id,
    name: a.name,
    title: a.title,
    position: a.position ?? null,
    voting: a.voting === 1,
    attendance: a.attendance,
    reason: a.reason,
  }));
  const votingRoster = attendance.filter((a) => a.member_id !== null && a.voting === 1).map((a) => a.member_id as string);
  const presentVoting = attendance.filter((a) => a.member_id !== null && a.voting === 1 && a.attendance === 'present').map((a) => a.member_id as string);
  const quorum = quorumStatus(settings.quorum, votingRoster.length, presentVoting.length);

  const items = await agendaItems(db, meetingId, m.scheduled_at);
  const recusals = await db
    .selectFrom('recusals as r')
    .innerJoin('agenda_items as a', 'a.id', 'r.agenda_item_id')
    .innerJoin('committee_members as cm', 'cm.id', 'r.member_id')
    .select(['r.id', 'r.agenda_item_id', 'r.member_id', 'r.reason', 'r.left_room', 'cm.name', 'cm.title'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('r.id')
    .execute();
  const decisions = await db
    .selectFrom('decisions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .execute();

  const links = await decisionLinks(db, meetingId);
  const earlier = await earlierDecisionsOf(db, meetingId, m.street_code, [...new Set(items.map((i) => i.householdId))]);
  let number = 0;
  const views: AgendaItemView[] = items.map((item) => {
    const itemRecusals = recusals.filter((r) => r.agenda_item_id === item.id);
    const d = decisions.find((x) => x.agenda_item_id === item.id);
    return {
      id: item.id,
      number: item.removed ? null : ++number,
      source: item.source,
      removed: item.removed,
      removedReason: item.removedReason,
      notes: item.notes,
      case: item.case,
      recusals: itemRecusals.map((r) => ({ id: r.id, memberId: r.member_id, name: r.name, title: r.title, reason: r.reason, leftRoom: r.left_room === 1 })),
      decision: d
        ? {
            id: d.id,
            outcome: d.outcome,
            reason: d.reason,
            amountFen: d.amount_fen,
            votesFor: d.votes_for,
            votesAgainst: d.votes_against,
            votesAbstain: d.votes_abstain,
            decidedAt: d.decided_at,
            phaseOutMonths: d.phase_out_months,
            supersedes: links.supersedes.get(d.id) ?? null,
            supersededBy: links.supersededBy.get(d.id) ?? null,
          }
        : null,
      earlierDecisions: earlier.get(item.householdId) ?? [],
      eligibleVoters: itemVoters(presentVoting, votingRoster, itemRecusals.map((r) => r.member_id)).eligible,
    };
  });

  const live = views.filter((v) => !v.removed);
  return {
    id: m.id,
    streetCode: m.street_code,
    streetName: m.street_name,
    month: m.month,
    issueNo: m.issue_no,
    status: m.status,
    venue: m.venue,
    scheduledAt: m.scheduled_at,
    openedAt: m.opened_at,
    closedAt: m.closed_at,
    itemCount: live.length,
    decidedCount: live.filter((v) => v.decision !== null).length,
    version: m.version,
    minutesSha256: m.minutes_sha256,
    chairMemberId: m.chair_member_id,
    recorderMemberId: m.recorder_member_id,
    roster,
    quorum: { ...quorum, ruleText: quorumRuleText(settings.quorum), passingText: passingRuleText(settings.passing) },
    items: views,
    approvalMinFen: settings.approvalMinFen,
    approvalMaxFen: settings.approvalMaxFen,
    phaseOutMaxMonths: settings.phaseOutMaxMonths,
    noticeDue: withNoticeDue && m.status === 'closed' ? await noticeDueCount(db, meetingId) : 0,
  };
}

type ItemRow = { id: string; source: 'auto' | 'manual'; removed: boolean; removedReason: string; notes: string; householdId: string; case: AgendaCase };

async function agendaItems(db: Reader, meetingId: string, scheduledAt: string): Promise<ItemRow[]> {
  const rows = await db
    .selectFrom('agenda_items as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .select([
      'a.id',
      'a.seq',
      'a.source',
      'a.removed',
      'a.removed_reason',
      'a.notes',
      'c.id as case_id',
      'c.case_no',
      'c.version',
      'c.household_id',
      'c.community_code',
      'cm.name as community_name',
      'c.category',
      'c.kind',
      'c.status',
      'c.applied_on',
      'c.reason',
      'c.per_capita_income_fen',
      'c.income_check_note',
      'c.home_visit_note',
      'c.current_amount_fen',
      'c.proposed_amount_fen',
      'c.prepaid_amount_fen',
      'c.prepaid_on',
      'c.close_relative',
      'c.complaint',
      'c.complaint_note',
      'c.caseworker',
    ])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  const householdIds = [...new Set(rows.map((r) => r.household_id))];
  const members = householdIds.length
    ? await db
        .selectFrom('members')
        .select(['household_id', 'name', 'relation', 'birth_date', 'monthly_income_fen', 'occupation', 'health', 'disability'])
        .where('household_id', 'in', householdIds)
        .execute()
    : [];
  const filings = householdIds.length
    ? await db.selectFrom('close_relative_filings').select(['household_id', 'relative_name', 'relative_post', 'relation']).where('household_id', 'in', householdIds).execute()
    : [];
  const on = chinaDateOf(scheduledAt);
  const relationOrder = Object.keys(relationLabels);
  const sorted = agendaSort(rows);
  return sorted.map((r) => {
    const people = members
      .filter((x) => x.household_id === r.household_id)
      .sort((a, b) => relationOrder.indexOf(a.relation) - relationOrder.indexOf(b.relation) || (a.birth_date < b.birth_date ? -1 : 1));
    const head = people.find((x) => x.relation === 'self');
    const filed = filings.filter((f) => f.household_id === r.household_id);
    return {
      id: r.id,
      source: r.source,
      removed: r.removed === 1,
      removedReason: r.removed_reason,
      notes: r.notes,
      householdId: r.household_id,
      case: {
        id: r.case_id,
        caseNo: r.case_no,
        version: r.version,
        communityCode: r.community_code,
        communityName: r.community_name,
        category: r.category,
        kind: r.kind,
        status: r.status,
        appliedOn: r.applied_on,
        reason: r.reason,
        headName: head?.name ?? '（未登记户主）',
        householdSize: people.length,
        members: people.map((p) => ({
          name: p.name,
          relation: p.relation,
          age: Math.max(0, ageOn(p.birth_date, on)),
          monthlyIncomeFen: p.monthly_income_fen,
          occupation: p.occupation,
          health: p.health,
          disability: p.disability,
        })),
        perCapitaIncomeFen: r.per_capita_income_fen,
        incomeCheckNote: r.income_check_note,
        homeVisitNote: r.home_visit_note,
        currentAmountFen: r.current_amount_fen,
        proposedAmountFen: r.proposed_amount_fen,
        prepaidAmountFen: r.prepaid_amount_fen,
        prepaidOn: r.prepaid_on,
        closeRelative: r.close_relative === 1,
        closeRelativeNote: filed.map((f) => `家庭成员与${f.relative_post}${f.relative_name}系近亲属（${relationLabels[f.relation]}）`).join('；'),
        complaint: r.complaint === 1,
        complaintNote: r.complaint_note,
        caseworker: r.caseworker,
        amountRule: approvalAmountRule({ kind: r.kind, proposedAmountFen: r.proposed_amount_fen }),
      },
    };
  });
}
