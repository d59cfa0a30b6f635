// The context a command's body runs with. At the desk it records what the centre will need to run the
// command again (the id key, the time, versions relied on, chosen values, derived claims); at the
// centre it plays that record back and compares the claims with what the centre derives itself.
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { chinaDateOf, formatChineseDateTime } from '../../../shared/dates';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import { keyOf, type CommandContextRecord, type RowKey, type SyncedEntity } from '../../../shared/sync';
import type { Database } from '../db/schema';
import { getSettings } from '../settings/settings';
import type { AuditDraft, CommandContext, CommandEnv, Scalar } from './command';

/** A UUID (version 8, RFC 9562) from SHA-256 of the command's key and the parts naming the row. */
export function derivedId(key: string, parts: readonly string[]): string {
  const h = createHash('sha256').update([key, ...parts].join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a run leaves besides its writes: audit entries, work after the commit, and (desk) the record. */
export type RunTrace = {
  cx: CommandContext;
  audits: AuditDraft[];
  afterCommit: AfterCommit[];
  /** The record to queue with the command, given the rows it wrote (desk only). */
  record(touched: RowKey[]): CommandContextRecord;
};

export type AfterCommit = Parameters<CommandContext['afterCommit']>[0];

export type Site = { site: 'desk'; key: string; at: string } | { site: 'centre'; record: CommandContextRecord };

export function commandContext(trx: Transaction<Database>, user: SessionUser, env: CommandEnv, source: Site): RunTrace {
  const key = source.site === 'desk' ? source.key : source.record.key;
  const at = source.site === 'desk' ? source.at : source.record.at;
  const basis = new Map<string, { entity: SyncedEntity; id: string; version: number }>();
  const chosen: Record<string, Scalar> = {};
  const claims: Record<string, Scalar> = {};
  const audits: AuditDraft[] = [];
  const afterCommit: AfterCommit[] = [];
  const ids = new Set<string>();
  let settings: Promise<Settings> | null = null;

  const cx: CommandContext = {
    trx,
    user,
    at,
    today: chinaDateOf(at),
    site: source.site,
    env,
    settings: () => (settings ??= getSettings(trx, { districtCode: user.regionCode.slice(0, 6), on: chinaDateOf(at) })),
    id(...parts) {
      const name = parts.join('\u0000');
      // Two rows named alike would get one id: a bug in the body, not bad input.
      if (ids.has(name)) throw new Error(`command asked twice for the id of ${parts.join('/')}`);
      ids.add(name);
      return derivedId(key, parts);
    },
    async expect(entity, id) {
      if (source.site === 'centre') return; // the centre checks the whole basis before the body runs
      const row = await sql<{ version: number }>`SELECT version FROM ${sql.table(entity)} WHERE ${sql.ref(keyOf(entity))} = ${id}`.execute(trx);
      const version = row.rows[0]?.version;
      if (version !== undefined) basis.set(`${entity}\u0000${id}`, { entity, id, version });
    },
    chosen(name, make, valid) {
      if (source.site === 'desk') {
        const value = make();
        chosen[name] = value;
        return value;
      }
      const value = source.record.chosen[name];
      if (typeof value !== 'string' || !valid(value)) throw new AppError('invalid-args', `修改缺少或带有无效的“${name}”，中心数据库拒绝接收`);
      return value;
    },
    claim(name, value, refusal) {
      if (source.site === 'desk') {
        claims[name] = value;
        return;
      }
      if (source.record.claims[name] !== value) throw new AppError('mismatch', refusal);
    },
    claimed(name) {
      return source.site === 'centre' ? source.record.claims[name] : claims[name];
    },
    notBefore(instant, what) {
      if (instant && at < instant) throw new AppError('validation', `操作时间（${formatChineseDateTime(at)}）早于${what}（${formatChineseDateTime(instant)}），不能接受`);
    },
    audit(entry) {
      audits.push(entry);
    },
    afterCommit(work) {
      afterCommit.push(work);
    },
  };
  return {
    cx,
    audits,
    afterCommit,
    record: (touched) => ({ key, at, basis: [...basis.values()], chosen, claims, touched }),
  };
}
