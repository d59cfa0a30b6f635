// The whole domain schema of DESIGN.md. Rows that sync carry `version` (server-assigned, compared on
// case state changes) and `updated_at`. Codes: district 6 digits, street 9, community 12.
// Money is integer fen; dates are ISO-8601 text.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const synced = `version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL`;

const statements = [
  `CREATE TABLE regions (
  code TEXT PRIMARY KEY CHECK (length(code) IN (6, 9, 12) AND code NOT GLOB '*[^0-9]*'),
  name TEXT NOT NULL CHECK (name <> ''),
  level TEXT NOT NULL CHECK (level IN ('district', 'street', 'community')),
  parent_code TEXT REFERENCES regions(code),
  code_vintage INTEGER NOT NULL,
  ${synced},
  CHECK ((level = 'district' AND length(code) = 6 AND parent_code IS NULL)
      OR (level = 'street' AND length(code) = 9 AND parent_code = substr(code, 1, 6))
      OR (level = 'community' AND length(code) = 12 AND parent_code = substr(code, 1, 9)))
)`,
  `CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('street_staff', 'group_member', 'bureau_inspector', 'bureau_chief')),
  region_code TEXT NOT NULL REFERENCES regions(code),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  ${synced}
)`,
  // 联审联批领导小组 roster of a street office.
  `CREATE TABLE committee_members (
  id TEXT PRIMARY KEY,
  street_code TEXT NOT NULL REFERENCES regions(code),
  user_id TEXT REFERENCES users(id),
  name TEXT NOT NULL,
  position TEXT NOT NULL CHECK (position IN ('chair', 'deputy', 'member', 'discipline', 'recorder')),
  title TEXT NOT NULL DEFAULT '',
  voting INTEGER NOT NULL DEFAULT 1 CHECK (voting IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  ${synced}
)`,
  `CREATE INDEX committee_members_street ON committee_members(street_code, active, sort_order)`,
  `CREATE TABLE households (
  id TEXT PRIMARY KEY,
  household_no TEXT NOT NULL UNIQUE,
  street_code TEXT NOT NULL REFERENCES regions(code),
  community_code TEXT NOT NULL REFERENCES regions(code),
  area_type TEXT NOT NULL CHECK (area_type IN ('urban', 'rural')),
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  category TEXT CHECK (category IN ('tekun', 'dibao', 'dibao_edge', 'rigid_expense', 'anti_relapse', 'other')),
  assistance_status TEXT NOT NULL CHECK (assistance_status IN ('applicant', 'active', 'phasing_out', 'terminated', 'none')),
  monthly_amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (monthly_amount_fen >= 0),
  assisted_since TEXT,
  ${synced},
  CHECK (substr(community_code, 1, 9) = street_code)
)`,
  `CREATE INDEX households_community ON households(community_code)`,
  `CREATE TABLE members (
  id TEXT PRIMARY KEY,
  household_id TEXT NOT NULL REFERENCES households(id),
  name TEXT NOT NULL CHECK (name <> ''),
  citizen_id TEXT NOT NULL UNIQUE CHECK (length(citizen_id) = 18),
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('self', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other')),
  monthly_income_fen INTEGER NOT NULL DEFAULT 0 CHECK (monthly_income_fen >= 0),
  occupation TEXT NOT NULL DEFAULT '',
  disability TEXT,
  health TEXT,
  ${synced}
)`,
  `CREATE INDEX members_household ON members(household_id)`,
  `CREATE UNIQUE INDEX members_one_head ON members(household_id) WHERE relation = 'self'`,
  // 近亲属备案: a household member related to civil-affairs staff or a community/village committee member.
  `CREATE TABLE close_relative_filings (
  id TEXT PRIMARY KEY,
  household_id TEXT NOT NULL REFERENCES households(id),
  member_id TEXT NOT NULL REFERENCES members(id),
  relative_name TEXT NOT NULL,
  relative_post TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild')),
  filed_on TEXT NOT NULL,
  ${synced}
)`,
  `CREATE INDEX close_relative_filings_household ON close_relative_filings(household_id)`,
  `CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  case_no TEXT NOT NULL UNIQUE CHECK (case_no NOT GLOB '*[^0-9A-Za-z-]*'),
  household_id TEXT NOT NULL REFERENCES households(id),
  street_code TEXT NOT NULL REFERENCES regions(code),
  community_code TEXT NOT NULL REFERENCES regions(code),
  category TEXT NOT NULL CHECK (category IN ('tekun', 'dibao', 'dibao_edge', 'rigid_expense', 'anti_relapse', 'other', 'temporary')),
  kind TEXT NOT NULL CHECK (kind IN ('new_application', 'increase', 'decrease', 'termination', 'phase_out', 'temporary', 're_review')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'deferred', 'approved', 'rejected', 'reinvestigating', 'withdrawn')),
  applied_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  current_amount_fen INTEGER CHECK (current_amount_fen >= 0),
  proposed_amount_fen INTEGER CHECK (proposed_amount_fen >= 0),
  per_capita_income_fen INTEGER CHECK (per_capita_income_fen >= 0),
  income_check_note TEXT NOT NULL DEFAULT '',
  home_visit_note TEXT NOT NULL DEFAULT '',
  prepaid_amount_fen INTEGER CHECK (prepaid_amount_fen >= 0),
  prepaid_on TEXT,
  close_relative INTEGER NOT NULL DEFAULT 0 CHECK (close_relative IN (0, 1)),
  complaint INTEGER NOT NULL DEFAULT 0 CHECK (complaint IN (0, 1)),
  complaint_note TEXT NOT NULL DEFAULT '',
  caseworker TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  ${synced},
  CHECK (substr(community_code, 1, 9) = street_code),
  CHECK ((prepaid_amount_fen IS NULL) = (prepaid_on IS NULL))
)`,
  `CREATE INDEX cases_street_status ON cases(street_code, status)`,
  `CREATE INDEX cases_community ON cases(community_code)`,
  `CREATE INDEX cases_household ON cases(household_id)`,
  `CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  street_code TEXT NOT NULL REFERENCES regions(code),
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  issue_no INTEGER NOT NULL CHECK (issue_no >= 1),
  venue TEXT NOT NULL DEFAULT '',
  scheduled_at TEXT NOT NULL,
  chair_member_id TEXT REFERENCES committee_members(id),
  recorder_member_id TEXT REFERENCES committee_members(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_session', 'closed')),
  opened_at TEXT,
  closed_at TEXT,
  minutes_sha256 TEXT CHECK (minutes_sha256 IS NULL OR length(minutes_sha256) = 64),
  ${synced},
  CHECK (status <> 'closed' OR closed_at IS NOT NULL)
)`,
  `CREATE UNIQUE INDEX meetings_issue ON meetings(street_code, substr(month, 1, 4), issue_no)`,
  `CREATE TABLE meeting_attendance (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  member_id TEXT REFERENCES committee_members(id),
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  attendance TEXT NOT NULL CHECK (attendance IN ('present', 'leave', 'observer', 'absent')),
  voting INTEGER NOT NULL CHECK (voting IN (0, 1)),
  reason TEXT NOT NULL DEFAULT '',
  ${synced},
  CHECK (attendance <> 'observer' OR voting = 0),
  UNIQUE (meeting_id, member_id)
)`,
  `CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  removed_reason TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  ${synced},
  CHECK (removed = 0 OR removed_reason <> ''),
  UNIQUE (meeting_id, case_id)
)`,
  `CREATE INDEX agenda_items_case ON agenda_items(case_id)`,
  `CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  agenda_item_id TEXT REFERENCES agenda_items(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('approve', 'reject', 'defer')),
  reason TEXT NOT NULL DEFAULT '',
  amount_fen INTEGER CHECK (amount_fen >= 0),
  votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
  votes_against INTEGER NOT NULL CHECK (votes_against >= 0),
  votes_abstain INTEGER NOT NULL CHECK (votes_abstain >= 0),
  decided_at TEXT NOT NULL,
  supersedes_id TEXT REFERENCES decisions(id),
  ${synced},
  CHECK (outcome = 'approve' OR amount_fen IS NULL),
  CHECK (outcome = 'approve' OR reason <> '')
)`,
  `CREATE INDEX decisions_case ON decisions(case_id, decided_at)`,
  `CREATE UNIQUE INDEX decisions_one_per_item ON decisions(agenda_item_id) WHERE supersedes_id IS NULL AND agenda_item_id IS NOT NULL`,
  `CREATE TABLE recusals (
  id TEXT PRIMARY KEY,
  agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id),
  member_id TEXT NOT NULL REFERENCES committee_members(id),
  reason TEXT NOT NULL CHECK (reason <> ''),
  left_room INTEGER NOT NULL DEFAULT 1 CHECK (left_room IN (0, 1)),
  ${synced},
  UNIQUE (agenda_item_id, member_id)
)`,
  `CREATE TABLE notice_batches (
  id TEXT PRIMARY KEY,
  meeting_id TEXT REFERENCES meetings(id),
  street_code TEXT NOT NULL REFERENCES regions(code),
  community_code TEXT NOT NULL REFERENCES regions(code),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'posted', 'ended')),
  posted_at TEXT,
  ${synced},
  CHECK (end_date >= date(start_date, '+6 days'))
)`,
  `CREATE TABLE notice_items (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES notice_batches(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  ${synced},
  UNIQUE (batch_id, case_id)
)`,
  `CREATE TABLE objections (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES notice_batches(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  received_at TEXT NOT NULL,
  objector TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'letter', 'hotline_12349', 'other')),
  content TEXT NOT NULL CHECK (content <> ''),
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  resolution TEXT NOT NULL DEFAULT '',
  ${synced}
)`,
  `CREATE TABLE spot_check_draws (
  id TEXT PRIMARY KEY,
  district_code TEXT NOT NULL REFERENCES regions(code),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  street_codes_json TEXT NOT NULL,
  rate_percent INTEGER NOT NULL CHECK (rate_percent BETWEEN 30 AND 100),
  seed TEXT NOT NULL CHECK (length(seed) >= 20 AND seed NOT GLOB '*[^0-9]*'),
  seed_source TEXT NOT NULL CHECK (seed_source IN ('dice', 'csprng')),
  manifest_text TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
  algorithm TEXT NOT NULL,
  drawn_by TEXT NOT NULL REFERENCES users(id),
  drawn_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('locked', 'superseded')),
  redraw_of_id TEXT REFERENCES spot_check_draws(id),
  redraw_reason TEXT NOT NULL DEFAULT '',
  ${synced},
  CHECK (period_end >= period_start),
  CHECK (redraw_of_id IS NULL OR redraw_reason <> '')
)`,
  `CREATE TABLE spot_check_items (
  id TEXT PRIMARY KEY,
  draw_id TEXT NOT NULL REFERENCES spot_check_draws(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  case_no TEXT NOT NULL,
  street_code TEXT NOT NULL REFERENCES regions(code),
  outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected')),
  ticket TEXT NOT NULL CHECK (ticket GLOB '0.*'),
  rank INTEGER NOT NULL CHECK (rank >= 1),
  reason TEXT NOT NULL CHECK (reason IN ('random', 'mandatory')),
  inspector_a_id TEXT REFERENCES users(id),
  inspector_b_id TEXT REFERENCES users(id),
  ${synced},
  CHECK (inspector_a_id IS NULL OR inspector_b_id IS NULL OR inspector_a_id <> inspector_b_id),
  UNIQUE (draw_id, case_id)
)`,
  `CREATE TABLE spot_check_findings (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES spot_check_items(id),
  method TEXT NOT NULL CHECK (method IN ('home_visit', 'data_check', 'phone')),
  inspected_on TEXT NOT NULL,
  inspector_a_id TEXT NOT NULL REFERENCES users(id),
  inspector_b_id TEXT NOT NULL REFERENCES users(id),
  finding TEXT NOT NULL CHECK (finding IN ('compliant', 'wrongly_included', 'wrongly_excluded', 'favouritism', 'connection', 'wrong_amount', 'procedure')),
  notes TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  ${synced},
  CHECK (inspector_a_id <> inspector_b_id)
)`,
  `CREATE TABLE corrections (
  id TEXT PRIMARY KEY,
  finding_id TEXT NOT NULL REFERENCES spot_check_findings(id),
  street_code TEXT NOT NULL REFERENCES regions(code),
  ordered_on TEXT NOT NULL,
  requirement TEXT NOT NULL CHECK (requirement <> ''),
  deadline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  result TEXT NOT NULL DEFAULT '',
  closed_on TEXT,
  ${synced},
  CHECK (deadline >= ordered_on),
  CHECK (status = 'open' OR closed_on IS NOT NULL)
)`,
  // Local-only tables below: no version, they never sync as rows.
  `CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  args_json TEXT NOT NULL CHECK (json_valid(args_json)),
  created_at TEXT NOT NULL
)`,
  `CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  client_id TEXT NOT NULL,
  cursor TEXT,
  last_push_at TEXT,
  last_pull_at TEXT,
  last_error TEXT
)`,
  `CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  details_json TEXT NOT NULL CHECK (json_valid(details_json)),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
)`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  updated_at TEXT NOT NULL
)`,
];

export const migration0001: Migration = {
  version: 1,
  name: '0001_initial',
  async up(trx: Transaction<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  },
};
