// Whose rows are whose: the division code each synced row belongs to (a street's meeting, a community's
// household) and who may see it. Pulls send a user only rows inside their jurisdiction (and the regions
// above it); spot checks, from the draw down to the corrections, go to the district bureau only.
import type { SyncedEntity } from '../../shared/sync';

/** SELECT of key, version, division code and position in its table (o) for every row of the entity (alias x). */
export const scopeSql: Record<SyncedEntity, string> = {
  regions: 'SELECT x.code AS k, x.version AS v, x.code AS r, x.rowid AS o FROM regions x',
  users: 'SELECT x.id AS k, x.version AS v, x.region_code AS r, x.rowid AS o FROM users x',
  committee_members: 'SELECT x.id AS k, x.version AS v, x.street_code AS r, x.rowid AS o FROM committee_members x',
  households: 'SELECT x.id AS k, x.version AS v, x.community_code AS r, x.rowid AS o FROM households x',
  members: 'SELECT x.id AS k, x.version AS v, h.community_code AS r, x.rowid AS o FROM members x JOIN households h ON h.id = x.household_id',
  close_relative_filings: 'SELECT x.id AS k, x.version AS v, h.community_code AS r, x.rowid AS o FROM close_relative_filings x JOIN households h ON h.id = x.household_id',
  cases: 'SELECT x.id AS k, x.version AS v, x.community_code AS r, x.rowid AS o FROM cases x',
  meetings: 'SELECT x.id AS k, x.version AS v, x.street_code AS r, x.rowid AS o FROM meetings x',
  meeting_attendance: 'SELECT x.id AS k, x.version AS v, m.street_code AS r, x.rowid AS o FROM meeting_attendance x JOIN meetings m ON m.id = x.meeting_id',
  agenda_items: 'SELECT x.id AS k, x.version AS v, m.street_code AS r, x.rowid AS o FROM agenda_items x JOIN meetings m ON m.id = x.meeting_id',
  decisions: 'SELECT x.id AS k, x.version AS v, m.street_code AS r, x.rowid AS o FROM decisions x JOIN meetings m ON m.id = x.meeting_id',
  recusals: 'SELECT x.id AS k, x.version AS v, m.street_code AS r, x.rowid AS o FROM recusals x JOIN agenda_items i ON i.id = x.agenda_item_id JOIN meetings m ON m.id = i.meeting_id',
  notice_batches: 'SELECT x.id AS k, x.version AS v, x.community_code AS r, x.rowid AS o FROM notice_batches x',
  notice_items: 'SELECT x.id AS k, x.version AS v, b.community_code AS r, x.rowid AS o FROM notice_items x JOIN notice_batches b ON b.id = x.batch_id',
  objections: 'SELECT x.id AS k, x.version AS v, b.community_code AS r, x.rowid AS o FROM objections x JOIN notice_batches b ON b.id = x.batch_id',
  spot_check_draws: 'SELECT x.id AS k, x.version AS v, x.district_code AS r, x.rowid AS o FROM spot_check_draws x',
  spot_check_items: 'SELECT x.id AS k, x.version AS v, x.street_code AS r, x.rowid AS o FROM spot_check_items x',
  spot_check_findings: 'SELECT x.id AS k, x.version AS v, i.street_code AS r, x.rowid AS o FROM spot_check_findings x JOIN spot_check_items i ON i.id = x.item_id',
  corrections: 'SELECT x.id AS k, x.version AS v, x.street_code AS r, x.rowid AS o FROM corrections x',
};

const bureauOnly = new Set<SyncedEntity>(['spot_check_draws', 'spot_check_items', 'spot_check_findings', 'corrections']);

export function audienceOf(entity: SyncedEntity): 'all' | 'bureau' {
  return bureauOnly.has(entity) ? 'bureau' : 'all';
}

/** Which tables each kind of user may change through sync; reference data (regions, people) is the centre's. */
export const writableBy: Record<'street' | 'bureau', ReadonlySet<SyncedEntity>> = {
  street: new Set<SyncedEntity>(['cases', 'households', 'meetings', 'meeting_attendance', 'agenda_items', 'decisions', 'recusals', 'notice_batches', 'notice_items', 'objections']),
  bureau: new Set<SyncedEntity>(['spot_check_draws', 'spot_check_items', 'spot_check_findings', 'corrections']),
};
