// The cases grid asks SQLite for one window at a time (issue 20), sorted and counted there. These indexes
// let the common orders be read in index order, stopping after the window, instead of sorting the
// district: the default order (申请日期, newest first) for the district and for one street, and the
// community column. Each ends in the case id, the tiebreak every window order uses. Checked with
// EXPLAIN QUERY PLAN by tests/integration/case-window.test.ts.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const statements = [
  `CREATE INDEX cases_applied ON cases(applied_on, id)`,
  `CREATE INDEX cases_street_applied ON cases(street_code, applied_on, id)`,
  `CREATE INDEX cases_community_id ON cases(community_code, id)`,
];

export const migration0010: Migration = {
  version: 10,
  name: '0010_case_grid_indexes',
  async up(trx: Transaction<unknown>): Promise<void> {
    for (const s of statements) await sql.raw(s).execute(trx);
  },
};
