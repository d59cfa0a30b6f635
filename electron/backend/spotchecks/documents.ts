// A draw's documents: the one-page record, the inspectors' worksheet and the report (PDFs), and the
// files published so anyone can re-verify it: the manifest, the seed, the sample as JSON (exactly what
// `sample draw --json` prints) and CSV, and verify.html, which checks them in a browser. The sample is
// recomputed from the stored manifest, seed and rate and compared with the stored one before anything
// is written. The record is a published file too, so it is dated by the draw, not by the printing:
// the same draw gives the same bytes and the same hash whenever it is exported.
import type { PdfFile } from '../../../shared/pdf-file';
import { AppError, missingCase } from '../../../shared/result';
import { parseManifest } from '../../../shared/sampling/manifest';
import { drawSample, type SampleResult } from '../../../shared/sampling/sampler';
import type { DrawDetail, DrawExport } from '../../../shared/spotcheck';
import { chinaDateOf } from '../../../shared/dates';
import type { SpotCheckDocData } from '../../../templates/spotcheck-parts';
import { appendAudit } from '../audit/audit-log';
import { verifyPage } from './verify-page';
import type { BackendContext } from '../context';
import { exportFile, printPdf } from '../pdf/print';
import type { PdfJob } from '../pdf/pdf-jobs';
import type { SessionUser } from '../../../shared/domain';
import { drawDetail, loadDraw } from './draw-view';

type DocData = { data: SpotCheckDocData; userId: string };

/** `dated: 'draw'` dates the document by the draw (the published record), else by today. */
async function docData(ctx: BackendContext, user: SessionUser, drawId: string, dated: 'draw' | 'today'): Promise<DocData> {
  const draw = await drawDetail(ctx.db, drawId, user);
  const district = await ctx.db.selectFrom('regions').select('name').where('code', '=', draw.districtCode).executeTakeFirstOrThrow();
  const printedOn = chinaDateOf(dated === 'draw' ? draw.drawnAt : ctx.clock.now());
  return { data: { draw, districtName: district.name, issuer: `${district.name}民政局`, printedOn }, userId: user.id };
}

/** Short, stable prefix for a draw's file names. */
const stem = (drawId: string) => `spotcheck-${drawId.slice(0, 8)}`;

/** The name of one of a draw's published files in the export folder. */
export function publishedFileName(drawId: string, file: 'manifest' | 'seed' | 'sample'): string {
  switch (file) {
    case 'manifest':
      return `${stem(drawId)}-manifest.txt`;
    case 'seed':
      return `${stem(drawId)}-seed.txt`;
    case 'sample':
      return `${stem(drawId)}-sample.json`;
    default:
      return missingCase(file, 'published file');
  }
}

/** verify.html is the same page for every draw, so it has one name beside all of them. */
export const VERIFY_PAGE_FILE = 'verify.html';

/** The published sample, recomputed and checked against what is stored. */
export function publishedSample(draw: DrawDetail, manifestText: string): SampleResult {
  const result = drawSample(parseManifest(manifestText), draw.seed, draw.rate);
  const stored = [...draw.items].sort((a, b) => (a.streetCode + a.outcome).localeCompare(b.streetCode + b.outcome) || a.rank - b.rank);
  const same =
    stored.length === result.sample.length &&
    stored.every((s, k) => {
      const r = result.sample[k]!;
      return s.caseNo === r.caseNo && s.streetCode === r.street && s.outcome === r.outcome && s.ticket === r.ticket && s.rank === r.rank && s.reason === r.reason;
    });
  if (!same) throw new AppError('internal', '存储的样本与按清单、种子和比例重新计算的结果不一致，请检查数据库是否被改动');
  return result;
}

function sampleCsv(result: SampleResult): string {
  const lines = ['caseNo,street,outcome,ticket,rank,reason', ...result.sample.map((c) => [c.caseNo, c.street, c.outcome, c.ticket, c.rank, c.reason].join(','))];
  // A BOM and CRLF so that Excel on a Chinese Windows opens it as UTF-8; verification reads the JSON.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function exportDraw(ctx: BackendContext, user: SessionUser, drawId: string): Promise<DrawExport> {
  const row = await loadDraw(ctx.db, drawId, user);
  const docs = await docData(ctx, user, drawId, 'draw');
  const result = publishedSample(docs.data.draw, row.manifest_text);
  const files = [
    exportFile(ctx, publishedFileName(drawId, 'manifest'), row.manifest_text),
    exportFile(ctx, publishedFileName(drawId, 'sample'), `${JSON.stringify(result)}\n`),
    exportFile(ctx, `${stem(drawId)}-sample.csv`, sampleCsv(result)),
    exportFile(ctx, publishedFileName(drawId, 'seed'), `${row.seed}\n`),
    exportFile(ctx, VERIFY_PAGE_FILE, await verifyPage()),
  ];
  // The record is printed from the same read of the draw: a large sample is not loaded twice.
  const record = await printDrawDocument(ctx, docs, drawId, 'record');
  await appendAudit(ctx.db, { actorId: user.id, action: 'spotcheck.export', entity: 'spot_check_draw', entityId: drawId, details: { files: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })) } }, ctx.clock.now());
  return { files: [...files, { fileName: record.fileName, path: record.path, bytes: record.bytes, sha256: record.sha256 }] };
}

type DrawDocument = 'record' | 'worksheet' | 'report';

/** Renders one of a draw's PDFs, writes it (to `outFile`, or the export folder) and records the print. */
async function printDrawDocument(ctx: BackendContext, { data, userId }: DocData, drawId: string, document: DrawDocument, outFile?: string, streetCode?: string): Promise<PdfFile> {
  if (streetCode && !data.draw.streetCodes.includes(streetCode)) throw new AppError('validation', '这次抽样没有纳入这个街道');
  const job = ((): PdfJob => {
    switch (document) {
      case 'record':
        return { template: 'spotCheckRecord', data };
      case 'worksheet':
        return { template: 'spotCheckWorksheet', data, ...(streetCode ? { streetCode } : {}) };
      case 'report':
        return { template: 'spotCheckReport', data };
      default:
        return missingCase(document, 'spot-check document');
    }
  })();
  const rows = data.draw.items.filter((i) => !streetCode || i.streetCode === streetCode).length;
  return printPdf(ctx, {
    job,
    jobId: `spotcheck-${document}-${drawId}`,
    fileName: `${stem(drawId)}-${document}${streetCode ? `-${streetCode}` : ''}.pdf`,
    ...(outFile ? { outFile } : {}),
    actorId: userId,
    entity: 'spot_check_draw',
    entityId: drawId,
    details: { document: `spotcheck-${document}`, rows, ...(streetCode ? { streetCode } : {}) },
  });
}

export const writeRecordPdf = async (ctx: BackendContext, user: SessionUser, drawId: string, outFile?: string) => printDrawDocument(ctx, await docData(ctx, user, drawId, 'draw'), drawId, 'record', outFile);
export const writeWorksheetPdf = async (ctx: BackendContext, user: SessionUser, drawId: string, streetCode?: string, outFile?: string) =>
  printDrawDocument(ctx, await docData(ctx, user, drawId, 'today'), drawId, 'worksheet', outFile, streetCode);
export const writeReportPdf = async (ctx: BackendContext, user: SessionUser, drawId: string, outFile?: string) => printDrawDocument(ctx, await docData(ctx, user, drawId, 'today'), drawId, 'report', outFile);
