// A street's intake topped up for the sync benchmark: a generated street has about 30 applications a
// month, and the benchmark wants a meeting of about 200 decisions.
import { randomUUID } from 'node:crypto';
import type { MutationName } from '../../shared/glossary';
import type { BackendContext } from '../../electron/backend/context';
import { mutate, recordMutation } from '../../electron/backend/sync/outbox';

/**
 * Tops the street's agenda up to `total` pending applications, as the street's intake would, so one
 * meeting decides about 200 cases (a generated street has about 30 a month). Returns how many it added.
 */
export async function intakeApplications(ctx: BackendContext, streetCode: string, total: number): Promise<number> {
  const sqlite = ctx.sqlite;
  const pending = sqlite.prepare("SELECT * FROM cases WHERE street_code = ? AND status = 'pending' ORDER BY case_no").all(streetCode) as Record<string, unknown>[];
  const wanted = total - pending.length;
  const households = sqlite
    .prepare(
      `SELECT h.id, h.community_code FROM households h WHERE h.street_code = ?
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.status IN ('pending', 'deferred', 'reinvestigating'))
       ORDER BY h.household_no LIMIT ?`,
    )
    .all(streetCode, wanted) as { id: string; community_code: string }[];
  const at = ctx.clock.now();
  await mutate(ctx.db, async (trx) => {
    for (const [i, h] of households.entries()) {
      const template = pending[i % pending.length]!;
      const row = { ...template, id: randomUUID(), case_no: `${streetCode}-202611-${String(500 + i)}`, household_id: h.id, community_code: h.community_code, complaint: 0, close_relative: 0, version: 1, created_at: at, updated_at: at };
      await trx.insertInto('cases').values(row as never).execute();
    }
    // Not an operation of the app (cases come from the provincial system): named as if it were one.
    await recordMutation(trx, 'bench.intake' as MutationName, { streetCode, added: households.length }, at);
  });
  return households.length;
}
