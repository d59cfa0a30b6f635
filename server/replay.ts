// Push at the centre, after Replicache's recipe: a pushed mutation is a command `{id, name, args}` with
// its context, and the centre runs that same command again, under the pushing account's role and
// jurisdiction, on its own database. It never applies rows a client wrote. Each client's commands run
// in order, each exactly once (a lower id is a duplicate and skipped; a gap is an error), each in its own
// savepoint of the batch's transaction; what a run wrote goes to the change log that pulls read. A refused command is rolled
// back and reported with the centre's rows for what the desk wrote, and its id still counts as
// processed, so one bad command never blocks the rest.
import { SqliteError } from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
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

function refusalOf(error: unknown): Refusal | null {
  if (error instanceof Refusal) return error;
  if (error instanceof AppError) return new Refusal(error.code, error.message);
  if (error instanceof SqliteError) {
    const known = guardMessages.find(([pattern]) => pattern.test(error.message));
    return new Refusal('rule', known ? `${known[1]}（${error.message}）` : `中心数据库拒绝了这项修改：${error.message}`);
  }
  return null;
}

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
    this.#db = store.handle.db;
  }

  async #scope(db: Reader, entity: SyncedEntity, key: string): Promise<{ version: number; region: string } | null> {
    const row = (await sql<{ v: number; r: string | null }>`${sql.raw(scopeSql[entity])} WHERE ${sql.ref(`x.${keyOf(entity)}`)} = ${key}`.execute(db)).rows[0];
    return row ? { version: Number(row.v), region: row.r ?? '' } : null;
  }

  async #row(db: Reader, entity: SyncedEntity, key: string): Promise<Record<string, string | number | null> | undefined> {
    return (await sql<Record<string, string | number | null>>`SELECT * FROM ${sql.table(entity)} WHERE ${sql.ref(keyOf(entity))} = ${key}`.execute(db)).rows[0];
  }

  async push(account: Account, body: PushRequest): Promise<PushResponse> {
    const client = (await sql<{ user_id: string; last_mutation_id: number }>`SELECT user_id, last_mutation_id FROM central_clients WHERE client_id = ${body.clientId}`.execute(this.#db)).rows[0];
    if (client && client.user_id !== account.id) throw new PushError(403, 'forbidden', '这台设备的同步记录属于另一个账号，请在设置中重置同步');
    if (!client) await sql`INSERT INTO central_clients (client_id, user_id, last_mutation_id) VALUES (${body.clientId}, ${account.id}, 0)`.execute(this.#db);
    let last = Number(client?.last_mutation_id ?? 0);
    // The whole batch is checked before anything is run: ascending, and no gap after what is done.
    const fresh = body.mutations.filter((m) => m.id > last);
    fresh.forEach((m, i) => {
      if (m.id !== last + 1 + i) throw new PushError(409, 'mutation-gap', `变更编号不连续：中心已处理到 ${last}，收到 ${m.id}`);
    });
    const user = await this.#sessionUser(account);
    const rejected: Rejection[] = [];
    const restored: PulledChange[] = [];
    const processed = (db: Reader, id: number) => sql`UPDATE central_clients SET last_mutation_id = ${id} WHERE client_id = ${body.clientId}`.execute(db);
    const later: AfterCommit[] = [];
    // One transaction per batch, one savepoint per command: a refused command is rolled back to its
    // savepoint, and the batch's work and the ids processed commit together (a crash loses only what the
    // client will send again).
    const trx = await this.#db.startTransaction().execute();
    try {
      for (const m of fresh) {
        const savepoint = await trx.savepoint('command').execute();
        try {
          const done = await this.#replay(savepoint, user, m);
          await processed(savepoint, m.id);
          await savepoint.releaseSavepoint('command').execute();
          later.push(...done.afterCommit);
          // What the desk wrote and the centre did not goes back as the centre has it.
          const wrote = new Set(done.written.map((w) => `${w.entity}\u0000${w.id}`));
          restored.push(...(await this.#current(trx, account, m.context.touched.filter((t) => !wrote.has(`${t.entity}\u0000${t.id}`)))));
        } catch (error) {
          const refusal = refusalOf(error) ?? this.#unexpected(m.name, error);
          await savepoint.rollbackToSavepoint('command').execute();
          await savepoint.releaseSavepoint('command').execute();
          await processed(trx, m.id);
          rejected.push({ id: m.id, code: refusal.code, message: refusal.message, current: await this.#current(trx, account, m.context.touched) });
        }
        last = m.id;
      }
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute();
      throw error;
    }
    this.#afterCommit(user, later);
    return { lastMutationId: last, rejected, ...(restored.length > 0 ? { restored } : {}) };
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
  async #replay(trx: Transaction<Database>, user: SessionUser, m: PushRequest['mutations'][number]): Promise<{ written: WrittenRow[]; afterCommit: AfterCommit[] }> {
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
    for (const { row: w, region } of await this.#fence(trx, user, written)) {
      await sql`INSERT INTO change_log (entity, row_key, op, version, region_code, audience) VALUES (${w.entity}, ${w.id}, ${w.op}, ${w.version}, ${region}, ${audienceOf(w.entity)})`.execute(trx);
    }
    await appendAudits(trx, user, trace);
    await setCapturing(trx, false);
    return { written, afterCommit: trace.afterCommit };
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
      // SQLite's catalogue of the table's foreign keys (PostgreSQL will read information_schema instead).
      const list = (await sql<{ table: string; from: string }>`SELECT "table", "from" FROM pragma_foreign_key_list(${entity})`.execute(trx)).rows;
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
