// The minutes file a closed meeting left in the export folder, as this copy has it. The 纪要 tab shows
// this file rather than rendering a new one: a second rendering on another machine may differ from the
// one whose hash was stored at closing (other fonts), and only the stored one is the record.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canRead } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import type { StoredMinutes } from '../../../shared/meeting';
import { AppError } from '../../../shared/result';
import type { BackendContext } from '../context';
import { assertAllowed } from '../session/access';
import { minutesFileName } from './meeting-close';

export async function storedMinutes(ctx: BackendContext, user: SessionUser, meetingId: string): Promise<StoredMinutes> {
  const row = await ctx.db.selectFrom('meetings').select(['id', 'street_code', 'month', 'issue_no', 'status', 'minutes_sha256']).where('id', '=', meetingId).executeTakeFirst();
  if (!row) throw new AppError('not-found', '没有这次会议');
  assertAllowed(canRead(user, row.street_code, '这次会议'));
  if (row.status !== 'closed') throw new AppError('conflict', '会议结束后才有纪要');
  const meeting = { id: row.id, streetCode: row.street_code, month: row.month, issueNo: row.issue_no };
  // The name depends on whether the month had another meeting when it closed; a later second meeting
  // changes what minutesFileName answers now, so the name without the issue number is tried as well.
  const names = [...new Set([await minutesFileName(ctx.db, meeting), `minutes-${row.street_code}-${row.month}.pdf`])];
  const found = names.map((fileName) => ({ fileName, path: join(ctx.paths.exportDir, fileName) })).filter((f) => existsSync(f.path));
  const hashed = found.map((f) => ({ ...f, sha256: createHash('sha256').update(readFileSync(f.path)).digest('hex') }));
  const best = hashed.find((f) => f.sha256 === row.minutes_sha256) ?? hashed[0];
  if (!best) return { fileName: names[0]!, path: join(ctx.paths.exportDir, names[0]!), sha256: null, storedSha256: row.minutes_sha256, state: 'missing' };
  const state = row.minutes_sha256 === null ? 'unrecorded' : best.sha256 === row.minutes_sha256 ? 'matches' : 'differs';
  return { ...best, storedSha256: row.minutes_sha256, state };
}
