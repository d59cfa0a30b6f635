// How each generated case ended, read back from the meetings that decided it: the papers written after
// the timeline (the investigation's cross check, a complaint's handling) follow the decision.
import { chinaDateOf } from '../../../../shared/dates';
import type { CaseRecord, Meeting } from './model';

export type CaseOutcome = {
  /** The day of the first meeting that had the case on its agenda. */
  firstMeetingDay: string;
  /** The day of the final decision; null while the case is still deferred. */
  finalDay: string | null;
  outcome: 'approve' | 'reject' | null;
  /** The reason of the final decision (a rejection's). */
  reason: string;
};

/** The outcome of every case a meeting took up; cases still waiting for their first meeting are absent. */
export function outcomesOf(meetings: readonly Meeting[]): Map<CaseRecord, CaseOutcome> {
  const out = new Map<CaseRecord, CaseOutcome>();
  // Meetings are in month order, so a deferred case's later decision comes after its deferral.
  for (const m of meetings) {
    const day = chinaDateOf(m.scheduledAt);
    for (const a of m.agenda) {
      const first = out.get(a.caseRecord)?.firstMeetingDay ?? day;
      const { outcome, reason } = a.decision;
      out.set(a.caseRecord, outcome === 'defer' ? { firstMeetingDay: first, finalDay: null, outcome: null, reason: '' } : { firstMeetingDay: first, finalDay: day, outcome, reason });
    }
  }
  return out;
}
