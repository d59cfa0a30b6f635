// The cases grid sorts by 户主 in pinyin order (issue 20). No stored column holds that order, so the heads'
// names are indexed by pinyin_key (electron/backend/db/pinyin-key.ts, registered on every connection
// openDatabase makes): the grid then walks the heads in order and stops after the window, instead of
// keying and sorting the district. The key is built from the runtime's collation data, so the version it
// was built with is kept beside it; openDatabase rebuilds the index when the runtime's ICU differs
// (as PostgreSQL tracks a collation's version). The latest decision's amount, which the grid's 金额 sorts
// by, gets a covering index. The centre has no grid and no pinyin_key: its PostgreSQL schema leaves the
// pinyin index out (server/postgres/schema.ts).
import { sql, type Transaction } from 'kysely';
import { pinyinKeyVersion } from '../electron/backend/db/pinyin-key';
import type { Migration } from './types';

export const migration0011: Migration = {
  version: 11,
  name: '0011_grid_sort_indexes',
  async up(trx: Transaction<unknown>): Promise<void> {
    await sql.raw(`CREATE INDEX members_head_pinyin ON members(pinyin_key(name), household_id) WHERE relation = 'self'`).execute(trx);
    // The grid's 金额 is the latest decision's: read off this index alone, without visiting the rows.
    await sql.raw(`CREATE INDEX decisions_latest_amount ON decisions(case_id, decided_at, id, amount_fen)`).execute(trx);
    await sql.raw(`CREATE TABLE sort_key_versions (index_name TEXT PRIMARY KEY, version TEXT NOT NULL)`).execute(trx);
    await sql`INSERT INTO sort_key_versions (index_name, version) VALUES ('members_head_pinyin', ${pinyinKeyVersion()})`.execute(trx);
  },
};
