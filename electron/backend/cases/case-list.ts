import type { Kysely } from 'kysely';
import type { CaseListQuery, CaseRow } from '../../../shared/domain';
import { chinaDateOf } from '../../../shared/dates';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';

/**
 * The cases grid: every case inside the jurisdiction with its household head, size and latest
 * decision. Filtering by community / category / status is also done here when asked, so scripts get
 * the same answer as the grid.
 */
export async function listCases(db: Kysely<Database>, jurisdiction: string, query: CaseListQuery = {}): Promise<CaseRow[]> {
  const [lo, hi] = codeRange(query.communityCode ?? jurisdiction);
  if (query.communityCode && !query.communityCode.startsWith(jurisdiction)) return [];
  let q = db
    .selectFrom('cases as c')
    .innerJoin('regions as s', 's.code', 'c.street_code')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .innerJoin('members as head', (join) => join.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .leftJoin('decisions as d', (join) =>
      join.onRef('d.id', '=', (eb) =>
        eb
          .selectFrom('decisions as d2')
          .select('d2.id')
          .whereRef('d2.case_id', '=', 'c.id')
          .orderBy('d2.decided_at', 'desc')
          .orderBy('d2.id', 'desc')
          .limit(1),
      ),
    )
    .select((eb) => [
      'c.id',
      'c.case_no',
      'c.street_code',
      's.name as street_name',
      'c.community_code',
      'cm.name as community_name',
      'head.name as head_name',
      eb.selectFrom('members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.household_id', '=', 'c.household_id').as('household_size'),
      'c.category',
      'c.kind',
      'c.status',
      'c.applied_on',
      'c.proposed_amount_fen',
      'd.decided_at',
      'd.amount_fen',
      'c.close_relative',
      'c.complaint',
    ])
    .where('c.community_code', '>=', lo)
    .where('c.community_code', '<', hi);
  if (query.category) q = q.where('c.category', '=', query.category);
  if (query.status) q = q.where('c.status', '=', query.status);
  const rows = await q.orderBy('c.applied_on', 'desc').orderBy('c.case_no').execute();
  return rows.map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    streetCode: r.street_code,
    streetName: r.street_name,
    communityCode: r.community_code,
    communityName: r.community_name,
    headName: r.head_name,
    householdSize: Number(r.household_size ?? 0),
    category: r.category,
    kind: r.kind,
    status: r.status,
    appliedOn: r.applied_on,
    proposedAmountFen: r.proposed_amount_fen,
    decidedOn: r.decided_at ? chinaDateOf(r.decided_at) : null,
    decidedAmountFen: r.amount_fen ?? null,
    closeRelative: r.close_relative === 1,
    complaint: r.complaint === 1,
  }));
}
