// 结束 (close): only when every item on the agenda has an outcome. In one transaction the decisions are
// final on their cases, the meeting is frozen, and the minutes (纪要) are rendered and their SHA-256
// stored; if the PDF cannot be made (say a font lacks a glyph) nothing is closed. What a decision does to
// the household's assistance is not written here: it takes effect on its day (the day after a clean
// notice, or today for what is not announced), derived by cases/assistance.ts.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { canRead } from '../../../shared/access';
import { caseStatusAfter } from '../../../shared/decision-effects';
import type { Outcome, SessionUser } from '../../../shared/domain';
import { MeetingDetail, meetingArgs, type CloseResult, type DecisionView, type MinutesFile } from '../../../shared/meeting';
import type { PdfFile } from '../../../shared/pdf-file';
import { AppError } from '../../../shared/result';
import { outcomeLabels } from '../../../shared/glossary';
import { appendAudit } from '../audit/audit-log';
import { defineCommand, type CommandEnv } from '../commands/command';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { renderJob } from '../pdf/render-job';
import { officeOf } from '../regions/offices';
import { assertAllowed } from '../session/access';
import { settingsOfMeeting } from '../settings/settings';
import { beginMeetingChange, meetingOf, meetingReply, meetingWriter } from './meeting-load';
import { meetingDetail } from './meeting-view';

type Trx = Transaction<Database>;

/** The items still on the agenda, numbered as the screen numbers them, each with its standing decision. */
async function liveItems(trx: Trx, meetingId: string) {
  const rows = await trx
    .selectFrom('agenda_items as a')
    .leftJoin('decisions as d', (j) => j.onRef('d.agenda_item_id', '=', 'a.id'))
    .select(['a.case_id', 'd.id as decision_id', 'd.outcome', 'd.amount_fen', 'd.decided_at'])
    .where('a.meeting_id', '=', meetingId)
    .where('a.removed', '=', 0)
    .orderBy('a.seq')
    .execute();
  return rows.map((r, i) => ({
    number: i + 1,
    caseId: r.case_id,
    decision: r.decision_id && r.outcome ? { outcome: r.outcome, amountFen: r.amount_fen, decidedAt: r.decided_at ?? '' } : null,
  }));
}

export async function minutesFileName(db: Kysely<Database> | Trx, meeting: Pick<MeetingDetail, 'id' | 'streetCode' | 'month' | 'issueNo'>): Promise<string> {
  const sameMonth = await db.selectFrom('meetings').select('id').where('street_code', '=', meeting.streetCode).where('month', '=', meeting.month).where('id', '<>', meeting.id).executeTakeFirst();
  // A second meeting in a month gets its issue number so the first one's minutes are never overwritten.
  return `minutes-${meeting.streetCode}-${meeting.month}${sameMonth ? `-${meeting.issueNo}` : ''}.pdf`;
}

function renderMinutes(env: CommandEnv, officeName: string, detail: MeetingDetail) {
  return renderJob(env, { template: 'minutes', data: { officeName, streetName: detail.streetName, meeting: detail } }, `minutes-${detail.id}`);
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
  // Nor what may change after the close: the choices for correcting and any later correction of its decisions.
  return {
    ...detail,
    noticeDue: 0,
    items: detail.items.map(({ earlierDecisions: _choices, ...i }) => ({ ...i, decision: i.decision && frozenDecision(i.decision), case: { ...i.case, members: [] } })),
  };
}

/** A decision as frozen: the link to what it corrects only when there is one, so other records stay as they were. */
function frozenDecision({ supersededBy: _later, supersedes, ...d }: DecisionView): DecisionView {
  return supersedes ? { ...d, supersedes } : d;
}

