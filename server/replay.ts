// Push at the centre, after Replicache's recipe: a pushed mutation is a command `{id, name, args}` with
// its context, and the centre runs that same command again, under the pushing account's role and
// jurisdiction, on its own database. It never applies rows a client wrote. Each client's commands run
// in order, each exactly once (a lower id is a duplicate and skipped; a gap is an error), each in its own
// savepoint of the batch's transaction; what a run wrote goes to the change log that pulls read. A refused command is rolled
// back and reported with the centre's rows for what the desk wrote, and its id still counts as
// processed, so one bad command never blocks the rest.
import { SqliteError } from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { isBureauRole, within } from '../shared/access';
import type { SessionUser } from '../shared/domain';
import { syncedEntityLabels } from '../shared/glossary';
import { AppError } from '../shared/result';
import { keyOf, syncedEntities, type Account, type CommandContextRecord, type PulledChange, type PushRequest, type PushResponse, type Rejection, type RowKey, type SyncedEntity } from '../shared/sync';
import { commandNamed } from '../electron/backend/commands/all';
import type { AuditDraft, CommandEnv } from '../electron/backend/commands/command';
import { commandContext, type AfterCommit } from '../electron/backend/commands/context';
import { appendAudit } from '../electron/backend/audit/audit-log';
import { appendAudits, parseCommandArgs, runBody } from '../electron/backend/commands/pipeline';
import type { Database } from '../electron/backend/db/schema';
import { dialectOf, lockLogs } from '../electron/backend/db/dialect';
import { setCapturing, takeChanges, type WrittenRow } from '../electron/backend/sync/capture';
import { audienceOf, scopeSql, visibleTo, writableBy } from './scope';
import type { CentralStore } from './store';

export class PushError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A command the centre refuses: rolled back, reported to the client, its id still processed. */
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
  [/UNIQUE|PRIMARY KEY/, '中心数据库已有同一编号的记录'],
  [/CHECK constraint/, '数据不符合规则'],
];

// PostgreSQL's error classes for the same refusals (its messages are worded differently).
const postgresClasses: Record<string, string> = {
  '23503': '引用的记录在中心数据库中不存在（可能已被删除）',
  '23505': '中心数据库已有同一编号的记录',
  '23514': '数据不符合规则',
  '23502': '数据不符合规则',
};

function refusalOf(error: unknown): Refusal | null {
  if (error instanceof Refusal) return error;
  if (error instanceof AppError) return new Refusal(error.code, error.message);
  const fromDatabase = error instanceof SqliteError || (error instanceof pg.DatabaseError && (error.code?.startsWith('23') || error.code?.startsWith('22') || error.code === 'P0001'));
  if (!fromDatabase) return null;
  const code = error instanceof pg.DatabaseError ? error.code : undefined;
  const known = guardMessages.find(([pattern]) => pattern.test(error.message))?.[1] ?? (code ? (postgresClasses[code] ?? (code.startsWith('22') ? '数据不符合规则' : undefined)) : undefined);
  return new Refusal('rule', known ? `${known}（${error.message}）` : `中心数据库拒绝了这项修改：${error.message}`);
}

/** Two centres' transactions crossed (PostgreSQL): the whole batch is run again from the start. */
function mustRetry(error: unknown): boolean {
  return error instanceof pg.DatabaseError && (error.code === '40001' || error.code === '40P01');
}

const MAX_ATTEMPTS = 8;

const entityName = (e: SyncedEntity) => (syncedEntityLabels satisfies Record<SyncedEntity, string>)[e];

/** How far ahead of the centre's clock a desk's time may be (clocks of office PCs drift). */
export const CLOCK_SKEW_MS = 10 * 60_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

export type ReplayOptions = { env: CommandEnv; now: () => Date; log?: (message: string, error: unknown) => void };

/** The centre's database, or the batch's transaction while one is open (the only way in meanwhile). */
type Reader = Kysely<Database> | Transaction<Database>;

export class CommandReplayer {
  readonly #db: Kysely<Database>;
  readonly #foreignKeys = new Map<SyncedEntity, { column: string; parent: SyncedEntity }[]>();
  /** Work the commands left for after their commit (checking rendered minutes), still running. */
  readonly #background = new Set<Promise<void>>();

