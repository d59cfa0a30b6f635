// Writing what the app produces to disk, readable by the OS user only, and recording every print and
// export in the audit log (DESIGN.md §9).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { PdfFile } from '../../../shared/pdf-file';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { PdfJob } from './pdf-jobs';
import { renderJob } from './render-job';

export function writePrivateFile(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes, { mode: 0o600 });
}

export type ExportedFile = { fileName: string; path: string; bytes: number; sha256: string };

/** Writes one file into the export folder (or `outFile`) and says what it wrote. */
export function exportFile(ctx: BackendContext, fileName: string, content: Uint8Array | string, outFile?: string): ExportedFile {
  const path = outFile ?? join(ctx.paths.exportDir, fileName);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writePrivateFile(path, bytes);
  return { fileName, path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export type PrintRequest = {
  job: PdfJob;
  jobId: string;
  fileName: string;
  outFile?: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  /** What the audit entry says about the document: ids and counts, never names. */
  details: Record<string, unknown>;
};

/** Renders a PDF off the main thread, writes it and records the print. */
export async function printPdf(ctx: BackendContext, request: PrintRequest): Promise<PdfFile> {
  const pdf = await renderJob(ctx, request.job, request.jobId);
  const path = request.outFile ?? join(ctx.paths.exportDir, request.fileName);
  writePrivateFile(path, pdf.buffer);
  await appendAudit(
    ctx.db,
    { actorId: request.actorId, action: 'pdf.print', entity: request.entity, entityId: request.entityId, details: { ...request.details, sha256: pdf.sha256, pages: pdf.pages } },
    ctx.clock.now(),
  );
  return { fileName: request.fileName, path, pages: pdf.pages, bytes: pdf.buffer.length, sha256: pdf.sha256 };
}
