// cases.recordInvestigation: the family economic investigation of a case waiting for a decision. The
// figures are derived by shared/investigation.ts from the lines; the totals the form showed must be the
// same (the centre derives them again from its own standard). The case carries the result to the agenda.
import type { Kysely } from 'kysely';
import { canRead } from '../../../shared/access';
import { formatChineseDate } from '../../../shared/dates';
import type { SessionUser } from '../../../shared/domain';
import { crossCheckLabels, userRoleLabels } from '../../../shared/glossary';
import { assessInvestigation, investigationArgs, type InvestigationProblem, type InvestigatorOption } from '../../../shared/investigation';
import { AppError } from '../../../shared/result';
import { defineCommand } from '../commands/command';
import type { Database } from '../db/schema';
import { assertAllowed } from '../session/access';
import { settingsOfRegion } from '../settings/settings';
import { assertFileOpen, caseWriter, loadCase } from './case-of';
import { loadCaseRecord } from './record-view';

type Db = Kysely<Database>;

/** The street office's people, as investigators are chosen from them. */
export async function investigatorOptions(db: Db, user: SessionUser, caseId: string): Promise<InvestigatorOption[]> {
  const c = await db.selectFrom('cases').select('street_code').where('id', '=', caseId).executeTakeFirst();
  if (!c) throw new AppError('not-found', '没有找到这个个案');
  assertAllowed(canRead(user, c.street_code, '这个个案'));
  const rows = await db.selectFrom('users').select(['id', 'name', 'role']).where('region_code', '=', c.street_code).where('active', '=', 1).where('role', 'in', ['street_staff', 'group_member']).orderBy('role', 'desc').orderBy('name').execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, role: userRoleLabels[r.role] }));
}

function refuse(problems: readonly InvestigationProblem[]): never {
  throw new AppError('validation', problems.map((p) => p.message).join('；'), { problems });
}

export const recordInvestigation = defineCommand({
  name: 'cases.recordInvestigation',
  label: '登记家庭经济状况调查',
  args: investigationArgs.record,
  load: loadCase,
  access: caseWriter('家庭经济状况调查'),
  async run(cx, args, c) {
    const { trx } = cx;
    await assertFileOpen(trx, c, '登记调查');
    const problems: InvestigationProblem[] = [];
    if (args.visitedOn > cx.today) problems.push({ field: 'visitedOn', message: '入户调查日期不能晚于今天' });
    if (args.visitedOn < c.applied_on) problems.push({ field: 'visitedOn', message: `入户调查日期早于申请日期 ${formatChineseDate(c.applied_on)}` });
    const ids = [...new Set(args.investigatorIds)];
    const people = await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).where('region_code', '=', c.street_code).where('active', '=', 1).where('role', 'in', ['street_staff', 'group_member']).execute();
    if (ids.length < 2) problems.push({ field: 'investigatorIds', message: '入户调查须由两名以上工作人员进行，同一人不能算两次' });
    else if (people.length !== ids.length) problems.push({ field: 'investigatorIds', message: '调查人须是本街道办事处在职的工作人员' });
    const members = await trx.selectFrom('members').select(['id', 'name']).where('household_id', '=', c.household_id).execute();
    const memberIds = new Set(members.map((m) => m.id));
    args.incomes.forEach((l, i) => {
      if (l.memberId !== null && !memberIds.has(l.memberId)) problems.push({ field: `incomes.${i}.memberId`, message: `第 ${i + 1} 项收入的成员不在这一户` });
    });
    if (args.singlePerson && !memberIds.has(args.singlePerson.memberId)) problems.push({ field: 'singlePerson', message: '按单人户纳入的成员不在这一户' });

    // The household is assessed against the standard in force on the day of the visit: a new standard from
    // July applies to a household visited in July, not to one visited in June and recorded later.
    const settings = await settingsOfRegion(trx, c.street_code, args.visitedOn);
    const household = await trx.selectFrom('households').select(['area_type']).where('id', '=', c.household_id).executeTakeFirstOrThrow();
    const standardFen = household.area_type === 'rural' ? settings.dibaoStandardRuralFen : settings.dibaoStandardUrbanFen;
    const basis = { kind: c.kind, category: c.category, standardFen, householdSize: members.length, currentAmountFen: c.current_amount_fen, temporaryLimitMonths: settings.temporaryLimitMonths, edgeIncomePercent: settings.edgeIncomePercent };
    const assessed = assessInvestigation(basis, args);
    if (!assessed.ok) problems.push(...assessed.problems);
    if (problems.length > 0 || !assessed.ok) refuse(problems);
    const f = assessed.figures;

    const existing = await trx.selectFrom('investigations').select('id').where('case_id', '=', c.id).executeTakeFirst();
    if (existing) await cx.expect('investigations', existing.id);
    await cx.expect('cases', c.id);
    const names = ids.map((id) => people.find((p) => p.id === id)!.name);
    const row = {
      visited_on: args.visitedOn,
      investigators_json: JSON.stringify(ids.map((id, i) => ({ userId: id, name: names[i]! }))),
      visit_note: args.visitNote,
      incomes_json: JSON.stringify(args.incomes),
      expenses_json: JSON.stringify(args.expenses),
      assets_json: JSON.stringify(args.assets),
      single_person_basis: args.singlePerson?.basis ?? null,
      single_person_member_id: args.singlePerson?.memberId ?? null,
      cross_check: args.crossCheck,
      cross_check_note: args.crossCheckNote,
      conclusion: args.conclusion,
      conclusion_note: args.conclusionNote,
      standard_fen: standardFen,
      household_size: members.length,
      counted_size: f.countedSize,
      gross_income_fen: f.grossFen,
      exempt_fen: f.exemptFen,
      work_cost_fen: f.workCostFen,
      rigid_expense_fen: f.expenseFen,
      net_income_fen: f.netFen,
      per_capita_income_fen: f.perCapitaFen,
      asset_total_fen: f.assetFen,
      proposed_amount_fen: f.proposedFen,
      arithmetic_json: JSON.stringify(f.arithmetic),
      recorded_by: cx.user.name,
      recorded_at: cx.at,
      updated_at: cx.at,
    };
    const investigationId = existing?.id ?? cx.id('investigation');
    if (existing) await trx.updateTable('investigations').set(row).where('id', '=', existing.id).execute();
    else await trx.insertInto('investigations').values({ id: investigationId, case_id: c.id, ...row }).execute();
    // The agenda, the minutes and the sampler read the case: it carries the investigation's result.
    await trx
      .updateTable('cases')
      .set({
        per_capita_income_fen: f.perCapitaFen,
        proposed_amount_fen: f.proposedFen,
        home_visit_note: `${formatChineseDate(args.visitedOn)}，${names.join('、')}入户调查：${args.visitNote}`,
        income_check_note: `${f.arithmetic.join('；')}。${crossCheckLabels[args.crossCheck]}${args.crossCheckNote ? `：${args.crossCheckNote}` : ''}。`,
        updated_at: cx.at,
      })
      .where('id', '=', c.id)
      .execute();
    cx.audit({ action: 'case.investigation', entity: 'cases', entityId: c.id, details: { caseNo: c.case_no, again: existing !== undefined, perCapitaFen: f.perCapitaFen, proposedFen: f.proposedFen, conclusion: args.conclusion } });
    return c.id;
  },
  reply: loadCaseRecord,
});

