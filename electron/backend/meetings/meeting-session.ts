// 会中 (in session): attendance, 列席 observers, recusals and one decision per item. Every rule the
// session screen shows (quorum, eligible voters, votes adding up, passing, amount limits) is checked
// again here, so a script or a stale screen cannot record what the rules forbid.
import type { Transaction } from 'kysely';
import { meetingDayProblem, meetingDayWindowText } from '../../../shared/date-rules';
import { chinaDateOf, formatChineseDate } from '../../../shared/dates';
import { meetingArgs } from '../../../shared/meeting';
import { approvalAmountRule, approvalBlocker, checkVotes, itemVoters, passingVerdict, quorumStatus } from '../../../shared/meeting-rules';
import { formatYuan, parseYuan } from '../../../shared/money';
import { outcomeLabels } from '../../../shared/glossary';
import { AppError, missingCase } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { CaseKind, Outcome } from '../../../shared/domain';
import { defineCommand, type CommandContext } from '../commands/command';
import type { Database } from '../db/schema';
import { beginMeetingChange, loadItem, meetingOf, meetingReply, meetingWriter } from './meeting-load';

type Trx = Transaction<Database>;

async function attendanceOf(trx: Trx, meetingId: string) {
  return trx.selectFrom('meeting_attendance').select(['id', 'member_id', 'attendance', 'voting']).where('meeting_id', '=', meetingId).execute();
}

/** Voting roster and present voting member ids of a meeting, as the quorum and votes count them. */
async function votingState(trx: Trx, meetingId: string) {
  const rows = await attendanceOf(trx, meetingId);
  const voting = rows.filter((r) => r.member_id !== null && r.voting === 1);
  return {
    roster: voting.map((r) => r.member_id as string),
    present: voting.filter((r) => r.attendance === 'present').map((r) => r.member_id as string),
  };
}

export const setAttendance = defineCommand({
  name: 'meetings.setAttendance',
  label: '登记出席情况',
  args: meetingArgs.setAttendance,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx, at } = cx;
    const row = await trx.selectFrom('meeting_attendance').select(['id', 'member_id']).where('id', '=', args.attendanceId).where('meeting_id', '=', meeting.id).executeTakeFirst();
    if (!row) throw new AppError('not-found', '本次会议的名单中没有这个人');
    if (row.member_id === null) throw new AppError('validation', '列席人员不是领导小组成员，不能改为出席或请假；如需更正请删除后重新登记');
    if (args.attendance === 'leave' && args.reason === '') throw new AppError('validation', '请假须填写事由');
    const reason = args.attendance === 'leave' ? args.reason : '';
    await trx.updateTable('meeting_attendance').set({ attendance: args.attendance, reason, updated_at: at }).where('id', '=', row.id).execute();
    cx.audit({ action: 'attendance.set', entity: 'meeting_attendance', entityId: row.id, details: { meetingId: meeting.id, attendance: args.attendance } });
    return meeting.id;
  },
  reply: meetingReply,
});

export const markAllPresent = defineCommand({
  name: 'meetings.markAllPresent',
  label: '全部出席',
  args: meetingArgs.markAllPresent,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, _args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx, at } = cx;
    // Members already marked on leave stay on leave: their absence was reported, a click must not erase it.
    const changed = await trx
      .updateTable('meeting_attendance')
      .set({ attendance: 'present', reason: '', updated_at: at })
      .where('meeting_id', '=', meeting.id)
      .where('member_id', 'is not', null)
      .where('attendance', '=', 'absent')
      .returning('id')
      .execute();
    cx.audit({ action: 'attendance.all_present', entity: 'meeting', entityId: meeting.id, details: { marked: changed.length } });
    return meeting.id;
  },
  reply: meetingReply,
});

export const addObserver = defineCommand({
  name: 'meetings.addObserver',
  label: '登记列席人员',
  args: meetingArgs.addObserver,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx, at } = cx;
    const id = cx.id('observer');
    await trx
      .insertInto('meeting_attendance')
      .values({ id, meeting_id: meeting.id, member_id: null, name: args.name, title: args.title, attendance: 'observer', voting: 0, reason: '', updated_at: at })
      .execute();
    cx.audit({ action: 'attendance.observer_add', entity: 'meeting_attendance', entityId: id, details: { meetingId: meeting.id } });
    return meeting.id;
  },
  reply: meetingReply,
});

