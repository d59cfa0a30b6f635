// 公示名单: a notice batch as the community's board shows it, for a notice kept or passed on
// electronically. It is built from the same NoticeDocument as the printed notice, whose row type
// (shared/notice.ts NoticeRow) has no field for an ID number, phone, address, income, property, health
// or disability, so this file cannot hold one either: the household head's name masked as the
// settings say, the household size and the amount, with the community, category and change.
import type { SessionUser } from '../../../shared/domain';
import { caseCategoryLabels, caseKindLabels } from '../../../shared/glossary';
import type { NoticeRow } from '../../../shared/notice';
import type { SavedFile } from '../../../shared/saved-file';
import type { BackendContext } from '../context';
import { assertReadable, batchNoticeDocument } from '../notices/notice-pdf';
import { tableSheet, type Field } from '../spreadsheet/xlsx-write';
import { saveExport } from './export-file';

// The printed notice's columns, in its order and words.
export const noticeFields: readonly Field<NoticeRow>[] = [
  { header: '序号', width: 6, kind: 'integer', value: (r) => r.seq },
  { header: '社区', width: 14, kind: 'text', value: (r) => r.communityName },
  { header: '户主姓名', width: 10, kind: 'text', value: (r) => r.headName },
  { header: '保障人数', width: 9, kind: 'integer', value: (r) => r.householdSize },
  // A termination is announced as 0.00 here (停发 on paper); its 变动类型 says 停保.
  { header: '月保障金额（元）', width: 16, kind: 'yuan', value: (r) => r.amountFen },
  { header: '救助类别', width: 18, kind: 'text', value: (r) => caseCategoryLabels[r.category] },
  { header: '变动类型', width: 13, kind: 'text', value: (r) => (r.kind === null ? null : caseKindLabels[r.kind]) },
];

export async function exportNotice(ctx: BackendContext, user: SessionUser, batchId: string, outFile?: string): Promise<SavedFile> {
  const doc = await batchNoticeDocument(ctx, [batchId]);
  assertReadable(user, doc);
  const section = doc.sections[0]!;
  const period = doc.period ? `（${doc.period.start} 至 ${doc.period.end}）` : '';
  return saveExport(ctx, user, {
    document: 'notice',
    fileName: `公示-${section.communityCode}-${doc.period?.start ?? doc.issuedOn}.xlsx`,
    title: `${doc.title}${period}`,
    sheets: [tableSheet('公示名单', noticeFields, section.rows)],
    entity: 'notice_batch',
    entityId: batchId,
    citizenIds: 0,
    ...(outFile ? { outFile } : {}),
  });
}
