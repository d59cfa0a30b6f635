// What a final decision of the leading group does to its case and to the household's assistance, once,
// for every process: the meeting's close at the desk, the same close re-run by the centre, and the demo
// generator's history all call these.
import type { AssistanceStatus, CaseCategory, CaseKind, CaseStatus, Outcome } from './domain';
import { missingCase } from './result';

export type HouseholdCategory = Exclude<CaseCategory, 'temporary'>;

/** The household's assistance as the standing list and the notices read it. */
export type HouseholdAssistance = {
  status: AssistanceStatus;
  category: HouseholdCategory | null;
  monthlyAmountFen: number;
  assistedSince: string | null;
};

export type DecidedCase = { kind: CaseKind; category: CaseCategory };
export type FinalDecision = { outcome: Outcome; amountFen: number | null };

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
 * The household's assistance after the decision, decided on `decidedOn` (a China date). Returns the same
 * object when nothing changes: a deferral, a rejected change, a one-off temporary payment.
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
      };
    case 'increase':
    case 'decrease':
    case 're_review':
      return d.amountFen === null ? h : { ...h, monthlyAmountFen: d.amountFen };
    case 'phase_out':
      // 渐退: still paid, at the amount decided for the phase-out period if one was set.
      return { ...h, status: 'phasing_out', monthlyAmountFen: d.amountFen ?? h.monthlyAmountFen };
    case 'termination':
      return { ...h, status: 'terminated', monthlyAmountFen: 0 };
    case 'temporary':
      return h; // a one-off payment: the household's monthly assistance does not change
    default:
      return missingCase(c.kind, 'case kind');
  }
}