/** The frozen record of a meeting closed by this app, or the live one for history written elsewhere. */
async function recordForMinutes(ctx: BackendContext, meetingId: string): Promise<MeetingDetail> {
  const row = await ctx.db.selectFrom('meetings').select('minutes_json').where('id', '=', meetingId).executeTakeFirst();
  if (row?.minutes_json) {
    const parsed = MeetingDetail.safeParse(JSON.parse(row.minutes_json));
    if (parsed.success) return parsed.data;
  }
  return minutesRecord(await meetingDetail(ctx.db, meetingId, await settingsOfMeeting(ctx.db, meetingId, ctx.clock.today())));
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const isOfficeName = (v: string) => v.trim().length > 0 && v.length <= 60;

export const closeMeeting = defineCommand({
  name: 'meetings.close',
  label: '结束会议',
  args: meetingArgs.close,
  load: meetingOf,
  access: meetingWriter,
  async run(cx, _args, meeting) {
    await beginMeetingChange(cx, meeting, ['in_session']);
    cx.notBefore(meeting.opened_at, '会议开始时间');
    const { trx, at } = cx;
    const settings = await cx.settings();
    const live = await liveItems(trx, meeting.id);
    const open = live.filter((i) => i.decision === null);
    if (open.length > 0) {
      throw new AppError('conflict', `还有 ${open.length} 个议题没有作出决定（第 ${open.map((i) => i.number).join('、')} 项），不能结束会议`);
    }
    for (const item of live) {
      const d = item.decision;
      if (!d) continue;
      cx.notBefore(d.decidedAt, `第 ${item.number} 项决定的时间`);
      // The decisions rest on each case as the meeting saw it; one changed elsewhere is a conflict.
      await cx.expect('cases', item.caseId);
      await trx.updateTable('cases').set({ status: caseStatusAfter(d.outcome), updated_at: at }).where('id', '=', item.caseId).execute();
      // An objection raised during a notice is answered by the leading group's new decision on the case.
      if (d.outcome !== 'defer') {
        await trx
          .updateTable('objections')
          .set({ status: 'resolved', resolution: `经${meeting.month.slice(0, 4)}年第${meeting.issue_no}次联审联批会议重新审议，决定：${outcomeLabels[d.outcome]}`, updated_at: at })
          .where('case_id', '=', item.caseId)
          .where('status', '=', 'open')
          .execute();
      }
    }
    await trx.updateTable('meetings').set({ status: 'closed', closed_at: at }).where('id', '=', meeting.id).execute();
    const closed = minutesRecord(await meetingDetail(trx, meeting.id, settings, { withNoticeDue: false }));
    const recordJson = JSON.stringify(closed);
    cx.claim('minutesRecordSha256', sha256Hex(recordJson), '会议记录与中心数据库据以生成纪要的记录不一致（可能有决定或出席情况在中心数据库已不同），中心数据库拒绝接收');
    // The minutes carry the office name this desk printed them with (its street's, from the region
    // record); the centre renders the same text, even if the bureau renamed the office meanwhile.
    const streetOffice = await officeOf(trx, meeting.street_code);
    const officeName = cx.chosen('officeName', () => streetOffice.name, isOfficeName);
    const fileName = await minutesFileName(trx, closed);
    let minutes: PdfFile;
    let minutesSha256: string;
    if (cx.site === 'desk') {
      const pdf = await renderMinutes(cx.env, officeName, closed);
      cx.claim('minutesFonts', pdf.fonts, '');
      cx.claim('minutesSha256', pdf.sha256, '');
      minutesSha256 = pdf.sha256;
      const path = join(cx.env.paths.exportDir, fileName);
      minutes = { fileName, path, pages: pdf.pages, bytes: pdf.buffer.length, sha256: pdf.sha256 };
      // Written after the commit, so a refused close never leaves a file behind; if writing fails, the
      // meeting is closed and 纪要 renders the identical file again from the frozen record.
      cx.afterCommit(() => writePdf(path, pdf.buffer));
    } else {
      // The record the minutes print was compared above. Rendering them again takes seconds for a long
      // meeting, so the centre keeps the desk's file hash now and checks it after the commit, off the
      // request, with the same fonts where it has them; the outcome goes to its audit log.
      const claimed = cx.claimed('minutesSha256');
      const fonts = cx.claimed('minutesFonts');
      if (typeof claimed !== 'string' || !/^[0-9a-f]{64}$/.test(claimed)) throw new AppError('invalid-args', '结束会议的修改缺少纪要的哈希值，中心数据库拒绝接收');
      minutesSha256 = claimed;
      minutes = { fileName, path: '', pages: 0, bytes: 0, sha256: claimed };
      const env = cx.env;
      cx.afterCommit(async (audit) => {
        const pdf = await renderMinutes(env, officeName, closed);
        const outcome = pdf.fonts !== fonts ? 'meeting.minutes_other_fonts' : pdf.sha256 === claimed ? 'meeting.minutes_verified' : 'meeting.minutes_mismatch';
        await audit({ action: outcome, entity: 'meeting', entityId: meeting.id, details: { claimedSha256: claimed, renderedSha256: pdf.sha256 } });
      });
    }
    await trx.updateTable('meetings').set({ minutes_sha256: minutesSha256, minutes_json: recordJson }).where('id', '=', meeting.id).execute();
    const count = (o: Outcome) => live.filter((i) => i.decision?.outcome === o).length;
    cx.audit({
      action: 'meeting.close',
      entity: 'meeting',
      entityId: meeting.id,
      details: { items: live.length, approved: count('approve'), rejected: count('reject'), deferred: count('defer'), minutesSha256 },
    });
    if (cx.site === 'desk') cx.audit({ action: 'pdf.print', entity: 'meeting', entityId: meeting.id, details: { document: 'minutes', sha256: minutes.sha256, pages: minutes.pages } });
    return { meetingId: meeting.id, minutes };
  },
  reply: async (db, user, closed): Promise<CloseResult> => ({ meeting: await meetingReply(db, user, closed.meetingId), minutes: closed.minutes }),
});

/** Renders the minutes of a closed meeting again (for printing or saving) and reports the file. */
export async function writeMinutes(ctx: BackendContext, user: SessionUser, meetingId: string, outFile?: string): Promise<MinutesFile> {
  const detail = await recordForMinutes(ctx, meetingId);
  assertAllowed(canRead(user, detail.streetCode, '这次会议'));
  if (detail.status !== 'closed') throw new AppError('conflict', '会议结束后才能生成纪要');
  const pdf = await renderMinutes(ctx, (await officeOf(ctx.db, detail.streetCode)).name, detail);
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
