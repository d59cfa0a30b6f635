// The first copy in bulk (issue 20): every row the account may see, as of one consistent moment, plus
// the cursor that moment is in the change log, streamed as NDJSON so neither side holds it all:
//   {"format":"jrd-snapshot","version":1,"cursor":"…"}
//   {"table":"cases","columns":["id",…]}        then lines of up to SNAPSHOT_CHUNK rows, each an array:
//   {"rows":[["c1",…],["c2",…]]}
//   {"end":true,"counts":{"cases":100344,…}}   the trailer: without it the copy is incomplete
// A row is sent exactly when a full page-by-page pull from the beginning would send it: its latest
// version has an upsert in the log the account may see (same region and audience rule as pull.ts).
// Tables the account may not see at all (the bureau's spot checks for a street) are not even named.
//
// Consistency: on SQLite a read transaction on a connection of its own (WAL: the centre keeps writing,
// the snapshot keeps its moment). On PostgreSQL a REPEATABLE READ, read-only transaction: log numbers
// are taken under the log lock held to commit (replay.ts), so every number below the highest one this
// snapshot sees is committed and seen too, and anything committed later has a higher number: ordinary
// pulls from the returned cursor miss nothing, and what they repeat is a newer version of a row.
import BetterSqlite3 from 'better-sqlite3';
import type { ServerResponse } from 'node:http';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../electron/backend/db/schema';
import { isBureauRole } from '../shared/access';
import { keyOf, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, syncedEntities, type Account, type SyncedEntity } from '../shared/sync';
import type { CentralStore } from './central-store';
import { encodeCursor } from './pull';
import { audienceOf, handedDown } from './scope';

/** Rows per line and per query (keyset pages inside the one snapshot). */
export const SNAPSHOT_CHUNK = 2000;

type Value = string | number | null;
/** Runs a statement inside the snapshot's transaction: column names and rows as arrays. */
type Reader = (query: RawBuilder<unknown>) => Promise<{ columns: string[]; rows: Value[][] }>;

function rowsQuery(user: Account, entity: SyncedEntity, last: number, after: string | null): RawBuilder<unknown> {
  const key = keyOf(entity);
  const prefix = user.regionCode;
  const region = handedDown.has(entity)
    ? sql`(substr(l.region_code, 1, ${prefix.length}) = ${prefix} OR substr(${prefix}, 1, length(l.region_code)) = l.region_code)`
    : sql`substr(l.region_code, 1, ${prefix.length}) = ${prefix}`;
  return sql`SELECT t.* FROM ${sql.table(entity)} t
    WHERE ${after === null ? sql`1 = 1` : sql`${sql.ref(`t.${key}`)} > ${after}`}
      AND EXISTS (SELECT 1 FROM change_log l WHERE l.entity = ${entity} AND l.row_key = ${sql.ref(`t.${key}`)} AND l.version = t.version
                  AND l.op = 'upsert' AND l.seq <= ${last} AND ${region} ${isBureauRole(user.role) ? sql`` : sql`AND l.audience = 'all'`})
    ORDER BY ${sql.ref(`t.${key}`)} LIMIT ${SNAPSHOT_CHUNK}`;
}

/** Writes one line, waiting for the socket when its buffer is full; a closed connection ends the snapshot. */
async function writeLine(res: ServerResponse, value: unknown): Promise<void> {
  if (res.destroyed) throw new Error('client went away');
  if (res.write(`${JSON.stringify(value)}\n`)) return;
  await new Promise<void>((ok, fail) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      if (res.destroyed && !res.writableFinished) fail(new Error('client went away'));
      else ok();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function stream(res: ServerResponse, epoch: string, user: Account, read: Reader, last: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  await writeLine(res, { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, cursor: encodeCursor(epoch, last) });
  const counts: Partial<Record<SyncedEntity, number>> = {};
  for (const entity of syncedEntities) {
    if (audienceOf(entity) === 'bureau' && !isBureauRole(user.role)) continue;
    const keyAt = { index: -1 };
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const { columns, rows } = await read(rowsQuery(user, entity, last, after));
      if (rows.length === 0) break;
      if (count === 0) {
        keyAt.index = columns.indexOf(keyOf(entity));
        await writeLine(res, { table: entity, columns });
      }
      await writeLine(res, { rows });
      count += rows.length;
      if (rows.length < SNAPSHOT_CHUNK) break;
      after = String(rows[rows.length - 1]![keyAt.index]);
    }
    if (count > 0) counts[entity] = count;
  }
  await writeLine(res, { end: true, counts });
  res.end();
}

/** The SQLite centre: its own read-only connection, one read transaction for the whole snapshot. */
async function fromSqlite(res: ServerResponse, store: CentralStore, user: Account): Promise<void> {
  const connection = new BetterSqlite3(store.handle!.file, { readonly: true, fileMustExist: true });
  try {
    connection.pragma('busy_timeout = 5000');
    connection.prepare('BEGIN').run();
    const read: Reader = async (query) => {
      const compiled = query.compile(store.db);
      const statement = connection.prepare(compiled.sql).raw(true);
      const rows = statement.all(...(compiled.parameters as Value[])) as Value[][];
      // Lets other requests run between chunks: this connection's statements are synchronous.
      await new Promise((ok) => setImmediate(ok));
      return { columns: statement.columns().map((c) => c.name), rows };
    };
    const last = Number(connection.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get());
    await stream(res, store.epoch, user, read, last);
  } finally {
    connection.close();
  }
}

/** The PostgreSQL centre: a REPEATABLE READ snapshot, read only, on one pooled connection. */
async function fromPostgres(res: ServerResponse, store: CentralStore, user: Account): Promise<void> {
  await store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx: Kysely<Database>) => {
      const read: Reader = async (query) => {
        const rows = (await query.execute(trx)).rows as Record<string, Value>[];
        const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
        return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
      };
      // The first statement fixes the snapshot; the cursor is read in it.
      const last = Number((await sql<{ seq: number | string }>`SELECT coalesce(max(seq), 0) AS seq FROM change_log`.execute(trx)).rows[0]?.seq ?? 0);
      await stream(res, store.epoch, user, read, last);
    });
}

/**
 * Streams the snapshot for `user`. Once the first line is out, a failure can no longer be an error
 * answer: the connection is cut instead, and the desk, missing the trailer, keeps its copy as it was.
 */
export async function sendSnapshot(res: ServerResponse, store: CentralStore, user: Account, onError: (error: unknown) => void): Promise<void> {
  try {
    await (store.dialect === 'postgres' ? fromPostgres(res, store, user) : fromSqlite(res, store, user));
  } catch (error) {
    if (!res.headersSent) throw error;
    if (!res.destroyed) onError(error);
    res.destroy();
  }
}
