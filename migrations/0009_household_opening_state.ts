// The household row holds its opening state (issue 17): the desk derives the assistance on any day from it
// and the decisions in effect by then (shared/decision-effects.ts). Before 0008 a meeting's close wrote
// each decision's effect onto the row at once, so a database from then holds the *final* state, and an
// approval still in its notice (or one an objection suspended) would be paid twice over: once by the row,
// once by the fold. This puts every row a closed decision touched back to the state before its first such
// decision, read from that decision's case:
// - a 新申请 (approved or refused) was made by a household only applying: 申请中, no category, nothing paid,
//   as 受理 writes a new household;
// - a change (增发, 减发, 渐退, 停保, or a 复核 that set an amount) was made on a household in assistance, of
//   the case's category, paid the amount the case recorded at 受理.
// Refusals of changes, 临时救助 and a 复核 that kept the amount never changed the row and are passed over.
// A household with an announced approval that no notice in the desk carried keeps its row (see `unnoticed`).
// What the row does not say is left as the best reading: a household stopped after its phase-out opens as
// 在保 (not 渐退期) until the stop takes effect, and one recognised again later loses the first date it was
// recognised on. A row written after 0008 already holds its opening state, and the same reading gives it
// back. The desk and the centre run this same step on the same rows, so nothing is sent; the version is
// left alone for the same reason.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

type DecidedRow = {
  household_id: string;
  kind: string;
  category: string;
  outcome: string;
  amount_fen: number | null;
  current_amount_fen: number | null;
  unnoticed: 0 | 1;
};

const changesOfAssisted = new Set(['increase', 'decrease', 'phase_out', 'termination']);

/** Whether the old close wrote this decision onto the household row. */
function changedTheRow(d: DecidedRow): boolean {
  if (d.kind === 'new_application') return true;
  if (d.outcome !== 'approve') return false;
  return changesOfAssisted.has(d.kind) || (d.kind === 're_review' && d.amount_fen !== null);
}

export const migration0009: Migration = {
  version: 9,
  name: '0009_household_opening_state',
  async up(trx: Transaction<unknown>): Promise<void> {
    // `unnoticed`: an announced approval no notice in the desk ever carried (put up on paper before the
    // desk recorded notices). The fold would never put it in effect, so its household keeps the row the
    // old close wrote, which is what it has been paid on, rather than being dropped from the next roster.
    // The announced kinds are written out (shared/notice-rules.ts noticeableKinds as of this version): a
    // migration must not change with later code.
    const decided = await sql<DecidedRow>`
      SELECT c.household_id, c.kind, c.category, d.outcome, d.amount_fen, c.current_amount_fen,
        CASE WHEN d.outcome = 'approve' AND c.kind IN ('new_application', 'increase', 'decrease', 'phase_out', 'termination')
              AND NOT EXISTS (SELECT 1 FROM notice_items i JOIN notice_batches b ON b.id = i.batch_id
                              WHERE i.case_id = c.id AND b.meeting_id = d.meeting_id AND b.status <> 'draft')
             THEN 1 ELSE 0 END AS unnoticed
      FROM decisions d JOIN meetings m ON m.id = d.meeting_id JOIN cases c ON c.id = d.case_id
      WHERE m.status = 'closed' AND d.outcome <> 'defer'
      ORDER BY c.household_id, m.closed_at, d.decided_at, d.id`.execute(trx);
    const keepRow = new Set(decided.rows.filter((d) => d.unnoticed === 1).map((d) => d.household_id));
    const first = new Map<string, DecidedRow>();
    const recognisedAgain = new Set<string>();
    for (const d of decided.rows) {
      if (d.kind === 'new_application' && d.outcome === 'approve' && first.has(d.household_id)) recognisedAgain.add(d.household_id);
      if (!first.has(d.household_id) && !keepRow.has(d.household_id) && changedTheRow(d)) first.set(d.household_id, d);
    }
    for (const [householdId, d] of first) {
      if (d.kind === 'new_application') {
        await sql`UPDATE households SET assistance_status = 'applicant', category = NULL, monthly_amount_fen = 0, assisted_since = NULL WHERE id = ${householdId}`.execute(trx);
        continue;
      }
      const category = d.category === 'temporary' ? null : d.category;
      await sql`
        UPDATE households SET assistance_status = 'active', category = coalesce(${category}, category),
          monthly_amount_fen = coalesce(${d.current_amount_fen}, monthly_amount_fen),
          assisted_since = ${recognisedAgain.has(householdId) ? sql`NULL` : sql`assisted_since`}
        WHERE id = ${householdId}`.execute(trx);
    }
  },
};
