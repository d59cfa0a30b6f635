// Inspecting the sample: every sampled case goes to a pair of inspectors, who record how they checked it
// (入户 / 信息核对 / 电话), when, and what they found; a problem leads to a correction ordered to the
// street office with a deadline, closed with its result. Each change is one transaction with its outbox
// row and audit entry.
import type { MutationName } from '../../../shared/glossary';
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { DrawDetail, SpotCheckArgs } from '../../../shared/spotcheck';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { chinaDateOf } from '../../../shared/dates';
import { assertBureau, type BureauRole } from '../session/access';
import { currentUser } from '../session/session';
import { mutate, recordMutation } from '../sync/outbox';
import { districtInspectors, drawDetail, loadDraw } from './draw-view';

type Scope = { trx: Transaction<Database>; user: SessionUser; at: string; today: string };

/** One change to a draw's inspection: checks the role, runs `change`, returns the draw as it now is. */
async function changeInspection(
  ctx: BackendContext,
  what: string,
  roles: readonly BureauRole[],
  locate: (trx: Transaction<Database>) => Promise<string>,
  change: (scope: Scope, draw: { id: string; drawn_at: string }) => Promise<{ mutation: MutationName; args: Record<string, unknown>; audit: { action: string; entity: string; entityId: string; details: Record<string, unknown> } }>,
): Promise<DrawDetail> {
  const drawId = await mutate(ctx.db, async (trx) => {
    const user = await currentUser(trx);
    assertBureau(user, what, roles);
    const id = await locate(trx);
    const draw = await loadDraw(trx, id, user);
    if (draw.status !== 'locked') throw new AppError('conflict', '这次抽样已被重新抽取，请在新的样本上继续核查');
    const at = ctx.clock.now();
    const done = await change({ trx, user, at, today: chinaDateOf(at) }, draw);
    await recordMutation(trx, done.mutation, done.args, at);
    await appendAudit(trx, { actorId: user.id, ...done.audit }, at);
    return id;
  });
  return drawDetail(ctx.db, drawId, await currentUser(ctx.db));
}

export async function assignInspectors(ctx: BackendContext, args: SpotCheckArgs['assign']): Promise<DrawDetail> {
  return changeInspection(
    ctx,
    '分配抽查人员',
    ['bureau_chief'],
    async () => args.drawId,
    async ({ trx, user, at }, { id: drawId }) => {
      const staff = new Set((await districtInspectors(trx, user.regionCode)).map((u) => u.id));
      for (const id of [args.inspectorAId, args.inspectorBId]) if (!staff.has(id)) throw new AppError('validation', '抽查人员须是本区民政局在岗的工作人员');
      const items = await trx.selectFrom('spot_check_items').select('id').where('draw_id', '=', drawId).where('id', 'in', args.itemIds).execute();
      if (items.length !== new Set(args.itemIds).size) throw new AppError('not-found', '有的个案不在这次抽样的样本中');
      await trx
        .updateTable('spot_check_items')
        .set({ inspector_a_id: args.inspectorAId, inspector_b_id: args.inspectorBId, updated_at: at, version: sql`version + 1` })
        .where('id', 'in', args.itemIds)
        .execute();
      return {
        mutation: 'spotchecks.assign',
        args: { drawId, itemIds: args.itemIds, inspectorAId: args.inspectorAId, inspectorBId: args.inspectorBId },
        audit: { action: 'spotcheck.assign', entity: 'spot_check_draw', entityId: drawId, details: { items: args.itemIds.length, inspectorAId: args.inspectorAId, inspectorBId: args.inspectorBId } },
      };
    },
  );
}

/**
 * Pairs the district's inspectors in username order and gives each street's unassigned cases to one
 * pair, streets in turn, so that a pair visits one street office's communities.
 */
export async function autoAssign(ctx: BackendContext, args: SpotCheckArgs['autoAssign']): Promise<DrawDetail> {
  return changeInspection(
    ctx,
    '分配抽查人员',
    ['bureau_chief'],
    async () => args.drawId,
    async ({ trx, user, at }, { id: drawId }) => {
      const staff = await districtInspectors(trx, user.regionCode);
      const inspectors = staff.filter((u) => u.role === 'bureau_inspector').map((u) => u.id);
      // With an odd number of inspectors the section chief makes up the last pair.
      if (inspectors.length % 2 === 1) inspectors.push(staff.find((u) => u.role === 'bureau_chief' && !inspectors.includes(u.id))?.id ?? '');
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < inspectors.length; i += 2) if (inspectors[i] && inspectors[i + 1]) pairs.push([inspectors[i]!, inspectors[i + 1]!]);
      if (pairs.length === 0) throw new AppError('conflict', '本区至少要有两名在岗的抽查人员才能分组');
      const open = await trx.selectFrom('spot_check_items').select(['id', 'street_code']).where('draw_id', '=', drawId).where('inspector_a_id', 'is', null).orderBy('street_code').execute();
      const streets = [...new Set(open.map((i) => i.street_code))];
      for (const [k, street] of streets.entries()) {
        const [a, b] = pairs[k % pairs.length]!;
        await trx
          .updateTable('spot_check_items')
          .set({ inspector_a_id: a, inspector_b_id: b, updated_at: at, version: sql`version + 1` })
          .where('draw_id', '=', drawId)
          .where('street_code', '=', street)
          .where('inspector_a_id', 'is', null)
          .execute();
      }
      return {
        mutation: 'spotchecks.autoAssign',
        args: { drawId },
        audit: { action: 'spotcheck.assign', entity: 'spot_check_draw', entityId: drawId, details: { items: open.length, pairs: pairs.length, automatic: true } },
      };
    },
  );
}

