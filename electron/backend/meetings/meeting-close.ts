// 结束 (close): only when every item on the agenda has an outcome. In one transaction the decisions take
// effect on their cases and households, the meeting is frozen, and the minutes (纪要) are rendered and
// their SHA-256 stored; if the PDF cannot be made (say a font lacks a glyph) nothing is closed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { chinaDateOf } from '../../../shared/dates';
import type { Outcome } from '../../../shared/domain';
import { MeetingDetail, type CloseResult, type MeetingArgs, type MinutesFile } from '../../../shared/meeting';
import type { PdfFile } from '../../../shared/pdf-file';
import { AppError, missingCase } from '../../../shared/result';
import { outcomeLabels } from '../../../shared/glossary';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { renderJob } from '../pdf/render-job';
import { currentUser } from '../session/session';
import { getSettings } from '../settings/settings';
import { changeMeeting } from './meeting-change';
import { meetingDetail } from './meeting-view';

type Trx = Transaction<Database>;

function caseStatusAfter(outcome: Outcome): 'approved' | 'rejected' | 'deferred' {
  switch (outcome) {
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'defer':
      return 'deferred';
    default:
      return missingCase(outcome, 'outcome');
  }
}

/** What a final decision does to the household's assistance (the central server applies the same). */
async function applyToHousehold(trx: Trx, caseId: string, outcome: Outcome, amountFen: number | null, decidedOn: string, at: string): Promise<void> {
  const c = await trx.selectFrom('cases').select(['household_id', 'kind', 'category']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const household = trx.updateTable('households').where('id', '=', c.household_id);
  if (outcome === 'defer') return;
  if (outcome === 'reject') {
    if (c.kind === 'new_application') {
      await household.set({ assistance_status: 'none', category: null, updated_at: at }).where('assistance_status', '=', 'applicant').execute();
    }
    return;
  }
  switch (c.kind) {
    case 'new_application':
      await household
        .set({
          assistance_status: 'active',
          category: c.category === 'temporary' ? null : c.category,
          monthly_amount_fen: amountFen ?? 0,
          assisted_since: decidedOn,
          updated_at: at,
        })
        .execute();
      return;
    case 'increase':
    case 'decrease':
    case 're_review':
      if (amountFen !== null) await household.set({ monthly_amount_fen: amountFen, updated_at: at }).execute();
      return;
    case 'phase_out':
      await household.set({ assistance_status: 'phasing_out', ...(amountFen !== null ? { monthly_amount_fen: amountFen } : {}), updated_at: at }).execute();
      return;
    case 'termination':
      await household.set({ assistance_status: 'terminated', monthly_amount_fen: 0, updated_at: at }).execute();
      return;
    case 'temporary':
      return; // a one-off payment: the household's monthly assistance does not change
    default:
      missingCase(c.kind, 'case kind');
  }
}

async function minutesFileName(db: Kysely<Database> | Trx, meeting: Pick<MeetingDetail, 'id' | 'streetCode' | 'month' | 'issueNo'>): Promise<string> {
  const sameMonth = await db.selectFrom('meetings').select('id').where('street_code', '=', meeting.streetCode).where('month', '=', meeting.month).where('id', '<>', meeting.id).executeTakeFirst();
  // A second meeting in a month gets its issue number so the first one's minutes are never overwritten.
  return `minutes-${meeting.streetCode}-${meeting.month}${sameMonth ? `-${meeting.issueNo}` : ''}.pdf`;
}

async function renderMinutes(ctx: BackendContext, db: Kysely<Database> | Trx, detail: MeetingDetail) {
  const settings = await getSettings(db);
  return renderJob(ctx, { template: 'minutes', data: { officeName: settings.officeName, streetName: detail.streetName, meeting: detail } }, `minutes-${detail.id}`);
}

function writePdf(path: string, buffer: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buffer, { mode: 0o600 });
}

/**
 * The record the minutes are rendered from and frozen with: the meeting as closed, without the household
 * members' details (the minutes need only the household size, and the frozen copy should hold no more
 * personal data than the document itself).
 */
function minutesRecord(detail: MeetingDetail): MeetingDetail {
  return { ...detail, noticeDue: 0, items: detail.items.map((i) => ({ ...i, case: { ...i.case, members: [] } })) };
}

/** The frozen record of a meeting closed by this app, or the live one for history written elsewhere. */
async function recordForMinutes(ctx: BackendContext, meetingId: string): Promise<MeetingDetail> {
  const row = await ctx.db.selectFrom('meetings').select('minutes_json').where('id', '=', meetingId).executeTakeFirst();
  if (row?.minutes_json) {
    const parsed = MeetingDetail.safeParse(JSON.parse(row.minutes_json));
    if (parsed.success) return parsed.data;
  }
  return minutesRecord(await meetingDetail(ctx.db, meetingId, await getSettings(ctx.db)));
}

