// cases.intake (受理): one application, for a household on file or a new household with its members, in
// one transaction. The centre runs it again, so an ID that fails its checksum, a person already on another
// household or a community outside the clerk's street is refused there even if a desk were bypassed.
import type { Transaction } from 'kysely';
import { canWriteStreet } from '../../../shared/access';
import { caseKindLabels } from '../../../shared/glossary';
import { agendaCaseStatuses } from '../../../shared/meeting-rules';
import { checkMembers, intakeArgs, newHouseholdKinds, type CheckedMember, type IntakeInput, type IntakeResult } from '../../../shared/intake';
import { maskCitizenId } from '../../../shared/masking';
import { AppError } from '../../../shared/result';
import { refusedAt } from './case-of';
import { householdAssistance, isAssisted } from './assistance';
import { defineCommand, nothing, type CommandContext } from '../commands/command';
import type { Database } from '../db/schema';

type Trx = Transaction<Database>;

/** A refusal at a field with its own code (not-found, conflict), so a form or an import row can point at it. */
function refusedWith(code: 'not-found' | 'conflict', field: string, message: string): AppError {
  return new AppError(code, message, { problems: [{ field, message }] });
}

const isCaseNo = (v: string) => /^\d{9}-\d{6}-\d{3,5}$/.test(v);
const isHouseholdNo = (v: string) => /^\d{12}-\d{4,6}$/.test(v);

/**
 * The next free numbers of series `prefix-NNN`, as the desk sees them (the centre keeps what the desk
 * chose). One per run: an import numbers thousands of households and must not rescan a series for each.
 */
export class NumberSeries {
  readonly #last = new Map<string, number>();

  async next(trx: Trx, table: 'cases' | 'households', column: 'case_no' | 'household_no', prefix: string, width: number): Promise<string> {
    const key = `${table}\u0000${prefix}`;
    let last = this.#last.get(key);
    if (last === undefined) {
      const rows = await trx.selectFrom(table).select(column).where(column, 'like', `${prefix}-%`).execute();
      last = Math.max(0, ...rows.map((r) => Number((r as Record<string, string>)[column]!.slice(prefix.length + 1))).filter(Number.isInteger));
    }
    this.#last.set(key, last + 1);
    return `${prefix}-${String(last + 1).padStart(width, '0')}`;
  }

