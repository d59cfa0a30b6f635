// What a final decision of the leading group does to its case and to the household's assistance, and
// from which day, once, for every process: the meeting's close at the desk, the same close re-run by the
// centre, the standing list, the roster, the calendar and the demo generator's history all call these.
//
// A decision to approve something announced (shared/notice-rules.ts noticeableKinds) takes effect on the
// day after its notice ends without an objection against the case; an objection suspends it for good (the
// case goes back to the agenda and a new decision gets a new notice). Everything else takes effect on the
// day its meeting closed. A household's assistance on a day is its opening state with every decision in
// effect by then applied in order, so nothing has to be written when the day comes.
import { addDays } from './dates';
import type { AssistanceStatus, CaseCategory, CaseKind, CaseStatus, Outcome } from './domain';
import { noticeableKinds } from './notice-rules';
import { missingCase } from './result';

export type HouseholdCategory = Exclude<CaseCategory, 'temporary'>;

/** The household's assistance as the standing list and the notices read it. */
export type HouseholdAssistance = {
  status: AssistanceStatus;
  category: HouseholdCategory | null;
  monthlyAmountFen: number;
  assistedSince: string | null;
  /** The last day of a phase-out (渐退期); after it the household is no longer paid. Null when not known. */
  phaseOutEndsOn?: string | null;
};

export type DecidedCase = { kind: CaseKind; category: CaseCategory };
export type FinalDecision = { outcome: Outcome; amountFen: number | null; phaseOutMonths?: number | null };

/** Whether the decision is announced before it takes effect. */
export function isAnnounced(kind: CaseKind, outcome: Outcome): boolean {
  return outcome === 'approve' && noticeableKinds.includes(kind);
}

/** Its notice, as the effect needs it: the last day, and whether anyone objected to this case during it. */
export type NoticeOfDecision = { endDate: string; objected: boolean };

/**
 * When a decision takes effect:
 * - `open`: its meeting has not closed, so nothing is final;
 * - `awaiting_notice`: announced, but no notice has been made for it yet;
 * - `suspended`: an objection during its notice; it never takes effect;
 * - `from`: it takes (or took) effect on that day; before it the household is as it was.
 */
export type EffectTiming = { state: 'open' } | { state: 'awaiting_notice' } | { state: 'suspended' } | { state: 'from'; date: string };

export function effectTiming(d: { kind: CaseKind; outcome: Outcome; closedOn: string | null }, notice: NoticeOfDecision | null): EffectTiming {
  if (d.closedOn === null) return { state: 'open' };
  if (!isAnnounced(d.kind, d.outcome)) return { state: 'from', date: d.closedOn };
  if (notice === null) return { state: 'awaiting_notice' };
  if (notice.objected) return { state: 'suspended' };
  return { state: 'from', date: addDays(notice.endDate, 1) };
}

/** The last day of a phase-out of `months` starting on `from`: 2026-03-15 + 6 months → 2026-09-14, 2026-03-31 + 6 → 2026-09-30. */
export function phaseOutLastDay(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const monthText = `${year}-${String(month).padStart(2, '0')}`;
  // No such day in the month (31 March + 6 months): the period runs to that month's last day.
  if (d > lastOfMonth) return `${monthText}-${String(lastOfMonth).padStart(2, '0')}`;
  return addDays(`${monthText}-${String(d).padStart(2, '0')}`, -1);
}

/** A decision as the fold reads it: what was decided on which case, and the day it took effect. */
export type DecisionInEffect = DecidedCase & FinalDecision & { decisionId: string; effectiveOn: string; decidedAt: string };

/** A phase-out that has run out leaves the household unpaid from the next day. */
export function phaseOutEnded(h: HouseholdAssistance, on: string): HouseholdAssistance {
  if (h.status !== 'phasing_out' || !h.phaseOutEndsOn || on <= h.phaseOutEndsOn) return h;
  return { ...h, status: 'terminated', monthlyAmountFen: 0 };
}

/**
 * The household's assistance on `date`: the opening state, then each decision in effect by that day in
 * the order it took effect (ties by the time it was decided). Decisions of other households are ignored.
 */
export function assistanceOn(opening: HouseholdAssistance, decisions: readonly DecisionInEffect[], date: string): HouseholdAssistance {
  const inOrder = decisions
    .filter((d) => d.effectiveOn <= date)
    .sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : 0));
  let h = opening;
  for (const d of inOrder) h = householdAfter(d, d, phaseOutEnded(h, d.effectiveOn), d.effectiveOn);
  return phaseOutEnded(h, date);
}

/** Paid for a month: in assistance (or phasing out) with an amount. */
export function isPaid(h: HouseholdAssistance): boolean {
  return (h.status === 'active' || h.status === 'phasing_out') && h.monthlyAmountFen > 0;
}

export function caseStatusAfter(outcome: Outcome): Extract<CaseStatus, 'approved' | 'rejected' | 'deferred'> {
  switch (outcome) {
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'defer':
      return 'deferred';
    default:
      return missingCase(outcome, 'outcome');
  }
}

/**
 * The household's assistance after the decision, in effect from `decidedOn` (a China date). Returns the
 * same object when nothing changes: a deferral, a rejected change, a one-off temporary payment.
 */
export function householdAfter(c: DecidedCase, d: FinalDecision, h: HouseholdAssistance, decidedOn: string): HouseholdAssistance {
  if (d.outcome === 'defer') return h;
  if (d.outcome === 'reject') {
    // A refused application leaves a household that was only applying without any recognition; a refused
    // change leaves a recognised household as it was.
    return c.kind === 'new_application' && h.status === 'applicant' ? { ...h, status: 'none', category: null } : h;
  }
  switch (c.kind) {
    case 'new_application':
      return {
        status: 'active',
        category: c.category === 'temporary' ? null : c.category,
        monthlyAmountFen: d.amountFen ?? 0,
        assistedSince: decidedOn,
        phaseOutEndsOn: null,
      };
    case 'increase':
    case 'decrease':
    case 're_review':
      return d.amountFen === null ? h : { ...h, monthlyAmountFen: d.amountFen };
    case 'phase_out':
      // 渐退: still paid, at the amount decided for the phase-out period if one was set.
      return {
        ...h,
        status: 'phasing_out',
        monthlyAmountFen: d.amountFen ?? h.monthlyAmountFen,
        phaseOutEndsOn: d.phaseOutMonths ? phaseOutLastDay(decidedOn, d.phaseOutMonths) : null,
      };
    case 'termination':
      return { ...h, status: 'terminated', monthlyAmountFen: 0, phaseOutEndsOn: null };
    case 'temporary':
      return h; // a one-off payment: the household's monthly assistance does not change
    default:
      return missingCase(c.kind, 'case kind');
  }
}
