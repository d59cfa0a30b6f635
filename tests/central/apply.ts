// Push at the centre, after Replicache's recipe: each client's mutations are applied in order, each
// exactly once (a lower id is a duplicate and skipped; a gap is an error), each in its own transaction.
// A mutation that breaks a rule is rolled back and reported, and its id still counts as processed, so
// one bad change never blocks the rest. The rules are the centre's own: who may change which rows, the
// version each row was expected to have, the schema's checks and guards (the same migrations as the
// app's), decisions' votes, and spot-check samples redrawn from their manifest and seed.
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteError } from 'better-sqlite3';
import { keyOf, type Account, type PulledChange, type PushRequest, type PushResponse, type Rejection, type RowChange, type SyncedEntity } from '../../shared/sync';
import { checkVotes, itemVoters } from '../../shared/meeting-rules';
import { parseManifest } from '../../shared/sampling/manifest';
import { drawSample } from '../../shared/sampling/sampler';
import { audienceOf, scopeSql, writableBy } from './scope';
import { StatementCache, upsertSql } from '../../electron/backend/db/statements';

export class PushError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A mutation the centre refuses: rolled back, reported to the client, its id still processed. */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The guards' English trigger messages, as a person at the desk should read them. */
const guardMessages: [RegExp, string][] = [
  [/of a closed meeting are immutable|a closed meeting is immutable/, '会议已在中心数据库结束，会议记录不能再修改'],
  [/spot-check draw is (locked|kept)|sampled case is (locked|kept)/, '抽样已锁定，不能修改'],
  [/finding is kept/, '核查结论一经记录不能修改'],
  [/FOREIGN KEY/, '引用的记录在中心数据库中不存在（可能已被删除）'],
  [/CHECK constraint/, '数据不符合规则'],
];

function refusalOf(error: InstanceType<typeof SqliteError>): Refusal {
  const known = guardMessages.find(([pattern]) => pattern.test(error.message));
  return new Refusal('rule', known ? `${known[1]}（${error.message}）` : `中心数据库拒绝了这项修改：${error.message}`);
}

