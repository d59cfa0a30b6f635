// Pull at the centre: the change log after the client's cursor, only rows of the user's jurisdiction
// (and the regions above it) and, for spot checks, only for the bureau, each with the row as it is now.
// The cursor names this database (its epoch) and a log position; one from elsewhere is "unknown", and
// the client starts again from the beginning, keeping what it has not sent.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../electron/backend/db/schema';
import { isBureauRole } from '../shared/access';
import { keyOf, type Account, type PullResponse, type PulledChange, type SyncedEntity } from '../shared/sync';
import { handedDown } from './scope';

// The entities a division sets for all below it (its regions, a district's standards).
const handedDownEntities = [...handedDown];

export class CursorError extends Error {}

export function encodeCursor(epoch: string, seq: number): string {
  return Buffer.from(`${epoch}:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string, epoch: string, last: number): number {
  const m = /^([0-9a-f]{8}):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || m[1] !== epoch || Number(m[2]) > last) throw new CursorError('unknown cursor');
  return Number(m[2]);
}

/**
 * One page of the log after `cursor` that `user` may see. Through kysely's sql template only (placeholders
 * and identifiers are the dialect's), so it reads the same on SQLite and PostgreSQL.
 */
export async function pull(db: Kysely<Database>, epoch: string, user: Account, cursor: string | null, limit: number): Promise<PullResponse> {
  const last = Number((await sql<{ seq: number | string }>`SELECT coalesce(max(seq), 0) AS seq FROM change_log`.execute(db)).rows[0]?.seq ?? 0);
  const from = cursor ? decodeCursor(cursor, epoch, last) : 0;
  const prefix = user.regionCode;
  const visible = sql`seq > ${from} AND seq <= ${last}
         AND (substr(region_code, 1, ${prefix.length}) = ${prefix} OR (entity IN (${sql.join(handedDownEntities)}) AND substr(${prefix}, 1, length(region_code)) = region_code))
         ${isBureauRole(user.role) ? sql`` : sql`AND audience = 'all'`}`;
  const estimatedTotal = cursor ? undefined : Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM change_log WHERE ${visible}`.execute(db)).rows[0]?.n ?? 0);
  type Entry = { seq: number; entity: SyncedEntity; row_key: string; op: 'upsert' | 'delete'; version: number };
  const entries = (await sql<Entry>`SELECT seq, entity, row_key, op, version FROM change_log WHERE ${visible} ORDER BY seq LIMIT ${limit + 1}`.execute(db)).rows.map((e) => ({ ...e, seq: Number(e.seq), version: Number(e.version) }));
  const hasMore = entries.length > limit;
  const page = hasMore ? entries.slice(0, limit) : entries;
  // The rows as they are now, fetched per table in one statement each.
  const current = new Map<string, Record<string, string | number | null>>();
  const keysBy = new Map<SyncedEntity, string[]>();
  for (const e of page) if (e.op === 'upsert') keysBy.set(e.entity, [...(keysBy.get(e.entity) ?? []), e.row_key]);
  for (const [entity, keys] of keysBy) {
    const key = keyOf(entity);
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const rows = (await sql<Record<string, string | number | null>>`SELECT * FROM ${sql.table(entity)} WHERE ${sql.ref(key)} IN (${sql.join(slice)})`.execute(db)).rows;
      for (const r of rows) current.set(`${entity}\u0000${String(r[key])}`, r);
    }
  }
  const changes: PulledChange[] = [];
  for (const e of page) {
    if (e.op === 'delete') {
      changes.push({ entity: e.entity, op: 'delete', id: e.row_key, version: e.version, data: null });
      continue;
    }
    const row = current.get(`${e.entity}\u0000${e.row_key}`);
    // Deleted or changed since: its later entry in the log carries it, after whatever it now refers to.
    if (!row || Number(row.version) !== e.version) continue;
    changes.push({ entity: e.entity, op: 'upsert', id: e.row_key, version: Number(row.version), data: row });
  }
  const next = page.length > 0 ? page[page.length - 1]!.seq : hasMore ? from : last;
  return { changes, nextCursor: encodeCursor(epoch, hasMore ? next : last), hasMore, ...(estimatedTotal !== undefined ? { estimatedTotal } : {}) };
}
