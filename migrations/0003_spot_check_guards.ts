// A draw is locked (DESIGN.md §6): the database itself refuses to change what was drawn from (manifest,
// hash, seed, algorithm, period, streets) or who drew it, to lower its rate, to unlock a superseded
// draw, or to rewrite or delete a sampled case. What may change: a larger rate (an extension, with new
// items, where a mandatory case the larger rate reaches by ticket becomes a random one), superseding it
// once (a redraw), and who inspects each case. Findings stay as recorded; a
// finding recorded again is a new row.
import { sql, type Transaction } from 'kysely';
import type { Migration } from './types';

const statements = [
  `CREATE TRIGGER spot_check_draws_locked BEFORE UPDATE ON spot_check_draws
WHEN NEW.seed <> OLD.seed OR NEW.seed_source <> OLD.seed_source OR NEW.manifest_text <> OLD.manifest_text
  OR NEW.manifest_sha256 <> OLD.manifest_sha256 OR NEW.algorithm <> OLD.algorithm OR NEW.district_code <> OLD.district_code
  OR NEW.period_start <> OLD.period_start OR NEW.period_end <> OLD.period_end OR NEW.street_codes_json <> OLD.street_codes_json
  OR NEW.drawn_by <> OLD.drawn_by OR NEW.drawn_at <> OLD.drawn_at OR NEW.rate_percent < OLD.rate_percent
  OR (OLD.status = 'superseded' AND (NEW.status <> 'superseded' OR NEW.rate_percent <> OLD.rate_percent))
  OR NEW.redraw_of_id IS NOT OLD.redraw_of_id OR NEW.redraw_reason <> OLD.redraw_reason
BEGIN SELECT RAISE(ABORT, 'a spot-check draw is locked'); END`,
  `CREATE TRIGGER spot_check_draws_no_delete BEFORE DELETE ON spot_check_draws
BEGIN SELECT RAISE(ABORT, 'a spot-check draw is kept'); END`,
  `CREATE TRIGGER spot_check_items_locked BEFORE UPDATE ON spot_check_items
WHEN NEW.draw_id <> OLD.draw_id OR NEW.case_id <> OLD.case_id OR NEW.case_no <> OLD.case_no OR NEW.street_code <> OLD.street_code
  OR NEW.outcome <> OLD.outcome OR NEW.ticket <> OLD.ticket OR NEW.rank <> OLD.rank
  OR (NEW.reason <> OLD.reason AND NOT (OLD.reason = 'mandatory' AND NEW.reason = 'random'))
BEGIN SELECT RAISE(ABORT, 'a sampled case is locked'); END`,
  `CREATE TRIGGER spot_check_items_no_delete BEFORE DELETE ON spot_check_items
BEGIN SELECT RAISE(ABORT, 'a sampled case is kept'); END`,
  `CREATE TRIGGER spot_check_findings_kept BEFORE UPDATE ON spot_check_findings
BEGIN SELECT RAISE(ABORT, 'a finding is kept as recorded'); END`,
  `CREATE TRIGGER spot_check_findings_no_delete BEFORE DELETE ON spot_check_findings
BEGIN SELECT RAISE(ABORT, 'a finding is kept as recorded'); END`,
  `CREATE INDEX spot_check_items_draw ON spot_check_items(draw_id, street_code, outcome, rank)`,
  `CREATE INDEX spot_check_findings_item ON spot_check_findings(item_id, recorded_at)`,
  // The frame leaves out superseded decisions and flags cases with an objection: both look-ups by case.
  `CREATE INDEX decisions_supersedes ON decisions(supersedes_id) WHERE supersedes_id IS NOT NULL`,
  `CREATE INDEX objections_case ON objections(case_id)`,
  `CREATE INDEX corrections_finding ON corrections(finding_id)`,
];

export const migration0003: Migration = {
  version: 3,
  name: '0003_spot_check_guards',
  async up(trx: Transaction<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  },
};
