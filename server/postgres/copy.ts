// A SQLite centre's rows copied into an empty PostgreSQL centre in one transaction: the seeded demo
// district (seed.ts). Foreign keys are checked at the commit (they are DEFERRABLE), so the tables go in
// any order; multi-row INSERTs keep the round trips few.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../electron/backend/db/schema';
import { SORT_KEY_VERSIONS_TABLE } from '../../electron/backend/db/pinyin-key';

// Rows the PostgreSQL centre has of its own (its epoch, the sync flags its schema made), and the desk's
// record of its pinyin indexes, which the centre has no table for.
const ownRows = new Set(['central_meta', 'sync_apply_state', 'sqlite_sequence', SORT_KEY_VERSIONS_TABLE]);
const PARAMETERS_PER_STATEMENT = 30_000;

export async function copySqliteToPostgres(sqlite: BetterSqlite3.Database, db: Kysely<Database>): Promise<number> {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[]).filter((t) => !ownRows.has(t));
  let copied = 0;
  await db.transaction().execute(async (trx) => {
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
    for (const table of tables) {
      const statement = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`);
      const columns = statement.columns().map((c) => c.name);
      const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(batch.map((values) => sql`(${sql.join(values)})`))}`.execute(trx);
        copied += batch.length;
        batch = [];
      };
      for (const values of statement.raw().iterate() as IterableIterator<unknown[]>) {
        batch.push(values);
        if (batch.length >= perInsert) await flush();
      }
      await flush();
    }
    await sql`SELECT setval(pg_get_serial_sequence('change_log', 'seq'), coalesce((SELECT max(seq) FROM change_log), 0) + 1, false)`.execute(trx);
  });
  await sql`ANALYZE`.execute(db);
  return copied;
}
