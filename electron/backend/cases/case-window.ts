// cases.page: the cases grid asks for what it shows (issue 20). The filters, the search and the sort run
// in SQLite over case ids only (the sorter then holds an id and its key, not a whole row); the rows of the
// window are then read for those ids alone. Every order ends in the case id, so consecutive windows of the
// same query never overlap or skip a case.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { CaseListQuery } from '../../../shared/domain';
import { normaliseCaseSearch } from '../../../shared/case-search';
import { CASE_WINDOW_MAX_BYTES, type CaseSort, type CaseSortColumn, type CaseWindow, type CaseWindowArgs } from '../../../shared/case-page';
import type { Database } from '../db/schema';
import { codeRange } from '../regions/regions';
import { caseRowsOf, matchesSearch, scopeOf } from './case-list';

/**
 * Each column's sort key as SQL over `c`. Names and streets use pinyin_key (db/pinyin-key.ts); the amount is
 * the one the grid shows (shared/case-amount.ts: the latest decision's when approved, the proposed one while
 * undecided, none otherwise). Fixed text, never built from input.
 */
function sortKey(column: CaseSortColumn): string {
  switch (column) {
    case 'caseNo':
      return 'c.case_no';
    case 'streetName':
      return 'pinyin_key((SELECT sn.name FROM regions sn WHERE sn.code = c.street_code))';
    case 'communityCode':
      return 'c.community_code';
    case 'headName':
      return "pinyin_key((SELECT hn.name FROM members hn WHERE hn.household_id = c.household_id AND hn.relation = 'self'))";
    case 'householdSize':
      return '(SELECT count(*) FROM members hs WHERE hs.household_id = c.household_id)';
    case 'category':
      return 'c.category';
    case 'kind':
      return 'c.kind';
    case 'status':
      return 'c.status';
    case 'appliedOn':
      return 'c.applied_on';
    case 'amount':
      return `(CASE WHEN c.status = 'approved' THEN (SELECT da.amount_fen FROM decisions da WHERE da.case_id = c.id ORDER BY da.decided_at DESC, da.id DESC LIMIT 1)
        WHEN c.status IN ('pending', 'deferred', 'reinvestigating') THEN c.proposed_amount_fen END)`;
    default: {
      const never: never = column;
      throw new Error(`unknown sort column ${String(never)}`);
    }
  }
}

/** The whole ORDER BY: the key, cases without an amount last either way, then the id (case numbers are unique already). */
export function orderBySql(sort: CaseSort): string {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const key = sortKey(sort.column);
  if (sort.column === 'caseNo') return `${key} ${dir}`;
  // The amount's subquery once per case: NULLS LAST rather than a second "(key) IS NULL" term.
  const nullsLast = sort.column === 'amount' ? ' NULLS LAST' : '';
  return `${key} ${dir}${nullsLast}, c.id ${dir}`;
}

/**
 * The cases of `scope` the query keeps, as a query over `c` with nothing selected yet. A street's or a
 * community's scope is also said as an equality (the schema ties community_code to street_code), so the
 * (street_code, …) and (community_code, …) indexes serve it.
 */
function matching(db: Kysely<Database>, scope: string, query: CaseListQuery, q: string, headsFirst = false) {
  const [lo, hi] = codeRange(scope);
  let list = headsFirst ? headsThenCases(db) : casesOnly(db);
  // A district's range holds (nearly) every case: said with a unary + so SQLite does not read it through the
  // community index and then sort, but walks the order's own index and stops after the window.
  list =
    scope.length < 9
      ? list.where(sql<SqlBool>`+c.community_code >= ${lo} AND +c.community_code < ${hi}`)
      : list.where('c.community_code', '>=', lo).where('c.community_code', '<', hi);
  if (scope.length === 9) list = list.where('c.street_code', '=', scope);
  if (scope.length === 12) list = list.where('c.community_code', '=', scope);
  if (query.category) list = list.where('c.category', '=', query.category);
  if (query.status) list = list.where('c.status', '=', query.status);
  if (q !== '') list = list.where((eb) => matchesSearch(eb, q));
  return list;
}

/**
 * The cases joined to their households' heads, read heads first (CROSS JOIN keeps SQLite from reordering it)
 * so the 户主 order walks the members_head_pinyin index (migration 0011) and stops after the window. Typed as
 * the plain cases query: the filters name only `c`, and the order names `m` in SQL text (headOrderSql).
 */
function headsThenCases(db: Kysely<Database>) {
  return db
    .selectFrom('members as m')
    .crossJoin('cases as c')
    .where('m.relation', '=', 'self')
    .whereRef('c.household_id', '=', 'm.household_id') as unknown as ReturnType<typeof casesOnly>;
}
function casesOnly(db: Kysely<Database>) {
  return db.selectFrom('cases as c');
}

