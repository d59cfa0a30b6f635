// Spreadsheet exchange (issue 16): the household's monthly income as the applicant declared it, which the
// provincial template carries and 受理 now asks for (the investigation finds the real figure); and members
// found by ID, as every intake and import does to keep a person on one household.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const statements = [
  `ALTER TABLE cases ADD COLUMN declared_income_fen INTEGER CHECK (declared_income_fen >= 0)`,
  `CREATE INDEX members_citizen_id ON members(citizen_id)`,
];

export const migration0007: Migration = {
  version: 7,
  name: '0007_declared_income',
  async up(trx: Transaction<unknown>): Promise<void> {
    for (const s of statements) await sql.raw(s).execute(trx);
  },
};
