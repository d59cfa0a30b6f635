// Which ID numbers an export may carry: the rule of the record page's 查看完整信息 (cases.reveal). Staff
// and leading-group members of the street, who may write its cases, get them in full, and the export
// is audited with how many it held; everyone else who may read the rows (the district bureau) gets them
// masked (43**************34 style), as the screens show them.
import type { Kysely } from 'kysely';
import { canWriteStreet, type Actor } from '../../../shared/access';
import { maskCitizenId } from '../../../shared/masking';
import type { Database } from '../db/schema';

export type CitizenIdRule = {
  /** The ID as this user may see it in a file about a case of `streetCode`; null stays null. */
  show(streetCode: string, citizenId: string | null): string | null;
  /** How many full ID numbers have been shown so far: what the audit entry records, never the numbers. */
  readonly fullShown: number;
};

export function citizenIdRule(user: Actor): CitizenIdRule {
  let full = 0;
  return {
    show(streetCode, citizenId) {
      if (citizenId === null) return null;
      if (canWriteStreet(user, streetCode, '个案') !== null) return maskCitizenId(citizenId);
      full++;
      return citizenId;
    },
    get fullShown() {
      return full;
    },
  };
}

/** SQLite's limit on bound parameters is far above this; a chunk keeps each statement small. */
const CHUNK = 500;

/** The household head's ID number of each case. */
export async function headCitizenIds(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let k = 0; k < caseIds.length; k += CHUNK) {
    const rows = await db
      .selectFrom('cases as c')
      .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
      .select(['c.id', 'head.citizen_id'])
      .where('c.id', 'in', caseIds.slice(k, k + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r.citizen_id);
  }
  return out;
}
