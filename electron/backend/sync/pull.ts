// Receiving the central database's changes, page by page. A page and the cursor after it are written in
// one transaction, so a crash at any moment resumes from the last page applied whole. Rows that still
// have unsent local changes keep the local version (the change is re-applied on top once the server has
// it). The centre is authoritative: while its rows are applied, the local guards stand aside.
import { withWriteTurn } from '../db/write-lock';
import { latestSchemaVersion } from '../../../migrations';
import { PullResponse, SYNC_API } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { authorized, syncState } from './account';
import { assertNoDanglingReferences, pendingRows, rowId, RowWriter } from './apply-rows';
import { defaultSnapshotLimits, isNewCopy, pullSnapshot, type SnapshotLimits } from './snapshot';
import { defaultRetry, MAX_RESPONSE_BYTES, SyncError, type RetryPolicy } from './http';

export const PULL_PAGE = 2000;

/**
 * What one sync takes at most: pages, wall time, and bytes of one page. A sync that reaches a limit
 * stops with what it has applied kept (each page with its cursor), says so, and the next one goes on.
 */
export type PullLimits = { maxPages: number; maxMillis: number; maxPageBytes: number };
export const defaultPullLimits: PullLimits = { maxPages: 5_000, maxMillis: 60 * 60_000, maxPageBytes: MAX_RESPONSE_BYTES };

/** `snapshot`: the copy was filled from the centre's snapshot before the pages. */
export type PullProgress = { pages: number; changes: number; estimatedTotal: number | null; full: boolean; snapshot?: boolean };

/**
 * Applies one page and stores the cursor after it, all or nothing; the last page marks the copy complete.
 * The log gives a row at its latest change, so a row can arrive pages after rows that refer to it (an
 * agenda item before the case its meeting's close changed later). References are therefore checked once
 * the pull is complete, in the last page's transaction: a dangling one refuses that page, and the pull
 * stops there with nothing lost. Foreign keys are off only for this synchronous block, so no other work
 * on the connection ever runs without them.
 */
export function applyPage(ctx: BackendContext, page: PullResponse, writer = new RowWriter(ctx.sqlite), checkReferences = !page.hasMore): void {
  const sqlite = ctx.sqlite;
  const pending = pendingRows(sqlite);
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      writer.begin();
      for (const change of page.changes) if (!pending.has(rowId(change.entity, change.id))) writer.write(change);
      writer.end();
      if (checkReferences) assertNoDanglingReferences(sqlite);
      sqlite
        .prepare('UPDATE sync_state SET cursor = ?, last_pull_at = ?, full_pull_done = CASE WHEN ? THEN 1 ELSE full_pull_done END WHERE id = 1')
        .run(page.nextCursor, ctx.clock.now(), page.hasMore ? 0 : 1);
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** WAL pages between automatic checkpoints while pulling (SQLite's default is 1,000, i.e. 4 MB). */
const PULL_AUTOCHECKPOINT = 16_384;

/**
 * Pulls until the server has nothing more. An unknown cursor (the centre was reset, or this copy is
 * older than its log) starts a full resync from the beginning; unsent local changes are kept throughout.
 * The next page is asked for before this one is written, so the centre prepares it meanwhile; only the
 * page written with its cursor counts, so a failure or crash at any point loses nothing.
 */
export async function pullAll(
  ctx: BackendContext,
  onProgress: (p: PullProgress) => void = () => undefined,
  retry?: RetryPolicy,
  pageSize = PULL_PAGE,
  limits: PullLimits = defaultPullLimits,
  snapshot: SnapshotLimits | false = defaultSnapshotLimits,
): Promise<PullProgress> {
  const progress: PullProgress = { pages: 0, changes: 0, estimatedTotal: null, full: false };
  const started = performance.now();
  const writer = new RowWriter(ctx.sqlite);
  const fetchPage = (cursor: string | null) => {
    const query = new URLSearchParams({ limit: String(pageSize), schemaVersion: String(latestSchemaVersion), ...(cursor ? { cursor } : {}) });
    const answer = authorized(ctx, { method: 'GET', path: `${SYNC_API}/sync/pull?${query}`, maxBytes: limits.maxPageBytes }, PullResponse, retry);
    answer.catch(() => undefined); // awaited (or abandoned after a failure) below
    return answer;
  };
  // A first pull writes hundreds of megabytes; checkpointing every 4 MB of it would copy pages over and over.
  const autocheckpoint = ctx.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  ctx.sqlite.pragma(`wal_autocheckpoint = ${Math.max(autocheckpoint, PULL_AUTOCHECKPOINT)}`);
  try {
    // A new copy is filled from the centre's snapshot in one go; the pages then bring what came since.
    if (snapshot && isNewCopy(ctx)) {
      const rows = await pullSnapshot(ctx, (n) => onProgress({ ...progress, changes: n, full: true }), retry ?? defaultRetry, snapshot);
      if (rows !== null) Object.assign(progress, { changes: rows, full: true, snapshot: true });
    }
    let next: ReturnType<typeof fetchPage> | null = null;
    for (let restarts = 0; ; ) {
      const state = await syncState(ctx);
      progress.full = progress.full || state.cursor === null;
      let page: PullResponse;
      try {
        page = await (next ?? fetchPage(state.cursor));
      } catch (error) {
        next = null;
        if (error instanceof SyncError && error.kind === 'cursor' && restarts++ < 2) {
          await ctx.db.updateTable('sync_state').set({ cursor: null, full_pull_done: 0 }).where('id', '=', 1).execute();
          continue;
        }
        throw error;
      }
      // At a limit, this page is the last one taken now; the cursor after it is where the next sync starts.
      const stopping = page.hasMore && (progress.pages + 1 >= limits.maxPages || performance.now() - started >= limits.maxMillis);
      next = page.hasMore && !stopping ? fetchPage(page.nextCursor) : null;
      if (next) await requestSent();
      if (page.estimatedTotal !== undefined) progress.estimatedTotal = page.estimatedTotal;
      try {
        // The whole-copy check costs about a second on a district's copy: skipped when nothing came.
        const changedAnything = progress.pages > 0 || page.changes.length > 0 || !state.fullPullDone;
        await withWriteTurn(ctx.sqlite, () => applyPage(ctx, page, writer, !page.hasMore && changedAnything));
      } catch (error) {
        if (error instanceof SyncError) throw error;
        throw new SyncError('bad-response', `中心服务器发来的数据不能写入本机数据库（${error instanceof Error ? error.message : String(error)}），本页没有做任何修改`);
      }
      progress.pages++;
      progress.changes += page.changes.length;
      onProgress({ ...progress });
      if (!page.hasMore) return progress;
      if (stopping) {
        const which = progress.pages >= limits.maxPages ? `${limits.maxPages} 页` : `${Math.round(limits.maxMillis / 60_000)} 分钟`;
        throw new SyncError('limit', `本次同步已接收 ${progress.pages} 页、${progress.changes} 条数据，达到单次同步的上限（${which}），已接收的都已保存；请再同步一次，从这里继续`);
      }
    }
  } finally {
    ctx.sqlite.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    ctx.sqlite.pragma('wal_checkpoint(PASSIVE)');
  }
}

/** Lets the event loop turn a few times so the next request leaves before a page is written synchronously. */
async function requestSent(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}
