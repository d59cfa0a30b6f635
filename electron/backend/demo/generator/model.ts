// The in-memory district the generator builds before writing it out in one transaction. Field names
// follow the domain; the writer maps them to columns.
import { dibaoAmountFen, tekunAmountFen } from '../../../../shared/assistance-amount';
import type { CaseDocumentKind, RelativesDeclaration } from '../../../../shared/intake';
import { incomeLineOf, type AssetLine, type CrossCheck, type ExpenseLine, type IncomeLine, type InvestigationConclusion } from '../../../../shared/investigation';
import type { Hotline } from '../../../../shared/office';
import type { ComplaintAgainst, ComplaintChannel } from '../../../../shared/case-record';
import type {
  AssistanceStatus,
  Attendance,
  CaseCategory,
  CaseKind,
  CaseStatus,
  CommitteePosition,
  Gender,
  Outcome,
  Relation,
  UserRole,
} from '../../../../shared/domain';

export type HouseholdCategory = Exclude<CaseCategory, 'temporary'>;

export type Community = { code: string; name: string; rural: boolean; roads: string[]; weight: number };

export type Street = {
  code: string;
  name: string;
  town: boolean;
  communities: Community[];
  /** 经办人 of the street office; their names sign the case files. */
  staff: User[];
  roster: RosterMember[];
  venue: string;
  office: OfficeRecord;
};

/** An office's details as the generator writes them on its region. */
export type OfficeRecord = { name: string; address: string; phone: string; hotlines: readonly Hotline[] };

export type User = { id: string; username: string; name: string; role: UserRole; regionCode: string };

export type RosterMember = {
  id: string;
  streetCode: string;
  userId: string;
  name: string;
  position: CommitteePosition;
  title: string;
  voting: 0 | 1;
  sortOrder: number;
};

export type Member = {
  id: string;
  name: string;
  gender: Gender;
  birthDate: string;
  age: number;
  relation: Relation;
  incomeFen: number;
  occupation: string;
  disability: string | null;
  health: string | null;
  citizenId: string;
};

export type Filing = {
  id: string;
  householdId: string;
  memberId: string;
  relativeName: string;
  relativePost: string;
  relation: Exclude<Relation, 'self' | 'other'>;
  filedOn: string;
  /** Set when the relative sits on the street's leading group and must recuse. */
  rosterMemberId: string | null;
  /** The case the filing was made on: the household's first one from the filing day on. */
  caseId: string | null;
};

export type Household = {
  id: string;
  no: string;
  street: Street;
  community: Community;
  rural: boolean;
  address: string;
  phone: string;
  members: Member[];
  /** What the household is (or applies to be) recognised as; shown only while it is recognised. */
  plannedCategory: HouseholdCategory;
  category: HouseholdCategory | null;
  status: AssistanceStatus;
  amountFen: number;
  /** Per-capita monthly income as last verified by an approved decision, fen. */
  pciFen: number;
  assistedSince: string | null;
  /** Month index of a household that applies inside the window; null for households already assisted. */
  applyMonth: number | null;
  openCase: boolean;
  lastCaseMonth: number;
  lastReviewMonth: number;
  phaseOutMonth: number | null;
  /** The last day of its phase-out (渐退期), as the shared rules work it out from the decided length. */
  phaseOutEndsOn: string | null;
  /**
   * The household before the window's first decision: what its row holds, since the desk derives the
   * assistance on any day from that and the decisions in effect (shared/decision-effects.ts).
   */
  opening: Opening | null;
  /** The day its latest decision takes effect (the day after its notice): no new case is taken in before. */
  settlesOn: string | null;
  filing: Filing | null;
};

export type Opening = Pick<Household, 'status' | 'category' | 'amountFen' | 'assistedSince'>;

export type CaseRecord = {
  id: string;
  caseNo: string;
  household: Household;
  category: CaseCategory;
  kind: CaseKind;
  status: CaseStatus;
  monthIndex: number;
  appliedOn: string;
  createdAt: string;
  reason: string;
  currentAmountFen: number | null;
  proposedAmountFen: number | null;
  perCapitaIncomeFen: number | null;
  incomeCheckNote: string;
  homeVisitNote: string;
  prepaidAmountFen: number | null;
  prepaidOn: string | null;
  /** 小金额先行救助: the hardship the community paid for, and the street chair who approved paying first. */
  prepaidReason: string;
  prepaidApprovedBy: string;
  closeRelative: 0 | 1;
  complaint: 0 | 1;
  complaintNote: string;
  caseworker: string;
  /** What the notes were written from, so the structured investigation tells the same story. */
  checkedOn: string;
  visitedOn: string;
  /** The home visit as the investigation records it: housing, household and finding. */
  visitNote: string;
  propertyFinding: string;
  relativesDeclaration: RelativesDeclaration;
  relativesDeclarationNote: string;
  /** The follow-up visit (回访) of an approved 临时救助, once made, and what it found. */
  followedUpOn: string | null;
  followUpNote: string;
};

