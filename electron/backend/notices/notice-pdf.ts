// Builds the privacy-safe NoticeDocument for a batch, a whole street's batches of one meeting, or a
// community's standing list, renders it and writes it to the export folder. Every print is audited.
import type { Kysely, Transaction } from 'kysely';
import type { CaseCategory } from '../../../shared/domain';
import { NoticeDocument, type NoticeRow, type NoticeSection } from '../../../shared/notice';
import type { PdfFile } from '../../../shared/pdf-file';
import { AppError } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { printPdf } from '../pdf/print';
import { canPrintPublicNotice, canRead } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import { assertAllowed } from '../session/access';
import { getSettings } from '../settings/settings';
import { officeOf } from '../regions/offices';
import { batchRows, standingRows } from './notice-rows';

type Reader = Kysely<Database> | Transaction<Database>;

/** 最低生活保障 when every row is 低保, 特困人员救助供养 when every row is 特困, else 社会救助. */
function programmeOf(rows: readonly NoticeRow[]): string {
  const categories = new Set<CaseCategory>(rows.map((r) => r.category));
  if (categories.size === 1 && categories.has('dibao')) return '最低生活保障';
  if (categories.size === 1 && categories.has('tekun')) return '特困人员救助供养';
  return '社会救助';
}

/** The issuer and where to object: the office of the street the notice is about, from its region. */
async function issuerOf(db: Reader, streetCode: string): Promise<Pick<NoticeDocument, 'issuer' | 'objection'>> {
  const office = await officeOf(db, streetCode);
  return { issuer: office.name, objection: { address: office.address, phone: office.phone, hotlines: office.hotlines } };
}

async function regionName(db: Reader, code: string): Promise<string> {
  const r = await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
  if (!r) throw new AppError('not-found', `没有区划代码为 ${code} 的地区`);
  return r.name;
}

async function batchSections(db: Reader, batchIds: readonly string[], settings: Settings): Promise<NoticeSection[]> {
  const sections: NoticeSection[] = [];
  for (const id of batchIds) {
    const b = await db.selectFrom('notice_batches as b').innerJoin('regions as cm', 'cm.code', 'b.community_code').select(['b.community_code', 'cm.name']).where('b.id', '=', id).executeTakeFirstOrThrow();
    sections.push({ communityCode: b.community_code, communityName: b.name, rows: await batchRows(db, id, settings.nameMasking) });
  }
  return sections;
}

/** The notice of one batch, or of several batches of the same meeting combined (one community per page run). */
export async function batchNoticeDocument(ctx: BackendContext, batchIds: readonly string[]): Promise<NoticeDocument> {
  const settings = await getSettings(ctx.db);
  const batches = await ctx.db
    .selectFrom('notice_batches as b')
    .leftJoin('meetings as m', 'm.id', 'b.meeting_id')
    .select(['b.id', 'b.street_code', 'b.start_date', 'b.end_date', 'm.month', 'm.issue_no'])
    .where('b.id', 'in', batchIds)
    .orderBy('b.community_code')
    .execute();
  const first = batches[0];
  if (!first || batches.length !== batchIds.length) throw new AppError('not-found', '没有找到这一批公示');
  // One document states one period; communities posted on different days are printed one by one.
  if (batches.some((b) => b.start_date !== first.start_date || b.end_date !== first.end_date)) {
    throw new AppError('conflict', '各社区的公示期不同，不能合并打印，请按社区分别打印');
  }
  const streetName = await regionName(ctx.db, first.street_code);
  const sections = await batchSections(ctx.db, batchIds, settings);
  const rows = sections.flatMap((s) => s.rows);
  const basis = first.month && first.issue_no ? `经${streetName}社会救助联审联批领导小组${first.month.slice(0, 4)}年第${first.issue_no}次会议审议` : `经${streetName}社会救助联审联批领导小组审议`;
  return NoticeDocument.parse({
    kind: 'batch',
    title: `${streetName}${programmeOf(rows)}拟审核确认对象公示`,
    streetName,
    ...(await issuerOf(ctx.db, first.street_code)),
    issuedOn: first.start_date,
    period: { start: first.start_date, end: first.end_date },
    basis,
    sections,
  });
}