export class PushApplier {
  readonly #statements: StatementCache;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.#statements = new StatementCache(sqlite);
  }

  #scope(entity: SyncedEntity, key: string): { version: number; region: string } | null {
    const row = this.#statements.prepare(`${scopeSql[entity]} WHERE x.${keyOf(entity)} = ?`).get(key) as { v: number; r: string } | undefined;
    return row ? { version: row.v, region: row.r } : null;
  }

  push(user: Account, body: PushRequest): PushResponse {
    const client = this.#statements.prepare('SELECT user_id, last_mutation_id FROM central_clients WHERE client_id = ?').get(body.clientId) as { user_id: string; last_mutation_id: number } | undefined;
    if (client && client.user_id !== user.id) throw new PushError(403, 'forbidden', '这台设备的同步记录属于另一个账号，请在设置中重置同步');
    if (!client) this.#statements.prepare('INSERT INTO central_clients (client_id, user_id, last_mutation_id) VALUES (?, ?, 0)').run(body.clientId, user.id);
    let last = client?.last_mutation_id ?? 0;
    // The whole batch is checked before anything is applied: ascending, and no gap after what is done.
    const fresh = body.mutations.filter((m) => m.id > last);
    fresh.forEach((m, i) => {
      if (m.id !== last + 1 + i) throw new PushError(409, 'mutation-gap', `变更编号不连续：中心已处理到 ${last}，收到 ${m.id}`);
    });
    const rejected: Rejection[] = [];
    const processed = this.#statements.prepare('UPDATE central_clients SET last_mutation_id = ? WHERE client_id = ?');
    for (const m of fresh) {
      try {
        this.sqlite.transaction(() => {
          this.#apply(user, m.name, m.args.changes);
          processed.run(m.id, body.clientId);
        })();
      } catch (error) {
        const refusal = error instanceof Refusal ? error : error instanceof SqliteError ? refusalOf(error) : null;
        if (!refusal) throw error;
        processed.run(m.id, body.clientId);
        rejected.push({ id: m.id, code: refusal.code, message: refusal.message, current: this.#current(user, m.args.changes) });
      }
      last = m.id;
    }
    return { lastMutationId: last, rejected };
  }

  /** The centre's rows for what a refused mutation touched, inside the user's jurisdiction only. */
  #current(user: Account, changes: RowChange[]): PulledChange[] {
    const out: PulledChange[] = [];
    for (const c of changes) {
      const scope = this.#scope(c.entity, c.id);
      if (!scope) {
        out.push({ entity: c.entity, op: 'delete', id: c.id, version: 1, data: null });
        continue;
      }
      if (!scope.region.startsWith(user.regionCode)) continue;
      const data = this.#statements.prepare(`SELECT * FROM ${c.entity} WHERE ${keyOf(c.entity)} = ?`).get(c.id) as Record<string, string | number | null>;
      out.push({ entity: c.entity, op: 'upsert', id: c.id, version: scope.version, data });
    }
    return out;
  }

  #apply(user: Account, name: string, changes: RowChange[]): void {
    const kind = user.role === 'bureau_chief' || user.role === 'bureau_inspector' ? 'bureau' : 'street';
    const within = (region: string) => region.startsWith(user.regionCode);
    const log = this.#statements.prepare('INSERT INTO change_log (entity, row_key, op, version, region_code, audience) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of changes) {
      if (!writableBy[kind].has(c.entity)) throw new Refusal('forbidden', `此账号不能修改“${c.entity}”`);
      const before = this.#scope(c.entity, c.id);
      if (before && !within(before.region)) throw new Refusal('forbidden', '这条记录不在您的管辖范围内');
      if (before ? c.expectedVersion !== before.version : c.expectedVersion !== null) {
        throw new Refusal('conflict', before ? '这条记录在中心数据库已被他人修改，本机的修改未被采纳' : '这条记录在中心数据库已不存在，本机的修改未被采纳');
      }
      if (c.op === 'delete') {
        if (!before) continue;
        this.#statements.prepare(`DELETE FROM ${c.entity} WHERE ${keyOf(c.entity)} = ?`).run(c.id);
        log.run(c.entity, c.id, 'delete', before.version + 1, before.region, audienceOf(c.entity));
        continue;
      }
      const data = { ...c.data! };
      const columns = this.#statements.columnsOf(c.entity);
      const unknown = Object.keys(data).filter((k) => !columns.has(k));
      if (unknown.length > 0) throw new Refusal('rule', `未知的字段：${unknown.join(', ')}`);
      const key = keyOf(c.entity);
      if (String(data[key]) !== c.id) throw new Refusal('rule', '记录编号与内容不符');
      const version = before ? before.version + 1 : 1;
      data.version = version;
      const names = Object.keys(data);
      this.#statements.prepare(upsertSql(c.entity, names, key)).run(...names.map((n) => data[n] ?? null));
      const after = this.#scope(c.entity, c.id)!;
      if (!within(after.region)) throw new Refusal('forbidden', '这条记录不在您的管辖范围内');
      log.run(c.entity, c.id, 'upsert', version, after.region, audienceOf(c.entity));
    }
    this.#businessRules(name, changes);
  }

  /** What the schema cannot say: votes that add up, and samples that are what their seed draws. */
  #businessRules(name: string, changes: RowChange[]): void {
    for (const c of changes) {
      if (c.entity === 'decisions' && c.op === 'upsert' && c.data?.agenda_item_id) this.#checkVotes(String(c.id));
    }
    if (name === 'spotchecks.draw' || name === 'spotchecks.extend') {
      const draw = changes.find((c) => c.entity === 'spot_check_draws')?.id ?? (changes.find((c) => c.entity === 'spot_check_items')?.data?.draw_id as string | undefined);
      if (draw) this.#checkSample(draw);
    }
  }

  #checkVotes(decisionId: string): void {
    const d = this.#statements.prepare('SELECT d.agenda_item_id AS item, d.votes_for AS f, d.votes_against AS a, d.votes_abstain AS b, m.id AS meeting, m.street_code AS street FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE d.id = ?')
      .get(decisionId) as { item: string; f: number; a: number; b: number; meeting: string; street: string };
    const ids = (sqlText: string, ...p: unknown[]) => (this.#statements.prepare(sqlText).pluck().all(...p) as string[]);
    const voters = itemVoters(
      ids("SELECT member_id FROM meeting_attendance WHERE meeting_id = ? AND attendance = 'present' AND voting = 1 AND member_id IS NOT NULL", d.meeting),
      ids('SELECT id FROM committee_members WHERE street_code = ? AND voting = 1', d.street),
      ids('SELECT member_id FROM recusals WHERE agenda_item_id = ?', d.item),
    );
    const problem = checkVotes({ votesFor: d.f, votesAgainst: d.a, votesAbstain: d.b }, voters);
    if (problem) throw new Refusal('rule', `中心数据库核对表决票数未通过：${problem.message}`);
  }

  #checkSample(drawId: string): void {
    const draw = this.#statements.prepare('SELECT manifest_text, seed, rate_percent FROM spot_check_draws WHERE id = ?').get(drawId) as { manifest_text: string; seed: string; rate_percent: number } | undefined;
    if (!draw) return;
    const expected = drawSample(parseManifest(draw.manifest_text), draw.seed, draw.rate_percent).sample.map((c) => `${c.caseNo}|${c.ticket}|${c.rank}|${c.reason}`);
    const stored = (this.#statements.prepare("SELECT case_no || '|' || ticket || '|' || rank || '|' || reason FROM spot_check_items WHERE draw_id = ?").pluck().all(drawId) as string[]);
    const same = expected.length === stored.length && new Set(stored).size === stored.length && expected.every((e) => stored.includes(e));
    if (!same) throw new Refusal('rule', '样本与按清单、随机种子和比例重新抽取的结果不一致，中心数据库拒绝接收');
  }
}
