// Notice batches (DESIGN.md §5): one per community from the approvals of a closed meeting, posted for
// at least 7 days (end = start + 6), draft → posted → ended. An objection during the period sends the
// case back for re-investigation; it returns to the next meeting's agenda and, once decided again, is
// due for a new notice. Every change carries its outbox row and audit entry in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { addDays, chinaDateOf, formatChineseDate, formatChineseMonth } from '../../../shared/dates';
import type { NoticeStatus, SessionUser } from '../../../shared/domain';
import { noticeStatusLabels, type MutationName } from '../../../shared/glossary';
import { MIN_NOTICE_DAYS, noticeableKinds, type NoticeArgs, type NoticeBatchDetail, type NoticeBatchSummary, type NoticeDueMeeting } from '../../../shared/notice';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';
import { assertStreetWriter, assertWithin } from '../session/access';
import { currentUser } from '../session/session';
import { getSettings } from '../settings/settings';
import { mutate, recordMutation } from '../sync/outbox';
import { agendaSort } from '../meetings/agenda-order';

type Reader = Kysely<Database> | Transaction<Database>;

const meetingLabel = (m: { month: string; issue_no: number } | null) => (m ? `${formatChineseMonth(m.month)}第${m.issue_no}期会议` : '');

/** Cases of a closed meeting approved with a change to announce and not yet on one of its batches. */
function dueCases(db: Reader, meetingId: string) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .select(['c.id', 'c.case_no', 'c.community_code', 'cm.name as community_name', 'c.kind', 'c.applied_on', 'c.street_code'])
    .where('d.meeting_id', '=', meetingId)
    .where('d.outcome', '=', 'approve')
    .where('d.supersedes_id', 'is', null)
    .where('c.kind', 'in', noticeableKinds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('notice_items as i')
            .innerJoin('notice_batches as b', 'b.id', 'i.batch_id')
            .select('i.id')
            .whereRef('i.case_id', '=', 'c.id')
            .where('b.meeting_id', '=', meetingId),
        ),
      ),
    );
}

export async function noticeDueCount(db: Reader, meetingId: string): Promise<number> {
  return (await dueCases(db, meetingId).execute()).length;
}

export async function listBatches(db: Reader, jurisdiction: string): Promise<NoticeBatchSummary[]> {
  const [lo, hi] = codeRange(jurisdiction);
  const rows = await db
    .selectFrom('notice_batches as b')
    .innerJoin('regions as cm', 'cm.code', 'b.community_code')
    .leftJoin('meetings as m', 'm.id', 'b.meeting_id')
    .select((eb) => [
      'b.id',
      'b.meeting_id',
      'm.month',
      'm.issue_no',
      'b.street_code',
      'b.community_code',
      'cm.name as community_name',
      'b.start_date',
      'b.end_date',
      'b.status',
      'b.posted_at',
      eb.selectFrom('notice_items as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.batch_id', '=', 'b.id').as('items'),
      eb.selectFrom('objections as o').select(eb.fn.countAll<number>().as('n')).whereRef('o.batch_id', '=', 'b.id').where('o.status', '=', 'open').as('open_objections'),
    ])
    .where('b.community_code', '>=', lo)
    .where('b.community_code', '<', hi)
    .orderBy('b.start_date', 'desc')
    .orderBy('b.community_code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    meetingLabel: meetingLabel(r.month !== null && r.issue_no !== null ? { month: r.month, issue_no: r.issue_no } : null),
    streetCode: r.street_code,
    communityCode: r.community_code,
    communityName: r.community_name,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    postedAt: r.posted_at,
    itemCount: Number(r.items ?? 0),
    openObjections: Number(r.open_objections ?? 0),
  }));
}

