// Which SQL engine a kysely instance talks to. The desk is always SQLite; the centre is SQLite or
// PostgreSQL (issue 18). Command bodies never ask: they are written in SQL both engines read. Only the
// plumbing under them (change capture, the audit chain's lock, catalogue reads) differs.
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

export type SqlDialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<Database> | Transaction<Database>): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Taken, on PostgreSQL, by every transaction that appends to the audit chain or the change log, and held
 * to its commit: each reads the last link or number and writes the next, so two centres on one database
 * must take turns there (and so the log's numbers become visible in order). SQLite has one writer anyway.
 */
export const LOG_LOCK_KEY = 184_018;

/** Takes the log lock on PostgreSQL, for the rest of the transaction `trx`; nothing on SQLite. */
export async function lockLogs(trx: Transaction<Database>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOG_LOCK_KEY})`.execute(trx);
}
