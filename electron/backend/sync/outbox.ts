// Every local change is written with its outbox row in the same SQLite transaction (DESIGN.md §7), so a
// crash can never leave a change that the central database will not hear about. The row carries the
// operation's arguments and the synced rows it changed (see capture.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { MutationName } from '../../../shared/glossary';
import type { MutationArgs } from '../../../shared/sync';
import type { Database } from '../db/schema';
import { setCapturing, takeChanges } from './capture';

/**
 * Runs one local change in a transaction with its writes captured. The change must record what it did
 * with recordMutation before it returns: synced rows written and not recorded would never reach the
 * central database, so that is refused and the change rolled back.
 */
export async function mutate<T>(db: Kysely<Database>, change: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await setCapturing(trx, true);
    const result = await change(trx);
    const left = await sql<{ n: number }>`SELECT count(*) AS n FROM temp.sync_capture`.execute(trx);
    if ((left.rows[0]?.n ?? 0) > 0) throw new Error('a change wrote synced rows without recording a mutation for them');
    await setCapturing(trx, false);
    return result;
  });
}

export async function recordMutation(trx: Transaction<Database>, name: MutationName, args: Record<string, unknown>, at: string): Promise<number> {
  const payload: MutationArgs = { args, changes: await takeChanges(trx) };
  const row = await trx
    .insertInto('outbox')
    .values({ name, args_json: JSON.stringify(payload), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function pendingMutationCount(db: Pick<Transaction<Database>, 'selectFrom'>): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
