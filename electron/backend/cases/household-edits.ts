// Edits of a household and its members, made from one of its cases' pages: each with a reason, audited
// (the reason and which fields, never an ID number in the clear), and checked by the same rules as 受理 —
// a valid ID, one 户主, one household per person. Decisions already taken are not touched: they keep the
// figures they were taken on.
import { caseRecordArgs } from '../../../shared/case-record';
import { normaliseCitizenId } from '../../../shared/citizen-id';
import { areaTypeLabels } from '../../../shared/glossary';
import { checkMembers } from '../../../shared/intake';
import { maskCitizenId } from '../../../shared/masking';
import { AppError } from '../../../shared/result';
import { defineCommand, type CommandContext } from '../commands/command';
import { caseWriter, loadCase, refusedAt as at, type CaseOf } from './case-of';
import { refuseHeldElsewhere } from './intake';
import { loadCaseRecord } from './record-view';

async function memberOf(cx: CommandContext, c: CaseOf, memberId: string) {
  const m = await cx.trx.selectFrom('members').selectAll().where('id', '=', memberId).where('household_id', '=', c.household_id).executeTakeFirst();
  if (!m) throw new AppError('not-found', '这一户没有这位成员');
  return m;
}

async function assertOneHead(cx: CommandContext, c: CaseOf, exceptMemberId: string | null): Promise<void> {
  let q = cx.trx.selectFrom('members').select('name').where('household_id', '=', c.household_id).where('relation', '=', 'self');
  if (exceptMemberId) q = q.where('id', '<>', exceptMemberId);
  const head = await q.executeTakeFirst();
  if (head) throw at('relation', `这一户已有户主${head.name}，一户只能有一位户主；如需更换户主，请先修改原户主的关系`);
}

export const editHousehold = defineCommand({
  name: 'households.edit',
  label: '修改家庭信息',
  args: caseRecordArgs.editHousehold,
  load: loadCase,
  access: caseWriter('家庭信息'),
  async run(cx, args, c) {
    const h = await cx.trx.selectFrom('households').select(['id', 'area_type', 'address', 'phone']).where('id', '=', c.household_id).executeTakeFirstOrThrow();
    const set: { area_type?: 'urban' | 'rural'; address?: string; phone?: string } = {};
    const fields: string[] = [];
    if (args.areaType !== undefined && args.areaType !== h.area_type) { set.area_type = args.areaType; fields.push(`城乡类别（${areaTypeLabels[h.area_type]}→${areaTypeLabels[args.areaType]}）`); }
    if (args.address !== undefined && args.address !== h.address) { set.address = args.address; fields.push('家庭住址'); }
    if (args.phone !== undefined && args.phone !== h.phone) { set.phone = args.phone; fields.push('联系电话'); }
    if (fields.length === 0) throw new AppError('validation', '没有修改任何内容');
    await cx.expect('households', h.id);
    await cx.trx.updateTable('households').set({ ...set, updated_at: cx.at }).where('id', '=', h.id).execute();
    cx.audit({ action: 'household.edit', entity: 'households', entityId: h.id, details: { caseNo: c.case_no, fields, reason: args.reason } });
    return c.id;
  },
  reply: loadCaseRecord,
});