export async function standingNoticeDocument(ctx: BackendContext, user: SessionUser, communityCode: string): Promise<NoticeDocument> {
  assertAllowed(canPrintPublicNotice(user, communityCode, '这个社区'));
  const settings = await getSettings(ctx.db);
  const streetName = await regionName(ctx.db, communityCode.slice(0, 9));
  const communityName = await regionName(ctx.db, communityCode);
  const today = ctx.clock.today();
  const rows = await standingRows(ctx.db, communityCode, settings.nameMasking, today);
  if (rows.length === 0) throw new AppError('conflict', `${communityName}目前没有享受社会救助的对象，无需长期公示`);
  return NoticeDocument.parse({
    kind: 'standing',
    title: `${streetName}${communityName}${programmeOf(rows)}对象长期公示`,
    streetName,
    ...(await issuerOf(ctx.db, communityCode.slice(0, 9))),
    issuedOn: today,
    period: null,
    basis: '根据社会救助公示公开制度',
    sections: [{ communityCode, communityName, rows }],
  });
}

/**
 * A document covers only what the user may read: every section of a batch inside their jurisdiction; a
 * standing list, which is public anyway, inside their district.
 */
export function assertReadable(user: SessionUser, doc: NoticeDocument): void {
  const rule = doc.kind === 'standing' ? canPrintPublicNotice : canRead;
  for (const s of doc.sections) assertAllowed(rule(user, s.communityCode, s.communityName));
}

async function writeNotice(ctx: BackendContext, user: SessionUser, doc: NoticeDocument, fileName: string, entity: { entity: string; entityId: string }, outFile?: string): Promise<PdfFile> {
  assertReadable(user, doc);
  const rows = doc.sections.reduce((n, s) => n + s.rows.length, 0);
  return printPdf(ctx, {
    job: { template: 'notice', data: doc },
    jobId: `notice-${entity.entityId}`,
    fileName,
    ...(outFile ? { outFile } : {}),
    actorId: user.id,
    ...entity,
    details: { document: `notice-${doc.kind}`, rows },
  });
}

export async function writeBatchNotice(ctx: BackendContext, user: SessionUser, batchId: string, outFile?: string): Promise<PdfFile> {
  const doc = await batchNoticeDocument(ctx, [batchId]);
  // Named by community and start date: a community's later notices (a new one after an objection) never
  // overwrite an earlier one in the export folder.
  const fileName = `notice-${doc.sections[0]!.communityCode}-${doc.period?.start ?? doc.issuedOn}.pdf`;
  return writeNotice(ctx, user, doc, fileName, { entity: 'notice_batch', entityId: batchId }, outFile);
}

/** All batches of one meeting in one file, each community starting on a new page, for printing at once. */
export async function writeStreetNotice(ctx: BackendContext, user: SessionUser, meetingId: string, outFile?: string): Promise<PdfFile> {
  const batches = await ctx.db
    .selectFrom('notice_batches')
    .select(['id', 'street_code'])
    .where('meeting_id', '=', meetingId)
    .where('status', '<>', 'ended')
    .orderBy('community_code')
    .execute();
  const first = batches[0];
  if (!first) throw new AppError('not-found', '这次会议没有待张贴或公示中的公示');
  const doc = await batchNoticeDocument(ctx, batches.map((b) => b.id));
  const month = await ctx.db.selectFrom('meetings').select('month').where('id', '=', meetingId).executeTakeFirstOrThrow();
  return writeNotice(ctx, user, doc, `notice-${first.street_code}-${month.month}.pdf`, { entity: 'meeting', entityId: meetingId }, outFile);
}

export async function writeStandingNotice(ctx: BackendContext, user: SessionUser, communityCode: string, outFile?: string): Promise<PdfFile> {
  const doc = await standingNoticeDocument(ctx, user, communityCode);
  return writeNotice(ctx, user, doc, `standing-${communityCode}.pdf`, { entity: 'community', entityId: communityCode }, outFile);
}
