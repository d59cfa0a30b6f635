// Notice batches (DESIGN.md §5): one per community from the approvals of a closed meeting, posted for
// at least 7 days (end = start + 6), draft → posted → ended. An objection during the period sends the
// case back for re-investigation; it returns to the next meeting's agenda and, once decided again, is
// due for a new notice. Every change carries its outbox row and audit entry in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import { canRead, canWriteStreet, type Actor } from '../../../shared/access';
import { noticePeriodProblem } from '../../../shared/date-rules';
import { addDays, chinaDateOf, formatChineseDate, formatChineseMonth } from '../../../shared/dates';
import type { NoticeStatus, SessionUser } from '../../../shared/domain';
import { noticeStatusLabels } from '../../../shared/glossary';
import { NOTICE_LIST_PAGE, noticeArgs, noticeableKinds, type NoticeArgs, type NoticeBatchDetail, type NoticeBatchPage, type NoticeBatchSummary, type NoticeDueMeeting } from '../../../shared/notice';
import { AppError } from '../../../shared/result';
import { defineCommand, type CommandContext } from '../commands/command';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';
import { assertAllowed } from '../session/access';
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
    .where('c.kind', 'in', noticeableKinds)
    // A decision a later meeting has corrected is not announced any more.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('decisions as later').innerJoin('meetings as lm', 'lm.id', 'later.meeting_id').select('later.id').whereRef('later.supersedes_id', '=', 'd.id').where('lm.status', '=', 'closed'),
        ),
      ),
    )
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

/** Which of the jurisdiction's batches: by status, by the meeting behind them, or by id (a command's reply). */
export type BatchFilter = { status?: NoticeStatus | undefined; meetingId?: string | undefined; ids?: readonly string[] };

function inJurisdiction(db: Reader, jurisdiction: string, filter: BatchFilter) {
  const [lo, hi] = codeRange(jurisdiction);
  let q = db.selectFrom('notice_batches as b').where('b.community_code', '>=', lo).where('b.community_code', '<', hi);
  if (filter.status !== undefined) q = q.where('b.status', '=', filter.status);
  if (filter.meetingId !== undefined) q = q.where('b.meeting_id', '=', filter.meetingId);
  if (filter.ids !== undefined) q = q.where('b.id', 'in', filter.ids);
  return q;
}

