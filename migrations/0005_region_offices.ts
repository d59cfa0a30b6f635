// Each street's office details live on its region (issue 14): a notice or standing list is signed by the
// office of the street it is about, not by one name set on the machine. The columns sync with the rest
// of the region row, so the bureau's change at the centre reaches every desk. The machine-wide office
// name, address and phone are dropped from the stored settings: they signed every street's documents
// with one street's office (or with a bare 街道办事处 on a copy synced from the centre).
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const statements = [
  // '' means not filled in yet: documents then derive the name from the region (望江街道 → 望江街道办事处).
  `ALTER TABLE regions ADD COLUMN office_name TEXT NOT NULL DEFAULT '' CHECK (length(office_name) <= 60)`,
  `ALTER TABLE regions ADD COLUMN office_address TEXT NOT NULL DEFAULT '' CHECK (length(office_address) <= 120)`,
  `ALTER TABLE regions ADD COLUMN office_phone TEXT NOT NULL DEFAULT '' CHECK (length(office_phone) <= 40)`,
  // [{"label":"民政服务热线","number":"12349"}, ...]: the hotlines the office publishes, in print order.
  `ALTER TABLE regions ADD COLUMN office_hotlines_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(office_hotlines_json) AND json_type(office_hotlines_json) = 'array')`,
  // Who changed the details last and when, on the row itself so that every desk can say so, not only
  // the one where the change was made (the audit log is each database's own).
  `ALTER TABLE regions ADD COLUMN office_changed_by TEXT`,
  `ALTER TABLE regions ADD COLUMN office_changed_at TEXT`,
  `UPDATE settings SET value_json = json_remove(value_json, '$.officeName', '$.officeAddress', '$.officePhone') WHERE key = 'settings' AND json_valid(value_json)`,
];

export const migration0005: Migration = {
  version: 5,
  name: '0005_region_offices',
  async up(trx: Transaction<unknown>) {
    for (const s of statements) await sql.raw(s).execute(trx);
  },
};