export const removeObserver = defineCommand({
  name: 'meetings.removeObserver',
  label: '删除列席人员',
  args: meetingArgs.removeObserver,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx } = cx;
    const row = await trx.selectFrom('meeting_attendance').select(['id', 'member_id']).where('id', '=', args.attendanceId).where('meeting_id', '=', meeting.id).executeTakeFirst();
    if (!row) throw new AppError('not-found', '本次会议的名单中没有这个人');
    if (row.member_id !== null) throw new AppError('validation', '领导小组成员不能从名单中删除，请标记为请假或缺席');
    await trx.deleteFrom('meeting_attendance').where('id', '=', row.id).execute();
    cx.audit({ action: 'attendance.observer_remove', entity: 'meeting_attendance', entityId: row.id, details: { meetingId: meeting.id } });
    return meeting.id;
  },
  reply: meetingReply,
});

export const openMeeting = defineCommand({
  name: 'meetings.open',
  label: '开始会议',
  args: meetingArgs.open,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft']);
    const { trx, at } = cx;
    const scheduledOn = chinaDateOf(meeting.scheduled_at);
    // The day it is opened is the day it was held: the header and the minutes both read opened_at.
    const heldOn = cx.today;
    const outside = meetingDayProblem(meeting.month, heldOn);
    if (outside) throw new AppError('validation', `今天（${formatChineseDate(heldOn)}）不能召开这次会议：${meetingDayWindowText(meeting.month)}`);
    if (!meeting.chair_member_id || !meeting.recorder_member_id) throw new AppError('validation', '请先确定主持人和记录人');
    const live = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meeting.id).where('removed', '=', 0).executeTakeFirst();
    if (!live) throw new AppError('validation', '议程为空，没有可以审议的事项');
    if (heldOn !== scheduledOn && !args.onAnotherDay) {
      throw new AppError('unconfirmed', `这次会议原定${formatChineseDate(scheduledOn)}召开，今天是${formatChineseDate(heldOn)}。确认今天召开吗？会议纪要将记载实际召开的日期`);
    }
    await trx.updateTable('meetings').set({ status: 'in_session', opened_at: at }).where('id', '=', meeting.id).execute();
    cx.audit({ action: 'meeting.open', entity: 'meeting', entityId: meeting.id, details: heldOn === scheduledOn ? {} : { scheduledOn, heldOn } });
    return meeting.id;
  },
  reply: meetingReply,
});

async function assertUndecided(trx: Trx, itemId: string): Promise<void> {
  const decided = await trx.selectFrom('decisions').select('id').where('agenda_item_id', '=', itemId).executeTakeFirst();
  if (decided) throw new AppError('conflict', '这个议题已经作出决定；如需更改回避情况，请先撤销决定再重新表决');
}

export const addRecusal = defineCommand({
  name: 'meetings.addRecusal',
  label: '登记回避',
  args: meetingArgs.addRecusal,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx, at } = cx;
    const item = await loadItem(trx, meeting.id, args.itemId);
    if (item.removed === 1) throw new AppError('conflict', '这个议题已经移出议程');
    await assertUndecided(trx, item.id);
    const member = await trx
      .selectFrom('meeting_attendance')
      .select(['member_id', 'voting'])
      .where('meeting_id', '=', meeting.id)
      .where('member_id', '=', args.memberId)
      .executeTakeFirst();
    if (!member || member.voting !== 1) throw new AppError('validation', '只有有表决权的领导小组成员需要登记回避');
    const exists = await trx.selectFrom('recusals').select('id').where('agenda_item_id', '=', item.id).where('member_id', '=', args.memberId).executeTakeFirst();
    if (exists) throw new AppError('conflict', '该成员在这个议题上已经登记回避');
    const id = cx.id('recusal');
    const leftRoom = args.leftRoom ? 1 : 0;
    await trx.insertInto('recusals').values({ id, agenda_item_id: item.id, member_id: args.memberId, reason: args.reason, left_room: leftRoom, updated_at: at }).execute();
    cx.audit({ action: 'recusal.add', entity: 'recusal', entityId: id, details: { meetingId: meeting.id, itemId: item.id, memberId: args.memberId, leftRoom: args.leftRoom } });
    return meeting.id;
  },
  reply: meetingReply,
});

export const removeRecusal = defineCommand({
  name: 'meetings.removeRecusal',
  label: '取消回避',
  args: meetingArgs.removeRecusal,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['draft', 'in_session']);
    const { trx } = cx;
    const row = await trx
      .selectFrom('recusals as r')
      .innerJoin('agenda_items as a', 'a.id', 'r.agenda_item_id')
      .select(['r.id', 'r.agenda_item_id'])
      .where('r.id', '=', args.recusalId)
      .where('a.meeting_id', '=', meeting.id)
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', '本次会议没有这条回避记录');
    await assertUndecided(trx, row.agenda_item_id);
    await trx.deleteFrom('recusals').where('id', '=', row.id).execute();
    cx.audit({ action: 'recusal.remove', entity: 'recusal', entityId: row.id, details: { meetingId: meeting.id, itemId: row.agenda_item_id } });
    return meeting.id;
  },
  reply: meetingReply,
});

