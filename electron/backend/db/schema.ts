// Kysely's view of migrations/0001_initial.ts. SQLite booleans are 0 | 1 and dates are text; the
// services map them to domain types at their edge. tests/integration/schema-types.test.ts checks that
// every table and column named here exists in the migrated database.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AreaType,
  AssistanceStatus,
  Attendance,
  CaseCategory,
  CaseKind,
  CaseStatus,
  CommitteePosition,
  Finding,
  Gender,
  InspectionMethod,
  MeetingStatus,
  NoticeStatus,
  Outcome,
  Relation,
  SeedSource,
  UserRole,
} from '../../../shared/domain';

type Bool = 0 | 1;
type Synced = { version: Generated<number>; updated_at: string };

export interface RegionsTable extends Synced {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community';
  parent_code: string | null;
  code_vintage: number;
  /** The office's details (0005); '' = not filled in, see shared/office.ts derivedOfficeName. */
  office_name: Generated<string>;
  office_address: Generated<string>;
  office_phone: Generated<string>;
  office_hotlines_json: Generated<string>;
  office_changed_by: string | null;
  office_changed_at: string | null;
}

export interface UsersTable extends Synced {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  region_code: string;
  active: Generated<Bool>;
}

export interface CommitteeMembersTable extends Synced {
  id: string;
  street_code: string;
  user_id: string | null;
  name: string;
  position: CommitteePosition;
  title: Generated<string>;
  voting: Generated<Bool>;
  sort_order: Generated<number>;
  active: Generated<Bool>;
}

/**
 * A household's assistance columns are its opening state: as it stood when the household came onto file
 * (imported, generated, or taken in as an applicant). What decisions do to it is not written here but
 * derived as of a date from the decisions in effect (electron/backend/cases/assistance.ts over
 * shared/decision-effects.ts), so a decision takes effect on its day without anybody writing a row.
 */
export interface HouseholdsTable extends Synced {
  id: string;
  household_no: string;
  street_code: string;
  community_code: string;
  area_type: AreaType;
  address: Generated<string>;
  phone: Generated<string>;
  category: Exclude<CaseCategory, 'temporary'> | null;
  assistance_status: AssistanceStatus;
  monthly_amount_fen: Generated<number>;
  assisted_since: string | null;
}

export interface MembersTable extends Synced {
  id: string;
  household_id: string;
  name: string;
  citizen_id: string;
  gender: Gender;
  birth_date: string;
  relation: Relation;
  monthly_income_fen: Generated<number>;
  occupation: Generated<string>;
  disability: string | null;
  health: string | null;
  /** 0008: the day the member died, when recorded (the household's 3-month re-check falls due from it). */
  died_on: string | null;
}

export interface CloseRelativeFilingsTable extends Synced {
  id: string;
  household_id: string;
  member_id: string;
  relative_name: string;
  relative_post: string;
  relation: Exclude<Relation, 'self' | 'other'>;
  filed_on: string;
  case_id: string | null;
}

export interface CasesTable extends Synced {
  id: string;
  case_no: string;
  household_id: string;
  street_code: string;
  community_code: string;
  category: CaseCategory;
  kind: CaseKind;
  status: CaseStatus;
  applied_on: string;
  reason: Generated<string>;
  current_amount_fen: number | null;
  proposed_amount_fen: number | null;
  per_capita_income_fen: number | null;
  income_check_note: Generated<string>;
  home_visit_note: Generated<string>;
  prepaid_amount_fen: number | null;
  prepaid_on: string | null;
  close_relative: Generated<Bool>;
  complaint: Generated<Bool>;
  complaint_note: Generated<string>;
  caseworker: Generated<string>;
  created_at: string;
  prepaid_reason: Generated<string>;
  prepaid_approved_by: Generated<string>;
  relatives_declaration: 'none' | 'declared' | null;
  relatives_declaration_note: Generated<string>;
  declared_income_fen: number | null;
  /** 0008: `due:…` or `correction:…` when the case was opened from the calendar or a correction. */
  opened_for: Generated<string | null>;
  /** 0008: the follow-up visit of an approved 临时救助, and what it found. */
  followed_up_on: Generated<string | null>;
  follow_up_note: Generated<string>;
}

