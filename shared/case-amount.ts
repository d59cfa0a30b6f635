// Kept apart from domain.ts so the renderer can use it without bundling zod.
import type { CaseRow } from './domain';

/**
 * The amount a person should see for a case: what was approved, or what is proposed while it is still
 * undecided. Rejected and withdrawn cases have none.
 */
export function caseAmount(row: Pick<CaseRow, 'status' | 'decidedAmountFen' | 'proposedAmountFen'>): { kind: 'approved' | 'proposed'; fen: number } | null {
  switch (row.status) {
    case 'approved':
      return row.decidedAmountFen === null ? null : { kind: 'approved', fen: row.decidedAmountFen };
    case 'pending':
    case 'deferred':
    case 'reinvestigating':
      return row.proposedAmountFen === null ? null : { kind: 'proposed', fen: row.proposedAmountFen };
    case 'rejected':
    case 'withdrawn':
      return null;
    default: {
      const never: never = row.status;
      throw new Error(`unknown case status ${String(never)}`);
    }
  }
}
