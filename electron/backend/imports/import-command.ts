// cases.import (导入申请): one part of a checked spreadsheet, each household taken in by the very body of
// cases.intake. A household already on file with the same application adds nothing (people are matched
// by ID), so a file imported twice changes nothing the second time. Any refused household refuses the
// whole part, every refusal named by its spreadsheet row; the desk runs all parts in one transaction.
import { sql } from 'kysely';
import { canWriteStreet } from '../../../shared/access';
import { importCommandArgs, type ImportCommandArgs, type ImportPartResult } from '../../../shared/import/command-args';
import { areaTypeOfCommunity, type ImportField } from '../../../shared/import/fields';
import { AppError } from '../../../shared/result';
import { heldElsewhereMessage, takeIn, NumberSeries } from '../cases/intake';
import { defineCommand, nothing, type CommandContext } from '../commands/command';

/** A refusal as the command knows it: the row and the field; the desk names the field's column in the file. */
export type PartRefusal = { row: number; field: ImportField | null; message: string };

type Household = ImportCommandArgs['households'][number];
type OnFile = { householdId: string; householdNo: string; relation: string };

async function peopleOnFile(cx: CommandContext, ids: readonly string[]): Promise<Map<string, OnFile>> {
  const out = new Map<string, OnFile>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await cx.trx
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.citizen_id', 'm.relation', 'h.id', 'h.household_no'])
      .where('m.citizen_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.citizen_id, { householdId: r.id, householdNo: r.household_no, relation: r.relation });
  }
  return out;
}

/** Where an intake refusal's field is in the household's rows. */
function placeOf(h: Household, field: string): { row: number; field: ImportField | null } {
  const member = /^household\.members\.(\d+)\.(\w+)$/.exec(field);
  if (member) {
    const m = h.members[Number(member[1])];
    const f = member[2] === 'citizenId' ? 'citizenId' : member[2] === 'relation' ? 'relation' : member[2] === 'name' ? 'name' : null;
    return { row: m?.row ?? h.row, field: f };
  }
  const direct: Record<string, ImportField> = { appliedOn: 'appliedOn', category: 'category', kind: 'kind', communityCode: 'communityCode', 'household.phone': 'phone', 'household.address': 'address', 'household.members': 'relation' };
  return { row: h.row, field: direct[field] ?? null };
}

function refusalsOf(h: Household, error: AppError): PartRefusal[] {
  const problems = (error.details as { problems?: { field: string; message: string }[] } | undefined)?.problems;
  if (!problems?.length) return [{ row: h.row, field: null, message: error.message }];
  return problems.map((p) => ({ ...placeOf(h, p.field), message: p.message }));
}

/** A household's rows in the command's own scope of ids and chosen numbers. */
function scoped(cx: CommandContext, prefix: string): CommandContext {
  return { ...cx, id: (...parts) => cx.id(prefix, ...parts), chosen: (name, make, valid) => cx.chosen(`${prefix}.${name}`, make, valid) };
}

export const importApplications = defineCommand({
  name: 'cases.import',
  label: '导入申请',
  args: importCommandArgs,
  load: nothing,
  access: (user, _none, args) => canWriteStreet(user, args.streetCode, '导入申请'),
  async run(cx, args): Promise<ImportPartResult> {
    const refused: PartRefusal[] = [];
    const result: ImportPartResult = { added: { households: 0, members: 0, cases: 0 }, unchanged: 0 };
    const onFile = await peopleOnFile(cx, args.households.flatMap((h) => h.members.map((m) => m.citizenId)));
    const communities = new Map(
      (await cx.trx.selectFrom('regions').select(['code', 'name']).where('level', '=', 'community').where('parent_code', '=', args.streetCode).execute()).map((r) => [r.code, r.name]),
    );
    const numbers = new NumberSeries();
    for (const [i, h] of args.households.entries()) {
      const name = communities.get(h.communityCode);
      if (!name) {
        const why = h.communityCode.startsWith(args.streetCode) ? `没有区划代码为 ${h.communityCode} 的社区（村）` : `社区代码 ${h.communityCode} 不属于本街道，只能导入本街道各社区（村）的申请`;
        refused.push({ row: h.row, field: 'communityCode', message: why });
        continue;
      }
      const head = h.members[0]!;
      const headFile = onFile.get(head.citizenId);
      const problems: PartRefusal[] = [];
      for (const m of h.members) {
        const f = onFile.get(m.citizenId);
        if (f && f.householdId !== headFile?.householdId) problems.push({ row: m.row, field: 'citizenId', message: heldElsewhereMessage(m.name, m.citizenId, `户 ${f.householdNo}`) });
        else if (!f && headFile) problems.push({ row: m.row, field: 'citizenId', message: `户主已登记（户 ${headFile.householdNo}），该户档案中没有${m.name}；新增家庭成员请在户档案中办理，再导入` });
      }
      if (head.relation !== 'self') problems.push({ row: head.row, field: 'relation', message: '每户的第一位应为户主本人' });
      // Found by the head's ID, the household on file must be the one this person heads, not one they are a member of.
      if (headFile && headFile.relation !== 'self') {
        problems.push({ row: head.row, field: 'headCitizenId', message: `${head.name}已登记为户 ${headFile.householdNo} 的成员而不是户主；如要另立一户，请先在户档案中办理` });
      }
      if (problems.length > 0) {
        refused.push(...problems);
        continue;
      }
      if (headFile) {
        const same = await cx.trx.selectFrom('cases').select('id').where('household_id', '=', headFile.householdId).where('kind', '=', h.kind).where('category', '=', h.category).where('applied_on', '=', h.appliedOn).executeTakeFirst();
        if (same) {
          result.unchanged += h.members.length;
          continue;
        }
      }
      const common = {
        communityCode: h.communityCode, kind: h.kind, category: h.category, appliedOn: h.appliedOn, declaredIncomeFen: h.declaredIncomeFen,
        reason: `据导入文件《${args.fileName.slice(0, 200)}》第 ${h.row} 行受理`, documents: [], relativesDeclaration: null, relativesDeclarationNote: '',
      };
      const household = headFile
        ? { on: 'file' as const, householdId: headFile.householdId }
        : { on: 'new' as const, areaType: areaTypeOfCommunity(name), address: h.address, phone: h.phone, members: h.members.map((m) => ({ name: m.name, citizenId: m.citizenId, relation: m.relation, occupation: '', health: '', disability: '' })) };
      await sql`SAVEPOINT import_household`.execute(cx.trx);
      try {
        await takeIn(scoped(cx, `h${i}`), { ...common, household }, numbers);
        await sql`RELEASE SAVEPOINT import_household`.execute(cx.trx);
        result.added.cases += 1;
        if (!headFile) {
          result.added.households += 1;
          result.added.members += h.members.length;
        }
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT import_household`.execute(cx.trx);
        await sql`RELEASE SAVEPOINT import_household`.execute(cx.trx);
        if (!(error instanceof AppError)) throw error;
        refused.push(...refusalsOf(h, error));
      }
    }
    if (refused.length > 0) {
      const shown = refused.slice(0, 3).map((r) => `第 ${r.row} 行：${r.message}`).join('；');
      throw new AppError('validation', `导入文件中有 ${refused.length} 处不能接受（${shown}${refused.length > 3 ? '……' : ''}），整个文件都没有导入`, { refusals: refused });
    }
    cx.audit({ action: 'case.import', entity: 'cases', entityId: null, details: { fileName: args.fileName, sha256: args.sha256, part: args.part, parts: args.parts, ...result.added, unchanged: result.unchanged } });
    return result;
  },
});
