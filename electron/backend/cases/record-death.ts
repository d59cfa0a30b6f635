// households.recordDeath: a member's death, recorded on the household from one of its case pages. The
// member stays on file (the decisions taken on the household's size keep their figures); the calendar
// raises the household's re-check within settings.deathRecheckMonths (2022通知) from the day of death.
// The household's only living member may die too: the re-check then ends the assistance by 停保.
import { deathArgs } from '../../../shared/due';
import { AppError } from '../../../shared/result';
import { defineCommand } from '../commands/command';
import { caseWriter, loadCase, refusedAt as at } from './case-of';
import { loadCaseRecord } from './record-view';

export const recordDeath = defineCommand({
  name: 'households.recordDeath',
  label: '登记成员死亡',
  args: deathArgs.record,
  load: loadCase,
  access: caseWriter('家庭成员'),
  async run(cx, args, c) {
    const m = await cx.trx.selectFrom('members').select(['id', 'name', 'birth_date', 'died_on']).where('id', '=', args.memberId).where('household_id', '=', c.household_id).executeTakeFirst();
    if (!m) throw new AppError('not-found', '这一户没有这位成员');
    if (m.died_on !== null) throw new AppError('conflict', `${m.name}的死亡已于此前登记（${m.died_on}），不能重复登记`);
    if (args.diedOn > cx.today) throw at('diedOn', `死亡日期不能晚于今天（${cx.today}）`);
    if (args.diedOn < m.birth_date) throw at('diedOn', `死亡日期不能早于出生日期（${m.birth_date}）`);
    await cx.expect('members', m.id);
    await cx.trx.updateTable('members').set({ died_on: args.diedOn, updated_at: cx.at }).where('id', '=', m.id).execute();
    cx.audit({ action: 'member.death', entity: 'members', entityId: m.id, details: { caseNo: c.case_no, householdId: c.household_id, name: m.name, diedOn: args.diedOn, reason: args.reason } });
    return c.id;
  },
  reply: loadCaseRecord,
});
