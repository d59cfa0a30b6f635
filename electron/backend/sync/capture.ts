// What a command wrote to the synced tables, captured as it happens: TEMP triggers (they live only in
// this connection, so other tools never carry them) note each inserted, updated or deleted row while a
// command runs. The desk keeps the keys with the command's outbox row (to put them back as the centre
// has them if it refuses); the centre writes them to its change log. On PostgreSQL the triggers are
// permanent (server/postgres/schema.ts), fire only while the transaction has set `jrd.capturing`, and
// note each row with the transaction's id, so concurrent commands never read each other's notes.
import { sql, type Transaction } from 'kysely';
import { dialectOf } from '../db/dialect';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../db/schema';
import type { SyncedEntity } from '../../../shared/sync';
import { keyOf, syncedEntities } from '../../../shared/sync';

/** An SQL expression for the division code of a deleted row, given the trigger's OLD alias. */
export type RegionOfOldRow = (entity: SyncedEntity, row: 'OLD') => string;

/**
 * Creates the capture table and triggers in this connection if the schema is there; safe to repeat.
 * With `regionOfDeleted` (the centre), a delete also notes the division code the row belonged to,
 * which cannot be looked up once it is gone.
 */
export function installCapture(sqlite: BetterSqlite3.Database, regionOfDeleted?: RegionOfOldRow): boolean {
  const ready = sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sync_apply_state'").get() as { n: number };
  if (ready.n === 0) return false;
  const statements = [
    'CREATE TEMP TABLE IF NOT EXISTS sync_capture (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_key TEXT NOT NULL, op TEXT NOT NULL, old_version INTEGER, region TEXT)',
    'CREATE TEMP TABLE IF NOT EXISTS sync_capture_state (id INTEGER PRIMARY KEY CHECK (id = 1), capturing INTEGER NOT NULL)',
    'INSERT OR IGNORE INTO sync_capture_state (id, capturing) VALUES (1, 0)',
  ];
  const on = 'WHEN (SELECT capturing FROM temp.sync_capture_state WHERE id = 1) = 1';
  // A schema migrated only part of the way (a migration's own test) lacks the later tables: nothing writes them.
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  for (const entity of syncedEntities.filter((e) => tables.has(e))) {
    const key = keyOf(entity);
    const region = regionOfDeleted ? regionOfDeleted(entity, 'OLD') : 'NULL';
    // Made again on every call, so that a second call with `regionOfDeleted` replaces the first's.
    for (const op of ['insert', 'update', 'delete']) statements.push(`DROP TRIGGER IF EXISTS temp.capture_${entity}_${op}`);
    statements.push(
      `CREATE TEMP TRIGGER capture_${entity}_insert AFTER INSERT ON main.${entity} ${on}
       BEGIN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', NEW.${key}, 'upsert', NULL); END`,
      `CREATE TEMP TRIGGER capture_${entity}_update AFTER UPDATE ON main.${entity} ${on}
       BEGIN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', NEW.${key}, 'upsert', OLD.version); END`,
      // BEFORE, so that the row's parents can still be read for its division code.
      `CREATE TEMP TRIGGER capture_${entity}_delete BEFORE DELETE ON main.${entity} ${on}
       BEGIN INSERT INTO sync_capture (entity, row_key, op, old_version, region) VALUES ('${entity}', OLD.${key}, 'delete', OLD.version, ${region}); END`,
    );
  }
  sqlite.transaction(() => {
    for (const s of statements) sqlite.prepare(s).run();
  })();
  return true;
}

export async function setCapturing(trx: Transaction<Database>, on: boolean): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`SELECT set_config('jrd.capturing', ${on ? 'on' : 'off'}, true)`.execute(trx);
  else await sql`UPDATE temp.sync_capture_state SET capturing = ${on ? 1 : 0} WHERE id = 1`.execute(trx);
}

type Captured = { entity: SyncedEntity; row_key: string; op: 'upsert' | 'delete'; old_version: number | null; region: string | null; seq: number };

/** What the triggers noted in this transaction, in order, and forgotten. */
async function drainCapture(trx: Transaction<Database>): Promise<Captured[]> {
  if (dialectOf(trx) === 'postgres') {
    const rows = await sql<Captured>`DELETE FROM sync_capture WHERE txid = txid_current() RETURNING seq, entity, row_key, op, old_version, region`.execute(trx);
    return rows.rows.map((r) => ({ ...r, seq: Number(r.seq), old_version: r.old_version === null ? null : Number(r.old_version) })).sort((a, b) => a.seq - b.seq);
  }
  const captured = await sql<Captured>`SELECT seq, entity, row_key, op, old_version, region FROM temp.sync_capture ORDER BY seq`.execute(trx);
  await sql`DELETE FROM temp.sync_capture`.execute(trx);
  return captured.rows;
}

/** A row a command wrote: its version now (a delete: the version the deletion is), and for a delete its region. */
export type WrittenRow = { entity: SyncedEntity; id: string; op: 'upsert' | 'delete'; version: number; deletedRegion: string | null };

/**
 * The rows this command touched, each once, in the order first touched (which respects foreign keys).
 * Clears the capture. A row created and deleted within the command does not appear at all.
 *
 * An updated row's version becomes its version before the command plus one, at the desk and at the
 * centre alike, so that both sides count a row's versions in step.
 */
export async function takeChanges(trx: Transaction<Database>): Promise<WrittenRow[]> {
  const captured = { rows: await drainCapture(trx) };
  const byRow = new Map<string, { entity: SyncedEntity; key: string; firstOld: number | null; created: boolean; last: 'upsert' | 'delete'; region: string | null }>();
  for (const c of captured.rows) {
    const id = `${c.entity}\u0000${c.row_key}`;
    const seen = byRow.get(id);
    if (seen) {
      seen.last = c.op;
      seen.region = c.region ?? seen.region;
    } else byRow.set(id, { entity: c.entity, key: c.row_key, firstOld: c.old_version, created: c.op === 'upsert' && c.old_version === null, last: c.op, region: c.region });
  }
  const written: WrittenRow[] = [];
  for (const r of byRow.values()) {
    if (r.last === 'delete') {
      if (!r.created) written.push({ entity: r.entity, id: r.key, op: 'delete', version: (r.firstOld ?? 0) + 1, deletedRegion: r.region });
      continue;
    }
    let version = 1;
    if (!r.created && r.firstOld !== null) {
      version = r.firstOld + 1;
      await sql`UPDATE ${sql.table(r.entity)} SET version = ${version} WHERE ${sql.ref(keyOf(r.entity))} = ${r.key}`.execute(trx);
    } else {
      const row = await sql<{ version: number }>`SELECT version FROM ${sql.table(r.entity)} WHERE ${sql.ref(keyOf(r.entity))} = ${r.key}`.execute(trx);
      version = row.rows[0]?.version ?? 1;
    }
    written.push({ entity: r.entity, id: r.key, op: 'upsert', version, deletedRegion: null });
  }
  // The version updates above were captured too; they belong to this command.
  await drainCapture(trx);
  return written;
}

/** Whether anything was captured and not yet taken (a write that would escape sync). */
export async function captureIsEmpty(trx: Transaction<Database>): Promise<boolean> {
  const left =
    dialectOf(trx) === 'postgres'
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM sync_capture WHERE txid = txid_current()`.execute(trx)
      : await sql<{ n: number }>`SELECT count(*) AS n FROM temp.sync_capture`.execute(trx);
  return (left.rows[0]?.n ?? 0) === 0;
}