export async function closeMeeting(ctx: BackendContext, args: MeetingArgs['close']): Promise<CloseResult> {
  let minutes: { file: PdfFile; buffer: Buffer } | null = null;
  const meeting = await changeMeeting(ctx, args.meetingId, 'meetings.close', ['in_session'], async ({ trx, meeting, settings, at }) => {
    const before = await meetingDetail(trx, meeting.id, settings);
    const live = before.items.filter((i) => !i.removed);
    const open = live.filter((i) => i.decision === null);
    if (open.length > 0) {
      throw new AppError('conflict', `还有 ${open.length} 个议题没有作出决定（第 ${open.map((i) => i.number).join('、')} 项），不能结束会议`);
    }
    const decidedOn = chinaDateOf(at);
    const cases: { caseId: string; expectedVersion: number; status: string }[] = [];
    for (const item of live) {
      const d = item.decision;
      if (!d) continue;
      const status = caseStatusAfter(d.outcome);
      await trx.updateTable('cases').set({ status, updated_at: at }).where('id', '=', item.case.id).execute();
      await applyToHousehold(trx, item.case.id, d.outcome, d.amountFen, decidedOn, at);
      // An objection raised during a notice is answered by the leading group's new decision on the case.
      if (d.outcome !== 'defer') {
        await trx
          .updateTable('objections')
          .set({ status: 'resolved', resolution: `经${meeting.month.slice(0, 4)}年第${meeting.issue_no}次联审联批会议重新审议，决定：${outcomeLabels[d.outcome]}`, updated_at: at })
          .where('case_id', '=', item.case.id)
          .where('status', '=', 'open')
          .execute();
      }
      cases.push({ caseId: item.case.id, expectedVersion: item.case.version, status });
    }
    await trx.updateTable('meetings').set({ status: 'closed', closed_at: at }).where('id', '=', meeting.id).execute();
    const closed = minutesRecord(await meetingDetail(trx, meeting.id, settings));
    const pdf = await renderMinutes(ctx, trx, closed);
    await trx.updateTable('meetings').set({ minutes_sha256: pdf.sha256, minutes_json: JSON.stringify(closed) }).where('id', '=', meeting.id).execute();
    const fileName = await minutesFileName(trx, closed);
    const path = join(ctx.paths.exportDir, fileName);
    minutes = { file: { fileName, path, pages: pdf.pages, bytes: pdf.buffer.length, sha256: pdf.sha256 }, buffer: pdf.buffer };
    const count = (o: Outcome) => live.filter((i) => i.decision?.outcome === o).length;
    return {
      args: { closedAt: at, minutesSha256: pdf.sha256, cases },
      audit: [
        {
          action: 'meeting.close',
          entity: 'meeting',
          entityId: meeting.id,
          details: { items: live.length, approved: count('approve'), rejected: count('reject'), deferred: count('defer'), minutesSha256: pdf.sha256 },
        },
        { action: 'pdf.print', entity: 'meeting', entityId: meeting.id, details: { document: 'minutes', sha256: pdf.sha256, pages: pdf.pages } },
      ],
    };
  });
  const done = minutes as { file: PdfFile; buffer: Buffer } | null;
  if (!done) throw new Error('close finished without minutes');
  // Written after the commit, so a refused close never leaves a file behind; if writing fails, the
  // meeting is closed and 纪要 renders the identical file again from the frozen record.
  writePdf(done.file.path, done.buffer);
  return { meeting, minutes: done.file };
}

/** Renders the minutes of a closed meeting again (for printing or saving) and reports the file. */
export async function writeMinutes(ctx: BackendContext, meetingId: string, outFile?: string): Promise<MinutesFile> {
  const user = await currentUser(ctx.db);
  const detail = await recordForMinutes(ctx, meetingId);
  if (!detail.streetCode.startsWith(user.regionCode)) throw new AppError('forbidden', '这次会议不在您的管辖范围内');
  if (detail.status !== 'closed') throw new AppError('conflict', '会议结束后才能生成纪要');
  const pdf = await renderMinutes(ctx, ctx.db, detail);
  const fileName = await minutesFileName(ctx.db, detail);
  const path = outFile ?? join(ctx.paths.exportDir, fileName);
  writePdf(path, pdf.buffer);
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, { actorId: user.id, action: 'pdf.print', entity: 'meeting', entityId: meetingId, details: { document: 'minutes', sha256: pdf.sha256, pages: pdf.pages } }, ctx.clock.now()),
    );
  // The frozen record predates its own hash, so compare with the hash stored on the meeting row.
  const stored = await ctx.db.selectFrom('meetings').select('minutes_sha256').where('id', '=', meetingId).executeTakeFirstOrThrow();
  return { fileName, path, pages: pdf.pages, bytes: pdf.buffer.length, sha256: pdf.sha256, storedSha256: stored.minutes_sha256 };
}