  /** A number the desk chose (replayed at the centre) is used up as well. */
  taken(table: 'cases' | 'households', prefix: string, value: string): void {
    const n = Number(value.slice(prefix.length + 1));
    const key = `${table}\u0000${prefix}`;
    if (Number.isInteger(n) && n > (this.#last.get(key) ?? 0)) this.#last.set(key, n);
  }
}

/** Why a person cannot join this household: they are on another one (`where`: its case or household number). */
export function heldElsewhereMessage(name: string, citizenId: string, where: string): string {
  return `身份证号码为 ${maskCitizenId(citizenId)} 的${name}已登记在另一户（${where}），一人只能在一户中`;
}

/** A person is on one household only: the first member already on another one refuses the change. */
export async function refuseHeldElsewhere(
  trx: Trx,
  members: readonly { citizenId: string }[],
  exceptHouseholdId: string | null = null,
  fieldOf: (index: number) => string = (i) => `household.members.${i}.citizenId`,
): Promise<void> {
  if (members.length === 0) return;
  let q = trx
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .leftJoin('cases as c', 'c.household_id', 'h.id')
    .select(['m.name', 'm.citizen_id', 'h.household_no', 'c.case_no'])
    .where('m.citizen_id', 'in', members.map((m) => m.citizenId));
  if (exceptHouseholdId) q = q.where('h.id', '<>', exceptHouseholdId);
  const held = await q.orderBy('c.applied_on', 'desc').executeTakeFirst();
  if (held) {
    const message = heldElsewhereMessage(held.name, held.citizen_id, held.case_no ? `个案 ${held.case_no}` : `户 ${held.household_no}`);
    const index = members.findIndex((m) => m.citizenId === held.citizen_id);
    throw new AppError('conflict', message, { problems: [{ field: fieldOf(index), message }], caseNo: held.case_no });
  }
}

async function newHousehold(cx: CommandContext, numbers: NumberSeries, args: { communityCode: string; streetCode: string }, h: { areaType: 'urban' | 'rural'; address: string; phone: string }, members: CheckedMember[]) {
  await refuseHeldElsewhere(cx.trx, members);
  const computed = await numbers.next(cx.trx, 'households', 'household_no', args.communityCode, 4);
  const householdNo = cx.chosen('householdNo', () => computed, isHouseholdNo);
  numbers.taken('households', args.communityCode, householdNo);
  const id = cx.id('household');
  await cx.trx
    .insertInto('households')
    .values({ id, household_no: householdNo, street_code: args.streetCode, community_code: args.communityCode, area_type: h.areaType, address: h.address, phone: h.phone, category: null, assistance_status: 'applicant', updated_at: cx.at })
    .execute();
  await cx.trx
    .insertInto('members')
    .values(members.map((m, i) => ({ id: cx.id('member', String(i)), household_id: id, name: m.name, citizen_id: m.citizenId, gender: m.gender, birth_date: m.birthDate, relation: m.relation, occupation: m.occupation, health: m.health || null, disability: m.disability || null, updated_at: cx.at })))
    .execute();
  return { id, householdNo };
}

export const takeInApplication = defineCommand({
  name: 'cases.intake',
  label: '受理申请',
  args: intakeArgs.apply,
  load: nothing,
  access: (user, _none, args) => canWriteStreet(user, args.communityCode.slice(0, 9), '受理'),
  run: (cx, args) => takeIn(cx, args, new NumberSeries()),
});

/**
 * One application taken in: the body of cases.intake, and of each household of an import, so both make
 * the same rows under the same rules. The street's access has been checked by the caller's command.
 */
export async function takeIn(cx: CommandContext, args: IntakeInput, numbers: NumberSeries): Promise<IntakeResult> {
  const streetCode = args.communityCode.slice(0, 9);
  const community = await cx.trx.selectFrom('regions').select(['name', 'level', 'parent_code']).where('code', '=', args.communityCode).executeTakeFirst();
  if (!community || community.level !== 'community' || community.parent_code !== streetCode) throw refusedWith('not-found', 'communityCode', `没有区划代码为 ${args.communityCode} 的社区（村）`);
  if (args.appliedOn > cx.today) throw refusedAt('appliedOn', '申请日期不能晚于今天');
  args.documents.forEach((d, i) => {
    if (d.receivedOn > cx.today) throw refusedAt(`documents.${i}.receivedOn`, '材料收到日期不能晚于今天');
  });
  if (new Set(args.documents.map((d) => d.kind)).size !== args.documents.length) throw new AppError('validation', '同一种材料只登记一次');
  if (args.relativesDeclaration === 'declared' && args.relativesDeclarationNote === '') {
    throw refusedAt('relativesDeclarationNote', '请写明近亲属的姓名和任职单位、职务', '申报有近亲属任职时，请写明是谁、在哪里任职');
  }
  if ((args.kind === 'temporary') !== (args.category === 'temporary')) throw refusedAt('category', '临时救助的申请，类别应为“临时救助”；其他申请不能选“临时救助”类别');

  let household: { id: string; householdNo: string };
  let currentAmountFen: number | null = null;
  if (args.household.on === 'new') {
    if (!newHouseholdKinds.includes(args.kind)) throw refusedAt('kind', `“${caseKindLabels[args.kind]}”只能为已登记的家庭办理，请先查找该家庭`);
    const checked = checkMembers(args.household.members, cx.today);
    if (!checked.ok) throw new AppError('validation', checked.problems.map((p) => p.message).join('；'), { problems: checked.problems.map((p) => ({ ...p, field: `household.${p.field}` })) });
    household = await newHousehold(cx, numbers, { communityCode: args.communityCode, streetCode }, args.household, checked.members);
  } else {
    const found = await cx.trx.selectFrom('households').select(['id', 'household_no', 'community_code']).where('id', '=', args.household.householdId).executeTakeFirst();
    if (!found || found.community_code.slice(0, 9) !== streetCode) throw new AppError('not-found', '本街道没有这一户，请重新查找');
    if (found.community_code !== args.communityCode) throw refusedAt('communityCode', '这一户登记在另一个社区（村），请按户籍所在社区受理');
    const now = await householdAssistance(cx.trx, found.id, cx.today);
    const assisted = isAssisted(now);
    if (args.kind === 'new_application' && assisted) throw refusedAt('kind', '这一户已在保，请办理变更、复核或停保，而不是新申请');
    if (!assisted && args.kind !== 'new_application' && args.kind !== 'temporary') throw refusedAt('kind', `这一户目前不在保，不能办理“${caseKindLabels[args.kind]}”`);
    const same = await cx.trx.selectFrom('cases').select('case_no').where('household_id', '=', found.id).where('kind', '=', args.kind).where('status', 'in', agendaCaseStatuses).executeTakeFirst();
    if (same) throw refusedWith('conflict', 'kind', `这一户已有待审议的“${caseKindLabels[args.kind]}”个案 ${same.case_no}，请在该个案中办理`);
    await cx.expect('households', found.id);
    household = { id: found.id, householdNo: found.household_no };
    currentAmountFen = assisted ? now.monthlyAmountFen : null;
  }

  const month = args.appliedOn.slice(0, 7).replace('-', '');
  const computed = await numbers.next(cx.trx, 'cases', 'case_no', `${streetCode}-${month}`, 3);
  const caseNo = cx.chosen('caseNo', () => computed, isCaseNo);
  numbers.taken('cases', `${streetCode}-${month}`, caseNo);
  if (!caseNo.startsWith(`${streetCode}-${month}-`)) throw new AppError('validation', '个案编号与街道和申请月份不符');
  const taken = await cx.trx.selectFrom('cases').select('id').where('case_no', '=', caseNo).executeTakeFirst();
  if (taken) throw new AppError('conflict', `个案编号 ${caseNo} 已被占用，请同步后重新受理`);
  // A household with a 近亲属 filing stays flagged on every case it brings.
  const filed = await cx.trx.selectFrom('close_relative_filings').select('id').where('household_id', '=', household.id).executeTakeFirst();
  const caseId = cx.id('case');
  await cx.trx
    .insertInto('cases')
    .values({
      id: caseId, case_no: caseNo, household_id: household.id, street_code: streetCode, community_code: args.communityCode, category: args.category, kind: args.kind, status: 'pending',
      applied_on: args.appliedOn, reason: args.reason, current_amount_fen: currentAmountFen, proposed_amount_fen: null, per_capita_income_fen: null, prepaid_amount_fen: null, prepaid_on: null,
      close_relative: filed ? 1 : 0, relatives_declaration: args.relativesDeclaration, relatives_declaration_note: args.relativesDeclarationNote, declared_income_fen: args.declaredIncomeFen,
      caseworker: cx.user.name, created_at: cx.at, updated_at: cx.at,
    })
    .execute();
  for (const d of args.documents) {
    await cx.trx.insertInto('case_documents').values({ id: cx.id('document', d.kind), case_id: caseId, kind: d.kind, received_on: d.receivedOn, updated_at: cx.at }).execute();
  }
  cx.audit({ action: 'case.intake', entity: 'cases', entityId: caseId, details: { caseNo, householdNo: household.householdNo, kind: args.kind, newHousehold: args.household.on === 'new' } });
  return { caseId, caseNo, householdId: household.id, householdNo: household.householdNo };
}
