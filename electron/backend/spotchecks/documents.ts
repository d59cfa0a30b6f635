// A draw's documents: the one-page record, the inspectors' worksheet and the report (PDFs), and the
// files published so anyone can re-verify it: the manifest, and the sample as JSON (exactly what
// `sample draw --json` prints) and CSV. The sample is recomputed from the stored manifest, seed and rate
// and compared with the stored one before anything is written.
import type { PdfFile } from '../../../shared/pdf-file';
import { AppError } from '../../../shared/result';
import { parseManifest } from '../../../shared/sampling/manifest';
import { drawSample, type SampleResult } from '../../../shared/sampling/sampler';
import type { DrawDetail, DrawExport } from '../../../shared/spotcheck';
import { chinaDateOf } from '../../../shared/dates';
import type { SpotCheckDocData } from '../../../templates/spotcheck-parts';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import { exportFile, printPdf } from '../pdf/print';
import { currentUser } from '../session/session';
import { drawDetail, loadDraw } from './draw-view';

async function docData(ctx: BackendContext, drawId: string): Promise<{ data: SpotCheckDocData; userId: string }> {
  const user = await currentUser(ctx.db);
  const draw = await drawDetail(ctx.db, drawId, user);
  const district = await ctx.db.selectFrom('regions').select('name').where('code', '=', draw.districtCode).executeTakeFirstOrThrow();
  return { data: { draw, districtName: district.name, issuer: `${district.name}民政局`, printedOn: chinaDateOf(ctx.clock.now()) }, userId: user.id };
}

/** Short, stable prefix for a draw's file names. */
const stem = (drawId: string) => `spotcheck-${drawId.slice(0, 8)}`;

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

export async function exportDraw(ctx: BackendContext, drawId: string): Promise<DrawExport> {
  const user = await currentUser(ctx.db);
  const row = await loadDraw(ctx.db, drawId, user);
  const { data } = await docData(ctx, drawId);
  const result = publishedSample(data.draw, row.manifest_text);
  const name = stem(drawId);
  const files = [
    exportFile(ctx, `${name}-manifest.txt`, row.manifest_text),
    exportFile(ctx, `${name}-sample.json`, `${JSON.stringify(result)}\n`),
    exportFile(ctx, `${name}-sample.csv`, sampleCsv(result)),
    exportFile(ctx, `${name}-seed.txt`, `${row.seed}\n`),
  ];
  const record = await writeRecordPdf(ctx, drawId);
  await appendAudit(ctx.db, { actorId: user.id, action: 'spotcheck.export', entity: 'spot_check_draw', entityId: drawId, details: { files: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })) } }, ctx.clock.now());
  return { files: [...files, { fileName: record.fileName, path: record.path, bytes: record.bytes, sha256: record.sha256 }] };
}

export async function writeRecordPdf(ctx: BackendContext, drawId: string, outFile?: string): Promise<PdfFile> {
  const { data, userId } = await docData(ctx, drawId);
  return printPdf(ctx, {
    job: { template: 'spotCheckRecord', data },
    jobId: `spotcheck-record-${drawId}`,
    fileName: `${stem(drawId)}-record.pdf`,
    ...(outFile ? { outFile } : {}),
    actorId: userId,
    entity: 'spot_check_draw',
    entityId: drawId,
    details: { document: 'spotcheck-record' },
  });
}

export async function writeWorksheetPdf(ctx: BackendContext, drawId: string, streetCode?: string, outFile?: string): Promise<PdfFile> {
  const { data, userId } = await docData(ctx, drawId);
  if (streetCode && !data.draw.streetCodes.includes(streetCode)) throw new AppError('validation', '这次抽样没有纳入这个街道');
  const rows = data.draw.items.filter((i) => !streetCode || i.streetCode === streetCode).length;
  return printPdf(ctx, {
    job: { template: 'spotCheckWorksheet', data, ...(streetCode ? { streetCode } : {}) },
    jobId: `spotcheck-worksheet-${drawId}`,
    fileName: `${stem(drawId)}-worksheet${streetCode ? `-${streetCode}` : ''}.pdf`,
    ...(outFile ? { outFile } : {}),
    actorId: userId,
    entity: 'spot_check_draw',
    entityId: drawId,
    details: { document: 'spotcheck-worksheet', rows, ...(streetCode ? { streetCode } : {}) },
  });
}

export async function writeReportPdf(ctx: BackendContext, drawId: string, outFile?: string): Promise<PdfFile> {
  const { data, userId } = await docData(ctx, drawId);
  return printPdf(ctx, {
    job: { template: 'spotCheckReport', data },
    jobId: `spotcheck-report-${drawId}`,
    fileName: `${stem(drawId)}-report.pdf`,
    ...(outFile ? { outFile } : {}),
    actorId: userId,
    entity: 'spot_check_draw',
    entityId: drawId,
    details: { document: 'spotcheck-report', rows: data.draw.items.length },
  });
}