export async function recordFinding(ctx: BackendContext, args: SpotCheckArgs['recordFinding']): Promise<DrawDetail> {
  return changeInspection(
    ctx,
    '记录核查结论',
    ['bureau_chief', 'bureau_inspector'],
    async (trx) => {
      const item = await trx.selectFrom('spot_check_items').select('draw_id').where('id', '=', args.itemId).executeTakeFirst();
      if (!item) throw new AppError('not-found', '样本中没有这件个案');
      return item.draw_id;
    },
    async ({ trx, user, at, today }, draw) => {
      const item = await trx.selectFrom('spot_check_items').selectAll().where('id', '=', args.itemId).executeTakeFirstOrThrow();
      if (!item.inspector_a_id || !item.inspector_b_id) throw new AppError('conflict', '请先为这件个案分配两名抽查人员');
      if (user.role === 'bureau_inspector' && user.id !== item.inspector_a_id && user.id !== item.inspector_b_id) {
        throw new AppError('forbidden', '只有分配到这件个案的抽查人员（或科长）可以记录核查结论');
      }
      if (args.inspectedOn > today) throw new AppError('validation', '核查日期不能晚于今天');
      if (args.inspectedOn < chinaDateOf(draw.drawn_at)) throw new AppError('validation', '核查日期不能早于抽样日期');
      const id = randomUUID();
      await trx
        .insertInto('spot_check_findings')
        .values({ id, item_id: item.id, method: args.method, inspected_on: args.inspectedOn, inspector_a_id: item.inspector_a_id, inspector_b_id: item.inspector_b_id, finding: args.finding, notes: args.notes, recorded_at: at, updated_at: at })
        .execute();
      return {
        mutation: 'spotchecks.recordFinding',
        args: { findingId: id, itemId: item.id, method: args.method, inspectedOn: args.inspectedOn, finding: args.finding, notes: args.notes },
        audit: { action: 'spotcheck.finding', entity: 'spot_check_item', entityId: item.id, details: { findingId: id, finding: args.finding, method: args.method, inspectedOn: args.inspectedOn } },
      };
    },
  );
}

async function findingDraw(trx: Transaction<Database>, findingId: string) {
  const row = await trx
    .selectFrom('spot_check_findings as f')
    .innerJoin('spot_check_items as i', 'i.id', 'f.item_id')
    .select(['i.draw_id', 'i.street_code', 'f.finding', 'f.inspected_on'])
    .where('f.id', '=', findingId)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', '没有找到这条核查结论');
  return row;
}

export async function orderCorrection(ctx: BackendContext, args: SpotCheckArgs['orderCorrection']): Promise<DrawDetail> {
  return changeInspection(
    ctx,
    '下达整改要求',
    ['bureau_chief'],
    async (trx) => (await findingDraw(trx, args.findingId)).draw_id,
    async ({ trx, at, today }) => {
      const f = await findingDraw(trx, args.findingId);
      if (f.finding === 'compliant') throw new AppError('validation', '核查结论为“符合”的个案不需要整改');
      if (args.orderedOn > today) throw new AppError('validation', '下达日期不能晚于今天');
      if (args.orderedOn < f.inspected_on) throw new AppError('validation', '下达日期不能早于核查日期');
      const open = await trx.selectFrom('corrections').select('id').where('finding_id', '=', args.findingId).where('status', '=', 'open').executeTakeFirst();
      if (open) throw new AppError('conflict', '这件个案已有未完成的整改要求');
      const id = randomUUID();
      await trx
        .insertInto('corrections')
        .values({ id, finding_id: args.findingId, street_code: f.street_code, ordered_on: args.orderedOn, requirement: args.requirement, deadline: args.deadline, status: 'open', result: '', closed_on: null, updated_at: at })
        .execute();
      return {
        mutation: 'spotchecks.orderCorrection',
        args: { correctionId: id, findingId: args.findingId, orderedOn: args.orderedOn, requirement: args.requirement, deadline: args.deadline },
        audit: { action: 'spotcheck.correction.order', entity: 'correction', entityId: id, details: { findingId: args.findingId, streetCode: f.street_code, deadline: args.deadline } },
      };
    },
  );
}

export async function closeCorrection(ctx: BackendContext, args: SpotCheckArgs['closeCorrection']): Promise<DrawDetail> {
  const locate = async (trx: Transaction<Database>) => {
    const c = await trx.selectFrom('corrections').select(['finding_id', 'status', 'ordered_on']).where('id', '=', args.correctionId).executeTakeFirst();
    if (!c) throw new AppError('not-found', '没有找到这项整改');
    return { ...c, drawId: (await findingDraw(trx, c.finding_id)).draw_id };
  };
  return changeInspection(
    ctx,
    '登记整改结果',
    ['bureau_chief'],
    async (trx) => (await locate(trx)).drawId,
    async ({ trx, at, today }) => {
      const c = await locate(trx);
      if (c.status === 'done') throw new AppError('conflict', '这项整改已经登记完成');
      if (args.closedOn > today) throw new AppError('validation', '完成日期不能晚于今天');
      if (args.closedOn < c.ordered_on) throw new AppError('validation', '完成日期不能早于下达日期');
      await trx
        .updateTable('corrections')
        .set({ status: 'done', result: args.result, closed_on: args.closedOn, updated_at: at, version: sql`version + 1` })
        .where('id', '=', args.correctionId)
        .execute();
      return {
        mutation: 'spotchecks.closeCorrection',
        args: { correctionId: args.correctionId, result: args.result, closedOn: args.closedOn },
        audit: { action: 'spotcheck.correction.close', entity: 'correction', entityId: args.correctionId, details: { closedOn: args.closedOn } },
      };
    },
  );
}
