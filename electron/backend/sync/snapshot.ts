// A new copy's first pull in bulk (issue 20): the centre's snapshot of the account's scope is received
// into a staging file (snapshot-receive.ts), then copied into this database in one synchronous
// transaction with its cursor, so the copy is either still empty or whole: a crash at any moment, even
// inside the copy, leaves the old state (SQLite rolls the transaction back) and a staging file the next
// attempt deletes. Then ordinary pulls go on from the snapshot's cursor.
//
// Why one transaction into the copy and not a file swapped in place of it: the copy is open (one
// connection, shared by the whole backend) and holds what is not the centre's (the sign-in, the client
// id, settings); swapping files under an open connection is not atomic on Windows, and the copy's own
// indexes, triggers and checks are what make the rows its own. The staging file makes that transaction
// synchronous, so no other work ever lands in it, and the copy is never seen half full.
import { withWriteTurn } from '../db/write-lock';
import { syncedEntities, type SyncedEntity } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { withAccess } from './account';
import { backoff, SyncError, type RetryPolicy } from './http';
import { assertNoDanglingReferences } from './apply-rows';
import { defaultSnapshotLimits, openSnapshot, receiveSnapshot, removeStaging, stagingFileOf, type SnapshotLimits, type StagedSnapshot } from './snapshot-receive';

export { defaultSnapshotLimits, type SnapshotLimits } from './snapshot-receive';

/** A copy that has never been filled: no cursor, no unsent command, not a row of any synced table. */
export function isNewCopy(ctx: BackendContext): boolean {
  const sqlite = ctx.sqlite;
  const state = sqlite.prepare('SELECT cursor, full_pull_done FROM sync_state WHERE id = 1').get() as { cursor: string | null; full_pull_done: number } | undefined;
  if (!state || state.cursor !== null || state.full_pull_done !== 0) return false;
  if (sqlite.prepare('SELECT 1 FROM outbox LIMIT 1').get()) return false;
  return syncedEntities.every((e) => !sqlite.prepare(`SELECT 1 FROM ${e} LIMIT 1`).get());
}

/**
 * Fills a new copy from the centre's snapshot. Returns the number of rows it brought, or null when the
 * centre offers none (an older centre, or one busy with others), and the caller pulls page by page.
 */
export async function pullSnapshot(ctx: BackendContext, onRows: (rows: number) => void, retry: RetryPolicy, limits: SnapshotLimits = defaultSnapshotLimits): Promise<number | null> {
  if (ctx.databaseFile === ':memory:' || ctx.databaseFile === '') return null;
  const file = stagingFileOf(ctx.databaseFile);
  const opened = await openWithRetries(ctx, retry);
  if (!opened) return null;
  try {
    const staged = await receiveSnapshot(opened, file, limits, onRows);
    await withWriteTurn(ctx.sqlite, () => applySnapshot(ctx, staged));
    return staged.rows;
  } finally {
    removeStaging(file);
  }
}

/** Asking for the snapshot is retried as any call is (network errors and 5xx, with backoff); its stream is not. */
async function openWithRetries(ctx: BackendContext, retry: RetryPolicy): Promise<Awaited<ReturnType<typeof openSnapshot>>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withAccess(ctx, retry, (base, token) => openSnapshot(base, token, retry.timeoutMs));
    } catch (error) {
      const transient = error instanceof SyncError && (error.kind === 'network' || error.kind === 'server');
      if (!transient || attempt + 1 >= retry.attempts) throw error;
      await new Promise((ok) => setTimeout(ok, backoff(attempt + 1, retry)));
    }
  }
}

function applySnapshot(ctx: BackendContext, staged: StagedSnapshot): void {
  const sqlite = ctx.sqlite;
  sqlite.prepare("ATTACH DATABASE ? AS jrd_snapshot KEY ''").run(staged.file);
  try {
    sqlite.pragma('foreign_keys = OFF');
    // The copy's indexes are filled from random keys (ids are UUIDs): a larger page cache for the copy
    // keeps their pages in memory, then the connection's own size again.
    const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
    sqlite.pragma(`cache_size = ${SNAPSHOT_CACHE_KIB}`);
    try {
      sqlite.transaction(() => {
        // Checked again under the write turn: nothing may have been written since the pull began.
        if (!isNewCopy(ctx)) throw new SyncError('bad-response', '本机数据在首次同步期间有了改动，首次同步的数据没有写入；请再同步一次');
        sqlite.pragma('defer_foreign_keys = ON');
        sqlite.prepare('UPDATE sync_apply_state SET applying = 1 WHERE id = 1').run();
        for (const { entity, columns } of staged.tables) copyTable(sqlite, entity, columns);
        assertNoDanglingReferences(sqlite, '首次同步的数据没有写入，本机数据没有任何改动');
        sqlite.prepare('UPDATE sync_apply_state SET applying = 0 WHERE id = 1').run();
        sqlite.prepare('UPDATE sync_state SET cursor = ?, last_pull_at = ?, full_pull_done = 1 WHERE id = 1').run(staged.cursor, ctx.clock.now());
      })();
    } catch (error) {
      if (error instanceof SyncError) throw error;
      throw new SyncError('bad-response', `中心服务器发来的首次同步数据不能写入本机数据库（${error instanceof Error ? error.message : String(error)}），本机数据没有任何改动`);
    } finally {
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    }
  } finally {
    sqlite.prepare('DETACH DATABASE jrd_snapshot').run();
  }
}

/** A negative cache_size is in KiB: 256 MB while the snapshot is copied. */
const SNAPSHOT_CACHE_KIB = -262_144;

/**
 * One table in one statement; columns this build does not know (a newer centre) are left out. The table's
 * own indexes (not its primary key or UNIQUE constraints, which SQLite keeps) are dropped first and made
 * again after: building an index from all its rows at once sorts them, where filling it row by row inserts
 * at random places (about a third of the copy's time at 100k cases). Inside the copy's transaction, so a
 * crash leaves the indexes as they were with the rows.
 */
function copyTable(sqlite: BackendContext['sqlite'], entity: SyncedEntity, columns: string[]): void {
  const known = new Set((sqlite.prepare(`SELECT name FROM pragma_table_info('${entity}', 'main')`).pluck().all() as string[]));
  const names = columns.filter((c) => known.has(c)).map((c) => `"${c}"`).join(', ');
  const indexes = sqlite.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(entity) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX main."${index.name.replace(/"/g, '""')}"`);
  sqlite.prepare(`INSERT INTO main."${entity}" (${names}) SELECT ${names} FROM jrd_snapshot."${entity}"`).run();
  // A UNIQUE index made again over rows that break it fails here, and the copy with it.
  for (const index of indexes) sqlite.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX /, (head) => `${head}main.`));
}
