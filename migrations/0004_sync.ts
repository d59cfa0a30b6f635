// Sync with the central database (DESIGN.md §7). The local guards of 0002 and 0003 (a closed meeting,
// a locked draw, a finding are final) protect what is done on this machine; the central database is
// authoritative and runs the same guards itself, so rows arriving from it are applied as they are. While
// a pulled page is applied, sync_apply_state.applying is 1 inside that one transaction and the guards
// stand aside; everywhere else, and always on the central server, it is 0.
// Mutations the central server refused are kept for a person to see and resolve.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

/** The guards that stand aside while the central database's rows are applied. */
export const guardTriggers = [
  'decisions_closed_no_update',
  'decisions_closed_no_delete',
  'meeting_attendance_closed_no_update',
  'meeting_attendance_closed_no_delete',
  'agenda_items_closed_no_update',
  'agenda_items_closed_no_delete',
  'recusals_closed_no_update',
  'recusals_closed_no_delete',
  'meetings_closed_stays_closed',
  'meetings_closed_no_delete',
  'spot_check_draws_locked',
  'spot_check_draws_no_delete',
  'spot_check_items_locked',
  'spot_check_items_no_delete',
  'spot_check_findings_kept',
  'spot_check_findings_no_delete',
] as const;

const NOT_APPLYING = '(SELECT applying FROM sync_apply_state WHERE id = 1) = 0';

/** The trigger's SQL with "and the central database's rows are not being applied" added to its condition. */
export function standAsideWhileApplying(createSql: string): string {
  const begin = createSql.search(/\n\s*BEGIN\b/);
  if (begin < 0) throw new Error(`unexpected trigger text: ${createSql.slice(0, 80)}`);
  const head = createSql.slice(0, begin);
  const body = createSql.slice(begin);
  const when = /\sWHEN\s/.exec(head);
  if (!when) return `${head}\nWHEN ${NOT_APPLYING}${body}`;
  return `${head.slice(0, when.index)}\nWHEN ${NOT_APPLYING} AND (${head.slice(when.index + when[0].length)})${body}`;
}

export const migration0004: Migration = {
  version: 4,
  name: '0004_sync',
  async up(trx: Transaction<unknown>) {
    await sql.raw(`CREATE TABLE sync_apply_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
)`).execute(trx);
    await sql.raw('INSERT INTO sync_apply_state (id, applying) VALUES (1, 0)').execute(trx);
    const rows = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`.execute(trx);
    for (const name of guardTriggers) {
      const row = rows.rows.find((r) => r.name === name);
      if (!row) throw new Error(`guard trigger ${name} is missing`);
      await sql.raw(`DROP TRIGGER ${name}`).execute(trx);
      await sql.raw(standAsideWhileApplying(row.sql)).execute(trx);
    }
    await sql.raw(`CREATE TABLE sync_rejections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  args_json TEXT NOT NULL CHECK (json_valid(args_json)),
  subject TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  rejected_at TEXT NOT NULL,
  resolved_at TEXT
)`).execute(trx);
    // Which server and account this copy syncs with; the tokens themselves are never in the database.
    await sql.raw('ALTER TABLE sync_state ADD COLUMN server_url TEXT').execute(trx);
    await sql.raw('ALTER TABLE sync_state ADD COLUMN account_json TEXT CHECK (account_json IS NULL OR json_valid(account_json))').execute(trx);
    await sql.raw('ALTER TABLE sync_state ADD COLUMN full_pull_done INTEGER NOT NULL DEFAULT 0 CHECK (full_pull_done IN (0, 1))').execute(trx);
  },
};
