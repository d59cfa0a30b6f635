// Public notices (公示) and standing lists (长期公示). Privacy by construction (DESIGN.md §2, §9): the one
// row type that reaches a notice template has no field for an ID number, phone, address, income,
// property, health or disability, and its schema is strict, so a stray field is refused at run time too.
import { z } from 'zod';
import { CaseCategory, CaseKind, DivisionCodeString, Fen, IsoDate, NoticeStatus, keysOf } from './domain';
import { objectionChannelLabels } from './glossary';
import { Hotline } from './office';

export { MIN_NOTICE_DAYS, noticeableKinds } from './notice-rules';
export { objectionSentence } from './notice-text';

export const NoticeRow = z
  .object({
    seq: z.number().int().positive(),
    communityName: z.string(),
    /** Already masked according to the settings (张*三 / 张*) before it leaves the backend. */
    headName: z.string(),
    householdSize: z.number().int().positive(),
    /** Monthly amount in fen; 0 for a termination. */
    amountFen: Fen,
    category: CaseCategory,
    /** The change announced (变动类型); null on a standing list, which lists recipients, not changes. */
    kind: CaseKind.nullable(),
  })
  .strict();
export type NoticeRow = z.infer<typeof NoticeRow>;

/** Field names that must never appear on a notice row; tests and a compile-time check use this list. */
export const forbiddenNoticeFields = ['citizenId', 'citizen_id', 'phone', 'address', 'income', 'monthlyIncomeFen', 'perCapitaIncomeFen', 'property', 'health', 'disability'] as const;
type Forbidden = (typeof forbiddenNoticeFields)[number];
const _noForbiddenFields: Extract<keyof NoticeRow, Forbidden> extends never ? true : never = true;
void _noForbiddenFields;

export const NoticeSection = z
  .object({
    communityCode: DivisionCodeString,
    communityName: z.string(),
    rows: z.array(NoticeRow),
  })
  .strict();
export type NoticeSection = z.infer<typeof NoticeSection>;

/** Everything a notice or standing-list PDF shows. Sections start on new pages in a combined file. */
export const NoticeDocument = z
  .object({
    kind: z.enum(['batch', 'standing']),
    title: z.string(),
    streetName: z.string(),
    /** Issuer line: the office of the street the notice is about, as kept on its region (e.g. 麓山区望江街道办事处). */
    issuer: z.string().min(1),
    issuedOn: IsoDate,
    /** Notice period; null for a standing list. */
    period: z.object({ start: IsoDate, end: IsoDate }).strict().nullable(),
    /** 公示依据: the meeting that decided, or the rule behind a standing list. */
    basis: z.string(),
    /** Where an objection is brought: the issuing office's address and phone, and the hotlines it publishes. */
    objection: z.object({ address: z.string(), phone: z.string(), hotlines: z.array(Hotline) }).strict(),
    sections: z.array(NoticeSection).min(1),
  })
  .strict();
export type NoticeDocument = z.infer<typeof NoticeDocument>;

export const ObjectionChannel = z.enum(keysOf(objectionChannelLabels));
export type ObjectionChannel = z.infer<typeof ObjectionChannel>;

export const NoticeBatchSummary = z.object({
  id: z.string(),
  meetingId: z.string().nullable(),
  meetingLabel: z.string(),
  /** The day the meeting behind it decided (closed), from which the notice start window runs; null without one. */
  decidedOn: IsoDate.nullable(),
  streetCode: DivisionCodeString,
  communityCode: DivisionCodeString,
  communityName: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  status: NoticeStatus,
  postedAt: z.string().nullable(),
  itemCount: z.number().int().nonnegative(),
  openObjections: z.number().int().nonnegative(),
});
export type NoticeBatchSummary = z.infer<typeof NoticeBatchSummary>;

/**
 * Most batches one notices.list answer holds (about 330 bytes each). A district adds one batch per
 * community each month, so its list grows without end; the desk reads it newest first, page by page.
 */
export const NOTICE_LIST_PAGE = 300;

/** One page of the jurisdiction's batches, newest period first, from `offset`; total counts the filter's batches. */
export const NoticeBatchPage = z.object({ offset: z.number().int().nonnegative(), total: z.number().int().nonnegative(), batches: z.array(NoticeBatchSummary) });
export type NoticeBatchPage = z.infer<typeof NoticeBatchPage>;

export const NoticeItemView = z.object({
  id: z.string(),
  seq: z.number().int().positive(),
  caseId: z.string(),
  caseNo: z.string(),
  /** Full name for staff; the printed notice masks it. */
  headName: z.string(),
  householdSize: z.number().int().nonnegative(),
  amountFen: Fen,
  category: CaseCategory,
  kind: CaseKind,
  caseStatus: z.string(),
});
export type NoticeItemView = z.infer<typeof NoticeItemView>;

export const ObjectionView = z.object({
  id: z.string(),
  caseId: z.string(),
  headName: z.string(),
  receivedAt: z.string(),
  objector: z.string(),
  channel: ObjectionChannel,
  content: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const NoticeBatchDetail = NoticeBatchSummary.extend({
  items: z.array(NoticeItemView),
  objections: z.array(ObjectionView),
  /** Other batches of the same meeting still in draft, which one change of period can move with this one. */
  otherDrafts: z.number().int().nonnegative(),
});
export type NoticeBatchDetail = z.infer<typeof NoticeBatchDetail>;

/** Closed meetings with approvals that still need a notice, for the 公示 screen's "create" form. */
export const NoticeDueMeeting = z.object({
  meetingId: z.string(),
  label: z.string(),
  closedOn: IsoDate,
  communities: z.array(z.object({ communityCode: DivisionCodeString, communityName: z.string(), cases: z.number().int().positive() })),
});
export type NoticeDueMeeting = z.infer<typeof NoticeDueMeeting>;

const Id = z.string().min(1).max(64);
const BatchRef = { batchId: Id };

export const noticeArgs = {
  list: z
    .object({
      status: NoticeStatus.optional(),
      meetingId: Id.optional(),
      offset: z.number().int().nonnegative().max(10_000_000).default(0),
    })
    .strict(),
  due: z.object({}).strict(),
  get: z.object(BatchRef).strict(),
  createFromMeeting: z.object({ meetingId: Id, startDate: IsoDate }).strict(),
  setPeriod: z.object({ ...BatchRef, startDate: IsoDate, endDate: IsoDate }).strict(),
  /** One period for every draft batch of a meeting's notice, in one change. */
  setMeetingPeriod: z.object({ meetingId: Id, startDate: IsoDate, endDate: IsoDate }).strict(),
  post: z.object(BatchRef).strict(),
  end: z.object(BatchRef).strict(),
  recordObjection: z
    .object({
      ...BatchRef,
      caseId: Id,
      receivedOn: IsoDate,
      objector: z.string().trim().max(40).default(''),
      channel: ObjectionChannel,
      content: z.string().trim().min(1, '请填写异议内容').max(500, '异议内容不能超过 500 字'),
    })
    .strict(),
  pdf: z.object(BatchRef).strict(),
  previewBatch: z.object(BatchRef).strict(),
  previewStanding: z.object({ communityCode: DivisionCodeString }).strict(),
  streetPdf: z.object({ meetingId: Id }).strict(),
  standingPdf: z.object({ communityCode: DivisionCodeString }).strict(),
} as const;
export type NoticeArgs = { [K in keyof typeof noticeArgs]: z.output<(typeof noticeArgs)[K]> };