export async function batchDetail(db: Reader, batchId: string, jurisdiction: string): Promise<NoticeBatchDetail> {
  const summary = (await listBatches(db, jurisdiction)).find((b) => b.id === batchId);
  if (!summary) throw new AppError('not-found', '没有找到这一批公示，或它不在您的管辖范围内');
  const items = await db
    .selectFrom('notice_items as i')
    .innerJoin('notice_batches as b', 'b.id', 'i.batch_id')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .leftJoin('decisions as d', (j) => j.onRef('d.case_id', '=', 'c.id').onRef('d.meeting_id', '=', 'b.meeting_id').on('d.supersedes_id', 'is', null))
    .select((eb) => [
      'i.id',
      'i.seq',
      'c.id as case_id',
      'c.case_no',
      'head.name as head_name',
      eb.selectFrom('members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.household_id', '=', 'c.household_id').as('size'),
      'd.amount_fen',
      'c.category',
      'c.kind',
      'c.status',
    ])
    .where('i.batch_id', '=', batchId)
    .orderBy('i.seq')
    .execute();
  const objections = await db
    .selectFrom('objections as o')
    .innerJoin('cases as c', 'c.id', 'o.case_id')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .select(['o.id', 'o.case_id', 'head.name as head_name', 'o.received_at', 'o.objector', 'o.channel', 'o.content', 'o.status', 'o.resolution'])
    .where('o.batch_id', '=', batchId)
    .orderBy('o.received_at')
    .execute();
  return {
    ...summary,
    items: items.map((r) => ({
      id: r.id,
      seq: r.seq,
      caseId: r.case_id,
      caseNo: r.case_no,
      headName: r.head_name,
      householdSize: Number(r.size ?? 0),
      amountFen: r.kind === 'termination' ? 0 : (r.amount_fen ?? 0),
      category: r.category,
      kind: r.kind,
      caseStatus: r.status,
    })),
    objections: objections.map((o) => ({
      id: o.id,
      caseId: o.case_id,
      headName: o.head_name,
      receivedAt: o.received_at,
      objector: o.objector,
      channel: o.channel,
      content: o.content,
      status: o.status,
      resolution: o.resolution,
    })),
  };
}

export async function dueMeetings(db: Reader, jurisdiction: string): Promise<NoticeDueMeeting[]> {
  const [lo, hi] = codeRange(jurisdiction);
  const meetings = await db
    .selectFrom('meetings')
    .select(['id', 'month', 'issue_no', 'closed_at'])
    .where('status', '=', 'closed')
    .where('street_code', '>=', lo)
    .where('street_code', '<', hi)
    .orderBy('closed_at', 'desc')
    .limit(24)
    .execute();
  const result: NoticeDueMeeting[] = [];
  for (const m of meetings) {
    const cases = await dueCases(db, m.id).execute();
    if (cases.length === 0) continue;
    const byCommunity = new Map<string, { communityCode: string; communityName: string; cases: number }>();
    for (const c of cases) {
      const entry = byCommunity.get(c.community_code) ?? { communityCode: c.community_code, communityName: c.community_name, cases: 0 };
      entry.cases++;
      byCommunity.set(c.community_code, entry);
    }
    result.push({ meetingId: m.id, label: meetingLabel(m), closedOn: chinaDateOf(m.closed_at ?? ''), communities: [...byCommunity.values()].sort((a, b) => (a.communityCode < b.communityCode ? -1 : 1)) });
  }
  return result;
}

function periodProblem(startDate: string, endDate: string, earliestStart: string): string | null {
  if (startDate < earliestStart) return `公示不能早于会议作出决定的日期（${formatChineseDate(earliestStart)}）开始`;
  const earliestEnd = addDays(startDate, MIN_NOTICE_DAYS - 1);
  if (endDate < earliestEnd) return `公示期不得少于 ${MIN_NOTICE_DAYS} 天：自${formatChineseDate(startDate)}起，最早到${formatChineseDate(earliestEnd)}结束`;
  return null;
}

type Scope = { trx: Transaction<Database>; user: SessionUser; at: string; today: string };

async function finish(scope: Scope, mutation: MutationName, args: Record<string, unknown>, audit: { action: string; entity: string; entityId: string; details: Record<string, unknown> }) {
  await recordMutation(scope.trx, mutation, args, scope.at);
  await appendAudit(scope.trx, { actorId: scope.user.id, ...audit }, scope.at);
}

