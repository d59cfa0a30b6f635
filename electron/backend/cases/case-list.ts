import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { CaseListQuery, CaseRow } from '../../../shared/domain';
import { looksLikeCitizenId, looksLikeMobile, normaliseCaseSearch } from '../../../shared/case-search';
import { chinaDateOf } from '../../../shared/dates';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';

/**
 * The narrowest of the jurisdiction, the asked street and the asked community, or null when they do
 * not nest (another street's code, a community outside the asked street): then nothing is listed, so
 * a code passed by hand can narrow the list but never widen it.
 */
export function scopeOf(jurisdiction: string, query: CaseListQuery): string | null {
  const asked = [query.streetCode, query.communityCode].filter((c): c is string => c !== undefined);
  const scope = [jurisdiction, ...asked].reduce((a, b) => (b.length > a.length ? b : a));
  return [jurisdiction, ...asked].every((c) => scope.startsWith(c)) ? scope : null;
}

export type CaseScope = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

/**
 * A case matches a search by its number, by the name of any member of its household (not only the
 * head), or by a whole ID or mobile number of the household. The member names are looked up once as a
 * set of households (one pass over members), not once per case.
 */
export function matchesSearch(eb: CaseScope, q: string): Expression<SqlBool> {
  const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const byName = eb.selectFrom('members as sm').select('sm.household_id').where(sql<SqlBool>`instr(sm.name, ${q}) > 0`);
  const either: Expression<SqlBool>[] = [sql<SqlBool>`c.case_no LIKE ${like} ESCAPE '\\'`, eb('c.household_id', 'in', byName)];
  if (looksLikeCitizenId(q)) either.push(eb('c.household_id', 'in', eb.selectFrom('members as im').select('im.household_id').where('im.citizen_id', '=', q)));
  if (looksLikeMobile(q)) either.push(eb('c.household_id', 'in', eb.selectFrom('households as ph').select('ph.id').where('ph.phone', '=', q)));
  return eb.or(either);
}

/** The grid's row: the case with its street, community, household head, size and latest decision. */
function rowQuery(db: Kysely<Database>, q: string) {
  return db
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
      q === ''
        ? sql<string | null>`NULL`.as('member_name')
        : eb
            .selectFrom('members as mm')
            .select('mm.name')
            .whereRef('mm.household_id', '=', 'c.household_id')
            .where('mm.relation', '<>', 'self')
            .where(sql<SqlBool>`instr(mm.name, ${q}) > 0`)
            .orderBy('mm.id')
            .limit(1)
            .as('member_name'),
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
    ]);
}

type RowOf = Awaited<ReturnType<ReturnType<typeof rowQuery>['execute']>>[number];

function toCaseRow(r: RowOf, q: string): CaseRow {
  return {
    id: r.id,
    caseNo: r.case_no,
    streetCode: r.street_code,
    streetName: r.street_name,
    communityCode: r.community_code,
    communityName: r.community_name,
    headName: r.head_name,
    // The head's own name explains the match; a member is named only when the head's does not.
    matchedMemberName: r.member_name !== null && !r.head_name.includes(q) ? r.member_name : null,
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
  };
}

/**
 * The cases grid: every case inside the jurisdiction with its household head, size and latest
 * decision. Street, community, category, status and search are also applied here when asked, so
 * scripts get the same answer as the grid and a street's list never leaves the desk for a district one.
 * The grid itself asks for windows of this list (case-window.ts); exports, PDFs and scripts take it whole.
 */
export async function listCases(db: Kysely<Database>, jurisdiction: string, query: CaseListQuery = {}): Promise<CaseRow[]> {
  const scope = scopeOf(jurisdiction, query);
  if (scope === null) return [];
  const [lo, hi] = codeRange(scope);
  const q = normaliseCaseSearch(query.search ?? '');
  let list = rowQuery(db, q).where('c.community_code', '>=', lo).where('c.community_code', '<', hi);
  if (query.category) list = list.where('c.category', '=', query.category);
  if (query.status) list = list.where('c.status', '=', query.status);
  if (q !== '') list = list.where((eb) => matchesSearch(eb, q));
  const rows = await list.orderBy('c.applied_on', 'desc').orderBy('c.case_no').execute();
  return rows.map((r) => toCaseRow(r, q));
}

/** The grid rows of these cases, in the order of `ids` (a window the caller has already chosen). */
export async function caseRowsOf(db: Kysely<Database>, ids: readonly string[], search: string): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const q = normaliseCaseSearch(search);
  const rows = await rowQuery(db, q).where('c.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toCaseRow(r, q)] as const));
  return ids.map((id) => byId.get(id)).filter((r): r is CaseRow => r !== undefined);
}
