// 抽查样本: a draw's sampled cases, street by street and stratum by stratum in ticket order, each with
// its inspectors, finding and the correction ordered, for the section chief's working list. Like the
// sample table on screen it carries no ID number, phone or address: inspectors look those up in the
// case record. Spot checks are the bureau's, so only its staff of the draw's district may export one.
import type { SessionUser } from '../../../shared/domain';
import { correctionStatusLabels, caseCategoryLabels, caseKindLabels, findingLabels, inspectionMethodLabels, sampleOutcomeLabels, sampleReasonLabels } from '../../../shared/glossary';
import type { SavedFile } from '../../../shared/saved-file';
import type { SampleItemView } from '../../../shared/spotcheck';
import { chinaDateOf } from '../../../shared/dates';
import type { BackendContext } from '../context';
import { drawDetail } from '../spotchecks/draw-view';
import { tableSheet, type Field } from '../spreadsheet/xlsx-write';
import { saveExport } from './export-file';

const yes = (flag: boolean) => (flag ? '是' : null);
const pair = (i: SampleItemView) => [i.inspectorA?.name, i.inspectorB?.name].filter((n): n is string => !!n).join('、') || null;

export const sampleFields: readonly Field<SampleItemView>[] = [
  { header: '街道', width: 12, kind: 'text', value: (i) => i.streetName },
  { header: '街道代码', width: 11, kind: 'text', value: (i) => i.streetCode },
  { header: '审批结果', width: 9, kind: 'text', value: (i) => sampleOutcomeLabels[i.outcome] },
  { header: '层内序位', width: 9, kind: 'integer', value: (i) => i.rank },
  { header: '抽取方式', width: 9, kind: 'text', value: (i) => sampleReasonLabels[i.reason] },
  { header: '个案编号', width: 22, kind: 'text', value: (i) => i.caseNo },
  { header: '社区（村）', width: 14, kind: 'text', value: (i) => i.communityName },
  { header: '户主姓名', width: 10, kind: 'text', value: (i) => i.headName },
  { header: '救助类别', width: 18, kind: 'text', value: (i) => caseCategoryLabels[i.category] },
  { header: '事项', width: 13, kind: 'text', value: (i) => caseKindLabels[i.kind] },
  { header: '决定日期', width: 12, kind: 'date', value: (i) => i.decidedOn },
  { header: '核定金额（元）', width: 14, kind: 'yuan', value: (i) => i.amountFen },
  { header: '近亲属备案', width: 11, kind: 'text', value: (i) => yes(i.closeRelative) },
  { header: '投诉举报', width: 10, kind: 'text', value: (i) => yes(i.complaint) },
  { header: '抽查人员', width: 16, kind: 'text', value: pair },
  { header: '核查方式', width: 10, kind: 'text', value: (i) => (i.finding ? inspectionMethodLabels[i.finding.method] : null) },
  { header: '核查日期', width: 12, kind: 'date', value: (i) => i.finding?.inspectedOn ?? null },
  { header: '核查结论', width: 11, kind: 'text', value: (i) => (i.finding ? findingLabels[i.finding.finding] : null) },
  { header: '核查情况', width: 40, kind: 'text', value: (i) => i.finding?.notes || null },
  { header: '整改要求', width: 40, kind: 'text', value: (i) => i.finding?.correction?.requirement ?? null },
  { header: '整改期限', width: 12, kind: 'date', value: (i) => i.finding?.correction?.deadline ?? null },
  { header: '整改状态', width: 10, kind: 'text', value: (i) => (i.finding?.correction ? correctionStatusLabels[i.finding.correction.status] : null) },
  { header: '整改结果', width: 30, kind: 'text', value: (i) => i.finding?.correction?.result || null },
  { header: '整改完成日期', width: 13, kind: 'date', value: (i) => i.finding?.correction?.closedOn ?? null },
];

export async function exportSample(ctx: BackendContext, user: SessionUser, drawId: string, outFile?: string): Promise<SavedFile> {
  const draw = await drawDetail(ctx.db, drawId, user);
  const today = chinaDateOf(ctx.clock.now());
  return saveExport(ctx, user, {
    document: 'sample',
    // Dated: findings and corrections change as the inspection goes on, and each day's list is kept.
    fileName: `抽查样本-${draw.id.slice(0, 8)}-${today.replace(/-/g, '')}.xlsx`,
    title: `抽查样本（${draw.periodStart} 至 ${draw.periodEnd}，比例 ${draw.rate}%）`,
    sheets: [tableSheet('抽查样本', sampleFields, draw.items)],
    entity: 'spot_check_draw',
    entityId: draw.id,
    citizenIds: 0,
    ...(outFile ? { outFile } : {}),
  });
}
