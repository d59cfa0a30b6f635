// 准备 (draft): the meeting's header, its roster and its agenda. The agenda starts as every case of the
// street waiting for a decision, investigated (or prepaid), that is not already on another open meeting (a case sits on one open
// meeting only); staff add or remove items by hand, removal with a reason.
import type { Transaction } from 'kysely';
import { canRead, canWriteStreet } from '../../../shared/access';
import { meetingDayProblem } from '../../../shared/date-rules';
import { chinaDateOf, formatChineseDate, formatChineseMonth, instantOfChinaTime } from '../../../shared/dates';
import type { SessionUser } from '../../../shared/domain';
import { meetingArgs, type CandidateCase, type RosterMemberView } from '../../../shared/meeting';
import { agendaCaseStatuses, readyForAgenda } from '../../../shared/meeting-rules';
import { AppError } from '../../../shared/result';
import { defineCommand, nothing, type CommandContext } from '../commands/command';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { assertAllowed } from '../session/access';
import { agendaSort } from './agenda-order';
import { beginMeetingChange, loadItem, meetingOf, meetingReply, meetingWriter } from './meeting-load';

type Trx = Transaction<Database>;

export async function streetRoster(db: BackendContext['db'] | Trx, streetCode: string): Promise<RosterMemberView[]> {
  const rows = await db
    .selectFrom('committee_members')
    .select(['id', 'name', 'title', 'position', 'voting'])
    .where('street_code', '=', streetCode)
    .where('active', '=', 1)
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, title: r.title, position: r.position, voting: r.voting === 1 }));
}

/** The open meeting (draft or in session) a case is on, if any, other than `exceptMeetingId`. */
async function openMeetingOf(trx: Trx, caseId: string, exceptMeetingId: string | null) {
  let q = trx
    .selectFrom('agenda_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.id', 'm.month', 'm.issue_no'])
    .where('a.case_id', '=', caseId)
    .where('a.removed', '=', 0)
    .where('m.status', '<>', 'closed');
  if (exceptMeetingId) q = q.where('m.id', '<>', exceptMeetingId);
  return q.executeTakeFirst();
}

async function agendaCandidates(trx: Trx | BackendContext['db'], streetCode: string) {
  return trx
    .selectFrom('cases as c')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .select(['c.id', 'c.case_no', 'c.community_code', 'cm.name as community_name', 'head.name as head_name', 'c.kind', 'c.category', 'c.status', 'c.applied_on', 'c.close_relative', 'c.complaint'])
    .where('c.street_code', '=', streetCode)
    .where('c.status', 'in', agendaCaseStatuses)
    // readyForAgenda: investigated, or a prepayment the meeting reviews after the fact.
    .where((eb) => eb.or([eb('c.prepaid_amount_fen', 'is not', null), eb('c.opened_for', 'is not', null), eb.exists(eb.selectFrom('investigations as inv').select('inv.id').whereRef('inv.case_id', '=', 'c.id'))]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('agenda_items as a')
            .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
            .select('a.id')
            .whereRef('a.case_id', '=', 'c.id')
            .where('a.removed', '=', 0)
            .where('m.status', '<>', 'closed'),
        ),
      ),
    )
    .execute();
}

/** Cases that could still be added to the meeting by hand. */
export async function meetingCandidates(ctx: BackendContext, user: SessionUser, meetingId: string): Promise<CandidateCase[]> {
  const meeting = await ctx.db.selectFrom('meetings').select(['street_code']).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new AppError('not-found', '没有找到这次会议');
  assertAllowed(canRead(user, meeting.street_code, '这次会议'));
  const rows = agendaSort(await agendaCandidates(ctx.db, meeting.street_code));
  return rows.map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    communityName: r.community_name,
    headName: r.head_name,
    kind: r.kind,
    category: r.category,
    status: r.status,
    appliedOn: r.applied_on,
    closeRelative: r.close_relative === 1,
    complaint: r.complaint === 1,
  }));
}

async function assertRosterMember(trx: Trx, streetCode: string, memberId: string, what: string): Promise<void> {
  const m = await trx.selectFrom('committee_members').select('id').where('id', '=', memberId).where('street_code', '=', streetCode).where('active', '=', 1).executeTakeFirst();
  if (!m) throw new AppError('validation', `${what}必须是本街道联审联批领导小组的成员`);
}

/** A month's meeting is scheduled within its month or a few days of it (a slip of the year or month is refused). */
function assertScheduledDay(month: string, localDateTime: string): void {
  const problem = meetingDayProblem(month, localDateTime.slice(0, 10));
  if (problem) throw new AppError('validation', problem);
}