export async function createFromMeeting(ctx: BackendContext, args: NoticeArgs['createFromMeeting']): Promise<NoticeBatchSummary[]> {
  return mutate(ctx.db, async (trx) => {
    const user = await currentUser(trx);
    const meeting = await trx.selectFrom('meetings').select(['id', 'street_code', 'status', 'closed_at']).where('id', '=', args.meetingId).executeTakeFirst();
    if (!meeting) throw new AppError('not-found', '没有找到这次会议');
    assertStreetWriter(user, meeting.street_code, '公示');
    if (meeting.status !== 'closed' || !meeting.closed_at) throw new AppError('conflict', '会议结束后才能公示其决定');
    const settings = await getSettings(trx);
    const endDate = addDays(args.startDate, settings.noticeDays - 1);
    const problem = periodProblem(args.startDate, endDate, chinaDateOf(meeting.closed_at));
    if (problem) throw new AppError('validation', problem);
    // Same order as the agenda the leading group went through.
    const cases = agendaSort(await dueCases(trx, meeting.id).execute());
    if (cases.length === 0) throw new AppError('conflict', '这次会议没有需要公示的事项，或已全部生成公示');
    const at = ctx.clock.now();
    const byCommunity = new Map<string, typeof cases>();
    for (const c of cases) byCommunity.set(c.community_code, [...(byCommunity.get(c.community_code) ?? []), c]);
    const created: string[] = [];
    for (const [communityCode, list] of byCommunity) {
      const batchId = randomUUID();
      const items = list.map((c, i) => ({ id: randomUUID(), caseId: c.id, seq: i + 1 }));
      await trx
        .insertInto('notice_batches')
        .values({ id: batchId, meeting_id: meeting.id, street_code: meeting.street_code, community_code: communityCode, start_date: args.startDate, end_date: endDate, status: 'draft', posted_at: null, updated_at: at })
        .execute();
      for (const item of items) {
        await trx.insertInto('notice_items').values({ id: item.id, batch_id: batchId, case_id: item.caseId, seq: item.seq, updated_at: at }).execute();
      }
      const scope = { trx, user, at, today: ctx.clock.today() };
      await finish(scope, 'notices.create', { batchId, meetingId: meeting.id, communityCode, startDate: args.startDate, endDate, items }, {
        action: 'notice.create',
        entity: 'notice_batch',
        entityId: batchId,
        details: { meetingId: meeting.id, communityCode, items: items.length },
      });
      created.push(batchId);
    }
    const all = await listBatches(trx, user.regionCode);
    return all.filter((b) => created.includes(b.id));
  });
}

/** One transaction around a change to a batch, refused unless the batch is in one of `allowed`. */
async function changeBatch(
  ctx: BackendContext,
  batchId: string,
  allowed: readonly NoticeStatus[],
  change: (scope: Scope, batch: { id: string; street_code: string; meeting_id: string | null; start_date: string; end_date: string; status: NoticeStatus }) => Promise<void>,
): Promise<NoticeBatchDetail> {
  return mutate(ctx.db, async (trx) => {
    const user = await currentUser(trx);
    const batch = await trx.selectFrom('notice_batches').select(['id', 'street_code', 'meeting_id', 'start_date', 'end_date', 'status']).where('id', '=', batchId).executeTakeFirst();
    if (!batch) throw new AppError('not-found', '没有找到这一批公示');
    assertStreetWriter(user, batch.street_code, '公示');
    if (!allowed.includes(batch.status)) {
      throw new AppError('conflict', `这批公示当前为“${noticeStatusLabels[batch.status]}”，此操作只能在${allowed.map((s) => `“${noticeStatusLabels[s]}”`).join('或')}时进行`);
    }
    const at = ctx.clock.now();
    // Stamped first, so that the stamp is among the rows the change's mutation carries.
    await trx.updateTable('notice_batches').set({ updated_at: at }).where('id', '=', batch.id).execute();
    await change({ trx, user, at, today: ctx.clock.today() }, batch);
    return batchDetail(trx, batch.id, user.regionCode);
  });
}

