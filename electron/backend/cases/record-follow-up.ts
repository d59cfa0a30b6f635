// cases.recordFollowUp: the street visited a household some months after an approved 临时救助 (the
// calendar's 回访) and records what it found; the item leaves 到期. A follow-up that finds the household
// needs more is a new application or a 复核, taken in as such; this only records the visit.
import { chinaDateOf } from '../../../shared/dates';
import { followUpArgs } from '../../../shared/due';
import { AppError } from '../../../shared/result';
import { defineCommand } from '../commands/command';
import { caseWriter, loadCase, refusedAt as at } from './case-of';
import { loadCaseRecord } from './record-view';

export const recordFollowUp = defineCommand({
  name: 'cases.recordFollowUp',
  label: '登记临时救助回访',
  args: followUpArgs.record,
  load: loadCase,
  access: caseWriter('临时救助回访'),
  async run(cx, args, c) {
    if (c.kind !== 'temporary' || c.status !== 'approved') throw new AppError('conflict', `个案 ${c.case_no} 不是已批准的临时救助，不需要回访`);
    const row = await cx.trx.selectFrom('cases').select(['followed_up_on']).where('id', '=', c.id).executeTakeFirstOrThrow();
    if (row.followed_up_on !== null) throw new AppError('conflict', `个案 ${c.case_no} 已于${row.followed_up_on}登记回访，不能重复登记`);
    const decided = await cx.trx
      .selectFrom('decisions as d')
      .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
      .select('m.closed_at')
      .where('d.case_id', '=', c.id)
      .where('m.status', '=', 'closed')
      .orderBy('m.closed_at', 'desc')
      .executeTakeFirst();
    const decidedOn = decided?.closed_at ? chinaDateOf(decided.closed_at) : null;
    if (args.followedUpOn > cx.today) throw at('followedUpOn', `回访日期不能晚于今天（${cx.today}）`);
    if (decidedOn && args.followedUpOn < decidedOn) throw at('followedUpOn', `回访日期不能早于批准临时救助的日期（${decidedOn}）`);
    await cx.expect('cases', c.id);
    await cx.trx.updateTable('cases').set({ followed_up_on: args.followedUpOn, follow_up_note: args.followUpNote, updated_at: cx.at }).where('id', '=', c.id).execute();
    cx.audit({ action: 'case.followUp', entity: 'cases', entityId: c.id, details: { caseNo: c.case_no, followedUpOn: args.followedUpOn } });
    return c.id;
  },
  reply: loadCaseRecord,
});