/** Renumbers `seq` in agenda order so the stored order always matches what the screen and minutes show. */
async function renumber(trx: Trx, meetingId: string): Promise<void> {
  const rows = await trx
    .selectFrom('agenda_items as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.seq', 'c.community_code', 'c.kind', 'c.applied_on', 'c.case_no'])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  const sorted = agendaSort(rows);
  for (const [i, r] of sorted.entries()) {
    if (r.seq !== i + 1) await trx.updateTable('agenda_items').set({ seq: i + 1 }).where('id', '=', r.id).execute();
  }
}

export const createMeeting = defineCommand({
  name: 'meetings.create',
  label: '新建会议',
  args: meetingArgs.create,
  load: nothing,
  access: (user) => canWriteStreet(user, user.regionCode, '会议'),
  async run({ trx, user, at, id, expect, audit }, args) {
    const streetCode = user.regionCode;
    await assertRosterMember(trx, streetCode, args.chairMemberId, '主持人');
    await assertRosterMember(trx, streetCode, args.recorderMemberId, '记录人');
    const open = await trx.selectFrom('meetings').select(['month', 'issue_no']).where('street_code', '=', streetCode).where('status', '<>', 'closed').executeTakeFirst();
    if (open) throw new AppError('conflict', `${formatChineseMonth(open.month)}第${open.issue_no}期会议尚未结束，请先结束该会议再准备新的会议`);
    assertScheduledDay(args.month, args.scheduledAt);
    if (!args.alsoThisMonth) {
      const held = await trx.selectFrom('meetings').select(['issue_no', 'scheduled_at', 'opened_at']).where('street_code', '=', streetCode).where('month', '=', args.month).orderBy('issue_no').execute();
      if (held.length > 0) {
        const list = held.map((h) => `第${h.issue_no}期（${formatChineseDate(chinaDateOf(h.opened_at ?? h.scheduled_at))}）`).join('、');
        throw new AppError('unconfirmed', `本街道${formatChineseMonth(args.month)}已经有会议：${list}。每月至少召开一次，不必再开；确需再开一次，请确认后再新建`);
      }
    }
    const year = args.month.slice(0, 4);
    const last = await trx
      .selectFrom('meetings')
      .select((eb) => eb.fn.max('issue_no').as('n'))
      .where('street_code', '=', streetCode)
      .where('month', 'like', `${year}-%`)
      .executeTakeFirst();
    const issueNo = Number(last?.n ?? 0) + 1;
    const meetingId = id('meeting');
    const scheduledAt = instantOfChinaTime(args.scheduledAt);
    await trx
      .insertInto('meetings')
      .values({
        id: meetingId,
        street_code: streetCode,
        month: args.month,
        issue_no: issueNo,
        venue: args.venue,
        scheduled_at: scheduledAt,
        chair_member_id: args.chairMemberId,
        recorder_member_id: args.recorderMemberId,
        status: 'draft',
        opened_at: null,
        closed_at: null,
        minutes_sha256: null,
        updated_at: at,
      })
      .execute();
    // Attendance starts unmarked (缺席) so the quorum reflects only people actually checked in.
    for (const m of await streetRoster(trx, streetCode)) {
      await trx
        .insertInto('meeting_attendance')
        .values({ id: id('attendance', m.id), meeting_id: meetingId, member_id: m.id, name: m.name, title: m.title, attendance: 'absent', voting: m.voting ? 1 : 0, reason: '', updated_at: at })
        .execute();
    }
    // The agenda rests on each case as this copy holds it: one decided or changed elsewhere meanwhile
    // makes the whole meeting a conflict at the centre, rather than a meeting over other cases.
    const cases = agendaSort(await agendaCandidates(trx, streetCode));
    for (const [i, c] of cases.entries()) {
      await expect('cases', c.id);
      await trx
        .insertInto('agenda_items')
        .values({ id: id('agenda', c.id), meeting_id: meetingId, case_id: c.id, seq: i + 1, source: 'auto', removed: 0, removed_reason: '', notes: '', updated_at: at })
        .execute();
    }
    audit({ action: 'meeting.create', entity: 'meeting', entityId: meetingId, details: { streetCode, month: args.month, issueNo, items: cases.length } });
    return meetingId;
  },
  reply: meetingReply,
});

