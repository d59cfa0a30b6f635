// Append-only, hash-chained audit log (DESIGN.md §9): hash = SHA-256(prev_hash + canonical row).
// Details must never hold names or ID numbers; callers pass record ids and codes only.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { lockLogs } from '../db/dialect';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
};

type Canonical = { seq: number; at: string; actorId: string | null; action: string; entity: string; entityId: string | null; details: string };

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditRowHash(prevHash: string, row: Canonical): string {
  return createHash('sha256').update(prevHash + canonicalJson(row)).digest('hex');
}

/**
 * Appends one entry; call inside the transaction of the change it records. Given the database rather than
 * a transaction (a print, an export), it opens one, so that reading the last link and adding the next
 * cannot interleave with another append.
 */
export async function appendAudit(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry, at: string): Promise<number> {
  if (!trx.isTransaction) return trx.transaction().execute((t) => appendAudit(t, entry, at));
  // Two centres on one PostgreSQL database must not both read the same last link.
  await lockLogs(trx as Transaction<Database>);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const details = canonicalJson(entry.details ?? {});
  const hash = auditRowHash(prevHash, { seq, at, actorId: entry.actorId, action: entry.action, entity: entry.entity, entityId: entry.entityId, details });
  await trx
    .insertInto('audit_log')
    .values({ seq, at, actor_id: entry.actorId, action: entry.action, entity: entry.entity, entity_id: entry.entityId, details_json: details, prev_hash: prevHash, hash })
    .execute();
  return seq;
}

export type AuditVerification = { ok: boolean; rows: number; firstBrokenSeq: number | null };

/** Walks the chain in order and reports the first row whose link or content does not check out. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    const hash = auditRowHash(prev, {
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: r.details_json,
    });
    if (r.seq !== expectedSeq || r.prev_hash !== prev || r.hash !== hash) {
      return { ok: false, rows: rows.length, firstBrokenSeq: r.seq };
    }
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, rows: rows.length, firstBrokenSeq: null };
}
