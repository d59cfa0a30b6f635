// A case and its household as the record page shows them, and the writes made from it: 近亲属备案,
// complaints (投诉举报), 小金额先行救助, edits of the household and its members with a reason, and the
// audited reveal of an ID number, phone or address. The page never receives those in full otherwise.
import { z } from 'zod';
import {
  AreaType,
  CaseCategory,
  CaseKind,
  CaseStatus,
  Fen,
  Gender,
  IsoDate,
  keysOf,
  Relation,
} from './domain';
import {
  closeRelationLabels,
  complaintAgainstLabels,
  complaintChannelLabels,
  complaintStatusLabels,
  personalFieldLabels,
} from './glossary';
import { CaseDocumentKind, IntakeMember, RelativesDeclaration } from './intake';

export { CaseDocumentKind, RelativesDeclaration } from './intake';
import { InvestigationView } from './investigation';

const Id = z.string().min(1).max(64);
const Text = (what: string, max: number) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);
const Required = (what: string, max: number) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

export const CloseRelation = z.enum(keysOf(closeRelationLabels));
export type CloseRelation = z.infer<typeof CloseRelation>;
export const ComplaintChannel = z.enum(keysOf(complaintChannelLabels));
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;
export const ComplaintStatus = z.enum(keysOf(complaintStatusLabels));
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;
export const ComplaintAgainst = z.enum(keysOf(complaintAgainstLabels));
export type ComplaintAgainst = z.infer<typeof ComplaintAgainst>;
export const PersonalField = z.enum(keysOf(personalFieldLabels));
export type PersonalField = z.infer<typeof PersonalField>;

export const caseRecordArgs = {
  record: z.object({ caseId: Id }).strict(),
  /** Finds a household of the user's street by any member's ID (exact) or name (part of it). */
  findHousehold: z.object({ idOrName: Required('身份证号码或姓名', 20) }).strict(),
  investigators: z.object({ caseId: Id }).strict(),
  fileCloseRelative: z
    .object({
      caseId: Id,
      memberId: Id,
      relativeName: Required('工作人员姓名', 20),
      relativePost: Required('工作人员职务', 40),
      relation: CloseRelation,
      filedOn: IsoDate,
    })
    .strict(),
  recordComplaint: z
    .object({
      caseId: Id,
      against: ComplaintAgainst,
      channel: ComplaintChannel,
      receivedOn: IsoDate,
      complainant: Text('投诉人', 40),
      content: Required('投诉举报内容', 500),
    })
    .strict(),
  closeComplaint: z.object({ complaintId: Id, handling: Required('处理情况', 300), result: Required('处理结果', 300), closedOn: IsoDate }).strict(),
  recordPrepayment: z
    .object({
      caseId: Id,
      amountFen: Fen.min(1, '先行救助金额应大于 0'),
      paidOn: IsoDate,
      reason: Required('先行救助事由', 200),
      approvedBy: Required('批准人', 20),
    })
    .strict(),
  // Edits are made from a case's page: the case names the household, and the page is answered again.
  editHousehold: z
    .object({
      caseId: Id,
      areaType: AreaType.optional(),
      address: Required('家庭住址', 120).optional(),
      phone: z.string().trim().regex(/^[0-9-]{7,20}$/, '联系电话只能含数字和“-”，7 至 20 位').optional(),
      reason: Required('修改原因', 200),
    })
    .strict(),
  editMember: z
    .object({
      caseId: Id,
      memberId: Id,
      name: Required('姓名', 20).optional(),
      citizenId: z.string().trim().min(15, '身份证号码应为 18 位（或第一代的 15 位）').max(18, '身份证号码应为 18 位（或第一代的 15 位）').optional(),
      relation: Relation.optional(),
      occupation: Text('职业', 40).optional(),
      health: Text('健康状况', 60).optional(),
      disability: Text('残疾情况', 40).optional(),
      reason: Required('修改原因', 200),
    })
    .strict(),
  addMember: z.object({ caseId: Id, member: IntakeMember, reason: Required('修改原因', 200) }).strict(),
  removeMember: z.object({ caseId: Id, memberId: Id, reason: Required('修改原因', 200) }).strict(),
  /** Shows one masked value in full, on the case's page; audited, at the desk and at the centre. */
  reveal: z
    .object({
      caseId: Id,
      field: PersonalField,
      /** The member whose ID number is asked for; null for the household's phone and address. */
      memberId: Id.nullable(),
    })
    .strict(),
} as const;
export type CaseRecordArgs = { [K in keyof typeof caseRecordArgs]: z.output<(typeof caseRecordArgs)[K]> };

