// Receiving the central database's changes, page by page. A page and the cursor after it are written in
// one transaction, so a crash at any moment resumes from the last page applied whole. Rows that still
// have unsent local changes keep the local version (the change is re-applied on top once the server has
// it). The centre is authoritative: while its rows are applied, the local guards stand aside.
import { latestSchemaVersion } from '../../../migrations';
import { PullResponse, SYNC_API } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { authorized, syncState } from './account';
import { pendingRows, rowId, RowWriter } from './apply-rows';
import { SyncError, type RetryPolicy } from './http';

export const PULL_PAGE = 1000;

export type PullProgress = { pages: number; changes: number; estimatedTotal: number | null; full: boolean };

/** Applies one page and stores the cursor after it, all or nothing; the last page marks the copy complete. */
export function applyPage(ctx: BackendContext, page: PullResponse): void {
  const sqlite = ctx.sqlite;
  const pending = pendingRows(sqlite);
  const writer = new RowWriter(sqlite);
  sqlite.transaction(() => {
    writer.begin();
    for (const change of page.changes) if (!pending.has(rowId(change.entity, change.id))) writer.write(change);
    writer.end();
    sqlite
      .prepare('UPDATE sync_state SET cursor = ?, last_pull_at = ?, full_pull_done = CASE WHEN ? THEN 1 ELSE full_pull_done END WHERE id = 1')
      .run(page.nextCursor, ctx.clock.now(), page.hasMore ? 0 : 1);
  })();
}

/**
 * Pulls until the server has nothing more. An unknown cursor (the centre was reset, or this copy is
 * older than its log) starts a full resync from the beginning; unsent local changes are kept throughout.
 */
export async function pullAll(ctx: BackendContext, onProgress: (p: PullProgress) => void = () => undefined, retry?: RetryPolicy, pageSize = PULL_PAGE): Promise<PullProgress> {
  const progress: PullProgress = { pages: 0, changes: 0, estimatedTotal: null, full: false };
  for (let restarts = 0; ; ) {
    const state = await syncState(ctx);
    progress.full = progress.full || state.cursor === null;
    const query = new URLSearchParams({ limit: String(pageSize), schemaVersion: String(latestSchemaVersion), ...(state.cursor ? { cursor: state.cursor } : {}) });
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
