// Where every export goes and what it leaves behind: the workbook in the export folder (or the file the
// CLI was given), and one audit entry of who exported what (DESIGN.md §9). The entry holds ids, codes
// and counts (rows, full ID numbers written) and the file's SHA-256, never a name or an ID number. It
// is appended before the file is written, so no file with ID numbers exists that the log does not know.
import { join } from 'node:path';
import type { SessionUser } from '../../../shared/domain';
import type { SavedFile } from '../../../shared/saved-file';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import { writePrivateFile } from '../pdf/print';
import { savedFileOf, writeWorkbook, type Sheet } from '../spreadsheet/xlsx-write';

export type ExportRequest = {
  /** Which export (cases, decisions, notice, sample), as the audit entry names it. */
  document: string;
  fileName: string;
  /** The workbook's title property. */
  title: string;
  sheets: readonly Sheet[];
  /** What the export is of, for the audit entry: e.g. ('meeting', its id). */
  entity: string;
  entityId: string | null;
  /** More for the audit entry: codes and flags only. */
  details?: Record<string, unknown>;
  /** Full ID numbers in the file (0 where none or only masked ones). */
  citizenIds: number;
  outFile?: string;
};

export async function saveExport(ctx: BackendContext, user: SessionUser, request: ExportRequest): Promise<SavedFile> {
  const path = request.outFile ?? join(ctx.paths.exportDir, request.fileName);
  const bytes = writeWorkbook(request.sheets, request.title);
  const file = savedFileOf(path, bytes, request.sheets);
  const details = { document: request.document, rows: file.rows, sha256: file.sha256, ...(request.citizenIds > 0 ? { citizenIds: request.citizenIds } : {}), ...request.details };
  await appendAudit(ctx.db, { actorId: user.id, action: 'export.xlsx', entity: request.entity, entityId: request.entityId, details }, ctx.clock.now());
  writePrivateFile(path, bytes);
  return file;
}

/** 2026-11-20T02:05:09Z → 20261120-100509, China time: a file name's stamp, sortable and safe on Windows. */
export function fileStamp(instant: string): string {
  const local = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10).replace(/-/g, '')}-${local.slice(11, 19).replace(/:/g, '')}`;
}