export interface InvestigationsTable extends Synced {
  id: string;
  case_id: string;
  visited_on: string;
  investigators_json: string;
  visit_note: string;
  incomes_json: Generated<string>;
  expenses_json: Generated<string>;
  assets_json: Generated<string>;
  single_person_basis: 'severe_disability' | 'serious_illness' | null;
  single_person_member_id: string | null;
  cross_check: 'consistent' | 'discrepancy';
  cross_check_note: Generated<string>;
  conclusion: 'eligible' | 'ineligible';
  conclusion_note: Generated<string>;
  standard_fen: number;
  household_size: number;
  counted_size: number;
  gross_income_fen: number;
  exempt_fen: number;
  work_cost_fen: number;
  rigid_expense_fen: number;
  net_income_fen: number;
  per_capita_income_fen: number;
  asset_total_fen: number;
  proposed_amount_fen: number | null;
  arithmetic_json: Generated<string>;
  recorded_by: string;
  recorded_at: string;
}

export interface CaseDocumentsTable extends Synced {
  id: string;
  case_id: string;
  kind: string;
  received_on: string;
}

export interface ComplaintsTable extends Synced {
  id: string;
  case_id: string;
  household_id: string;
  against: 'case' | 'household';
  channel: 'hotline_12345' | 'hotline_12349' | 'letter' | 'visit';
  received_on: string;
  complainant: Generated<string>;
  content: string;
  handling: Generated<string>;
  result: Generated<string>;
  status: 'open' | 'closed';
  closed_on: string | null;
}

export interface MeetingsTable extends Synced {
  id: string;
  street_code: string;
  month: string;
  issue_no: number;
  venue: Generated<string>;
  scheduled_at: string;
  chair_member_id: string | null;
  recorder_member_id: string | null;
  status: MeetingStatus;
  opened_at: string | null;
  closed_at: string | null;
  minutes_sha256: string | null;
  /** 0002: the MeetingDetail the minutes were rendered from, frozen at closing. */
  minutes_json: Generated<string | null>;
}

export interface MeetingAttendanceTable extends Synced {
  id: string;
  meeting_id: string;
  member_id: string | null;
  name: string;
  title: Generated<string>;
  attendance: Attendance;
  voting: Bool;
  reason: Generated<string>;
}

export interface AgendaItemsTable extends Synced {
  id: string;
  meeting_id: string;
  case_id: string;
  seq: number;
  source: 'auto' | 'manual';
  removed: Generated<Bool>;
  removed_reason: Generated<string>;
  notes: Generated<string>;
}

export interface DecisionsTable extends Synced {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  case_id: string;
  outcome: Outcome;
  reason: Generated<string>;
  amount_fen: number | null;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  decided_at: string;
  /** A decision of a closed earlier meeting that this one (of a later meeting) corrects (0008 sets it). */
  supersedes_id: string | null;
  /** 0008: the length of a phase-out (渐退期) the decision approved, in months. */
  phase_out_months: number | null;
}

export interface RecusalsTable extends Synced {
  id: string;
  agenda_item_id: string;
  member_id: string;
  reason: string;
  left_room: Generated<Bool>;
}

export interface NoticeBatchesTable extends Synced {
  id: string;
  meeting_id: string | null;
  street_code: string;
  community_code: string;
  start_date: string;
  end_date: string;
  status: NoticeStatus;
  posted_at: string | null;
}

export interface NoticeItemsTable extends Synced {
  id: string;
  batch_id: string;
  case_id: string;
  seq: number;
}

export interface ObjectionsTable extends Synced {
  id: string;
  batch_id: string;
  case_id: string;
  received_at: string;
  objector: Generated<string>;
  channel: 'visit' | 'phone' | 'letter' | 'hotline_12349' | 'other';
  content: string;
  status: 'open' | 'resolved';
  resolution: Generated<string>;
}

export interface SpotCheckDrawsTable extends Synced {
  id: string;
  district_code: string;
  period_start: string;
  period_end: string;
  street_codes_json: string;
  rate_percent: number;
  seed: string;
  seed_source: SeedSource;
  manifest_text: string;
  manifest_sha256: string;
  algorithm: string;
  drawn_by: string;
  drawn_at: string;
  status: 'locked' | 'superseded';
  redraw_of_id: string | null;
  redraw_reason: Generated<string>;
}

export interface SpotCheckItemsTable extends Synced {
  id: string;
  draw_id: string;
  case_id: string;
  case_no: string;
  street_code: string;
  outcome: 'approved' | 'rejected';
  ticket: string;
  rank: number;
  reason: 'random' | 'mandatory';
  inspector_a_id: string | null;
  inspector_b_id: string | null;
}

