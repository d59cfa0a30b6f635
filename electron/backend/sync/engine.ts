// One sync: push the outbox, then pull until caught up, reporting progress; what failed is kept in
// plain Chinese for the 同步 screen. Also the status the screen shows, the rejections to resolve, and
// "reset sync", which starts the pull again from the beginning while keeping every unsent change.
import type { SyncStatus, SyncRejectionView } from '../../../shared/sync-view';
import { AppError } from '../../../shared/result';
import { commandLabel } from '../commands/command';
import { assertIntact } from '../db/integrity';
import type { BackendContext } from '../context';
import { setCurrentUser } from '../session/session';
import { holdsLocalData, syncState } from './account';
import { SyncError, type RetryPolicy } from './http';
import { pullAll, type PullLimits } from './pull';
import type { SnapshotLimits } from './snapshot';
import { pushOutbox } from './push';

/** `snapshot`: this copy's first pull came as the centre's snapshot. */
export type SyncReport = { pushed: number; rejected: number; pulledChanges: number; pages: number; fullPull: boolean; snapshot: boolean };

/** The signed-in account becomes this copy's user once its row has arrived. */
async function adoptAccount(ctx: BackendContext): Promise<void> {
  const state = await syncState(ctx);
  if (!state.account) return;
  const known = await ctx.db.selectFrom('users').select('id').where('id', '=', state.account.id).executeTakeFirst();
  if (known) await setCurrentUser(ctx.db, state.account.id, ctx.clock.now());
}

/**
 * Smaller batches and pages than the defaults: slow links, and tests that interrupt a sync midway.
 * `snapshot: false` fills a new copy page by page (the bench compares both); other limits bound a snapshot.
 */
export type SyncSizes = { batchSize?: number; pageSize?: number; limits?: PullLimits; snapshot?: SnapshotLimits | false };

export async function syncNow(ctx: BackendContext, retry?: RetryPolicy, sizes: SyncSizes = {}): Promise<SyncReport> {
  // Outside the try: a damaged file must not even have the failure written into it, and nothing read
  // from it may reach the centre.
  assertIntact(ctx.sqlite, ctx.databaseFile);
  try {
    const pushed = await pushOutbox(ctx, (done, total) => ctx.emit('sync.progress', { phase: 'push', done, total }), retry, sizes.batchSize);
    const pulled = await pullAll(ctx, (p) => ctx.emit('sync.progress', { phase: 'pull', done: p.changes, total: p.estimatedTotal ?? 0 }), retry, sizes.pageSize, sizes.limits, sizes.snapshot);
    await adoptAccount(ctx);
    await ctx.db.updateTable('sync_state').set({ last_error: null }).where('id', '=', 1).execute();
    return { pushed: pushed.pushed, rejected: pushed.rejected, pulledChanges: pulled.changes, pages: pulled.pages, fullPull: pulled.full, snapshot: pulled.snapshot === true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.updateTable('sync_state').set({ last_error: message }).where('id', '=', 1).execute();
    if (error instanceof SyncError) throw new AppError(error.kind === 'unauthorized' ? 'no-session' : 'sync-failed', message, { kind: error.kind, status: error.status });
    throw error;
  }
}

export async function syncStatus(ctx: BackendContext): Promise<SyncStatus> {
  const state = await syncState(ctx);
  const pending = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rejections = await ctx.db.selectFrom('sync_rejections').select((eb) => eb.fn.countAll<number>().as('n')).where('resolved_at', 'is', null).executeTakeFirstOrThrow();
  const signedIn = state.account !== null && (await ctx.secrets.get('sync.refreshToken')) !== null;
  return {
    serverUrl: state.serverUrl,
    account: state.account,
    signedIn,
    clientId: state.clientId,
    lastPushAt: state.lastPushAt,
    lastPullAt: state.lastPullAt,
    lastError: state.lastError,
    pending: Number(pending.n),
    rejections: Number(rejections.n),
    fullPullDone: state.fullPullDone,
    localData: await holdsLocalData(ctx, state),
    databaseFile: ctx.databaseFile,
  };
}

export async function syncRejections(ctx: BackendContext): Promise<SyncRejectionView[]> {
  const rows = await ctx.db.selectFrom('sync_rejections').selectAll().where('resolved_at', 'is', null).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, mutationId: r.mutation_id, name: r.name, label: commandLabel(r.name), subject: r.subject, code: r.code, message: r.message, rejectedAt: r.rejected_at }));
}

export async function resolveRejection(ctx: BackendContext, id: number): Promise<void> {
  const done = await ctx.db.updateTable('sync_rejections').set({ resolved_at: ctx.clock.now() }).where('id', '=', id).where('resolved_at', 'is', null).executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new AppError('not-found', '没有这条待处理的同步拒绝');
}

/** Starts the pull again from the beginning at the next sync; the outbox is kept and sent first. */
export async function resetSync(ctx: BackendContext): Promise<void> {
  await syncState(ctx);
  await ctx.db.updateTable('sync_state').set({ cursor: null, full_pull_done: 0, last_error: null }).where('id', '=', 1).execute();
}
