// The monthly meeting's records as the renderer, the minutes template and the tests see them, and the
// arguments of the meeting channels. Amounts come in as the 元 text a person typed; the service parses
// them, so a malformed amount is refused at the service and not only in the form.
import { z } from 'zod';
import {
  Attendance,
  CaseCategory,
  CaseKind,
  CaseStatus,
  CommitteePosition,
  DivisionCodeString,
  Fen,
  IsoDate,
  IsoMonth,
  MeetingStatus,
  Outcome,
  Relation,
} from './domain';
import { PdfFile } from './pdf-file';

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Required = (what: string, max: number) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);
/** A local date-time as typed in the form: 2026-11-20T09:00. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, '应为“年-月-日 时:分”格式的时间，如 2026-11-25 09:30')
  .refine((t) => !/^\d{4}-\d{2}-\d{2}T/.test(t) || IsoDate.safeParse(t.slice(0, 10)).success, '没有这一天，请检查年月日');

export const MeetingSummary = z.object({
  id: Id,
  streetCode: DivisionCodeString,
  streetName: z.string(),
  month: IsoMonth,
  issueNo: z.number().int().positive(),
  status: MeetingStatus,
  venue: z.string(),
  scheduledAt: z.string(),
  /** When it was opened, i.e. the day it was actually held; the header and the minutes both show it. */
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  itemCount: z.number().int().nonnegative(),
  decidedCount: z.number().int().nonnegative(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const RosterEntry = z.object({
  attendanceId: Id,
  memberId: Id.nullable(),
  name: z.string(),
  title: z.string(),
  position: CommitteePosition.nullable(),
  voting: z.boolean(),
  attendance: Attendance,
  reason: z.string(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const HouseholdMemberView = z.object({
  name: z.string(),
  relation: Relation,
  age: z.number().int().nonnegative(),
  monthlyIncomeFen: Fen,
  occupation: z.string(),
  health: z.string().nullable(),
  disability: z.string().nullable(),
});

export const AgendaCase = z.object({
  id: Id,
  caseNo: z.string(),
  version: z.number().int().positive(),
  communityCode: DivisionCodeString,
  communityName: z.string(),
  category: CaseCategory,
  kind: CaseKind,
  status: CaseStatus,
  appliedOn: IsoDate,
  reason: z.string(),
  headName: z.string(),
  householdSize: z.number().int().nonnegative(),
  members: z.array(HouseholdMemberView),
  perCapitaIncomeFen: Fen.nullable(),
  incomeCheckNote: z.string(),
  homeVisitNote: z.string(),
  currentAmountFen: Fen.nullable(),
  proposedAmountFen: Fen.nullable(),
  prepaidAmountFen: Fen.nullable(),
  prepaidOn: IsoDate.nullable(),
  closeRelative: z.boolean(),
  /** Who the filed relative is (post and relation), never an ID number. */
  closeRelativeNote: z.string(),
  complaint: z.boolean(),
  complaintNote: z.string(),
  caseworker: z.string(),
  /** What an approval does to money: 'required' = an amount in 元 must be entered; 'stop' = payment ends
   *  (stored as 0, nothing to enter); 'none' = a status without cash (e.g. 低保边缘 recognition). */
  amountRule: z.enum(['required', 'stop', 'none']),
});
export type AgendaCase = z.infer<typeof AgendaCase>;

export const RecusalView = z.object({ id: Id, memberId: Id, name: z.string(), title: z.string(), reason: z.string(), leftRoom: z.boolean() });
export type RecusalView = z.infer<typeof RecusalView>;

/** Another meeting's decision on the same household, named as the minutes' record names it (issue 17). */
export const DecisionLink = z.object({
  decisionId: Id,
  meetingId: Id,
  /** "2026年10月第1期会议的决定（同意）". */
  label: z.string(),
});
export type DecisionLink = z.infer<typeof DecisionLink>;

export const DecisionView = z.object({
  id: Id,
  outcome: Outcome,
  reason: z.string(),
  amountFen: Fen.nullable(),
  votesFor: z.number().int().nonnegative(),
  votesAgainst: z.number().int().nonnegative(),
  votesAbstain: z.number().int().nonnegative(),
  decidedAt: z.string(),
  /** The length of an approved phase-out (渐退期), in months; absent in records frozen before issue 17. */
  phaseOutMonths: z.number().int().positive().nullable().optional(),
  /** The earlier meeting's decision this one corrects (更正); absent in records frozen before issue 17. */
  supersedes: DecisionLink.nullable().optional(),
  /** The later meeting's decision that corrected this one: shown in the view, never in frozen minutes. */
  supersededBy: DecisionLink.nullable().optional(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const AgendaItemView = z.object({
  id: Id,
  /** 1-based number among the items still on the agenda; null once removed. */
  number: z.number().int().positive().nullable(),
  source: z.enum(['auto', 'manual']),
  removed: z.boolean(),
  removedReason: z.string(),
  notes: z.string(),
  case: AgendaCase,
  recusals: z.array(RecusalView),
  decision: DecisionView.nullable(),
  /** Present voting members minus those recused on this item. */
  eligibleVoters: z.number().int().nonnegative(),
  /** The household's decisions at closed earlier meetings of the street not yet corrected: what 更正以往决定 offers. */
  earlierDecisions: z.array(DecisionLink).optional(),
});
export type AgendaItemView = z.infer<typeof AgendaItemView>;

export const QuorumView = z.object({
  votingRoster: z.number().int().nonnegative(),
  presentVoting: z.number().int().nonnegative(),
  required: z.number().int().nonnegative(),
  met: z.boolean(),
  ruleText: z.string(),
  passingText: z.string(),
});
export type QuorumView = z.infer<typeof QuorumView>;

export const MeetingDetail = MeetingSummary.extend({
  version: z.number().int().positive(),
  minutesSha256: z.string().nullable(),
  chairMemberId: Id.nullable(),
  recorderMemberId: Id.nullable(),
  roster: z.array(RosterEntry),
  quorum: QuorumView,
  items: z.array(AgendaItemView),
  approvalMinFen: Fen,
  approvalMaxFen: Fen,
  /** The longest phase-out (渐退期) the standard in force allows, months; absent in records frozen before it existed. */
  phaseOutMaxMonths: z.number().int().positive().optional(),
  /** Approved changes of a closed meeting (new, increase, decrease, phase-out, termination) not yet on its notice batches. */
  noticeDue: z.number().int().nonnegative(),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const CandidateCase = z.object({
  id: Id,
  caseNo: z.string(),
  communityName: z.string(),
  headName: z.string(),
  kind: CaseKind,
  category: CaseCategory,
  status: CaseStatus,
  appliedOn: IsoDate,
  closeRelative: z.boolean(),
  complaint: z.boolean(),
});
export type CandidateCase = z.infer<typeof CandidateCase>;

export const RosterMemberView = z.object({ id: Id, name: z.string(), title: z.string(), position: CommitteePosition, voting: z.boolean() });
export type RosterMemberView = z.infer<typeof RosterMemberView>;

const MeetingRef = { meetingId: Id };

export const meetingArgs = {
  list: z.object({}).strict(),
  get: z.object(MeetingRef).strict(),
  roster: z.object({ streetCode: DivisionCodeString.optional() }).strict(),
  candidates: z.object(MeetingRef).strict(),
  create: z
    .object({
      month: IsoMonth,
      venue: Required('会议地点', 60),
      scheduledAt: LocalDateTime,
      chairMemberId: Id,
      recorderMemberId: Id,
      /** The person was told this street already had a meeting this month and wants another one. */
      alsoThisMonth: z.boolean().default(false),
    })
    .strict(),
  update: z
    .object({ ...MeetingRef, venue: Required('会议地点', 60), scheduledAt: LocalDateTime, chairMemberId: Id, recorderMemberId: Id })
    .strict(),
  addItem: z.object({ ...MeetingRef, caseId: Id }).strict(),
  removeItem: z.object({ ...MeetingRef, itemId: Id, reason: Required('移出议程的理由', 200) }).strict(),
  setAttendance: z
    .object({ ...MeetingRef, attendanceId: Id, attendance: z.enum(['present', 'leave', 'absent']), reason: Text(100).default('') })
    .strict(),
  markAllPresent: z.object(MeetingRef).strict(),
  addObserver: z.object({ ...MeetingRef, name: Required('列席人员姓名', 20), title: Required('列席人员单位和职务', 60) }).strict(),
  removeObserver: z.object({ ...MeetingRef, attendanceId: Id }).strict(),
  /** `onAnotherDay`: the person confirmed the meeting is held today, not on its scheduled day. */
  open: z.object({ ...MeetingRef, onAnotherDay: z.boolean().default(false) }).strict(),
  addRecusal: z
    .object({ ...MeetingRef, itemId: Id, memberId: Id, reason: Required('回避理由', 100), leftRoom: z.boolean().default(true) })
    .strict(),
  removeRecusal: z.object({ ...MeetingRef, recusalId: Id }).strict(),
  recordDecision: z
    .object({
      ...MeetingRef,
      itemId: Id,
      outcome: Outcome,
      reason: Text(300).default(''),
      /** 元 as typed, e.g. "1,234.50"; required for an approval, absent otherwise. */
      amountYuan: z.string().max(20).nullable().default(null),
      votesFor: z.number(),
      votesAgainst: z.number(),
      votesAbstain: z.number(),
      notes: Text(500).default(''),
      /** 渐退: the months of the phase-out an approval grants; absent = the longest the standard allows. */
      phaseOutMonths: z.number().int('渐退期应为整月数').min(1, '渐退期至少 1 个月').max(24, '渐退期不能超过 24 个月').nullable().default(null),
      /** A decision of an earlier, closed meeting on the same household that this one corrects (e.g. after a 整改). */
      supersedesDecisionId: Id.nullable().default(null),
    })
    .strict(),
  clearDecision: z.object({ ...MeetingRef, itemId: Id }).strict(),
  close: z.object(MeetingRef).strict(),
  minutesPdf: z.object(MeetingRef).strict(),
  storedMinutes: z.object(MeetingRef).strict(),
} as const;

export type MeetingArgs = { [K in keyof typeof meetingArgs]: z.output<(typeof meetingArgs)[K]> };

/** Minutes rendered again, with the hash stored at closing (null for meetings recorded elsewhere). */
export const MinutesFile = PdfFile.extend({ storedSha256: z.string().nullable() });
export type MinutesFile = z.infer<typeof MinutesFile>;

/**
 * The minutes file written when the meeting was closed, as this copy has it: where it is, and whether the
 * file there is still the one whose hash was stored at closing (null sha256: no such file on this copy).
 */
export const StoredMinutes = z.object({
  fileName: z.string(),
  path: z.string(),
  sha256: z.string().nullable(),
  storedSha256: z.string().nullable(),
  /** unrecorded: a meeting recorded elsewhere, with no stored hash to compare with. */
  state: z.enum(['matches', 'differs', 'missing', 'unrecorded']),
});
export type StoredMinutes = z.infer<typeof StoredMinutes>;

export const CloseResult = z.object({ meeting: MeetingDetail, minutes: PdfFile });
export type CloseResult = z.infer<typeof CloseResult>;
