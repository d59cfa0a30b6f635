// The roster as files: the PDF that is printed and signed (no ID numbers), and the .xlsx finance pays
// from (ID numbers of the head and every member, as text). Both are audited like every other document:
// pdf.print and export.xlsx with the month, the scope and the counts, never a name or an ID.
import type { SessionUser } from '../../../shared/domain';
import { caseCategoryLabels, relationLabels } from '../../../shared/glossary';
import type { PdfFile } from '../../../shared/pdf-file';
import { rosterChangeLabels, rosterChangeKinds, type RosterArgs, type RosterCategoryLine, type RosterChangeRow, type RosterRow } from '../../../shared/roster';
import type { SavedFile } from '../../../shared/saved-file';
import { rosterTitle } from '../../../templates/roster';
import type { BackendContext } from '../context';
import { saveExport } from '../exports/export-file';
import { printPdf } from '../pdf/print';
import { officeOf } from '../regions/offices';
import { tableSheet, type Field } from '../spreadsheet/xlsx-write';
import { livingMembers, rosterData } from './roster';

const categoryName = (c: string) => (caseCategoryLabels as Record<string, string>)[c] ?? c;

export const rosterFileName = (args: RosterArgs, ext: 'pdf' | 'xlsx') => `roster-${args.scope}-${args.month}.${ext}`;

export async function writeRosterPdf(ctx: BackendContext, user: SessionUser, args: RosterArgs, outFile?: string): Promise<PdfFile> {
  const { view } = await rosterData(ctx.db, user, args, ctx.clock.today());
  const office = await officeOf(ctx.db, args.scope);
  return printPdf(ctx, {
    job: { template: 'roster', data: { view, officeName: office.name, printedOn: ctx.clock.today() } },
    jobId: `roster-${args.scope}-${args.month}`,
    fileName: rosterFileName(args, 'pdf'),
    ...(outFile ? { outFile } : {}),
    actorId: user.id,
    entity: 'region',
    entityId: args.scope,
    details: { document: 'roster', month: args.month, households: view.summary.households, totalFen: view.summary.totalFen },
  });
}

type HouseholdLine = RosterRow & { headId: string; streetName: string; memberIds: string };
type MemberLine = { householdNo: string; communityName: string; category: string; name: string; relation: string; citizenId: string };

const householdFields: readonly Field<HouseholdLine & { n: number }>[] = [
  { header: '序号', width: 6, kind: 'integer', value: (r) => r.n },
  { header: '街道（乡镇）', width: 14, kind: 'text', value: (r) => r.streetName },
  { header: '社区代码', width: 14, kind: 'text', value: (r) => r.communityCode },
  { header: '社区（村）', width: 14, kind: 'text', value: (r) => r.communityName },
  { header: '户号', width: 22, kind: 'text', value: (r) => r.householdNo },
  { header: '救助类别', width: 14, kind: 'text', value: (r) => categoryName(r.category) },
  { header: '状态', width: 8, kind: 'text', value: (r) => (r.status === 'phasing_out' ? '渐退期' : '在保') },
  { header: '户主', width: 10, kind: 'text', value: (r) => r.headName },
  { header: '户主身份证号', width: 21, kind: 'text', value: (r) => r.headId },
  // No bank-account table: the household head is the account holder (收款人).
  { header: '收款人', width: 10, kind: 'text', value: (r) => r.payeeName },
  { header: '收款人身份证号', width: 21, kind: 'text', value: (r) => r.headId },
  { header: '人数', width: 6, kind: 'integer', value: (r) => r.members.length },
  { header: '家庭成员（姓名 身份证号）', width: 60, kind: 'text', value: (r) => r.memberIds },
  { header: '月发放金额（元）', width: 14, kind: 'yuan', value: (r) => r.amountFen },
];

const memberFields: readonly Field<MemberLine>[] = [
  { header: '户号', width: 22, kind: 'text', value: (r) => r.householdNo },
  { header: '社区（村）', width: 14, kind: 'text', value: (r) => r.communityName },
  { header: '救助类别', width: 14, kind: 'text', value: (r) => categoryName(r.category) },
  { header: '姓名', width: 10, kind: 'text', value: (r) => r.name },
  { header: '与户主关系', width: 12, kind: 'text', value: (r) => r.relation },
  { header: '身份证号', width: 21, kind: 'text', value: (r) => r.citizenId },
];

