// Finding a household on file for 受理: by any member's citizen ID (the whole number, a 15-digit one
// upgraded) or by part of any member's name, inside the user's own jurisdiction. The IDs come back masked.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { HouseholdMatch } from '../../../shared/case-record';
import { normaliseCitizenId } from '../../../shared/citizen-id';
import type { SessionUser } from '../../../shared/domain';
import { maskCitizenId } from '../../../shared/masking';
import { agendaCaseStatuses } from '../../../shared/meeting-rules';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';

const LIMIT = 20;

export async function findHouseholds(db: Kysely<Database>, user: SessionUser, idOrName: string): Promise<HouseholdMatch[]> {
  const q = idOrName.trim();
  const id = /^[0-9]{15}$|^[0-9]{17}[0-9Xx]$/.test(q) ? normaliseCitizenId(q) : null;
  const [lo, hi] = codeRange(user.regionCode);
  const byMember = db.selectFrom('members').select('household_id');
  const households = await db
    .selectFrom('households as h')
    .innerJoin('regions as r', 'r.code', 'h.community_code')
    .select(['h.id', 'h.household_no', 'h.community_code', 'r.name as community_name'])
    .where('h.community_code', '>=', lo)
    .where('h.community_code', '<', hi)
    .where('h.id', 'in', id?.ok ? byMember.where('citizen_id', '=', id.id) : byMember.where(sql<SqlBool>`instr(name, ${q}) > 0`))
    .orderBy('h.household_no')
    .limit(LIMIT)
    .execute();
  if (households.length === 0) return [];
  const ids = households.map((h) => h.id);
  const members = await db.selectFrom('members').select(['household_id', 'name', 'relation', 'citizen_id']).where('household_id', 'in', ids).execute();
  const open = await db.selectFrom('cases').select(['household_id', 'case_no']).where('household_id', 'in', ids).where('status', 'in', agendaCaseStatuses).execute();
  return households.map((h) => {
    const own = members.filter((m) => m.household_id === h.id).sort((a, b) => Number(b.relation === 'self') - Number(a.relation === 'self'));
    return {
      householdId: h.id,
      householdNo: h.household_no,
      communityCode: h.community_code,
      communityName: h.community_name,
      headName: own.find((m) => m.relation === 'self')?.name ?? '',
      members: own.map((m) => ({ name: m.name, relation: m.relation, citizenIdMasked: maskCitizenId(m.citizen_id) })),
      openCaseNo: open.find((c) => c.household_id === h.id)?.case_no ?? null,
    };
  });
}
