// The refused rows of a check as a workbook, to hand back to whoever keyed the file: row, column, reason.
// It names people (the reasons do), so it is written and audited as every export is.
import type { ImportReport, RowRefusal } from '../../../shared/import/report';
import type { SessionUser } from '../../../shared/domain';
import type { SavedFile } from '../../../shared/saved-file';
import type { BackendContext } from '../context';
import { fileStamp, saveExport } from '../exports/export-file';
import { tableSheet, type Field } from '../spreadsheet/xlsx-write';

const fields: readonly Field<RowRefusal>[] = [
  { header: '行号', width: 8, kind: 'integer', value: (r) => (r.row === 0 ? null : r.row) },
  { header: '列', width: 20, kind: 'text', value: (r) => r.column },
  { header: '不能导入的原因', width: 90, kind: 'text', value: (r) => r.message },
];

function safeStem(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || '导入文件';
}

export function writeRefusals(ctx: BackendContext, user: SessionUser, report: ImportReport): Promise<SavedFile> {
  return saveExport(ctx, user, {
    document: 'import-refusals',
    fileName: `导入检查-${safeStem(report.fileName)}-${fileStamp(ctx.clock.now())}.xlsx`,
    title: `导入检查：${report.fileName}`,
    sheets: [tableSheet('不能导入的行', fields, report.refused)],
    entity: 'import',
    entityId: null,
    details: { sha256: report.sha256, refused: report.refused.length },
    citizenIds: 0,
  });
}