const categoryFields: readonly Field<RosterCategoryLine>[] = [
  { header: '救助类别', width: 16, kind: 'text', value: (r) => (r.category === '' ? '合计' : categoryName(r.category)) },
  { header: '上月户数', width: 9, kind: 'integer', value: (r) => r.previous.households },
  { header: '上月金额（元）', width: 14, kind: 'yuan', value: (r) => r.previous.totalFen },
  ...rosterChangeKinds.flatMap((k): Field<RosterCategoryLine>[] => [
    { header: `${rosterChangeLabels[k]}户数`, width: 9, kind: 'integer', value: (r) => r.counts[k] },
    { header: `${rosterChangeLabels[k]}增减（元）`, width: 13, kind: 'yuan', value: (r) => r.deltaFen[k] },
  ]),
  { header: '本月户数', width: 9, kind: 'integer', value: (r) => r.current.households },
  { header: '本月人数', width: 9, kind: 'integer', value: (r) => r.current.persons },
  { header: '本月金额（元）', width: 14, kind: 'yuan', value: (r) => r.current.totalFen },
];

const changeFields: readonly Field<RosterChangeRow>[] = [
  { header: '变动', width: 8, kind: 'text', value: (r) => rosterChangeLabels[r.kind] },
  { header: '救助类别', width: 14, kind: 'text', value: (r) => categoryName(r.category) },
  { header: '社区（村）', width: 14, kind: 'text', value: (r) => r.communityName },
  { header: '户号', width: 22, kind: 'text', value: (r) => r.householdNo },
  { header: '户主', width: 10, kind: 'text', value: (r) => r.headName },
  { header: '上月金额（元）', width: 14, kind: 'yuan', value: (r) => r.beforeFen },
  { header: '本月金额（元）', width: 14, kind: 'yuan', value: (r) => r.afterFen },
  { header: '增减（元）', width: 12, kind: 'yuan', value: (r) => r.afterFen - r.beforeFen },
];

/** The sum line of the totals sheet, as one more category line with an empty category. */
function totalLine(lines: readonly RosterCategoryLine[]): RosterCategoryLine {
  const sum = (pick: (l: RosterCategoryLine) => number) => lines.reduce((n, l) => n + pick(l), 0);
  const by = (pick: (l: RosterCategoryLine) => Record<string, number>) =>
    Object.fromEntries(rosterChangeKinds.map((k) => [k, sum((l) => pick(l)[k]!)])) as RosterCategoryLine['counts'];
  return {
    category: '',
    previous: { households: sum((l) => l.previous.households), totalFen: sum((l) => l.previous.totalFen) },
    counts: by((l) => l.counts),
    deltaFen: by((l) => l.deltaFen),
    current: { households: sum((l) => l.current.households), persons: sum((l) => l.current.persons), totalFen: sum((l) => l.current.totalFen) },
  };
}

/**
 * The workbook for finance. It carries the full ID numbers of the head and every member to whoever may
 * read the roster (the street for its own, the bureau for its district): finance pays against them, so a
 * masked number would make the file useless. The audit entry records how many were written.
 */
export async function exportRosterXlsx(ctx: BackendContext, user: SessionUser, args: RosterArgs, outFile?: string): Promise<SavedFile> {
  const { view, members } = await rosterData(ctx.db, user, args, ctx.clock.today());
  const streets = new Map((await ctx.db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'street').where('code', 'like', `${args.scope.slice(0, 6)}%`).execute()).map((r) => [r.code, r.name]));
  let ids = 0;
  const households = view.rows.map((r, i) => {
    const list = livingMembers(members, r.householdId, view.basisDay);
    const head = list.find((m) => m.relation === 'self') ?? list[0];
    ids += list.length;
    return { ...r, n: i + 1, headId: head?.citizen_id ?? '', streetName: streets.get(r.communityCode.slice(0, 9)) ?? '', memberIds: list.map((m) => `${m.name} ${m.citizen_id}`).join('；') };
  });
  const memberRows: MemberLine[] = view.rows.flatMap((r) =>
    livingMembers(members, r.householdId, view.basisDay).map((m) => ({ householdNo: r.householdNo, communityName: r.communityName, category: r.category, name: m.name, relation: relationLabels[m.relation], citizenId: m.citizen_id })),
  );
  return saveExport(ctx, user, {
    document: 'roster',
    fileName: rosterFileName(args, 'xlsx'),
    title: rosterTitle(view),
    sheets: [
      tableSheet('发放名单', householdFields, households),
      tableSheet('家庭成员', memberFields, memberRows),
      tableSheet('分类汇总', categoryFields, [...view.categories, totalLine(view.categories)]),
      tableSheet('变动名单', changeFields, view.changes),
    ],
    entity: 'region',
    entityId: args.scope,
    details: { month: args.month, households: view.summary.households, totalFen: view.summary.totalFen },
    citizenIds: ids,
    ...(outFile ? { outFile } : {}),
  });
}
