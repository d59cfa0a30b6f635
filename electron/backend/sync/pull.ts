// Receiving the central database's changes, page by page. A page and the cursor after it are written in
// one transaction, so a crash at any moment resumes from the last page applied whole. Rows that still
// have unsent local changes keep the local version (the change is re-applied on top once the server has
// it). The centre is authoritative: while its rows are applied, the local guards stand aside.
import type BetterSqlite3 from 'better-sqlite3';
import { latestSchemaVersion } from '../../../migrations';
import { MutationArgs, PullResponse, SYNC_API, type PulledChange, type SyncedEntity } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { authorized, syncState } from './account';
import { keyOf } from './capture';
import { SyncError, type RetryPolicy } from './http';

export const PULL_PAGE = 1000;

export type PullProgress = { pages: number; changes: number; estimatedTotal: number | null; full: boolean };

/** (entity, id) of every row an unsent mutation changed. */
function pendingRows(ctx: BackendContext): Set<string> {
  const pending = new Set<string>();
  const rows = ctx.sqlite.prepare('SELECT args_json FROM outbox').pluck().all() as string[];
  for (const json of rows) {
    const parsed = MutationArgs.safeParse(JSON.parse(json));
    if (parsed.success) for (const c of parsed.data.changes) pending.add(`${c.entity}\u0000${c.id}`);
  }
  return pending;
}

class PageWriter {
  readonly #statements = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  readonly #columns = new Map<SyncedEntity, Set<string>>();

  constructor(private readonly ctx: BackendContext) {}

  #columnsOf(entity: SyncedEntity): Set<string> {
    let cols = this.#columns.get(entity);
    if (!cols) {
      cols = new Set((this.ctx.sqlite.prepare(`PRAGMA table_info(${entity})`).all() as { name: string }[]).map((c) => c.name));
      this.#columns.set(entity, cols);
    }
    return cols;
  }

  #statement(sqlText: string) {
    let s = this.#statements.get(sqlText);
    if (!s) this.#statements.set(sqlText, (s = this.ctx.sqlite.prepare<unknown[]>(sqlText)));
    return s;
  }

  apply(change: PulledChange): void {
    const key = keyOf(change.entity);
    if (change.op === 'delete') {
      this.#statement(`DELETE FROM ${change.entity} WHERE ${key} = ?`).run(change.id);
      return;
    }
    // Columns this build does not know (a newer centre) are left out; the row is otherwise as sent.
    const known = this.#columnsOf(change.entity);
    const names = Object.keys(change.data!).filter((n) => known.has(n));
    if (!names.includes(key)) throw new SyncError('bad-response', `中心服务器发来的“${change.entity}”记录缺少编号`);
    this.#statement(
      `INSERT INTO ${change.entity} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
       ON CONFLICT(${key}) DO UPDATE SET ${names.filter((n) => n !== key).map((n) => `${n} = excluded.${n}`).join(', ')}`,
    ).run(...names.map((n) => change.data![n] ?? null));
  }
}

/** Applies one page and stores the cursor after it, all or nothing; the last page marks the copy complete. */
export function applyPage(ctx: BackendContext, page: PullResponse): void {
  const pending = pendingRows(ctx);
  const writer = new PageWriter(ctx);
  const sqlite = ctx.sqlite;
  sqlite.transaction(() => {
    sqlite.pragma('defer_foreign_keys = ON');
    sqlite.prepare('UPDATE sync_apply_state SET applying = 1 WHERE id = 1').run();
    for (const change of page.changes) {
      if (pending.has(`${change.entity}\u0000${change.id}`)) continue;
      writer.apply(change);
    }
    sqlite.prepare('UPDATE sync_apply_state SET applying = 0 WHERE id = 1').run();
    sqlite
      .prepare('UPDATE sync_state SET cursor = ?, last_pull_at = ?, full_pull_done = CASE WHEN ? THEN 1 ELSE full_pull_done END WHERE id = 1')
      .run(page.nextCursor, ctx.clock.now(), page.hasMore ? 0 : 1);
  })();
}

/**
 * Pulls until the server has nothing more. An unknown cursor (the centre was reset, or this copy is
 * older than its log) starts a full resync from the beginning; unsent local changes are kept throughout.
 */
export async function pullAll(ctx: BackendContext, onProgress: (p: PullProgress) => void = () => undefined, retry?: RetryPolicy): Promise<PullProgress> {
  const progress: PullProgress = { pages: 0, changes: 0, estimatedTotal: null, full: false };
  for (let restarts = 0; ; ) {
    const state = await syncState(ctx);
    progress.full = progress.full || state.cursor === null;
    const query = new URLSearchParams({ limit: String(PULL_PAGE), schemaVersion: String(latestSchemaVersion), ...(state.cursor ? { cursor: state.cursor } : {}) });
    let page: PullResponse;
    try {
      page = await authorized(ctx, { method: 'GET', path: `${SYNC_API}/sync/pull?${query}` }, PullResponse, retry);
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'cursor' && restarts++ < 2) {
        await ctx.db.updateTable('sync_state').set({ cursor: null, full_pull_done: 0 }).where('id', '=', 1).execute();
        continue;
      }
      throw error;
    }
    if (page.estimatedTotal !== undefined) progress.estimatedTotal = page.estimatedTotal;
    try {
      applyPage(ctx, page);
    } catch (error) {
      if (error instanceof SyncError) throw error;
      throw new SyncError('bad-response', `中心服务器发来的数据不能写入本机数据库（${error instanceof Error ? error.message : String(error)}），本页没有做任何修改`);
    }
    progress.pages++;
    progress.changes += page.changes.length;
    onProgress({ ...progress });
    if (!page.hasMore) return progress;
  }
}
