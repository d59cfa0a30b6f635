// Every local change is written with its outbox row in the same SQLite transaction (DESIGN.md §7),
// so a crash can never leave a change that the central database will not hear about.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

export async function recordMutation(trx: Transaction<Database>, name: string, args: unknown, at: string): Promise<number> {
  const row = await trx
    .insertInto('outbox')
    .values({ name, args_json: JSON.stringify(args), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function pendingMutationCount(db: Pick<Transaction<Database>, 'selectFrom'>): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
