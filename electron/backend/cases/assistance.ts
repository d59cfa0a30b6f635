// A household's assistance on a given day, from its opening state and the decisions in effect by then
// (shared/decision-effects.ts). Every reader that needs "who is paid what" asks here: the case record,
// intake, the standing list, the roster and the calendar; nothing writes the result down, so a decision
// takes effect on its day at the desk and at the centre alike.
import type { Kysely, Transaction } from 'kysely';
import { chinaDateOf } from '../../../shared/dates';
import { assistanceOn, effectTiming, type DecisionInEffect, type EffectTiming, type HouseholdAssistance } from '../../../shared/decision-effects';
import type { CaseKind, Outcome } from '../../../shared/domain';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';

type Reader = Kysely<Database> | Transaction<Database>;

/** Which households: one, or all of a division (a community, a street, a district). */
export type AssistanceScope = { householdId: string } | { householdIds: readonly string[] } | { region: string };

/** A final decision with everything its timing depends on. */
export type TimedDecision = {
  decisionId: string;
  caseId: string;
  householdId: string;
  kind: CaseKind;
  category: DecisionInEffect['category'];
  outcome: Outcome;
  amountFen: number | null;
  phaseOutMonths: number | null;
  decidedAt: string;
  meetingId: string;
  closedOn: string | null;
  noticeEndDate: string | null;
  /** The decision of an earlier meeting this one corrects. */
  supersedesId: string | null;
  timing: EffectTiming;
};

/** Every decision (not deferrals) of the households in scope, of closed and open meetings, with its timing. */
export async function timedDecisions(db: Reader, scope: AssistanceScope): Promise<TimedDecision[]> {
  let q = db
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('notice_items as i')
          .innerJoin('notice_batches as b', 'b.id', 'i.batch_id')
          .select((e) => [
            'i.case_id',
            'b.meeting_id',
            'b.end_date',
            e.exists(e.selectFrom('objections as o').select('o.id').whereRef('o.batch_id', '=', 'b.id').whereRef('o.case_id', '=', 'i.case_id')).as('objected'),
          ])
          // A draft that was never posted is no notice at all: only one put up (posted, then ended) counts.
          .where('b.status', '<>', 'draft')
          .as('n'),
      (j) => j.onRef('n.case_id', '=', 'c.id').onRef('n.meeting_id', '=', 'd.meeting_id'),
    )
    .select([
      'd.id as decision_id',
      'd.case_id',
      'c.household_id',
      'c.kind',
      'c.category',
      'd.outcome',
      'd.amount_fen',
      'd.phase_out_months',
      'd.decided_at',
      'd.supersedes_id',
      'd.meeting_id',
      'm.status as meeting_status',
      'm.closed_at',
      'n.end_date',
      'n.objected',
    ])
    .where('d.outcome', '<>', 'defer');
  if ('householdId' in scope) q = q.where('c.household_id', '=', scope.householdId);
  else if ('householdIds' in scope) q = scope.householdIds.length === 0 ? q.where('c.household_id', '=', '') : q.where('c.household_id', 'in', [...scope.householdIds]);
  else {
    const [lo, hi] = codeRange(scope.region);
    q = q.where('c.community_code', '>=', lo).where('c.community_code', '<', hi);
  }
  const rows = await q.execute();
  return rows.map((r) => {
    const closedOn = r.meeting_status === 'closed' && r.closed_at ? chinaDateOf(r.closed_at) : null;
    const notice = r.end_date ? { endDate: r.end_date, objected: Boolean(r.objected) } : null;
    return {
      decisionId: r.decision_id,
      caseId: r.case_id,
      householdId: r.household_id,
      kind: r.kind,
      category: r.category,
      outcome: r.outcome,
      amountFen: r.amount_fen,
      phaseOutMonths: r.phase_out_months,
      decidedAt: r.decided_at,
      meetingId: r.meeting_id,
      closedOn,
      noticeEndDate: r.end_date,
      supersedesId: r.supersedes_id,
      timing: effectTiming({ kind: r.kind, outcome: r.outcome, closedOn }, notice),
    };
  });
}

/** The decisions that take effect on a day, by household, for the fold. */
export function inEffectByHousehold(decisions: readonly TimedDecision[]): Map<string, DecisionInEffect[]> {
  // A corrected decision gives way to its correction from the day the correction takes effect: one that
  // would only take effect on or after that day (its notice came late) never does.
  const correctedFrom = new Map<string, string>();
  for (const d of decisions) if (d.supersedesId && d.timing.state === 'from') correctedFrom.set(d.supersedesId, d.timing.date);
  const out = new Map<string, DecisionInEffect[]>();
  for (const d of decisions) {
    if (d.timing.state !== 'from') continue;
    const corrected = correctedFrom.get(d.decisionId);
    if (corrected !== undefined && d.timing.date >= corrected) continue;
    const list = out.get(d.householdId) ?? [];
    list.push({ decisionId: d.decisionId, kind: d.kind, category: d.category, outcome: d.outcome, amountFen: d.amountFen, phaseOutMonths: d.phaseOutMonths, effectiveOn: d.timing.date, decidedAt: d.decidedAt });
    out.set(d.householdId, list);
  }
  return out;
}

export type HouseholdOpening = { id: string; communityCode: string; opening: HouseholdAssistance };

/** The opening state of the households in scope (the columns on the household row). */
export async function openings(db: Reader, scope: AssistanceScope): Promise<HouseholdOpening[]> {
  let q = db.selectFrom('households as h').select(['h.id', 'h.community_code', 'h.assistance_status', 'h.category', 'h.monthly_amount_fen', 'h.assisted_since']);
  if ('householdId' in scope) q = q.where('h.id', '=', scope.householdId);
  else if ('householdIds' in scope) q = scope.householdIds.length === 0 ? q.where('h.id', '=', '') : q.where('h.id', 'in', [...scope.householdIds]);
  else {
    const [lo, hi] = codeRange(scope.region);
    q = q.where('h.community_code', '>=', lo).where('h.community_code', '<', hi);
  }
  const rows = await q.execute();
  return rows.map((h) => ({
    id: h.id,
    communityCode: h.community_code,
    opening: { status: h.assistance_status, category: h.category, monthlyAmountFen: h.monthly_amount_fen, assistedSince: h.assisted_since, phaseOutEndsOn: null },
  }));
}

/** Each household in scope and its assistance on `date`. */
export async function assistanceOnDay(db: Reader, scope: AssistanceScope, date: string): Promise<Map<string, HouseholdAssistance & { communityCode: string }>> {
  const [houses, decisions] = await Promise.all([openings(db, scope), timedDecisions(db, scope)]);
  const byHousehold = inEffectByHousehold(decisions);
  const out = new Map<string, HouseholdAssistance & { communityCode: string }>();
  for (const h of houses) out.set(h.id, { ...assistanceOn(h.opening, byHousehold.get(h.id) ?? [], date), communityCode: h.communityCode });
  return out;
}

/** One household's assistance on `date`. */
export async function householdAssistance(db: Reader, householdId: string, date: string): Promise<HouseholdAssistance> {
  const found = (await assistanceOnDay(db, { householdId }, date)).get(householdId);
  if (!found) throw new Error(`household ${householdId} is missing`);
  const { communityCode: _c, ...assistance } = found;
  return assistance;
}

/** Whether a household on `date` is recognised and paid monthly (or phasing out). */
export const isAssisted = (h: HouseholdAssistance): boolean => h.status === 'active' || h.status === 'phasing_out';
