// A closed meeting's record is final (DESIGN.md §4): the database itself refuses to rewrite or delete
// its decisions, attendance, agenda and recusals, or to reopen it, whatever code path tries. A later
// correction is a new decision row linked by supersedes_id, which these triggers leave alone. The minutes'
// hash and frozen record may be set once, in the closing transaction, after the meeting is marked closed.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const closedOf = (meetingIdExpr: string) => `(SELECT status FROM meetings WHERE id = ${meetingIdExpr}) = 'closed'`;

const guard = (table: string, op: 'UPDATE' | 'DELETE', meetingIdExpr: string) =>
  `CREATE TRIGGER ${table}_closed_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
WHEN ${closedOf(meetingIdExpr)}
BEGIN SELECT RAISE(ABORT, '${table} of a closed meeting are immutable'); END`;

const recusalMeeting = (row: 'OLD') => `(SELECT meeting_id FROM agenda_items WHERE id = ${row}.agenda_item_id)`;

const statements = [
  // The record the minutes were rendered from, frozen at closing, so re-rendering them later gives the
  // same bytes (and the stored hash still checks) even after a household or a roster entry changes.
  `ALTER TABLE meetings ADD COLUMN minutes_json TEXT CHECK (minutes_json IS NULL OR json_valid(minutes_json))`,
  guard('decisions', 'UPDATE', 'OLD.meeting_id'),
  guard('decisions', 'DELETE', 'OLD.meeting_id'),
  guard('meeting_attendance', 'UPDATE', 'OLD.meeting_id'),
  guard('meeting_attendance', 'DELETE', 'OLD.meeting_id'),
  guard('agenda_items', 'UPDATE', 'OLD.meeting_id'),
  guard('agenda_items', 'DELETE', 'OLD.meeting_id'),
  guard('recusals', 'UPDATE', recusalMeeting('OLD')),
  guard('recusals', 'DELETE', recusalMeeting('OLD')),
  `CREATE TRIGGER meetings_closed_stays_closed BEFORE UPDATE ON meetings
WHEN OLD.status = 'closed' AND (NEW.status <> 'closed' OR NEW.closed_at IS NOT OLD.closed_at
  OR (OLD.minutes_sha256 IS NOT NULL AND NEW.minutes_sha256 IS NOT OLD.minutes_sha256)
  OR (OLD.minutes_json IS NOT NULL AND NEW.minutes_json IS NOT OLD.minutes_json)
  OR NEW.street_code <> OLD.street_code OR NEW.month <> OLD.month OR NEW.issue_no <> OLD.issue_no OR NEW.venue <> OLD.venue
  OR NEW.scheduled_at <> OLD.scheduled_at OR NEW.opened_at IS NOT OLD.opened_at
  OR NEW.chair_member_id IS NOT OLD.chair_member_id OR NEW.recorder_member_id IS NOT OLD.recorder_member_id)
BEGIN SELECT RAISE(ABORT, 'a closed meeting is immutable'); END`,
  `CREATE TRIGGER meetings_closed_no_delete BEFORE DELETE ON meetings WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, 'a closed meeting is immutable'); END`,
  // Finds a case's open meetings quickly (a case may sit on one open meeting only).
  `CREATE INDEX meetings_street_status ON meetings(street_code, status)`,
];

export const migration0002: Migration = {
  version: 2,
  name: '0002_closed_meeting_guards',
  async up(trx: Transaction<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  },
};