export const editMember = defineCommand({
  name: 'households.editMember',
  label: '修改家庭成员',
  args: caseRecordArgs.editMember,
  load: loadCase,
  access: caseWriter('家庭成员'),
  async run(cx, args, c) {
    const m = await memberOf(cx, c, args.memberId);
    const set: Partial<{ name: string; citizen_id: string; gender: 'male' | 'female'; birth_date: string; relation: typeof m.relation; occupation: string; health: string | null; disability: string | null }> = {};
    const fields: string[] = [];
    if (args.name !== undefined && args.name !== m.name) { set.name = args.name; fields.push('姓名'); }
    if (args.citizenId !== undefined) {
      const id = normaliseCitizenId(args.citizenId, cx.today);
      if (!id.ok) throw at('citizenId', `身份证号码有误：${id.message}`);
      if (id.id !== m.citizen_id) {
        await refuseHeldElsewhere(cx.trx, [{ citizenId: id.id }], c.household_id);
        Object.assign(set, { citizen_id: id.id, gender: id.gender, birth_date: id.birthDate });
        fields.push(`身份证号码（${maskCitizenId(m.citizen_id)}→${maskCitizenId(id.id)}）`);
      }
    }
    if (args.relation !== undefined && args.relation !== m.relation) {
      if (m.relation === 'self') throw at('relation', '户主的关系不能直接改掉：请先把另一位成员改为户主以外的关系，再办理户主变更');
      if (args.relation === 'self') await assertOneHead(cx, c, m.id);
      { set.relation = args.relation; fields.push('与户主关系'); }
    }
    if (args.occupation !== undefined && args.occupation !== m.occupation) { set.occupation = args.occupation; fields.push('职业'); }
    if (args.health !== undefined && args.health !== (m.health ?? '')) { set.health = args.health || null; fields.push('健康状况'); }
    if (args.disability !== undefined && args.disability !== (m.disability ?? '')) { set.disability = args.disability || null; fields.push('残疾情况'); }
    if (fields.length === 0) throw new AppError('validation', '没有修改任何内容');
    await cx.expect('members', m.id);
    await cx.trx.updateTable('members').set({ ...set, updated_at: cx.at }).where('id', '=', m.id).execute();
    cx.audit({ action: 'member.edit', entity: 'members', entityId: m.id, details: { caseNo: c.case_no, householdId: c.household_id, name: set.name ?? m.name, fields, reason: args.reason } });
    return c.id;
  },
  reply: loadCaseRecord,
});

export const addMember = defineCommand({
  name: 'households.addMember',
  label: '添加家庭成员',
  args: caseRecordArgs.addMember,
  load: loadCase,
  access: caseWriter('家庭成员'),
  async run(cx, args, c) {
    const checked = checkMembers([args.member], cx.today, { household: 'joining' });
    if (!checked.ok) throw new AppError('validation', checked.problems.map((p) => p.message).join('；'), { problems: checked.problems.map((p) => ({ field: p.field.replace(/^members\.0\./, 'member.'), message: p.message.replace('第 1 位成员', '新成员') })) });
    const m = checked.members[0]!;
    if (m.relation === 'self') await assertOneHead(cx, c, null);
    await refuseHeldElsewhere(cx.trx, [m], c.household_id);
    const id = cx.id('member');
    await cx.trx
      .insertInto('members')
      .values({ id, household_id: c.household_id, name: m.name, citizen_id: m.citizenId, gender: m.gender, birth_date: m.birthDate, relation: m.relation, occupation: m.occupation, health: m.health || null, disability: m.disability || null, updated_at: cx.at })
      .execute();
    cx.audit({ action: 'member.add', entity: 'members', entityId: id, details: { caseNo: c.case_no, householdId: c.household_id, name: m.name, reason: args.reason } });
    return c.id;
  },
  reply: loadCaseRecord,
});

export const removeMember = defineCommand({
  name: 'households.removeMember',
  label: '移出家庭成员',
  args: caseRecordArgs.removeMember,
  load: loadCase,
  access: caseWriter('家庭成员'),
  async run(cx, args, c) {
    const m = await memberOf(cx, c, args.memberId);
    if (m.relation === 'self') throw new AppError('validation', '户主不能移出：请先办理户主变更');
    const filed = await cx.trx.selectFrom('close_relative_filings').select('id').where('member_id', '=', m.id).executeTakeFirst();
    const counted = await cx.trx.selectFrom('investigations').select('id').where('single_person_member_id', '=', m.id).executeTakeFirst();
    if (filed || counted) throw new AppError('conflict', `${m.name}有近亲属备案或按单人户纳入的调查记录，不能移出；这些记录须保留`);
    await cx.expect('members', m.id);
    await cx.trx.deleteFrom('members').where('id', '=', m.id).execute();
    cx.audit({ action: 'member.remove', entity: 'members', entityId: m.id, details: { caseNo: c.case_no, householdId: c.household_id, name: m.name, reason: args.reason } });
    return c.id;
  },
  reply: loadCaseRecord,
});