/** The amount an approval records, in fen, or a refusal naming the limits in 元. */
export function approvalAmount(rule: 'required' | 'stop' | 'none', amountYuan: string | null, settings: Settings): number | null {
  switch (rule) {
    case 'stop':
      return 0;
    case 'none':
      if (amountYuan !== null && amountYuan.trim() !== '') throw new AppError('validation', '这个事项不涉及救助金额，请不要填写金额');
      return null;
    case 'required': {
      if (amountYuan === null || amountYuan.trim() === '') throw new AppError('validation', '同意时须填写金额（元）');
      const parsed = parseYuan(amountYuan);
      if (!parsed.ok) throw new AppError('validation', `金额“${amountYuan}”无效：${parsed.message}`);
      if (parsed.fen < settings.approvalMinFen || parsed.fen > settings.approvalMaxFen) {
        throw new AppError('validation', `金额 ${formatYuan(parsed.fen)} 元超出允许范围（${formatYuan(settings.approvalMinFen)}～${formatYuan(settings.approvalMaxFen)} 元）`);
      }
      return parsed.fen;
    }
    default:
      return missingCase(rule, 'amount rule');
  }
}

/** The phase-out an approval grants: only on a 渐退 case, and never longer than the standard allows. */
function phaseOutMonthsOf(kind: CaseKind, args: { outcome: Outcome; phaseOutMonths: number | null }, maxMonths: number): number | null {
  if (kind !== 'phase_out' || args.outcome !== 'approve') {
    if (args.phaseOutMonths !== null) throw new AppError('validation', '只有同意渐退时才填写渐退期', { problems: [{ field: 'phaseOutMonths', message: '只有同意渐退时才填写渐退期' }] });
    return null;
  }
  const months = args.phaseOutMonths ?? maxMonths;
  if (months > maxMonths) {
    const message = `渐退期不能超过 ${maxMonths} 个月（现行标准规定的最长渐退期）`;
    throw new AppError('validation', message, { problems: [{ field: 'phaseOutMonths', message }] });
  }
  return months;
}

/**
 * A decision this one corrects: of an earlier meeting of the same street that has closed, on the same
 * household, and not corrected already. The earlier decision itself is never changed (it is frozen with
 * its minutes); the link lives on the new one, and both meetings' records show it.
 */
async function supersededDecision(cx: CommandContext, decisionId: string, at: { meetingId: string; caseId: string; itemId: string }): Promise<string> {
  const refuse = (message: string) => new AppError('validation', message, { problems: [{ field: 'supersedesDecisionId', message }] });
  const earlier = await cx.trx
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select(['d.id', 'd.meeting_id', 'm.status', 'm.street_code', 'c.household_id'])
    .where('d.id', '=', decisionId)
    .executeTakeFirst();
  const here = await cx.trx.selectFrom('cases').select(['household_id', 'street_code']).where('id', '=', at.caseId).executeTakeFirstOrThrow();
  if (!earlier || earlier.street_code !== here.street_code) throw refuse('要更正的决定不存在，或不是本街道的决定');
  if (earlier.meeting_id === at.meetingId) throw refuse('本次会议的决定可以直接重新表决，不需要“更正”');
  if (earlier.status !== 'closed') throw refuse('只能更正已结束会议的决定：那次会议还没有结束');
  if (earlier.household_id !== here.household_id) throw refuse('要更正的决定不是这一户的');
  // Once only: by another meeting, or by another item of this one (a re-vote of the same item replaces it).
  const already = await cx.trx.selectFrom('decisions').select('id').where('supersedes_id', '=', decisionId).where((eb) => eb.or([eb('agenda_item_id', 'is', null), eb('agenda_item_id', '<>', at.itemId)])).executeTakeFirst();
  if (already) throw refuse('这项决定已被另一项决定更正过');
  await cx.expect('decisions', decisionId);
  return decisionId;
}

