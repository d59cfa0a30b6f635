// The app lock (issue 21 item 3): a PIN or password per roster user on this desk, kept as an scrypt hash
// with its salt and cost, and the count of wrong tries with the time until which tries are refused, so a
// restart does not reset the throttle. Desk-local: it is not a synced entity, and the centre's copy of the
// schema (server/postgres/schema.ts) only carries the empty table. No foreign key to users: a snapshot or
// a pull that replaces the roster must never be blocked by a PIN row; a PIN of a user no longer on the
// roster simply cannot unlock (the lock reads only serving users).
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

export const migration0012: Migration = {
  version: 12,
  name: '0012_desk_lock',
  async up(trx: Transaction<unknown>): Promise<void> {
    await sql.raw(`CREATE TABLE desk_pins (
  user_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('pin', 'password')),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  salt TEXT NOT NULL CHECK (length(salt) = 32),
  cost INTEGER NOT NULL CHECK (cost BETWEEN 14 AND 20),
  set_at TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  blocked_until INTEGER
)`).execute(trx);
  },
};
