// 个案清单: the cases grid as filtered (street, community, category, status, search: the same query and
// jurisdiction as cases.list, so the file holds exactly the rows the grid shows), every matching row,
// in the grid's columns, plus the codes and the household head's ID number (full or masked, see
// citizen-ids.ts) that a list kept beside the provincial system needs.
import type { CaseListQuery, CaseRow, SessionUser } from '../../../shared/domain';
import { caseAmount } from '../../../shared/case-amount';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../../../shared/glossary';
import type { SavedFile } from '../../../shared/saved-file';
import { listCases } from '../cases/case-list';
import type { BackendContext } from '../context';
import { tableSheet, type Field } from '../spreadsheet/xlsx-write';
import { citizenIdRule, headCitizenIds } from './citizen-ids';
import { fileStamp, saveExport } from './export-file';

type CaseLine = CaseRow & { headCitizenId: string | null };

const amountWords = { approved: '核定', proposed: '拟定' } as const;
const yes = (flag: boolean) => (flag ? '是' : null);

export const caseFields: readonly Field<CaseLine>[] = [
  { header: '案件编号', width: 22, kind: 'text', value: (r) => r.caseNo },
  { header: '街道', width: 12, kind: 'text', value: (r) => r.streetName },
  { header: '社区代码', width: 14, kind: 'text', value: (r) => r.communityCode },
  { header: '社区（村）', width: 14, kind: 'text', value: (r) => r.communityName },
  { header: '户主', width: 10, kind: 'text', value: (r) => r.headName },
  { header: '户主身份证号', width: 21, kind: 'text', value: (r) => r.headCitizenId },
  { header: '人数', width: 6, kind: 'integer', value: (r) => r.householdSize },
  { header: '救助类别', width: 18, kind: 'text', value: (r) => caseCategoryLabels[r.category] },
  { header: '事项', width: 13, kind: 'text', value: (r) => caseKindLabels[r.kind] },
  { header: '状态', width: 10, kind: 'text', value: (r) => caseStatusLabels[r.status] },
  { header: '申请日期', width: 12, kind: 'date', value: (r) => r.appliedOn },
  { header: '决定日期', width: 12, kind: 'date', value: (r) => r.decidedOn },
  // The grid writes 拟 before a proposed amount; a number cell cannot, so the next column says which it is.
  { header: '金额（元）', width: 12, kind: 'yuan', value: (r) => caseAmount(r)?.fen ?? null },
  { header: '金额说明', width: 10, kind: 'text', value: (r) => { const a = caseAmount(r); return a ? amountWords[a.kind] : null; } },
  { header: '近亲属备案', width: 11, kind: 'text', value: (r) => yes(r.closeRelative) },
  { header: '投诉举报', width: 10, kind: 'text', value: (r) => yes(r.complaint) },
];

export async function exportCases(ctx: BackendContext, user: SessionUser, query: CaseListQuery, outFile?: string): Promise<SavedFile> {
  const rows = await listCases(ctx.db, user.regionCode, query);
  const heads = await headCitizenIds(ctx.db, rows.map((r) => r.id));
  const ids = citizenIdRule(user);
  const lines: CaseLine[] = rows.map((r) => ({ ...r, headCitizenId: ids.show(r.streetCode, heads.get(r.id) ?? null) }));
  const scope = query.communityCode ?? query.streetCode ?? user.regionCode;
  return saveExport(ctx, user, {
    document: 'cases',
    fileName: `个案清单-${fileStamp(ctx.clock.now())}.xlsx`,
    title: `${user.regionName}个案清单`,
    sheets: [tableSheet('个案清单', caseFields, lines)],
    entity: 'region',
    entityId: scope,
    // The filter as codes and words of the glossary; a search is only said to have been made, since
    // what was typed may be a name or an ID number.
    details: { ...(query.category ? { category: query.category } : {}), ...(query.status ? { status: query.status } : {}), ...(query.search ? { searched: true } : {}) },
    citizenIds: ids.fullShown,
    ...(outFile ? { outFile } : {}),
  });
}