/**
 * Whether this order walks the heads' index: 户主 with no search. A search keeps few cases, which sorting
 * after the filter serves better than walking every head to find them.
 */
function walksHeads(sort: CaseSort, q: string): boolean {
  return sort.column === 'headName' && q === '';
}

/** The heads-first order; the index holds pinyin_key(name), so SQLite reads the key off it. */
function headOrderSql(sort: CaseSort): string {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  return `pinyin_key(m.name) ${dir}, c.id ${dir}`;
}

/** The ids of one window, in order; exported for the query-plan test. */
export function windowIdsQuery(db: Kysely<Database>, jurisdiction: string, args: Pick<CaseWindowArgs, 'query' | 'sort' | 'offset' | 'limit'>) {
  const scope = scopeOf(jurisdiction, args.query) ?? jurisdiction;
  const q = normaliseCaseSearch(args.query.search ?? '');
  const heads = walksHeads(args.sort, q);
  return matching(db, scope, args.query, q, heads)
    .select('c.id')
    .orderBy(sql.raw(heads ? headOrderSql(args.sort) : orderBySql(args.sort)))
    .limit(args.limit)
    .offset(args.offset);
}

async function countOf(db: Kysely<Database>, scope: string, query: CaseListQuery, q: string): Promise<number> {
  const row = await matching(db, scope, query, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where one case stands in the order, or null when the query does not keep it. */
async function positionOf(db: Kysely<Database>, scope: string, query: CaseListQuery, q: string, sort: CaseSort, id: string): Promise<number | null> {
  const kept = await matching(db, scope, query, q).select('c.id').where('c.id', '=', id).executeTakeFirst();
  if (kept === undefined) return null;
  if (walksHeads(sort, q)) return headPositionOf(db, scope, query, q, sort, id);
  const ranked = matching(db, scope, query, q).select(['c.id as id', sql<number>`row_number() OVER (ORDER BY ${sql.raw(orderBySql(sort))}) - 1`.as('n')]);
  const row = await db
    .selectFrom(ranked.as('w'))
    .select('w.n')
    .where(sql<SqlBool>`w.id = ${id}`)
    .executeTakeFirst();
  return row === undefined ? null : Number(row.n);
}

/**
 * In the 户主 order, the cases that come before `id`: those whose head's key is lower (higher, descending),
 * then those with the same key and a lower id. The key's range is read off the heads' index, so this counts
 * up to the case rather than ranking the district.
 */
async function headPositionOf(db: Kysely<Database>, scope: string, query: CaseListQuery, q: string, sort: CaseSort, id: string): Promise<number> {
  const own = await headsThenCases(db)
    .select(sql<string>`pinyin_key(m.name)`.as('k'))
    .where('c.id', '=', id)
    .executeTakeFirstOrThrow();
  const before = sort.direction === 'asc' ? sql.raw('<') : sql.raw('>');
  const within = sort.direction === 'asc' ? sql.raw('<=') : sql.raw('>=');
  const row = await matching(db, scope, query, q, true)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<SqlBool>`pinyin_key(m.name) ${within} ${own.k} AND (pinyin_key(m.name) ${before} ${own.k} OR c.id ${before} ${id})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One window of the grid. The answer never exceeds `maxBytes` of JSON: rows past it are left for the next
 * window (the renderer asks again from where this one ended), so no single IPC answer grows past 1 MB.
 */
export async function windowCases(db: Kysely<Database>, jurisdiction: string, args: CaseWindowArgs, maxBytes: number = CASE_WINDOW_MAX_BYTES): Promise<CaseWindow> {
  const scope = scopeOf(jurisdiction, args.query);
  const streetScope = scopeOf(jurisdiction, args.query.streetCode ? { streetCode: args.query.streetCode } : {});
  const scopeTotal = streetScope === null ? 0 : await countOf(db, streetScope, {}, '');
  if (scope === null) return { total: 0, scopeTotal, offset: args.offset, rows: [], position: null };
  const q = normaliseCaseSearch(args.query.search ?? '');
  const total = await countOf(db, scope, args.query, q);
  const ids = (await windowIdsQuery(db, jurisdiction, args).execute()).map((r) => r.id);
  const rows = await caseRowsOf(db, ids, args.query.search ?? '');
  const position = args.locate === undefined ? null : await positionOf(db, scope, args.query, q, args.sort, args.locate);
  // What the envelope costs with no rows, then each row and its comma, until the next would not fit.
  let bytes = Buffer.byteLength(JSON.stringify({ total, scopeTotal, offset: args.offset, rows: [], position }));
  let fit = 0;
  for (const row of rows) {
    bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
    if (bytes > maxBytes) break;
    fit++;
  }
  return { total, scopeTotal, offset: args.offset, rows: fit === rows.length ? rows : rows.slice(0, fit), position };
}
