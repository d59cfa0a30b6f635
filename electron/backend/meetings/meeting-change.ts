// Every change to a meeting goes through here: one transaction that checks who may change it and in
// which state, makes the change, writes its outbox row and audit entries, and reads the result back.
// A refused change throws before anything is written, so nothing is ever half-recorded.
import type { Selectable, Transaction } from 'kysely';
import type { MeetingStatus, SessionUser } from '../../../shared/domain';
import type { MeetingDetail } from '../../../shared/meeting';
import { meetingStatusLabels, type MutationName } from '../../../shared/glossary';
import { AppError } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import { appendAudit, type AuditEntry } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { Database, MeetingsTable } from '../db/schema';
import { assertStreetWriter } from '../session/access';
import { currentUser } from '../session/session';
import { getSettings } from '../settings/settings';
import { mutate, recordMutation } from '../sync/outbox';
import { meetingDetail } from './meeting-view';

export type MeetingRow = Selectable<MeetingsTable>;

export type ChangeScope = {
  trx: Transaction<Database>;
  user: SessionUser;
  meeting: MeetingRow;
  settings: Settings;
  at: string;
};

/** What a change reports back: the outbox mutation (replayed by the central server) and audit entries. */
export type ChangeRecord = { args: Record<string, unknown>; audit: Omit<AuditEntry, 'actorId'>[] };

/** Street staff and leading-group members of the meeting's own street office prepare and hold it. */
export function assertMeetingWriter(user: SessionUser, streetCode: string): void {
  assertStreetWriter(user, streetCode, '会议');
}

export function statusRefusal(status: MeetingStatus, allowed: readonly MeetingStatus[]): string {
  if (status === 'closed') return '会议已结束，会议记录和决定不能再修改；如需更正，请在以后的会议上作出新的决定';
  const wanted = allowed.map((s) => `“${meetingStatusLabels[s]}”`).join('或');
  return `会议当前为“${meetingStatusLabels[status]}”，此操作只能在${wanted}阶段进行`;
}

export async function loadMeeting(trx: Transaction<Database>, meetingId: string): Promise<MeetingRow> {
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new AppError('not-found', '没有找到这次会议');
  return meeting;
}

export async function changeMeeting(
  ctx: BackendContext,
  meetingId: string,
  mutation: MutationName,
  allowed: readonly MeetingStatus[],
  change: (scope: ChangeScope) => Promise<ChangeRecord>,
): Promise<MeetingDetail> {
  return mutate(ctx.db, async (trx) => {
    const user = await currentUser(trx);
    const meeting = await loadMeeting(trx, meetingId);
    assertMeetingWriter(user, meeting.street_code);
    if (!allowed.includes(meeting.status)) throw new AppError('conflict', statusRefusal(meeting.status, allowed));
    const settings = await getSettings(trx);
    const at = ctx.clock.now();
    const record = await change({ trx, user, meeting, settings, at });
    await finishChange(trx, user, meetingId, mutation, record, at);
    return meetingDetail(trx, meetingId, settings);
  });
}

/** Stamps the meeting, queues the mutation for sync and appends the audit entries, all in `trx`. */
export async function finishChange(trx: Transaction<Database>, user: SessionUser, meetingId: string, mutation: MutationName, record: ChangeRecord, at: string): Promise<void> {
  await trx.updateTable('meetings').set({ updated_at: at }).where('id', '=', meetingId).execute();
  await recordMutation(trx, mutation, { meetingId, ...record.args }, at);
  for (const entry of record.audit) await appendAudit(trx, { actorId: user.id, ...entry }, at);
}

/** Reads an agenda item of this meeting, refusing ids from elsewhere. */
export async function loadItem(trx: Transaction<Database>, meetingId: string, itemId: string) {
  const item = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!item) throw new AppError('not-found', '本次会议没有这个议题');
  return item;
}
