// The papers of a generated case besides its investigation: the checklist of documents received at 受理,
// and the complaint (投诉举报) a flagged case drew, handled and closed by the time the case was decided.
import { addDays, daysBetween } from '../../../../shared/dates';
import type { CaseDocumentKind } from '../../../../shared/intake';
import type { CaseDocumentRecord, CaseRecord, ComplaintRecord, InvestigationRecord } from './model';
import type { CaseOutcome } from './outcomes';
import type { Rng } from './rng';
import { COMPLAINTS, TERMINATION_REASONS } from './texts';

const APPLICATION: readonly CaseDocumentKind[] = ['application_form', 'id_card', 'household_register', 'authorisation', 'commitment'];

/** What the household hands in for the matter: an application's full set, less for what the office starts itself. */
function baseDocuments(c: CaseRecord): CaseDocumentKind[] {
  switch (c.kind) {
    case 'new_application':
    case 'temporary':
    case 'increase':
      return [...APPLICATION];
    case 'decrease':
    case 're_review':
      return ['id_card', 'household_register', 'authorisation', 'commitment'];
    case 'phase_out':
      return ['id_card', 'household_register', 'authorisation'];
    case 'termination':
      // 本人书面申请退出 comes with the household's own letter; a death or a move with its certificate.
      return c.reason === TERMINATION_REASONS.dibao[2] ? ['application_form', 'id_card'] : ['id_card', 'household_register', 'other'];
    default: {
      const never: never = c.kind;
      throw new Error(`unknown case kind ${String(never)}`);
    }
  }
}

export function documentsOf(rng: Rng, c: CaseRecord, investigation: InvestigationRecord): CaseDocumentRecord[] {
  const kinds = baseDocuments(c);
  const members = c.household.members;
  const earns = investigation.incomes.some((l) => l.source === 'wages' || l.source === 'business');
  if (earns && c.kind !== 'termination' && (c.kind === 'phase_out' || c.kind === 'decrease' || rng.chance(0.6))) kinds.push('income_proof');
  if (members.some((m) => m.disability !== null)) kinds.push('disability_card');
  if (members.some((m) => m.health !== null) || investigation.expenses.some((e) => e.kind === 'medical')) kinds.push('medical_record');
  return kinds.map((kind) => ({ id: rng.uuid(), caseId: c.id, kind, receivedOn: c.appliedOn }));
}

/**
 * The complaint of a flagged case: received while the case waited for its first meeting, and closed
 * (borne out if the group then rejected the case, not if it approved it) before the final decision.
 */
export function complaintOf(rng: Rng, c: CaseRecord, outcome: CaseOutcome | undefined, asOf: string): ComplaintRecord {
  const text = COMPLAINTS.find((t) => t.note === c.complaintNote);
  if (!text) throw new Error(`generated case ${c.caseNo} has a complaint note no complaint text has: ${c.complaintNote}`);
  const until = outcome ? addDays(outcome.firstMeetingDay, -1) : asOf;
  const receivedOn = addDays(c.appliedOn, rng.int(0, Math.max(0, daysBetween(c.appliedOn, until))));
  const open = { id: rng.uuid(), caseRecord: c, against: text.against, channel: text.channel, receivedOn, complainant: text.complainant, content: text.note };
  if (!outcome || outcome.finalDay === null || outcome.outcome === null) return { ...open, handling: '', result: '', status: 'open', closedOn: null };
  // A deferred case's complaint was still being checked at the meeting that deferred it.
  const from = outcome.finalDay === outcome.firstMeetingDay ? receivedOn : outcome.firstMeetingDay;
  const to = addDays(outcome.finalDay, -1);
  const closedOn = addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
  return { ...open, handling: text.handling, result: outcome.outcome === 'reject' ? text.upheld : text.dismissed, status: 'closed', closedOn };
}