export const recordDecision = defineCommand({
  name: 'meetings.recordDecision',
  label: '记录决定',
  args: meetingArgs.recordDecision,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['in_session']);
    cx.notBefore(meeting.opened_at, '会议开始时间');
    const { trx, at } = cx;
    const settings = await cx.settings();
    const item = await loadItem(trx, meeting.id, args.itemId);
    if (item.removed === 1) throw new AppError('conflict', '这个议题已经移出议程，不能作出决定');
    const voting = await votingState(trx, meeting.id);
    const quorum = quorumStatus(settings.quorum, voting.roster.length, voting.present.length);
    if (!quorum.met) {
      throw new AppError('validation', `出席会议的表决成员 ${quorum.presentVoting} 人，未达到法定人数 ${quorum.required} 人，不能作出决定`);
    }
    const recused = await trx.selectFrom('recusals').select('member_id').where('agenda_item_id', '=', item.id).execute();
    const voters = itemVoters(voting.present, voting.roster, recused.map((r) => r.member_id));
    const votes = { votesFor: args.votesFor, votesAgainst: args.votesAgainst, votesAbstain: args.votesAbstain };
    const problem = checkVotes(votes, voters);
    if (problem) throw new AppError('validation', problem.message, { rule: problem.code });
    const verdict = passingVerdict(settings.passing, votes, voters);
    if (!verdict.passed) {
      throw new AppError('validation', `“${outcomeLabels[args.outcome]}”未获通过：同意 ${votes.votesFor} 票，需要至少 ${verdict.required} 票（${verdict.basis} 人的${settings.passing.kind === 'two_thirds' ? '三分之二' : '过半数'}）。请重新表决或改为其他决定`);
    }
    if (args.outcome !== 'approve' && args.reason === '') throw new AppError('validation', `${outcomeLabels[args.outcome]}须写明理由`);
    const c = await trx.selectFrom('cases').select(['id', 'kind', 'proposed_amount_fen', 'version', 'close_relative']).where('id', '=', item.case_id).executeTakeFirstOrThrow();
    if (args.outcome === 'approve') {
      const visit = await trx.selectFrom('investigations').select('visited_on').where('case_id', '=', c.id).executeTakeFirst();
      const blocker = approvalBlocker({ closeRelative: c.close_relative === 1, homeVisitOn: visit?.visited_on ?? null });
      if (blocker) throw new AppError('validation', blocker);
    }
    const amountFen = args.outcome === 'approve' ? approvalAmount(approvalAmountRule({ kind: c.kind, proposedAmountFen: c.proposed_amount_fen }), args.amountYuan, settings) : null;
    if (args.outcome !== 'approve' && args.amountYuan !== null && args.amountYuan.trim() !== '') {
      throw new AppError('validation', `${outcomeLabels[args.outcome]}时不填写金额`);
    }
    // Until the meeting closes, a decision may be taken again (the chair calls a new vote); the earlier
    // one is replaced, and the audit log keeps both.
    // The amount comes from the shared rules and this database's limits; the centre derives it again.
    cx.claim('amountFen', amountFen, '决定金额与中心数据库按规则核定的金额不一致，中心数据库拒绝接收');
    await cx.expect('cases', c.id);
    const phaseOutMonths = phaseOutMonthsOf(c.kind, args, settings.phaseOutMaxMonths);
    const supersedes = args.supersedesDecisionId ? await supersededDecision(cx, args.supersedesDecisionId, { meetingId: meeting.id, caseId: c.id, itemId: item.id }) : null;
    const previous = await trx.selectFrom('decisions').select('id').where('agenda_item_id', '=', item.id).executeTakeFirst();
    if (previous) await trx.deleteFrom('decisions').where('id', '=', previous.id).execute();
    const id = cx.id('decision');
    const decision = {
      id,
      meeting_id: meeting.id,
      agenda_item_id: item.id,
      case_id: c.id,
      outcome: args.outcome,
      reason: args.reason,
      amount_fen: amountFen,
      votes_for: votes.votesFor,
      votes_against: votes.votesAgainst,
      votes_abstain: votes.votesAbstain,
      decided_at: at,
      supersedes_id: supersedes,
      phase_out_months: phaseOutMonths,
      updated_at: at,
    };
    await trx.insertInto('decisions').values(decision).execute();
    await trx.updateTable('agenda_items').set({ notes: args.notes, updated_at: at }).where('id', '=', item.id).execute();
    cx.audit({
      action: 'decision.record',
      entity: 'decision',
      entityId: id,
      details: { meetingId: meeting.id, itemId: item.id, caseId: c.id, outcome: args.outcome, amountFen, ...votes, replaces: previous?.id ?? null, phaseOutMonths, supersedes },
    });
    return meeting.id;
  },
  reply: meetingReply,
});

export const clearDecision = defineCommand({
  name: 'meetings.clearDecision',
  label: '撤销未结束会议的决定',
  args: meetingArgs.clearDecision,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, args, meeting) {
    await beginMeetingChange(cx, meeting, ['in_session']);
    const { trx } = cx;
    const item = await loadItem(trx, meeting.id, args.itemId);
    const d = await trx.selectFrom('decisions').select('id').where('agenda_item_id', '=', item.id).executeTakeFirst();
    if (!d) throw new AppError('conflict', '这个议题还没有作出决定');
    await trx.deleteFrom('decisions').where('id', '=', d.id).execute();
    cx.audit({ action: 'decision.clear', entity: 'decision', entityId: d.id, details: { meetingId: meeting.id, itemId: item.id } });
    return meeting.id;
  },
  reply: meetingReply,
});
