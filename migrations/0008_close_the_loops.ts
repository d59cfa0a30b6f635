// Closing the loops (issue 17):
// - a decision takes effect on a date (the day after a clean notice, or its meeting's close), so a phase-out
//   carries its length and a decision of a later meeting may supersede one of a closed meeting; the one-
//   decision-per-item rule no longer depends on supersedes_id, which now only ever links across meetings;
// - a member's death is recorded (the 3-month re-check falls due from it), and a 复核 or 停保 case can be
//   opened straight from a due item or a correction (cases.opened_for);
// - corrections travel to the street: the table no longer refers to the finding (a street's copy holds no
//   findings, and the inspectors' notes stay with the bureau), carries the case and the kind of finding, and
//   is answered by the street in correction_answers, which the bureau accepts or returns;
// - the standards, thresholds and intervals are dated records a district sets, and the bureau records when
//   it sent a month's roster (花名册) to finance.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const synced = `version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL`;

const statements = [
  `ALTER TABLE decisions ADD COLUMN phase_out_months INTEGER CHECK (phase_out_months IS NULL OR phase_out_months BETWEEN 1 AND 24)`,
  `DROP INDEX decisions_one_per_item`,
  `CREATE UNIQUE INDEX decisions_one_per_item ON decisions(agenda_item_id) WHERE agenda_item_id IS NOT NULL`,
  `CREATE INDEX decisions_meeting ON decisions(meeting_id)`,
  `CREATE INDEX notice_items_case ON notice_items(case_id)`,
  `ALTER TABLE members ADD COLUMN died_on TEXT`,
  // A 复核 or 停保 case opened from a due item of the calendar or from a correction: what it was opened for.
  `ALTER TABLE cases ADD COLUMN opened_for TEXT`,
  // The visit that followed up an approved 临时救助 (the calendar's 回访), once made.
  `ALTER TABLE cases ADD COLUMN followed_up_on TEXT`,
  `ALTER TABLE cases ADD COLUMN follow_up_note TEXT NOT NULL DEFAULT ''`,
  `CREATE UNIQUE INDEX cases_opened_for ON cases(opened_for) WHERE opened_for IS NOT NULL AND status IN ('pending', 'deferred', 'reinvestigating')`,
  `CREATE TABLE corrections_new (
  id TEXT PRIMARY KEY,
  finding_id TEXT NOT NULL,
  street_code TEXT NOT NULL REFERENCES regions(code),
  case_id TEXT NOT NULL REFERENCES cases(id),
  finding TEXT NOT NULL CHECK (finding IN ('compliant', 'wrongly_included', 'wrongly_excluded', 'favouritism', 'connection', 'wrong_amount', 'procedure')),
  ordered_on TEXT NOT NULL,
  requirement TEXT NOT NULL CHECK (requirement <> ''),
  deadline TEXT NOT NULL,
  asks_case_kind TEXT CHECK (asks_case_kind IS NULL OR asks_case_kind IN ('re_review', 'termination')),
  status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'done')),
  result TEXT NOT NULL DEFAULT '',
  closed_on TEXT,
  ${synced},
  CHECK (deadline >= ordered_on),
  CHECK (status <> 'done' OR closed_on IS NOT NULL)
)`,
  `INSERT INTO corrections_new (id, finding_id, street_code, case_id, finding, ordered_on, requirement, deadline, asks_case_kind, status, result, closed_on, version, updated_at)
   SELECT c.id, c.finding_id, c.street_code, i.case_id, f.finding, c.ordered_on, c.requirement, c.deadline, NULL, c.status, c.result, c.closed_on, c.version, c.updated_at
   FROM corrections c JOIN spot_check_findings f ON f.id = c.finding_id JOIN spot_check_items i ON i.id = f.item_id`,
  `DROP TABLE corrections`,
  `ALTER TABLE corrections_new RENAME TO corrections`,
  `CREATE INDEX corrections_finding ON corrections(finding_id)`,
  `CREATE INDEX corrections_street ON corrections(street_code, status, deadline)`,
  `CREATE TABLE correction_answers (
  id TEXT PRIMARY KEY,
  correction_id TEXT NOT NULL REFERENCES corrections(id),
  street_code TEXT NOT NULL REFERENCES regions(code),
  answered_on TEXT NOT NULL,
  answer TEXT NOT NULL CHECK (answer <> ''),
  case_id TEXT REFERENCES cases(id),
  decision_id TEXT REFERENCES decisions(id),
  answered_by TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  review TEXT NOT NULL CHECK (review IN ('pending', 'accepted', 'returned')),
  review_note TEXT NOT NULL DEFAULT '',
  reviewed_by TEXT,
  reviewed_at TEXT,
  ${synced},
  CHECK (review = 'pending' OR reviewed_at IS NOT NULL)
)`,
  `CREATE INDEX correction_answers_correction ON correction_answers(correction_id, answered_at)`,
  `CREATE TABLE standards (
  id TEXT PRIMARY KEY,
  district_code TEXT NOT NULL REFERENCES regions(code),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  values_json TEXT NOT NULL CHECK (json_valid(values_json)),
  note TEXT NOT NULL DEFAULT '',
  set_by TEXT NOT NULL,
  set_by_name TEXT NOT NULL,
  set_at TEXT NOT NULL,
  ${synced},
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  UNIQUE (district_code, effective_from)
)`,
  `CREATE TABLE roster_sends (
  id TEXT PRIMARY KEY,
  district_code TEXT NOT NULL REFERENCES regions(code),
  month TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  households INTEGER NOT NULL CHECK (households >= 0),
  persons INTEGER NOT NULL CHECK (persons >= 0),
  total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
  note TEXT NOT NULL DEFAULT '',
  sent_by TEXT NOT NULL,
  sent_by_name TEXT NOT NULL,
  ${synced},
  UNIQUE (district_code, month)
)`,
];

export const migration0008: Migration = {
  version: 8,
  name: '0008_close_the_loops',
  async up(trx: Transaction<unknown>): Promise<void> {
    for (const s of statements) await sql.raw(s).execute(trx);
  },
};
