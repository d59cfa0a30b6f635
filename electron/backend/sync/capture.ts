// What a local change did to the synced tables, captured as it happens: TEMP triggers (they live only in
// this connection, so the central server and other tools never carry them) note each inserted, updated
// or deleted row while a change runs through `mutate`. The change's outbox row then carries the rows as
// they now are, with the version each had before, for the central server to check and apply.
import { sql, type Transaction } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../db/schema';
import type { RowChange, SyncedEntity } from '../../../shared/sync';
import { keyOf, syncedEntities } from '../../../shared/sync';

/** Creates the capture table and triggers in this connection if the schema is there; safe to repeat. */
export function installCapture(sqlite: BetterSqlite3.Database): boolean {
  const ready = sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sync_apply_state'").get() as { n: number };
  if (ready.n === 0) return false;
  const statements = [
    'CREATE TEMP TABLE IF NOT EXISTS sync_capture (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_key TEXT NOT NULL, op TEXT NOT NULL, old_version INTEGER)',
    'CREATE TEMP TABLE IF NOT EXISTS sync_capture_state (id INTEGER PRIMARY KEY CHECK (id = 1), capturing INTEGER NOT NULL)',
    'INSERT OR IGNORE INTO sync_capture_state (id, capturing) VALUES (1, 0)',
  ];
  const on = 'WHEN (SELECT capturing FROM temp.sync_capture_state WHERE id = 1) = 1';
  for (const entity of syncedEntities) {
    const key = keyOf(entity);
    statements.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS capture_${entity}_insert AFTER INSERT ON main.${entity} ${on}
       BEGIN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', NEW.${key}, 'upsert', NULL); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS capture_${entity}_update AFTER UPDATE ON main.${entity} ${on}
       BEGIN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', NEW.${key}, 'upsert', OLD.version); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS capture_${entity}_delete AFTER DELETE ON main.${entity} ${on}
       BEGIN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', OLD.${key}, 'delete', OLD.version); END`,
    );
  }
  sqlite.transaction(() => {
    for (const s of statements) sqlite.prepare(s).run();
  })();
  return true;
}

export async function setCapturing(trx: Transaction<Database>, on: boolean): Promise<void> {
  await sql`UPDATE temp.sync_capture_state SET capturing = ${on ? 1 : 0} WHERE id = 1`.execute(trx);
}

/**
 * The rows this change touched, each once, in the order first touched (which respects foreign keys):
 * its current values, or a delete, with the version it had before the change (null for a new row).
 * Clears the capture. A row created and deleted within the change does not appear at all.
 *
 * An updated row's version becomes its version before the change plus one, here and on the central
 * server alike, so that the next change to it, made before any pull, expects the version the server
 * will then hold.
 */
export async function takeChanges(trx: Transaction<Database>): Promise<RowChange[]> {
  const captured = await sql<{ entity: SyncedEntity; row_key: string; op: 'upsert' | 'delete'; old_version: number | null }>`
    SELECT entity, row_key, op, old_version FROM temp.sync_capture ORDER BY seq`.execute(trx);
  await sql`DELETE FROM temp.sync_capture`.execute(trx);
  const byRow = new Map<string, { entity: SyncedEntity; key: string; first: { op: string; old: number | null }; last: 'upsert' | 'delete' }>();
  for (const c of captured.rows) {
    const id = `${c.entity}\u0000${c.row_key}`;
    const seen = byRow.get(id);
    if (seen) seen.last = c.op;
    else byRow.set(id, { entity: c.entity, key: c.row_key, first: { op: c.op, old: c.old_version }, last: c.op });
  }
  const changes: RowChange[] = [];
  for (const r of byRow.values()) {
    const created = r.first.op === 'upsert' && r.first.old === null;
    if (r.last === 'delete') {
      if (!created) changes.push({ entity: r.entity, id: r.key, op: 'delete', expectedVersion: r.first.old, data: null });
      continue;
    }
    const expectedVersion = created ? null : r.first.old;
    if (expectedVersion !== null) {
      await sql`UPDATE ${sql.table(r.entity)} SET version = ${expectedVersion + 1} WHERE ${sql.ref(keyOf(r.entity))} = ${r.key}`.execute(trx);
    }
    const row = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(r.entity)} WHERE ${sql.ref(keyOf(r.entity))} = ${r.key}`.execute(trx);
    const data = row.rows[0];
    if (!data) continue;
    changes.push({ entity: r.entity, id: r.key, op: 'upsert', expectedVersion, data: data as Record<string, string | number | null> });
  }
  // The version updates above were captured too; they belong to this change.
  await sql`DELETE FROM temp.sync_capture`.execute(trx);
  return changes;
}
