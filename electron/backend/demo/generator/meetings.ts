// One monthly meeting of a street's leading group, held and closed: roll call with quorum, the agenda
// in the order the app builds it (community, then kind), recusals of members related to a household,
// a decision per item with votes that add up.
import { caseStatusAfter } from '../../../../shared/decision-effects';
import type { Outcome } from '../../../../shared/domain';
import { quorumStatus } from '../../../../shared/meeting-rules';
import { defaultSettings } from '../../../../shared/settings';
import { caseKindLabels } from '../../../../shared/glossary';
import { cstInstant, plusSeconds } from './calendar';
import { applyDecision } from './cases';
import type { AgendaItem, AttendanceRecord, CaseRecord, Decision, Meeting, Recusal, Street } from './model';
import { staffName } from './names';
import type { Rng } from './rng';
import { rosterSeat } from './staff';
import { DEFER_REASONS, LEAVE_REASONS, OBSERVER_TITLES, REJECT_REASONS } from './texts';

const KIND_ORDER = Object.keys(caseKindLabels);

/** Code-unit order, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The agenda order the meeting screen uses: community, then kind, then application date. */
export function agendaOrder(a: CaseRecord, b: CaseRecord): number {
  return (
    compare(a.household.community.code, b.household.community.code) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compare(a.appliedOn, b.appliedOn) ||
    compare(a.caseNo, b.caseNo)
  );
}

function rollCall(rng: Rng, street: Street): AttendanceRecord[] {
  const records: AttendanceRecord[] = street.roster.map((m) => ({
    id: rng.uuid(),
    memberId: m.id,
    name: m.name,
    title: m.title,
    attendance: 'present',
    voting: m.voting,
    reason: '',
  }));
  if (rng.chance(0.25)) {
    // The chair and the recorder are needed to hold the meeting at all; anyone else may be away.
    const away = rng.pick(records.filter((r) => street.roster.some((m) => m.id === r.memberId && m.position !== 'chair' && m.position !== 'recorder')));
    away.attendance = 'leave';
    away.reason = rng.pick(LEAVE_REASONS);
  }
  if (rng.chance(0.2)) {
    const observers = rng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < observers; i++) {
      const community = rng.pick(street.communities);
      const kind = rng.pick(OBSERVER_TITLES);
      const title = kind.startsWith('区') ? kind : community.rural ? `${community.name}${kind === '党委书记' ? '党总支书记' : '村委会主任'}` : `${community.name}${kind}`;
      records.push({ id: rng.uuid(), memberId: null, name: staffName(rng), title, attendance: 'observer', voting: 0, reason: '' });
    }
  }
  return records;
}

function outcomeFor(rng: Rng, c: CaseRecord, wasDeferred: boolean): Outcome {
  // A deferred case comes back with the missing material and is settled at this meeting.
  if (wasDeferred) return rng.chance(0.78) ? 'approve' : 'reject';
  if (c.prepaidAmountFen !== null) return rng.weighted([['approve', 93], ['reject', 4], ['defer', 3]]);
  if (c.complaint === 1) return rng.weighted([['approve', 60], ['reject', 25], ['defer', 15]]);
  return rng.weighted([['approve', 79], ['reject', 14.5], ['defer', 6.5]]);
}

function votesFor(rng: Rng, voters: number): Pick<Decision, 'votesFor' | 'votesAgainst' | 'votesAbstain'> {
  const r = rng.next();
  // Most decisions are unanimous; now and then one member votes against or abstains.
  if (voters >= 3 && r < 0.07) return { votesFor: voters - 1, votesAgainst: 1, votesAbstain: 0 };
  if (voters >= 3 && r < 0.12) return { votesFor: voters - 1, votesAgainst: 0, votesAbstain: 1 };
  return { votesFor: voters, votesAgainst: 0, votesAbstain: 0 };
}

export type MeetingPlan = { street: Street; month: string; monthIndex: number; date: string; issueNo: number; phaseOutMonths: number };

/**
 * Holds the meeting over `cases` (the street's pending and deferred cases), records everything and
 * applies each final decision to its household. Returns the meeting and the cases it deferred.
 */
export function holdMeeting(rng: Rng, plan: MeetingPlan, cases: CaseRecord[], deferredBefore: ReadonlySet<CaseRecord>): { meeting: Meeting; deferred: CaseRecord[] } {
  const { street, date } = plan;
  const attendance = rollCall(rng, street);
  const presentVoting = new Set(attendance.filter((a) => a.attendance === 'present' && a.voting === 1).map((a) => a.memberId));
  const votingRoster = street.roster.filter((m) => m.voting === 1).length;
  // The same quorum rule as the session screen and the desk's commands (the default settings).
  if (!quorumStatus(defaultSettings.quorum, votingRoster, presentVoting.size).met) throw new Error(`meeting of ${street.code} ${plan.month} would lack a quorum`);

  const openedAt = cstInstant(date, 9, rng.int(0, 10), rng.int(0, 59));
  let clock = plusSeconds(openedAt, rng.int(300, 900));
  const agenda: AgendaItem[] = [];
  const deferred: CaseRecord[] = [];
  [...cases].sort(agendaOrder).forEach((c, i) => {
    const recusals: Recusal[] = [];
    const relative = c.household.filing?.rosterMemberId ?? null;
    if (relative !== null && presentVoting.has(relative)) {
      recusals.push({ id: rng.uuid(), memberId: relative, reason: '与申请人家庭成员系近亲属，依规回避', leftRoom: 1 });
    }
    const voters = presentVoting.size - recusals.length;
    const outcome = outcomeFor(rng, c, deferredBefore.has(c));
    clock = plusSeconds(clock, rng.int(100, 260));
    const decision: Decision = {
      id: rng.uuid(),
      outcome,
      reason: outcome === 'reject' ? rng.pick(REJECT_REASONS[c.kind]) : outcome === 'defer' ? rng.pick(DEFER_REASONS) : '',
      amountFen: outcome === 'approve' ? c.proposedAmountFen : null,
      ...votesFor(rng, voters),
      decidedAt: clock,
      phaseOutMonths: outcome === 'approve' && c.kind === 'phase_out' ? plan.phaseOutMonths : null,
    };
    c.status = caseStatusAfter(outcome);
    if (outcome === 'defer') deferred.push(c);
    applyDecision(c, decision, date, plan.monthIndex, defaultSettings.noticeDays);
    agenda.push({ id: rng.uuid(), seq: i + 1, caseRecord: c, decision, recusals });
  });
  const closedAt = plusSeconds(clock, rng.int(300, 900));
  const id = rng.uuid();
  const meeting: Meeting = {
    id,
    street,
    month: plan.month,
    issueNo: plan.issueNo,
    scheduledAt: cstInstant(date, 9),
    openedAt,
    closedAt,
    chair: rosterSeat(street, 'chair'),
    recorder: rosterSeat(street, 'recorder'),
    attendance,
    agenda,
  };
  return { meeting, deferred };
}
