// What the centre's database is to the rest of the server, whichever engine holds it (store.ts opens it).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DbHandle } from '../electron/backend/db/open';
import type { SqlDialect } from '../electron/backend/db/dialect';
import type { Database } from '../electron/backend/db/schema';

/**
 * `exclusive` runs one piece of database work at a time on SQLite's one connection: a command's
 * transaction awaits between its statements, and another request's statements must not land inside it.
 * On PostgreSQL every transaction has a connection of its own and `exclusive` simply runs the work.
 * `handle` is the SQLite file (null on PostgreSQL).
 */
export type CentralStore = {
  dialect: SqlDialect;
  db: Kysely<Database>;
  handle: DbHandle | null;
  epoch: string;
  exclusive<T>(work: () => Promise<T> | T): Promise<T>;
  close(): Promise<void>;
};

/** The epoch names this database: a cursor from another (a reset centre) is unknown here. */
export async function ensureEpoch(db: Kysely<Database>): Promise<string> {
  await sql`INSERT INTO central_meta (key, value) VALUES ('epoch', ${randomUUID().slice(0, 8)}) ON CONFLICT (key) DO NOTHING`.execute(db);
  return (await sql<{ value: string }>`SELECT value FROM central_meta WHERE key = 'epoch'`.execute(db)).rows[0]!.value;
}

