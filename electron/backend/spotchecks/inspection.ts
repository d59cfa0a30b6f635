// Inspecting the sample: every sampled case goes to a pair of inspectors, who record how they checked it
// (入户 / 信息核对 / 电话), when, and what they found; a problem leads to a correction ordered to the
// street office with a deadline, closed with its result. Each is a command, on a draw still locked.
import type { Transaction } from 'kysely';
import { canOrganiseSpotCheck, canRecordFinding } from '../../../shared/access';
import { correctionDeadlineProblem, deadlineChangeProblem } from '../../../shared/date-rules';
import { chinaDateOf } from '../../../shared/dates';
import { AppError } from '../../../shared/result';
import { spotCheckArgs } from '../../../shared/spotcheck';
import { defineCommand, type CommandContext } from '../commands/command';
import type { Database } from '../db/schema';
import { districtInspectors, drawOf, drawReply } from './draw-view';

/** Inspection goes on only on the latest draw of a period: a superseded one is kept as it was. */
function assertLocked(draw: { status: string }): void {
  if (draw.status !== 'locked') throw new AppError('conflict', '这次抽样已被重新抽取，请在新的样本上继续核查');
}

export const assignInspectors = defineCommand({
  name: 'spotchecks.assign',
  label: '分配核查人员',
  args: spotCheckArgs.assign,
  load: drawOf,
  access: (user, draw) => canOrganiseSpotCheck(user, '分配抽查人员', draw.district_code),
  async run(cx, args, draw) {
    assertLocked(draw);
    const { trx, user, at } = cx;
    const staff = new Set((await districtInspectors(trx, user.regionCode)).map((u) => u.id));
    for (const id of [args.inspectorAId, args.inspectorBId]) if (!staff.has(id)) throw new AppError('validation', '抽查人员须是本区民政局在岗的工作人员');
    const items = await trx.selectFrom('spot_check_items').select('id').where('draw_id', '=', draw.id).where('id', 'in', args.itemIds).execute();
    if (items.length !== new Set(args.itemIds).size) throw new AppError('not-found', '有的个案不在这次抽样的样本中');
    for (const i of items) await cx.expect('spot_check_items', i.id);
    await trx.updateTable('spot_check_items').set({ inspector_a_id: args.inspectorAId, inspector_b_id: args.inspectorBId, updated_at: at }).where('id', 'in', args.itemIds).execute();
    cx.audit({ action: 'spotcheck.assign', entity: 'spot_check_draw', entityId: draw.id, details: { items: args.itemIds.length, inspectorAId: args.inspectorAId, inspectorBId: args.inspectorBId } });
    return draw.id;
  },
  reply: drawReply,
});

/**
 * Pairs the district's inspectors in username order and gives each street's unassigned cases to one
 * pair, streets in turn, so that a pair visits one street office's communities.
 */
export const autoAssign = defineCommand({
  name: 'spotchecks.autoAssign',
  label: '自动分配核查人员',
  args: spotCheckArgs.autoAssign,
  load: drawOf,
  access: (user, draw) => canOrganiseSpotCheck(user, '分配抽查人员', draw.district_code),
  async run(cx, _args, draw) {
    assertLocked(draw);
    const { trx, user, at } = cx;
    const staff = await districtInspectors(trx, user.regionCode);
    const inspectors = staff.filter((u) => u.role === 'bureau_inspector').map((u) => u.id);
    // With an odd number of inspectors the section chief makes up the last pair.
    if (inspectors.length % 2 === 1) inspectors.push(staff.find((u) => u.role === 'bureau_chief' && !inspectors.includes(u.id))?.id ?? '');
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < inspectors.length; i += 2) if (inspectors[i] && inspectors[i + 1]) pairs.push([inspectors[i]!, inspectors[i + 1]!]);
    if (pairs.length === 0) throw new AppError('conflict', '本区至少要有两名在岗的抽查人员才能分组');
    const open = await trx.selectFrom('spot_check_items').select(['id', 'street_code']).where('draw_id', '=', draw.id).where('inspector_a_id', 'is', null).orderBy('street_code').execute();
    const streets = [...new Set(open.map((i) => i.street_code))];
    for (const [k, street] of streets.entries()) {
      const [a, b] = pairs[k % pairs.length]!;
      await trx
        .updateTable('spot_check_items')
        .set({ inspector_a_id: a, inspector_b_id: b, updated_at: at })
        .where('draw_id', '=', draw.id)
        .where('street_code', '=', street)
        .where('inspector_a_id', 'is', null)
        .execute();
    }
    cx.audit({ action: 'spotcheck.assign', entity: 'spot_check_draw', entityId: draw.id, details: { items: open.length, pairs: pairs.length, automatic: true } });
    return draw.id;
  },
  reply: drawReply,
});