/** One page of notices.list: the filter's batches newest period first, and how many there are in all. */
export async function batchPage(db: Reader, jurisdiction: string, args: NoticeArgs['list']): Promise<NoticeBatchPage> {
  const filter = { status: args.status, meetingId: args.meetingId };
  const counted = await inJurisdiction(db, jurisdiction, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const batches = await listBatches(db, jurisdiction, filter, { offset: args.offset, limit: NOTICE_LIST_PAGE });
  return { offset: args.offset, total: Number(counted.n), batches };
}

export async function listBatches(db: Reader, jurisdiction: string, filter: BatchFilter = {}, window?: { offset: number; limit: number }): Promise<NoticeBatchSummary[]> {
  if (filter.ids !== undefined && filter.ids.length === 0) return [];
  let q = inJurisdiction(db, jurisdiction, filter)
    .innerJoin('regions as cm', 'cm.code', 'b.community_code')
    .leftJoin('meetings as m', 'm.id', 'b.meeting_id')
    .select((eb) => [
      'b.id',
      'b.meeting_id',
      'm.month',
      'm.issue_no',
      'm.closed_at',
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
    .orderBy('b.start_date', 'desc')
    .orderBy('b.community_code')
    // Ties (one community, two meetings' notices starting the same day) in a fixed order, so pages do not overlap.
    .orderBy('b.id');
  if (window) q = q.limit(window.limit).offset(window.offset);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    meetingLabel: meetingLabel(r.month !== null && r.issue_no !== null ? { month: r.month, issue_no: r.issue_no } : null),
    decidedOn: r.closed_at ? chinaDateOf(r.closed_at) : null,
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
  const [summary] = await listBatches(db, jurisdiction, { ids: [batchId] });
  if (!summary) throw new AppError('not-found', '没有找到这一批公示，或它不在您的管辖范围内');
  const items = await db
    .selectFrom('notice_items as i')
    .innerJoin('notice_batches as b', 'b.id', 'i.batch_id')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .leftJoin('decisions as d', (j) => j.onRef('d.case_id', '=', 'c.id').onRef('d.meeting_id', '=', 'b.meeting_id'))
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
  const drafts = summary.meetingId
    ? await db.selectFrom('notice_batches').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', summary.meetingId).where('status', '=', 'draft').where('id', '<>', batchId).executeTakeFirst()
    : undefined;
  return {
    ...summary,
    otherDrafts: Number(drafts?.n ?? 0),
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

/** The refusal of a period that breaks the notice rules (shared/date-rules.ts), as a validation error. */
function assertPeriod(startDate: string, endDate: string, decidedAt: string | null | undefined): void {
  const problem = noticePeriodProblem(startDate, endDate, decidedAt ? chinaDateOf(decidedAt) : null);
  if (problem) throw new AppError('validation', problem);
}

type BatchRow = { id: string; street_code: string; meeting_id: string | null; start_date: string; end_date: string; status: NoticeStatus };

/** A command's load step: the batch its arguments name. */
async function batchOf(cx: CommandContext, args: { batchId: string }): Promise<BatchRow> {
  const batch = await cx.trx.selectFrom('notice_batches').select(['id', 'street_code', 'meeting_id', 'start_date', 'end_date', 'status']).where('id', '=', args.batchId).executeTakeFirst();
  if (!batch) throw new AppError('not-found', '没有找到这一批公示');
  return batch;
}

const batchWriter = (user: Actor, batch: Pick<BatchRow, 'street_code'>) => canWriteStreet(user, batch.street_code, '公示');

/** Begins a change to a batch in one of `allowed`: resting on the batch as it is, and stamped with the change. */
async function beginBatchChange(cx: CommandContext, batch: BatchRow, allowed: readonly NoticeStatus[]): Promise<void> {
  if (!allowed.includes(batch.status)) {
    throw new AppError('conflict', `这批公示当前为“${noticeStatusLabels[batch.status]}”，此操作只能在${allowed.map((s) => `“${noticeStatusLabels[s]}”`).join('或')}时进行`);
  }
  await cx.expect('notice_batches', batch.id);
  await cx.trx.updateTable('notice_batches').set({ updated_at: cx.at }).where('id', '=', batch.id).execute();
}

const batchReply = (db: Kysely<Database>, user: SessionUser, batchId: string) => batchDetail(db, batchId, user.regionCode);

export const createFromMeeting = defineCommand({
  name: 'notices.createFromMeeting',
  label: '生成公示',
  args: noticeArgs.createFromMeeting,
  async load({ trx }, args) {
    const meeting = await trx.selectFrom('meetings').select(['id', 'street_code', 'status', 'closed_at']).where('id', '=', args.meetingId).executeTakeFirst();
    if (!meeting) throw new AppError('not-found', '没有找到这次会议');
    return meeting;
  },
  access: (user, meeting) => canWriteStreet(user, meeting.street_code, '公示'),
  async run(cx, args, meeting) {
    const { trx, at } = cx;
    if (meeting.status !== 'closed' || !meeting.closed_at) throw new AppError('conflict', '会议结束后才能公示其决定');
    cx.notBefore(meeting.closed_at, '会议结束时间');
    const settings = await cx.settings();
    const endDate = addDays(args.startDate, settings.noticeDays - 1);
    assertPeriod(args.startDate, endDate, meeting.closed_at);
    // Same order as the agenda the leading group went through.
    const cases = agendaSort(await dueCases(trx, meeting.id).execute());
    if (cases.length === 0) throw new AppError('conflict', '这次会议没有需要公示的事项，或已全部生成公示');
    const byCommunity = new Map<string, typeof cases>();
    for (const c of cases) byCommunity.set(c.community_code, [...(byCommunity.get(c.community_code) ?? []), c]);
    const created: string[] = [];
    for (const [communityCode, list] of byCommunity) {
      const batchId = cx.id('batch', communityCode);
      await trx
        .insertInto('notice_batches')
        .values({ id: batchId, meeting_id: meeting.id, street_code: meeting.street_code, community_code: communityCode, start_date: args.startDate, end_date: endDate, status: 'draft', posted_at: null, updated_at: at })
        .execute();
      for (const [i, c] of list.entries()) {
        await trx.insertInto('notice_items').values({ id: cx.id('notice-item', c.id), batch_id: batchId, case_id: c.id, seq: i + 1, updated_at: at }).execute();
      }
      cx.audit({ action: 'notice.create', entity: 'notice_batch', entityId: batchId, details: { meetingId: meeting.id, communityCode, items: list.length } });
      created.push(batchId);
    }
    return created;
  },
  reply: async (db, user, created) => listBatches(db, user.regionCode, { ids: created }),
});

export const setPeriod = defineCommand({
  name: 'notices.setPeriod',
  label: '修改公示期',
  args: noticeArgs.setPeriod,
  load: batchOf,
  access: batchWriter,
  async run(cx, args, batch) {
    await beginBatchChange(cx, batch, ['draft']);
    const meeting = batch.meeting_id ? await cx.trx.selectFrom('meetings').select('closed_at').where('id', '=', batch.meeting_id).executeTakeFirst() : undefined;
    assertPeriod(args.startDate, args.endDate, meeting?.closed_at);
    await cx.trx.updateTable('notice_batches').set({ start_date: args.startDate, end_date: args.endDate }).where('id', '=', batch.id).execute();
    cx.audit({ action: 'notice.period', entity: 'notice_batch', entityId: batch.id, details: { startDate: args.startDate, endDate: args.endDate } });
    return batch.id;
  },
  reply: batchReply,
});

/**
 * One period for all of a meeting's batches still in draft (a street posts them on the same day), in one
 * transaction: either every draft batch gets it or none does. Batches already posted keep theirs.
 */
export const setMeetingPeriod = defineCommand({
  name: 'notices.setMeetingPeriod',
  label: '修改本次会议全部公示的公示期',
  args: noticeArgs.setMeetingPeriod,
  async load({ trx }, args) {
    const meeting = await trx.selectFrom('meetings').select(['id', 'street_code', 'closed_at']).where('id', '=', args.meetingId).executeTakeFirst();
    if (!meeting) throw new AppError('not-found', '没有找到这次会议');
    return meeting;
  },
  access: (user, meeting) => canWriteStreet(user, meeting.street_code, '公示'),
  async run(cx, args, meeting) {
    assertPeriod(args.startDate, args.endDate, meeting.closed_at);
    const batches = await cx.trx
      .selectFrom('notice_batches')
      .select(['id', 'street_code', 'meeting_id', 'start_date', 'end_date', 'status'])
      .where('meeting_id', '=', meeting.id)
      .where('status', '=', 'draft')
      .orderBy('community_code')
      .execute();
    if (batches.length === 0) throw new AppError('conflict', '这次会议的公示没有待张贴的批次，已张贴的公示不能再改公示期');
    for (const batch of batches) {
      await beginBatchChange(cx, batch, ['draft']);
      await cx.trx.updateTable('notice_batches').set({ start_date: args.startDate, end_date: args.endDate }).where('id', '=', batch.id).execute();
      cx.audit({ action: 'notice.period', entity: 'notice_batch', entityId: batch.id, details: { meetingId: meeting.id, startDate: args.startDate, endDate: args.endDate } });
    }
    return batches.map((b) => b.id);
  },
  reply: async (db, user, changed) => listBatches(db, user.regionCode, { ids: changed }),
});

export const postBatch = defineCommand({
  name: 'notices.post',
  label: '发布公示',
  args: noticeArgs.post,
  load: batchOf,
  access: batchWriter,
  async run(cx, _args, batch) {
    await beginBatchChange(cx, batch, ['draft']);
    if (cx.today > batch.end_date) throw new AppError('validation', `公示期已于${formatChineseDate(batch.end_date)}结束，请先调整公示期再张贴`);
    await cx.trx.updateTable('notice_batches').set({ status: 'posted', posted_at: cx.at }).where('id', '=', batch.id).execute();
    cx.audit({ action: 'notice.post', entity: 'notice_batch', entityId: batch.id, details: {} });
    return batch.id;
  },
  reply: batchReply,
});

export const endBatch = defineCommand({
  name: 'notices.end',
  label: '结束公示',
  args: noticeArgs.end,
  load: batchOf,
  access: batchWriter,
  async run(cx, _args, batch) {
    await beginBatchChange(cx, batch, ['posted']);
    if (cx.today <= batch.end_date) throw new AppError('validation', `公示期到${formatChineseDate(batch.end_date)}才期满，期满后才能结束公示`);
    await cx.trx.updateTable('notice_batches').set({ status: 'ended' }).where('id', '=', batch.id).execute();
    cx.audit({ action: 'notice.end', entity: 'notice_batch', entityId: batch.id, details: {} });
    return batch.id;
  },
  reply: batchReply,
});

export const recordObjection = defineCommand({
  name: 'notices.recordObjection',
  label: '登记异议',
  args: noticeArgs.recordObjection,
  load: batchOf,
  access: batchWriter,
  async run(cx, args, batch) {
    await beginBatchChange(cx, batch, ['posted']);
    const { trx, at } = cx;
    if (args.receivedOn < batch.start_date || args.receivedOn > batch.end_date) {
      throw new AppError('validation', `异议须在公示期内（${formatChineseDate(batch.start_date)}至${formatChineseDate(batch.end_date)}）提出`);
    }
    if (args.receivedOn > cx.today) throw new AppError('validation', '收到异议的日期不能晚于今天');
    const item = await trx.selectFrom('notice_items').select('case_id').where('batch_id', '=', batch.id).where('case_id', '=', args.caseId).executeTakeFirst();
    if (!item) throw new AppError('validation', '异议针对的个案不在这批公示中');
    const c = await trx.selectFrom('cases').select(['status']).where('id', '=', args.caseId).executeTakeFirstOrThrow();
    await cx.expect('cases', args.caseId);
    const id = cx.id('objection');
    await trx
      .insertInto('objections')
      .values({ id, batch_id: batch.id, case_id: args.caseId, received_at: args.receivedOn, objector: args.objector, channel: args.channel, content: args.content, status: 'open', resolution: '', updated_at: at })
      .execute();
    // Back to re-investigation: the case returns to the next meeting's agenda and, decided again, to a new notice.
    await trx.updateTable('cases').set({ status: 'reinvestigating', updated_at: at }).where('id', '=', args.caseId).execute();
    cx.audit({ action: 'objection.record', entity: 'objection', entityId: id, details: { batchId: batch.id, caseId: args.caseId, channel: args.channel, previousStatus: c.status } });
    return batch.id;
  },
  reply: batchReply,
});

export async function getBatch(ctx: BackendContext, user: SessionUser, batchId: string): Promise<NoticeBatchDetail> {
  const detail = await batchDetail(ctx.db, batchId, user.regionCode);
  assertAllowed(canRead(user, detail.communityCode, '这批公示'));
  return detail;
}
