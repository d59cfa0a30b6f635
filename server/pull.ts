// Pull at the centre: the change log after the client's cursor, only rows of the user's jurisdiction
// (and the regions above it) and, for spot checks, only for the bureau, each with the row as it is now.
// The cursor names this database (its epoch) and a log position; one from elsewhere is "unknown", and
// the client starts again from the beginning, keeping what it has not sent.
import type BetterSqlite3 from 'better-sqlite3';
import { isBureauRole } from '../shared/access';
import { keyOf, type Account, type PullResponse, type PulledChange, type SyncedEntity } from '../shared/sync';
import { handedDown } from './scope';

// The entities a division sets for all below it (its regions, a district's standards), as an SQL list of names.
const handedDownList = [...handedDown].map((e) => `'${e}'`).join(', ');

export class CursorError extends Error {}

export function encodeCursor(epoch: string, seq: number): string {
  return Buffer.from(`${epoch}:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string, epoch: string, last: number): number {
  const m = /^([0-9a-f]{8}):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || m[1] !== epoch || Number(m[2]) > last) throw new CursorError('unknown cursor');
  return Number(m[2]);
}

export function pull(sqlite: BetterSqlite3.Database, epoch: string, user: Account, cursor: string | null, limit: number): PullResponse {
  const last = (sqlite.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number);
  const from = cursor ? decodeCursor(cursor, epoch, last) : 0;
  const bureau = isBureauRole(user.role);
  const prefix = user.regionCode;
  const visible = `seq > ? AND seq <= ?
         AND (substr(region_code, 1, ?) = ? OR (entity IN (${handedDownList}) AND substr(?, 1, length(region_code)) = region_code))
         AND (audience = 'all' OR ?)`;
  const params = [from, last, prefix.length, prefix, prefix, bureau ? 1 : 0];
  const estimatedTotal = cursor ? undefined : (sqlite.prepare(`SELECT count(*) FROM change_log WHERE ${visible}`).pluck().get(...params) as number);
  const entries = sqlite
    .prepare(`SELECT seq, entity, row_key, op, version FROM change_log WHERE ${visible} ORDER BY seq LIMIT ?`)
    .all(...params, limit + 1) as { seq: number; entity: SyncedEntity; row_key: string; op: 'upsert' | 'delete'; version: number }[];
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
      const rows = sqlite.prepare(`SELECT * FROM ${entity} WHERE ${key} IN (${slice.map(() => '?').join(',')})`).all(...slice) as Record<string, string | number | null>[];
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