async function itemOf(cx: CommandContext, args: { itemId: string }) {
  const item = await cx.trx.selectFrom('spot_check_items').selectAll().where('id', '=', args.itemId).executeTakeFirst();
  if (!item) throw new AppError('not-found', '样本中没有这件个案');
  return { item, draw: await drawOf(cx, { drawId: item.draw_id }) };
}

export const recordFinding = defineCommand({
  name: 'spotchecks.recordFinding',
  label: '记录核查结论',
  args: spotCheckArgs.recordFinding,
  load: itemOf,
  access: (user, { item, draw }) => canRecordFinding(user, { districtCode: draw.district_code, inspectorAId: item.inspector_a_id, inspectorBId: item.inspector_b_id }),
  async run(cx, args, { item, draw }) {
    assertLocked(draw);
    if (!item.inspector_a_id || !item.inspector_b_id) throw new AppError('conflict', '请先为这件个案分配两名抽查人员');
    if (args.inspectedOn > cx.today) throw new AppError('validation', '核查日期不能晚于今天');
    if (args.inspectedOn < chinaDateOf(draw.drawn_at)) throw new AppError('validation', '核查日期不能早于抽样日期');
    await cx.expect('spot_check_items', item.id);
    const id = cx.id('finding');
    await cx.trx
      .insertInto('spot_check_findings')
      .values({ id, item_id: item.id, method: args.method, inspected_on: args.inspectedOn, inspector_a_id: item.inspector_a_id, inspector_b_id: item.inspector_b_id, finding: args.finding, notes: args.notes, recorded_at: cx.at, updated_at: cx.at })
      .execute();
    cx.audit({ action: 'spotcheck.finding', entity: 'spot_check_item', entityId: item.id, details: { findingId: id, finding: args.finding, method: args.method, inspectedOn: args.inspectedOn } });
    return draw.id;
  },
  reply: drawReply,
});

async function findingOf(trx: Transaction<Database>, findingId: string) {
  const row = await trx
    .selectFrom('spot_check_findings as f')
    .innerJoin('spot_check_items as i', 'i.id', 'f.item_id')
    .select(['i.draw_id', 'i.street_code', 'i.case_id', 'f.finding', 'f.inspected_on'])
    .where('f.id', '=', findingId)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', '没有找到这条核查结论');
  return row;
}