/** The family economic investigation of a case, as the investigation command stores it. */
export type InvestigationRecord = {
  id: string;
  caseRecord: CaseRecord;
  visitedOn: string;
  investigators: { userId: string; name: string }[];
  visitNote: string;
  incomes: IncomeLine[];
  expenses: ExpenseLine[];
  assets: AssetLine[];
  crossCheck: CrossCheck;
  crossCheckNote: string;
  conclusion: InvestigationConclusion;
  conclusionNote: string;
  standardFen: number;
  householdSize: number;
  countedSize: number;
  grossFen: number;
  exemptFen: number;
  workCostFen: number;
  expenseFen: number;
  netFen: number;
  perCapitaFen: number;
  assetFen: number;
  proposedFen: number | null;
  /** The arithmetic lines as assessInvestigation wrote them for the investigators. */
  arithmetic: string[];
  recordedBy: string;
  recordedAt: string;
};

export type CaseDocumentRecord = { id: string; caseId: string; kind: CaseDocumentKind; receivedOn: string };

export type ComplaintRecord = {
  id: string;
  caseRecord: CaseRecord;
  against: ComplaintAgainst;
  channel: ComplaintChannel;
  receivedOn: string;
  complainant: string;
  content: string;
  handling: string;
  result: string;
  status: 'open' | 'closed';
  closedOn: string | null;
};

export type Meeting = {
  id: string;
  street: Street;
  month: string;
  issueNo: number;
  scheduledAt: string;
  openedAt: string;
  closedAt: string;
  chair: RosterMember;
  recorder: RosterMember;
  attendance: AttendanceRecord[];
  agenda: AgendaItem[];
};

export type AttendanceRecord = {
  id: string;
  memberId: string | null;
  name: string;
  title: string;
  attendance: Attendance;
  voting: 0 | 1;
  reason: string;
};

export type AgendaItem = { id: string; seq: number; caseRecord: CaseRecord; decision: Decision; recusals: Recusal[] };

export type Decision = {
  id: string;
  outcome: Outcome;
  reason: string;
  amountFen: number | null;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  decidedAt: string;
  /** The length of an approved phase-out (渐退), in months. */
  phaseOutMonths: number | null;
};

export type Recusal = { id: string; memberId: string; reason: string; leftRoom: 0 | 1 };

export type Standards = { urbanFen: number; ruralFen: number };

/** The settings a case file is drafted against (the same values the app's rules read). */
export type CaseRules = { temporaryLimitMonths: number; prepaymentLimitFen: number; edgeIncomePercent: number };

export function standardOf(standards: Standards, rural: boolean): number {
  return rural ? standards.ruralFen : standards.urbanFen;
}

export { dibaoAmountFen, tekunAmountFen, wholeYuan } from '../../../../shared/assistance-amount';

/** Regular monthly cash of a category at the household's verified income; 0 where the category pays none. */
export function regularAmountFen(category: HouseholdCategory, standardFen: number, perCapitaIncomeFen: number, size: number): number {
  if (category === 'dibao') return dibaoAmountFen(standardFen, perCapitaIncomeFen, size);
  if (category === 'tekun') return tekunAmountFen(standardFen, size);
  return 0;
}

/**
 * The income as the investigation must find it for an "eligible" conclusion: below the category's income
 * line (incomeLineOf, the rule the investigation applies), in whole yuan. Whole-yuan rounding could
 * otherwise reach the line itself where a standard is a few yuan.
 */
export function belowIncomeLine(pciFen: number, category: CaseCategory, standardFen: number, edgeIncomePercent: number): number {
  const line = incomeLineOf({ category, standardFen, edgeIncomePercent });
  return line ? Math.max(0, Math.min(pciFen, Math.ceil(line.fen / 100) * 100 - 100)) : pciFen;
}

export function paysCash(category: HouseholdCategory): boolean {
  return category === 'dibao' || category === 'tekun';
}
