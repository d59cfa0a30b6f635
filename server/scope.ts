// Whose rows are whose: the division code each synced row belongs to (a street's meeting, a community's
// household) and who may see it. Pulls send a user only rows inside their jurisdiction (and the regions
// above it); spot checks, from the draw down to the corrections, go to the district bureau only. Every
// row a pushed command writes, and every row it refers to, must lie inside the pusher's jurisdiction.
import { isBureauRole, within } from '../shared/access';
import type { Account, SyncedEntity } from '../shared/sync';
import { keyOf } from '../shared/sync';

/** The division code of a row of `entity` whose columns are reachable as `row.column`. */
export const regionOf: Record<SyncedEntity, (row: string) => string> = {
  regions: (x) => `${x}.code`,
  users: (x) => `${x}.region_code`,
  committee_members: (x) => `${x}.street_code`,
  households: (x) => `${x}.community_code`,
  members: (x) => `(SELECT h.community_code FROM households h WHERE h.id = ${x}.household_id)`,
  close_relative_filings: (x) => `(SELECT h.community_code FROM households h WHERE h.id = ${x}.household_id)`,
  cases: (x) => `${x}.community_code`,
  investigations: (x) => `(SELECT c.community_code FROM cases c WHERE c.id = ${x}.case_id)`,
  case_documents: (x) => `(SELECT c.community_code FROM cases c WHERE c.id = ${x}.case_id)`,
  complaints: (x) => `(SELECT h.community_code FROM households h WHERE h.id = ${x}.household_id)`,
  meetings: (x) => `${x}.street_code`,
  meeting_attendance: (x) => `(SELECT m.street_code FROM meetings m WHERE m.id = ${x}.meeting_id)`,
  agenda_items: (x) => `(SELECT m.street_code FROM meetings m WHERE m.id = ${x}.meeting_id)`,
  decisions: (x) => `(SELECT m.street_code FROM meetings m WHERE m.id = ${x}.meeting_id)`,
  recusals: (x) => `(SELECT m.street_code FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ${x}.agenda_item_id)`,
  notice_batches: (x) => `${x}.community_code`,
  notice_items: (x) => `(SELECT b.community_code FROM notice_batches b WHERE b.id = ${x}.batch_id)`,
  objections: (x) => `(SELECT b.community_code FROM notice_batches b WHERE b.id = ${x}.batch_id)`,
  spot_check_draws: (x) => `${x}.district_code`,
  spot_check_items: (x) => `${x}.street_code`,
  spot_check_findings: (x) => `(SELECT i.street_code FROM spot_check_items i WHERE i.id = ${x}.item_id)`,
  corrections: (x) => `${x}.street_code`,
  correction_answers: (x) => `${x}.street_code`,
  standards: (x) => `${x}.district_code`,
  roster_sends: (x) => `${x}.district_code`,
};

/** SELECT of key, version and division code (k, v, r) for every row of the entity (alias x), plus `extra` columns. */
export function scopeSelect(entity: SyncedEntity, extra = ''): string {
  return `SELECT x.${keyOf(entity)} AS k, x.version AS v, ${regionOf[entity]('x')} AS r${extra} FROM ${entity} x`;
}

export const scopeSql = Object.fromEntries((Object.keys(regionOf) as SyncedEntity[]).map((e) => [e, scopeSelect(e)])) as Record<SyncedEntity, string>;

// Corrections and their answers go to the street they are ordered on as well (issue 17); the findings,
// with the inspectors' notes, do not.
const bureauOnly = new Set<SyncedEntity>(['spot_check_draws', 'spot_check_items', 'spot_check_findings', 'roster_sends']);

/** Rows a district sets for all below it: its standards reach every street and community account too. */
export const handedDown: ReadonlySet<SyncedEntity> = new Set<SyncedEntity>(['regions', 'standards']);

export function audienceOf(entity: SyncedEntity): 'all' | 'bureau' {
  return bureauOnly.has(entity) ? 'bureau' : 'all';
}

/** Whether the account may be sent a row of `entity` in `region`: the same rule for pulls and refusals. */
export function visibleTo(user: Account, entity: SyncedEntity, region: string): boolean {
  if (audienceOf(entity) === 'bureau' && !isBureauRole(user.role)) return false;
  return within(user, region) || (handedDown.has(entity) && user.regionCode.startsWith(region));
}

/**
 * Which tables each kind of account's commands may write; reference data (users, the roster) is the
 * centre's own. A street writes households, members, investigations, filings and complaints only through the record's commands. The bureau writes regions only through regions.setOffice (its streets' office details).
 * A command's body decides what it writes; this is the fence around every body.
 */
export const writableBy: Record<'street' | 'bureau', ReadonlySet<SyncedEntity>> = {
  street: new Set<SyncedEntity>(['cases', 'investigations', 'case_documents', 'complaints', 'close_relative_filings', 'households', 'members', 'meetings', 'meeting_attendance', 'agenda_items', 'decisions', 'recusals', 'notice_batches', 'notice_items', 'objections', 'corrections', 'correction_answers']),
  bureau: new Set<SyncedEntity>(['regions', 'spot_check_draws', 'spot_check_items', 'spot_check_findings', 'corrections', 'correction_answers', 'standards', 'roster_sends']),
};