  constructor(
    private readonly store: CentralStore,
    private readonly options: ReplayOptions,
  ) {
    this.#db = store.db;
  }

  async #scope(db: Reader, entity: SyncedEntity, key: string): Promise<{ version: number; region: string } | null> {
    const row = (await sql<{ v: number; r: string | null }>`${sql.raw(scopeSql[entity])} WHERE ${sql.ref(`x.${keyOf(entity)}`)} = ${key}`.execute(db)).rows[0];
    return row ? { version: Number(row.v), region: row.r ?? '' } : null;
  }

  async #row(db: Reader, entity: SyncedEntity, key: string): Promise<Record<string, string | number | null> | undefined> {
    return (await sql<Record<string, string | number | null>>`SELECT * FROM ${sql.table(entity)} WHERE ${sql.ref(keyOf(entity))} = ${key}`.execute(db)).rows[0];
  }

  /**
   * Runs a batch. Batches take turns on the log lock (held from the start of the batch's transaction to
   * its commit), on PostgreSQL across every centre on the database as SQLite's one writer does in one
   * process: the same batch sent to two centres runs once, each client's commands run in order, a version
   * conflict is found as on one centre, and the log's numbers become visible in order. Pulls, sign-ins
   * and everything else read in parallel. A batch that met a deadlock is run again from the start.
   */
  async push(account: Account, body: PushRequest): Promise<PushResponse> {
    const user = await this.#sessionUser(account);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#pushOnce(account, user, body);
      } catch (error) {
        if (!mustRetry(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.retries++;
        await new Promise((ok) => setTimeout(ok, Math.random() * 20 * attempt));
      }
    }
  }

  /** Batches run again after a deadlock or a serialization failure (tests and the bench read it). */
  retries = 0;

  async #pushOnce(account: Account, user: SessionUser, body: PushRequest): Promise<PushResponse> {
    const rejected: Rejection[] = [];
    const restored: PulledChange[] = [];
    const later: AfterCommit[] = [];
    const logged: { row: WrittenRow; region: string }[] = [];
    // One transaction per batch, one savepoint per command: a refused command is rolled back to its
    // savepoint, and the batch's work and the ids processed commit together (a crash loses only what the
    // client will send again).
    const trx = await this.#db.startTransaction().execute();
    try {
      await lockLogs(trx);
      await sql`INSERT INTO central_clients (client_id, user_id, last_mutation_id) VALUES (${body.clientId}, ${account.id}, 0) ON CONFLICT (client_id) DO NOTHING`.execute(trx);
      const client = (await sql<{ user_id: string; last_mutation_id: number }>`SELECT user_id, last_mutation_id FROM central_clients WHERE client_id = ${body.clientId}`.execute(trx)).rows[0]!;
      if (client.user_id !== account.id) throw new PushError(403, 'forbidden', '这台设备的同步记录属于另一个账号，请在设置中重置同步');
      let last = Number(client.last_mutation_id);
      // The whole batch is checked before anything is run: ascending, and no gap after what is done.
      const fresh = body.mutations.filter((m) => m.id > last);
      fresh.forEach((m, i) => {
        if (m.id !== last + 1 + i) throw new PushError(409, 'mutation-gap', `变更编号不连续：中心已处理到 ${last}，收到 ${m.id}`);
      });
      for (const m of fresh) {
        const savepoint = await trx.savepoint('command').execute();
        try {
          const done = await this.#replay(savepoint, user, m);
          await savepoint.releaseSavepoint('command').execute();
          later.push(...done.afterCommit);
          logged.push(...done.logged);
          // What the desk wrote and the centre did not goes back as the centre has it.
          const wrote = new Set(done.logged.map((w) => `${w.row.entity}\u0000${w.row.id}`));
          restored.push(...(await this.#current(trx, account, m.context.touched.filter((t) => !wrote.has(`${t.entity}\u0000${t.id}`)))));
        } catch (error) {
          if (mustRetry(error)) throw error;
          const refusal = refusalOf(error) ?? this.#unexpected(m.name, error);
          await savepoint.rollbackToSavepoint('command').execute();
          await savepoint.releaseSavepoint('command').execute();
          rejected.push({ id: m.id, code: refusal.code, message: refusal.message, current: await this.#current(trx, account, m.context.touched) });
        }
        last = m.id;
      }
      // Numbered under the log lock, held to the commit: a pull that has read one number has read all below it.
      await this.#log(trx, logged);
      await sql`UPDATE central_clients SET last_mutation_id = ${last} WHERE client_id = ${body.clientId}`.execute(trx);
      await trx.commit().execute();
      this.#afterCommit(user, later);
      return { lastMutationId: last, rejected, ...(restored.length > 0 ? { restored } : {}) };
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      throw error;
    }
  }

  async #log(trx: Transaction<Database>, logged: { row: WrittenRow; region: string }[]): Promise<void> {
    for (let i = 0; i < logged.length; i += 500) {
      const rows = logged.slice(i, i + 500).map(({ row: w, region }) => sql`(${w.entity}, ${w.id}, ${w.op}, ${w.version}, ${region}, ${audienceOf(w.entity)})`);
      await sql`INSERT INTO change_log (entity, row_key, op, version, region_code, audience) VALUES ${sql.join(rows)}`.execute(trx);
    }
  }

  /** Resolves once the work commands left for after their commit has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#background.size > 0) await Promise.all([...this.#background]);
  }

  /** Runs a command's after-commit work in the background; its audit entries wait for the database. */
  #afterCommit(user: SessionUser, work: AfterCommit[]): void {
    const audit = (entry: AuditDraft) =>
      this.store.exclusive(() => appendAudit(this.#db, { actorId: user.id, ...entry }, this.options.now().toISOString())).then(() => undefined);
    for (const w of work) {
      const job: Promise<void> = Promise.resolve()
        .then(() => w(audit))
        .catch((error: unknown) => this.options.log?.('central: after-commit work failed', error))
        .finally(() => this.#background.delete(job));
      this.#background.add(job);
    }
  }

  /** A bug in a command must not stop a street's sync for good: refused, logged, and the queue goes on. */
  #unexpected(name: string, error: unknown): Refusal {
    this.options.log?.(`central: command ${name} failed`, error);
    return new Refusal('internal', '中心服务器处理这项修改时出错，已跳过；请联系技术支持');
  }

  async #sessionUser(account: Account): Promise<SessionUser> {
    const regionName = (await sql<{ name: string }>`SELECT name FROM regions WHERE code = ${account.regionCode}`.execute(this.#db)).rows[0]?.name ?? account.regionCode;
    return { id: account.id, username: account.username, name: account.name, role: account.role, regionCode: account.regionCode, regionName };
  }

  /** Runs one pushed command inside the batch's transaction; returns what it wrote, or throws its refusal. */
  async #replay(
    trx: Transaction<Database>,
    user: SessionUser,
    m: PushRequest['mutations'][number],
  ): Promise<{ logged: { row: WrittenRow; region: string }[]; afterCommit: AfterCommit[] }> {
    const command = commandNamed(m.name);
    if (!command) throw new Refusal('unknown-command', `中心服务器没有“${m.name}”这项操作，未执行`);
    if (command.local) throw new Refusal('forbidden', `“${command.label}”只改本机的设置，不能上传到中心`);
    this.#checkTime(m.context);
    const args = parseCommandArgs(command, m.args);
    await setCapturing(trx, true);
    await this.#checkBasis(trx, user, m.context.basis);
    const trace = commandContext(trx, user, this.options.env, { site: 'centre', record: m.context });
    await runBody(command, trace.cx, args);
    const written = await takeChanges(trx);
    const logged = await this.#fence(trx, user, written);
    // In the command's savepoint: a later command of the batch may read what this one audited.
    await appendAudits(trx, user, trace);
    await setCapturing(trx, false);
    return { logged, afterCommit: trace.afterCommit };
  }

  /** Times travel with a command; one from the future (beyond clock drift) or before 2000 is refused. */
  #checkTime(context: CommandContextRecord): void {
    const t = Date.parse(context.at);
    if (Number.isNaN(t) || t < EARLIEST) throw new Refusal('invalid-args', '这项修改的时间无效，中心数据库拒绝接收');
    if (t > this.options.now().getTime() + CLOCK_SKEW_MS) throw new Refusal('invalid-args', '这项修改的时间晚于中心服务器的当前时间，请检查本机的日期和时间设置');
  }

  /** The rows the desk's run rested on: each inside the pusher's jurisdiction and at the version it saw. */
  async #checkBasis(trx: Reader, user: SessionUser, basis: CommandContextRecord['basis']): Promise<void> {
    for (const b of basis) {
      const row = await this.#scope(trx, b.entity, b.id);
      if (!row) throw new Refusal('conflict', `${entityName(b.entity)}在中心数据库已不存在，本机的修改未被采纳`);
      if (!within(user, row.region)) throw new Refusal('forbidden', `${entityName(b.entity)}不在您的管辖范围内`);
      if (row.version !== b.version) throw new Refusal('conflict', `${entityName(b.entity)}在中心数据库已被他人修改，本机的修改未被采纳`);
    }
  }

  /**
   * The fence around every body: what an account may write, where, and what it may refer to. Answers each
   * written row with its division code, for the change log.
   */
  async #fence(trx: Reader, user: SessionUser, written: WrittenRow[]): Promise<{ row: WrittenRow; region: string }[]> {
    const kind = isBureauRole(user.role) ? 'bureau' : 'street';
    const fenced: { row: WrittenRow; region: string }[] = [];
    for (const w of written) {
      if (!writableBy[kind].has(w.entity)) throw new Refusal('forbidden', `此账号不能修改“${entityName(w.entity)}”`);
      const region = w.op === 'delete' ? w.deletedRegion : (await this.#scope(trx, w.entity, w.id))?.region;
      if (!region || !within(user, region)) throw new Refusal('forbidden', `${entityName(w.entity)}不在您的管辖范围内`);
      fenced.push({ row: w, region });
      if (w.op === 'delete') continue;
      const row = (await this.#row(trx, w.entity, w.id)) ?? {};
      for (const fk of await this.#references(trx, w.entity)) {
        const value = row[fk.column];
        if (value === null || value === undefined) continue;
        const parent = await this.#scope(trx, fk.parent, String(value));
        if (parent && !within(user, parent.region)) {
          throw new Refusal('forbidden', `${entityName(w.entity)}引用了不在您管辖范围内的${entityName(fk.parent)}`);
        }
      }
    }
    return fenced;
  }

  async #references(trx: Reader, entity: SyncedEntity): Promise<{ column: string; parent: SyncedEntity }[]> {
    let refs = this.#foreignKeys.get(entity);
    if (!refs) {
      // Each engine's catalogue of the table's foreign keys.
      const list =
        dialectOf(trx) === 'postgres'
          ? (
              await sql<{ table: string; from: string }>`SELECT p.relname AS "table", a.attname AS "from" FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND t.relname = ${entity} AND t.relnamespace = current_schema()::regnamespace`.execute(trx)
            ).rows
          : (await sql<{ table: string; from: string }>`SELECT "table", "from" FROM pragma_foreign_key_list(${entity})`.execute(trx)).rows;
      refs = list.filter((f) => (syncedEntities as readonly string[]).includes(f.table)).map((f) => ({ column: f.from, parent: f.table as SyncedEntity }));
      this.#foreignKeys.set(entity, refs);
    }
    return refs;
  }

  /** The centre's rows for `keys`, as a pull would send them to this account (a delete where it has none). */
  async #current(trx: Reader, account: Account, keys: readonly RowKey[]): Promise<PulledChange[]> {
    const out: PulledChange[] = [];
    for (const c of keys) {
      const scope = await this.#scope(trx, c.entity, c.id);
      if (!scope) {
        out.push({ entity: c.entity, op: 'delete', id: c.id, version: 1, data: null });
        continue;
      }
      if (!visibleTo(account, c.entity, scope.region)) continue;
      const data = (await this.#row(trx, c.entity, c.id))!;
      out.push({ entity: c.entity, op: 'upsert', id: c.id, version: scope.version, data });
    }
    return out;
  }
}