export const updateMeeting = defineCommand({
  name: 'meetings.update',
  label: '修改会议信息',
  args: meetingArgs.update,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft']);
    await assertRosterMember(cx.trx, meeting.street_code, args.chairMemberId, '主持人');
    await assertRosterMember(cx.trx, meeting.street_code, args.recorderMemberId, '记录人');
    assertScheduledDay(meeting.month, args.scheduledAt);
    const scheduledAt = instantOfChinaTime(args.scheduledAt);
    await cx.trx
      .updateTable('meetings')
      .set({ venue: args.venue, scheduled_at: scheduledAt, chair_member_id: args.chairMemberId, recorder_member_id: args.recorderMemberId })
      .where('id', '=', meeting.id)
      .execute();
    cx.audit({ action: 'meeting.update', entity: 'meeting', entityId: meeting.id, details: { scheduledAt } });
    return meeting.id;
  },
  reply: meetingReply,
});

/** A case put on a meeting's agenda by hand (列入议程, or a 复核/停保 opened in one step), numbered in agenda order. */
export async function appendAgendaItem(cx: CommandContext, meetingId: string, caseId: string): Promise<string> {
  const itemId = cx.id('agenda', caseId);
  await cx.trx
    .insertInto('agenda_items')
    .values({ id: itemId, meeting_id: meetingId, case_id: caseId, seq: 1, source: 'manual', removed: 0, removed_reason: '', notes: '', updated_at: cx.at })
    .execute();
  await renumber(cx.trx, meetingId);
  return itemId;
}

export const addAgendaItem = defineCommand({
  name: 'meetings.addItem',
  label: '列入议程',
  args: meetingArgs.addItem,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx, at } = cx;
    const c = await trx.selectFrom('cases').select(['id', 'street_code', 'status', 'case_no', 'prepaid_amount_fen', 'opened_for']).where('id', '=', args.caseId).executeTakeFirst();
    if (!c) throw new AppError('not-found', '没有找到这个个案');
    if (c.street_code !== meeting.street_code) throw new AppError('validation', `个案 ${c.case_no} 不属于本街道`);
    if (!agendaCaseStatuses.includes(c.status)) throw new AppError('validation', `个案 ${c.case_no} 不在待审议状态，不能列入议程`);
    const investigated = await trx.selectFrom('investigations').select('id').where('case_id', '=', c.id).executeTakeFirst();
    if (!readyForAgenda({ investigated: investigated !== undefined, prepaid: c.prepaid_amount_fen !== null, openedFor: c.opened_for })) {
      throw new AppError('validation', `个案 ${c.case_no} 尚未完成家庭经济状况调查，不能列入议程`);
    }
    await cx.expect('cases', c.id);
    const other = await openMeetingOf(trx, c.id, meeting.id);
    if (other) throw new AppError('conflict', `个案 ${c.case_no} 已列入${formatChineseMonth(other.month)}第${other.issue_no}期会议的议程，同一个案只能在一个未结束的会议上审议`);
    const existing = await trx.selectFrom('agenda_items').select(['id', 'removed']).where('meeting_id', '=', meeting.id).where('case_id', '=', c.id).executeTakeFirst();
    let itemId: string;
    if (existing) {
      if (existing.removed === 0) throw new AppError('conflict', `个案 ${c.case_no} 已在本次会议的议程上`);
      itemId = existing.id;
      await trx.updateTable('agenda_items').set({ removed: 0, removed_reason: '', source: 'manual', updated_at: at }).where('id', '=', itemId).execute();
      await renumber(trx, meeting.id);
    } else {
      itemId = await appendAgendaItem(cx, meeting.id, c.id);
    }
    cx.audit({ action: 'agenda.add', entity: 'agenda_item', entityId: itemId, details: { meetingId: meeting.id, caseId: c.id } });
    return meeting.id;
  },
  reply: meetingReply,
});

export const removeAgendaItem = defineCommand({
  name: 'meetings.removeItem',
  label: '移出议程',
  args: meetingArgs.removeItem,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx, at } = cx;
    const item = await loadItem(trx, meeting.id, args.itemId);
    if (item.removed === 1) throw new AppError('conflict', '这个议题已经移出议程');
    const decided = await trx.selectFrom('decisions').select('id').where('agenda_item_id', '=', item.id).executeTakeFirst();
    if (decided) throw new AppError('conflict', '这个议题已经作出决定，不能移出议程；如需重议，请先撤销决定');
    await trx.deleteFrom('recusals').where('agenda_item_id', '=', item.id).execute();
    await trx.updateTable('agenda_items').set({ removed: 1, removed_reason: args.reason, updated_at: at }).where('id', '=', item.id).execute();
    cx.audit({ action: 'agenda.remove', entity: 'agenda_item', entityId: item.id, details: { meetingId: meeting.id, caseId: item.case_id } });
    return meeting.id;
  },
  reply: meetingReply,
});