export async function setPeriod(ctx: BackendContext, args: NoticeArgs['setPeriod']): Promise<NoticeBatchDetail> {
  return changeBatch(ctx, args.batchId, ['draft'], async (scope, batch) => {
    const meeting = batch.meeting_id ? await scope.trx.selectFrom('meetings').select('closed_at').where('id', '=', batch.meeting_id).executeTakeFirst() : undefined;
    const problem = periodProblem(args.startDate, args.endDate, meeting?.closed_at ? chinaDateOf(meeting.closed_at) : args.startDate);
    if (problem) throw new AppError('validation', problem);
    await scope.trx.updateTable('notice_batches').set({ start_date: args.startDate, end_date: args.endDate }).where('id', '=', batch.id).execute();
    await finish(scope, 'notices.setPeriod', { batchId: batch.id, startDate: args.startDate, endDate: args.endDate }, {
      action: 'notice.period',
      entity: 'notice_batch',
      entityId: batch.id,
      details: { startDate: args.startDate, endDate: args.endDate },
    });
  });
}

export async function postBatch(ctx: BackendContext, args: NoticeArgs['post']): Promise<NoticeBatchDetail> {
  return changeBatch(ctx, args.batchId, ['draft'], async (scope, batch) => {
    if (scope.today > batch.end_date) throw new AppError('validation', `公示期已于${formatChineseDate(batch.end_date)}结束，请先调整公示期再张贴`);
    await scope.trx.updateTable('notice_batches').set({ status: 'posted', posted_at: scope.at }).where('id', '=', batch.id).execute();
    await finish(scope, 'notices.post', { batchId: batch.id, postedAt: scope.at }, { action: 'notice.post', entity: 'notice_batch', entityId: batch.id, details: {} });
  });
}

export async function endBatch(ctx: BackendContext, args: NoticeArgs['end']): Promise<NoticeBatchDetail> {
  return changeBatch(ctx, args.batchId, ['posted'], async (scope, batch) => {
    if (scope.today <= batch.end_date) throw new AppError('validation', `公示期到${formatChineseDate(batch.end_date)}才期满，期满后才能结束公示`);
    await scope.trx.updateTable('notice_batches').set({ status: 'ended' }).where('id', '=', batch.id).execute();
    await finish(scope, 'notices.end', { batchId: batch.id }, { action: 'notice.end', entity: 'notice_batch', entityId: batch.id, details: {} });
  });
}

export async function recordObjection(ctx: BackendContext, args: NoticeArgs['recordObjection']): Promise<NoticeBatchDetail> {
  return changeBatch(ctx, args.batchId, ['posted'], async (scope, batch) => {
    if (args.receivedOn < batch.start_date || args.receivedOn > batch.end_date) {
      throw new AppError('validation', `异议须在公示期内（${formatChineseDate(batch.start_date)}至${formatChineseDate(batch.end_date)}）提出`);
    }
    if (args.receivedOn > scope.today) throw new AppError('validation', '收到异议的日期不能晚于今天');
    const item = await scope.trx.selectFrom('notice_items').select('case_id').where('batch_id', '=', batch.id).where('case_id', '=', args.caseId).executeTakeFirst();
    if (!item) throw new AppError('validation', '异议针对的个案不在这批公示中');
    const c = await scope.trx.selectFrom('cases').select(['status', 'version']).where('id', '=', args.caseId).executeTakeFirstOrThrow();
    const id = randomUUID();
    await scope.trx
      .insertInto('objections')
      .values({ id, batch_id: batch.id, case_id: args.caseId, received_at: args.receivedOn, objector: args.objector, channel: args.channel, content: args.content, status: 'open', resolution: '', updated_at: scope.at })
      .execute();
    // Back to re-investigation: the case returns to the next meeting's agenda and, decided again, to a new notice.
    await scope.trx.updateTable('cases').set({ status: 'reinvestigating', updated_at: scope.at }).where('id', '=', args.caseId).execute();
    await finish(
      scope,
      'notices.recordObjection',
      { batchId: batch.id, objectionId: id, caseId: args.caseId, expectedVersion: c.version, receivedOn: args.receivedOn, objector: args.objector, channel: args.channel, content: args.content },
      { action: 'objection.record', entity: 'objection', entityId: id, details: { batchId: batch.id, caseId: args.caseId, channel: args.channel, previousStatus: c.status } },
    );
  });
}

export async function getBatch(ctx: BackendContext, batchId: string): Promise<NoticeBatchDetail> {
  const user = await currentUser(ctx.db);
  const detail = await batchDetail(ctx.db, batchId, user.regionCode);
  assertWithin(user, detail.communityCode, '这批公示');
  return detail;
}