export const orderCorrection = defineCommand({
  name: 'spotchecks.orderCorrection',
  label: '下达整改',
  args: spotCheckArgs.orderCorrection,
  async load(cx, args) {
    const finding = await findingOf(cx.trx, args.findingId);
    return { finding, draw: await drawOf(cx, { drawId: finding.draw_id }) };
  },
  access: (user, { draw }) => canOrganiseSpotCheck(user, '下达整改要求', draw.district_code),
  async run(cx, args, { finding, draw }) {
    assertLocked(draw);
    if (finding.finding === 'compliant') throw new AppError('validation', '核查结论为“符合”的个案不需要整改');
    if (args.orderedOn > cx.today) throw new AppError('validation', '下达日期不能晚于今天');
    if (args.orderedOn < finding.inspected_on) throw new AppError('validation', '下达日期不能早于核查日期');
    const late = correctionDeadlineProblem(args.orderedOn, args.deadline);
    if (late) throw new AppError('validation', late);
    const open = await cx.trx.selectFrom('corrections').select('id').where('finding_id', '=', args.findingId).where('status', '<>', 'done').executeTakeFirst();
    if (open) throw new AppError('conflict', '这件个案已有未完成的整改要求');
    const id = cx.id('correction');
    await cx.trx
      .insertInto('corrections')
      .values({ id, finding_id: args.findingId, street_code: finding.street_code, case_id: finding.case_id, finding: finding.finding, asks_case_kind: args.asksCaseKind ?? null, ordered_on: args.orderedOn, requirement: args.requirement, deadline: args.deadline, status: 'open', result: '', closed_on: null, updated_at: cx.at })
      .execute();
    cx.audit({ action: 'spotcheck.correction.order', entity: 'correction', entityId: id, details: { findingId: args.findingId, streetCode: finding.street_code, deadline: args.deadline, asksCaseKind: args.asksCaseKind ?? null } });
    return draw.id;
  },
  reply: drawReply,
});

async function correctionOf(cx: CommandContext, args: { correctionId: string }) {
  const correction = await cx.trx.selectFrom('corrections').select(['id', 'finding_id', 'status', 'ordered_on', 'deadline']).where('id', '=', args.correctionId).executeTakeFirst();
  if (!correction) throw new AppError('not-found', '没有找到这项整改');
  const finding = await findingOf(cx.trx, correction.finding_id);
  return { correction, draw: await drawOf(cx, { drawId: finding.draw_id }) };
}

/** Moves an open correction's deadline before it falls due, within the horizon of the order, with a reason. */
export const setCorrectionDeadline = defineCommand({
  name: 'spotchecks.setDeadline',
  label: '修改整改期限',
  args: spotCheckArgs.setDeadline,
  load: correctionOf,
  access: (user, { draw }) => canOrganiseSpotCheck(user, '修改整改期限', draw.district_code),
  async run(cx, args, { correction, draw }) {
    assertLocked(draw);
    const problem = deadlineChangeProblem({ orderedOn: correction.ordered_on, deadline: correction.deadline, open: correction.status === 'open' }, args.deadline, cx.today);
    if (problem) throw new AppError(correction.status === 'open' ? 'validation' : 'conflict', problem);
    await cx.expect('corrections', correction.id);
    await cx.trx.updateTable('corrections').set({ deadline: args.deadline, updated_at: cx.at }).where('id', '=', correction.id).execute();
    cx.audit({ action: 'spotcheck.correction.deadline', entity: 'correction', entityId: correction.id, details: { from: correction.deadline, to: args.deadline, reason: args.reason } });
    return draw.id;
  },
  reply: drawReply,
});

export const closeCorrection = defineCommand({
  name: 'spotchecks.closeCorrection',
  label: '整改完成',
  args: spotCheckArgs.closeCorrection,
  load: correctionOf,
  access: (user, { draw }) => canOrganiseSpotCheck(user, '登记整改结果', draw.district_code),
  async run(cx, args, { correction, draw }) {
    assertLocked(draw);
    if (correction.status === 'done') throw new AppError('conflict', '这项整改已经登记完成');
    // The street's answer awaiting review is accepted or returned (corrections.review), not overridden.
    if (correction.status === 'answered') throw new AppError('conflict', '街道已答复这项整改，请审核它的答复（通过或退回）');
    if (args.closedOn > cx.today) throw new AppError('validation', '完成日期不能晚于今天');
    if (args.closedOn < correction.ordered_on) throw new AppError('validation', '完成日期不能早于下达日期');
    await cx.expect('corrections', correction.id);
    await cx.trx.updateTable('corrections').set({ status: 'done', result: args.result, closed_on: args.closedOn, updated_at: cx.at }).where('id', '=', correction.id).execute();
    cx.audit({ action: 'spotcheck.correction.close', entity: 'correction', entityId: correction.id, details: { closedOn: args.closedOn } });
    return draw.id;
  },
  reply: drawReply,
});