export interface SpotCheckFindingsTable extends Synced {
  id: string;
  item_id: string;
  method: InspectionMethod;
  inspected_on: string;
  inspector_a_id: string;
  inspector_b_id: string;
  finding: Finding;
  notes: Generated<string>;
  recorded_at: string;
}

export interface CorrectionsTable extends Synced {
  id: string;
  /** The finding that ordered it; the street's copy has no findings, so this is no foreign key (0008). */
  finding_id: string;
  street_code: string;
  case_id: string;
  /** The kind of finding, which the street sees; the inspectors' notes stay with the bureau. */
  finding: Finding;
  ordered_on: string;
  requirement: string;
  deadline: string;
  /** The bureau asks for a 复核 or 停保 case, which the street can put straight onto its next agenda. */
  asks_case_kind: 're_review' | 'termination' | null;
  /** open → answered (the street's answer awaits the bureau) → done (accepted); a returned answer reopens it. */
  status: 'open' | 'answered' | 'done';
  result: Generated<string>;
  closed_on: string | null;
}

export interface CorrectionAnswersTable extends Synced {
  id: string;
  correction_id: string;
  street_code: string;
  answered_on: string;
  answer: string;
  /** The case the street opened or the decision it made for the correction, when there is one. */
  case_id: string | null;
  decision_id: string | null;
  answered_by: string;
  answered_at: string;
  review: 'pending' | 'accepted' | 'returned';
  review_note: Generated<string>;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** A district's standards, thresholds and intervals from a date (shared/standards.ts StandardValues). */
export interface StandardsTable extends Synced {
  id: string;
  district_code: string;
  effective_from: string;
  /** Inclusive; null = until a later record starts. */
  effective_to: string | null;
  values_json: string;
  note: Generated<string>;
  set_by: string;
  set_by_name: string;
  set_at: string;
}

/** The bureau sent month's 花名册 to finance (seed 001 十: by the 5th). */
export interface RosterSendsTable extends Synced {
  id: string;
  district_code: string;
  month: string;
  sent_on: string;
  households: number;
  persons: number;
  total_fen: number;
  note: Generated<string>;
  sent_by: string;
  sent_by_name: string;
}

export interface OutboxTable {
  id: Generated<number>;
  name: string;
  args_json: string;
  created_at: string;
}

export interface SyncStateTable {
  id: number;
  client_id: string;
  cursor: string | null;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_error: string | null;
  server_url: string | null;
  account_json: string | null;
  full_pull_done: Generated<0 | 1>;
}

export interface SyncApplyStateTable {
  id: number;
  applying: 0 | 1;
}

export interface SyncRejectionsTable {
  id: Generated<number>;
  mutation_id: number;
  name: string;
  args_json: string;
  /** What the change was about (meeting, community's notice, case numbers), named when it was refused. */
  subject: Generated<string>;
  code: string;
  message: string;
  rejected_at: string;
  resolved_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

/** A desk-local PIN or password (migration 0011): scrypt hash, salt and cost; wrong tries and the throttle. */
export interface DeskPinsTable {
  user_id: string;
  kind: 'pin' | 'password';
  hash: string;
  salt: string;
  cost: number;
  set_at: string;
  failures: Generated<number>;
  /** Epoch milliseconds of the lock's clock until which tries are refused. */
  blocked_until: number | null;
}

export interface Database {
  regions: RegionsTable;
  users: UsersTable;
  committee_members: CommitteeMembersTable;
  households: HouseholdsTable;
  members: MembersTable;
  close_relative_filings: CloseRelativeFilingsTable;
  cases: CasesTable;
  investigations: InvestigationsTable;
  case_documents: CaseDocumentsTable;
  complaints: ComplaintsTable;
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  agenda_items: AgendaItemsTable;
  decisions: DecisionsTable;
  recusals: RecusalsTable;
  notice_batches: NoticeBatchesTable;
  notice_items: NoticeItemsTable;
  objections: ObjectionsTable;
  spot_check_draws: SpotCheckDrawsTable;
  spot_check_items: SpotCheckItemsTable;
  spot_check_findings: SpotCheckFindingsTable;
  corrections: CorrectionsTable;
  correction_answers: CorrectionAnswersTable;
  standards: StandardsTable;
  roster_sends: RosterSendsTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  sync_apply_state: SyncApplyStateTable;
  sync_rejections: SyncRejectionsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  desk_pins: DeskPinsTable;
}

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;
export type RowUpdate<T extends TableName> = Updateable<Database[T]>;
