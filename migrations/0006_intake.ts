// 受理 and the household record (issue 15): the structured family economic investigation, the documents
// received, complaints (投诉举报), the prepayment's reason and approver, the applicant's declaration of
// close relatives, and which case a 近亲属 filing was made on. Income, expense and asset lines are kept as
// JSON on the investigation: they are read and derived as one record, never queried line by line.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const synced = `version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at TEXT NOT NULL`;

const jsonArray = (column: string) => `CHECK (json_valid(${column}) AND json_type(${column}) = 'array')`;

const statements = [
  `CREATE TABLE investigations (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
  visited_on TEXT NOT NULL,
  -- [{"userId":"…","name":"…"}], at least two people (低保办法 art. 15)
  investigators_json TEXT NOT NULL ${jsonArray('investigators_json')} CHECK (json_array_length(investigators_json) >= 2),
  visit_note TEXT NOT NULL CHECK (visit_note <> ''),
  incomes_json TEXT NOT NULL DEFAULT '[]' ${jsonArray('incomes_json')},
  expenses_json TEXT NOT NULL DEFAULT '[]' ${jsonArray('expenses_json')},
  assets_json TEXT NOT NULL DEFAULT '[]' ${jsonArray('assets_json')},
  single_person_basis TEXT CHECK (single_person_basis IN ('severe_disability', 'serious_illness')),
  single_person_member_id TEXT REFERENCES members(id),
  cross_check TEXT NOT NULL CHECK (cross_check IN ('consistent', 'discrepancy')),
  cross_check_note TEXT NOT NULL DEFAULT '',
  conclusion TEXT NOT NULL CHECK (conclusion IN ('eligible', 'ineligible')),
  conclusion_note TEXT NOT NULL DEFAULT '',
  standard_fen INTEGER NOT NULL CHECK (standard_fen > 0),
  household_size INTEGER NOT NULL CHECK (household_size >= 1),
  counted_size INTEGER NOT NULL CHECK (counted_size >= 1),
  gross_income_fen INTEGER NOT NULL CHECK (gross_income_fen >= 0),
  exempt_fen INTEGER NOT NULL CHECK (exempt_fen >= 0),
  work_cost_fen INTEGER NOT NULL CHECK (work_cost_fen >= 0),
  rigid_expense_fen INTEGER NOT NULL CHECK (rigid_expense_fen >= 0),
  net_income_fen INTEGER NOT NULL CHECK (net_income_fen >= 0),
  per_capita_income_fen INTEGER NOT NULL CHECK (per_capita_income_fen >= 0),
  asset_total_fen INTEGER NOT NULL CHECK (asset_total_fen >= 0),
  proposed_amount_fen INTEGER CHECK (proposed_amount_fen >= 0),
  -- The arithmetic as the investigators saw it (the standard may change later; this record does not).
  arithmetic_json TEXT NOT NULL DEFAULT '[]' ${jsonArray('arithmetic_json')},
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  ${synced},
  CHECK ((single_person_basis IS NULL) = (single_person_member_id IS NULL))
)`,
  `CREATE TABLE case_documents (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('application_form', 'id_card', 'household_register', 'income_proof', 'authorisation', 'disability_card', 'medical_record', 'commitment', 'other')),
  received_on TEXT NOT NULL,
  ${synced},
  UNIQUE (case_id, kind)
)`,
  `CREATE TABLE complaints (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  household_id TEXT NOT NULL REFERENCES households(id),
  against TEXT NOT NULL CHECK (against IN ('case', 'household')),
  channel TEXT NOT NULL CHECK (channel IN ('hotline_12345', 'hotline_12349', 'letter', 'visit')),
  received_on TEXT NOT NULL,
  complainant TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL CHECK (content <> ''),
  handling TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_on TEXT,
  ${synced},
  CHECK (status = 'open' OR (result <> '' AND closed_on IS NOT NULL))
)`,
  `CREATE INDEX complaints_household ON complaints(household_id)`,
  `ALTER TABLE close_relative_filings ADD COLUMN case_id TEXT REFERENCES cases(id)`,
  `ALTER TABLE cases ADD COLUMN prepaid_reason TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE cases ADD COLUMN prepaid_approved_by TEXT NOT NULL DEFAULT ''`,
  // NULL for a case taken in before the declaration was asked for.
  `ALTER TABLE cases ADD COLUMN relatives_declaration TEXT CHECK (relatives_declaration IN ('none', 'declared'))`,
  `ALTER TABLE cases ADD COLUMN relatives_declaration_note TEXT NOT NULL DEFAULT ''`,
];

export const migration0006: Migration = {
  version: 6,
  name: '0006_intake',
  async up(trx: Transaction<unknown>) {
    for (const s of statements) await sql.raw(s).execute(trx);
  },
};
