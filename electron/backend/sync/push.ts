// Sending the outbox: oldest first, at most 100 a batch. The server answers how far it has processed;
// those outbox rows are deleted and any it refused are kept as rejections for a person to resolve, in
// one transaction, so a crash between the answer and the bookkeeping only resends what the server
// then skips as duplicates.
import { withWriteTurn } from '../db/write-lock';
import { latestSchemaVersion } from '../../../migrations';
import { PushResponse, SYNC_API, type PushRequest } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { authorized, syncState } from './account';
import { SyncError, type RetryPolicy } from './http';
import { pendingRows, rowId, RowWriter } from './apply-rows';
import { queuedCommand } from './outbox';
import { rejectionSubject } from './rejection-subject';

export const PUSH_BATCH = 100;
/** And at most this much of queued text a batch: an import's parts are large, and the centre takes 32 MB a body. */
export const PUSH_BATCH_BYTES = 8 * 1024 * 1024;

/** The oldest rows up to the batch's count and size; always at least one, however large. */
function withinBytes<T extends { args_json: string }>(rows: T[]): T[] {
  let size = 0;
  const out: T[] = [];
  for (const r of rows) {
    size += r.args_json.length * 3;
    if (out.length > 0 && size > PUSH_BATCH_BYTES) break;
    out.push(r);
  }
  return out;
}

export type PushReport = { pushed: number; rejected: number };

/**
 * The server's answer, recorded in one transaction: refused commands kept for a person, the rows they
 * wrote here put back as the centre has them, so are rows an accepted command wrote here and not at the
 * centre (unless a later unsent command holds them), and the outbox emptied up to what it processed.
 */
function settle(ctx: BackendContext, rows: { id: number; name: string; args_json: string }[], answer: PushResponse): void {
  const sqlite = ctx.sqlite;
  const at = ctx.clock.now();
  sqlite.transaction(() => {
    const keep = pendingRows(sqlite, answer.lastMutationId);
    const writer = new RowWriter(sqlite);
    writer.begin();
    const reject = sqlite.prepare('INSERT INTO sync_rejections (mutation_id, name, args_json, subject, code, message, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Named while this copy still holds what the changes made (a refused meeting is about to go).
    const subjects = new Map<number, string>();
    for (const r of answer.rejected) {
      const queued = queuedCommand(rows.find((x) => x.id === r.id)?.args_json ?? 'null');
      subjects.set(r.id, queued ? rejectionSubject(sqlite, queued.context.touched) : '');
    }
    for (const r of answer.rejected) {
      const row = rows.find((x) => x.id === r.id);
      if (!row) continue;
      reject.run(row.id, row.name, row.args_json, subjects.get(r.id) ?? '', r.code, r.message, at);
      // Deletes last-made first, so that what was created goes in the reverse of its making.
      for (const c of [...(r.current ?? [])].reverse()) if (!keep.has(rowId(c.entity, c.id))) writer.write(c);
    }
    for (const c of [...(answer.restored ?? [])].reverse()) if (!keep.has(rowId(c.entity, c.id))) writer.write(c);
    writer.end();
    sqlite.prepare('DELETE FROM outbox WHERE id <= ?').run(answer.lastMutationId);
    sqlite.prepare('UPDATE sync_state SET last_push_at = ? WHERE id = 1').run(at);
  })();
}

export async function pushOutbox(ctx: BackendContext, onProgress: (done: number, total: number) => void = () => undefined, retry?: RetryPolicy, batchSize = PUSH_BATCH): Promise<PushReport> {
  const state = await syncState(ctx);
  const total = Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const report: PushReport = { pushed: 0, rejected: 0 };
  for (;;) {
    const rows = withinBytes(await ctx.db.selectFrom('outbox').selectAll().orderBy('id').limit(Math.min(batchSize, PUSH_BATCH)).execute());
    if (rows.length === 0) break;
    const mutations = rows.map((r) => {
      const queued = queuedCommand(r.args_json);
      if (!queued) throw new SyncError('config', `待同步的第 ${r.id} 项修改格式不对（${r.name}），无法上传；请联系技术支持`);
      return { id: r.id, name: r.name, args: queued.args, context: queued.context };
    });
    const body: PushRequest = { clientId: state.clientId, schemaVersion: latestSchemaVersion, mutations };
    const answer = await authorized(ctx, { method: 'POST', path: `${SYNC_API}/sync/push`, body }, PushResponse, retry);
    const lastSent = rows[rows.length - 1]!.id;
    if (answer.lastMutationId < rows[0]!.id - 1 || answer.lastMutationId > lastSent) {
      throw new SyncError('bad-response', `中心服务器确认的进度（${answer.lastMutationId}）与本机发送的修改（${rows[0]!.id}–${lastSent}）对不上，已停止上传，本机修改都保留着`);
    }
    await withWriteTurn(ctx.sqlite, () => settle(ctx, rows, answer));
    const acknowledged = rows.filter((r) => r.id <= answer.lastMutationId).length;
    report.pushed += acknowledged;
    report.rejected += answer.rejected.length;
    onProgress(report.pushed, total);
    // The server took none of this batch: stop rather than send it again and again.
    if (acknowledged === 0) throw new SyncError('server', '中心服务器没有接收这批修改，稍后会再试');
  }
  return report;
}