export const MemberView = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked (110101********123X): the full number only through reveal. */
  citizenIdMasked: z.string(),
  gender: Gender,
  birthDate: z.string(),
  relation: Relation,
  occupation: z.string(),
  health: z.string(),
  disability: z.string(),
  /** The day the member died, once recorded (households.recordDeath). */
  diedOn: z.string().nullable(),
});
export type MemberView = z.infer<typeof MemberView>;

export const HouseholdView = z.object({
  id: z.string(),
  householdNo: z.string(),
  streetCode: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  areaType: AreaType,
  addressMasked: z.string(),
  phoneMasked: z.string(),
  category: z.string().nullable(),
  assistanceStatus: z.string(),
  monthlyAmountFen: z.number(),
  members: z.array(MemberView),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const FilingView = z.object({
  id: z.string(),
  caseNo: z.string().nullable(),
  memberName: z.string(),
  relativeName: z.string(),
  relativePost: z.string(),
  relation: CloseRelation,
  filedOn: z.string(),
});
export type FilingView = z.infer<typeof FilingView>;

export const ComplaintView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  against: ComplaintAgainst,
  channel: ComplaintChannel,
  receivedOn: z.string(),
  complainant: z.string(),
  content: z.string(),
  handling: z.string(),
  result: z.string(),
  status: ComplaintStatus,
  closedOn: z.string().nullable(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;

export const DocumentView = z.object({ kind: CaseDocumentKind, receivedOn: z.string() });
export type DocumentView = z.infer<typeof DocumentView>;

export const HistoryKind = z.enum(['application', 'investigation', 'filing', 'complaint', 'prepayment', 'agenda', 'decision', 'notice', 'objection', 'spot_check', 'finding', 'correction', 'edit']);
export type HistoryKind = z.infer<typeof HistoryKind>;

/** One event of the household's chain (一户一条救助链), in time order on the page. */
export const HistoryEntry = z.object({
  /** A China calendar day or an instant; in China time order, a day before the instants of that day. */
  at: z.string(),
  kind: HistoryKind,
  caseNo: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const CaseRecordView = z.object({
  id: z.string(),
  caseNo: z.string(),
  kind: CaseKind,
  category: CaseCategory,
  status: CaseStatus,
  appliedOn: z.string(),
  reason: z.string(),
  caseworker: z.string(),
  currentAmountFen: z.number().nullable(),
  proposedAmountFen: z.number().nullable(),
  perCapitaIncomeFen: z.number().nullable(),
  /** 家庭月总收入 as declared on application (受理 or the provincial file); null where not asked. */
  declaredIncomeFen: z.number().nullable(),
  closeRelative: z.boolean(),
  complaint: z.boolean(),
  relativesDeclaration: RelativesDeclaration.nullable(),
  relativesDeclarationNote: z.string(),
  prepayment: z.object({ amountFen: z.number(), paidOn: z.string(), reason: z.string(), approvedBy: z.string() }).nullable(),
  /** Notes of cases from before the structured investigation (generated history, older versions). */
  incomeCheckNote: z.string(),
  homeVisitNote: z.string(),
  investigation: InvestigationView.nullable(),
  /** Whether this case waits for a decision, so the investigation, a prepayment may still be recorded. */
  open: z.boolean(),
  /** Whether the person may write here and ask to see a masked value (users of the case's street). */
  writable: z.boolean(),
  household: HouseholdView,
  documents: z.array(DocumentView),
  filings: z.array(FilingView),
  complaints: z.array(ComplaintView),
  history: z.array(HistoryEntry),
  prepaymentLimitFen: z.number(),
});
export type CaseRecordView = z.infer<typeof CaseRecordView>;

export const HouseholdMatch = z.object({
  householdId: z.string(),
  householdNo: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  headName: z.string(),
  members: z.array(z.object({ name: z.string(), relation: Relation, citizenIdMasked: z.string() })),
  /** The case still waiting for a decision, if any: a second application is then usually a mistake. */
  openCaseNo: z.string().nullable(),
});
export type HouseholdMatch = z.infer<typeof HouseholdMatch>;

export const RevealedValue = z.object({ value: z.string() });
export type RevealedValue = z.infer<typeof RevealedValue>;
