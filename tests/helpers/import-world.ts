// The world the spreadsheet fixtures (tests/fixtures/spreadsheets/) assume: the signed-in street user of
// 望江街道, both of its communities, a second street the user may not write to, and one household already
// on file whose head appears again in bad-rows.xlsx. See tests/fixtures/spreadsheets/README.md.
import type { DbHandle } from '../../electron/backend/db/open';
import { checkCitizenId } from '../../shared/citizen-id';
import { heldElsewhereId } from '../fixtures/spreadsheets/sources/ids';
import { NOW, seedMinimal } from './minimal';

export { heldElsewhereId };

/** The signed-in user's street and its two communities (江边社区 from seedMinimal, and 江村). */
export const userStreet = '430188001';
export const riversideCommunity = '430188001001';
export const villageCommunity = '430188001002';
/** Another street of 麓山区 and its community: the user of 望江街道 may not import into it. */
export const otherStreet = '430188002';
export const otherStreetCommunity = '430188002001';

/** The household on file: 孙明辉 alone, in 江边社区. */
export const heldElsewhere = {
  householdId: 'h-on-file',
  householdNo: '430188001001-0001',
  memberId: 'm-on-file',
  name: '孙明辉',
  citizenId: heldElsewhereId,
} as const;

/**
 * seedMinimal (麓山区, 望江街道, 江边社区, user 'staff' of 望江街道 signed in) plus 江村, 临江街道 with 临江社区,
 * and household 430188001001-0001 with its head 孙明辉 (an urban 低保 household, no case).
 */
export function seedImportWorld(handle: DbHandle): { userId: string } {
  const seeded = seedMinimal(handle);
  const db = handle.sqlite;
  const region = db.prepare('INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES (?, ?, ?, ?, 2024, ?)');
  region.run(villageCommunity, '江村', 'community', userStreet, NOW);
  region.run(otherStreet, '临江街道', 'street', '430188', NOW);
  region.run(otherStreetCommunity, '临江社区', 'community', otherStreet, NOW);

  const id = checkCitizenId(heldElsewhere.citizenId);
  if (!id.ok) throw new Error(`heldElsewhereId is not a valid ID: ${id.message}`);
  db.prepare(
    `INSERT INTO households (id, household_no, street_code, community_code, area_type, address, phone, category, assistance_status, monthly_amount_fen, assisted_since, updated_at)
     VALUES (?, ?, ?, ?, 'urban', '麓山区望江街道江边社区滨江路66号1栋101室', '13807316601', 'dibao', 'active', 45000, '2025-03-01', ?)`,
  ).run(heldElsewhere.householdId, heldElsewhere.householdNo, userStreet, riversideCommunity, NOW);
  db.prepare(
    `INSERT INTO members (id, household_id, name, citizen_id, gender, birth_date, relation, monthly_income_fen, occupation, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'self', 0, '无业', ?)`,
  ).run(heldElsewhere.memberId, heldElsewhere.householdId, heldElsewhere.name, id.id, id.gender, id.birthDate, NOW);
  return seeded;
}
