// What every command on a meeting starts from: the meeting (not-found first), who may change it (the
// street's own staff and leading group), which states allow the change, and the meeting as it now is
// (a meeting changed meanwhile by another device is a conflict at the centre).
import { chinaDateOf } from '../../../shared/dates';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { canWriteStreet, type Actor } from '../../../shared/access';
import type { MeetingStatus, SessionUser } from '../../../shared/domain';
import { meetingStatusLabels } from '../../../shared/glossary';
import type { MeetingDetail } from '../../../shared/meeting';
import { AppError } from '../../../shared/result';
import type { CommandContext } from '../commands/command';
import type { Database, MeetingsTable } from '../db/schema';
import { settingsOfMeeting } from '../settings/settings';
import { meetingDetail } from './meeting-view';

export type MeetingRow = Selectable<MeetingsTable>;

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

/** A command's load step: the meeting its arguments name. */
export const meetingOf = (cx: CommandContext, args: { meetingId: string }) => loadMeeting(cx.trx, args.meetingId);

/** A command's access rule: street staff and leading-group members of the meeting's own street office. */
export const meetingWriter = (user: Actor, meeting: Pick<MeetingRow, 'street_code'>) => canWriteStreet(user, meeting.street_code, '会议');

/**
 * Begins a change to the meeting: refused unless it is in one of `allowed`, resting on the meeting as it
 * is now, and stamped, so the stamp travels with the change.
 */
export async function beginMeetingChange(cx: CommandContext, meeting: MeetingRow, allowed: readonly MeetingStatus[]): Promise<void> {
  if (!allowed.includes(meeting.status)) throw new AppError('conflict', statusRefusal(meeting.status, allowed));
  await cx.expect('meetings', meeting.id);
  await cx.trx.updateTable('meetings').set({ updated_at: cx.at }).where('id', '=', meeting.id).execute();
}

/** A meeting command's answer to the desk: the meeting as it now is. */
export async function meetingReply(db: Kysely<Database>, _user: SessionUser, meetingId: string): Promise<MeetingDetail> {
  return meetingDetail(db, meetingId, await settingsOfMeeting(db, meetingId, chinaDateOf(new Date().toISOString())));
}

/** Reads an agenda item of this meeting, refusing ids from elsewhere. */
export async function loadItem(trx: Transaction<Database>, meetingId: string, itemId: string) {
  const item = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!item) throw new AppError('not-found', '本次会议没有这个议题');
  return item;
}
