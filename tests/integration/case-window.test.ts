// cases.page against an independent reading: every case of the jurisdiction (listCases), filtered and
// sorted here in JavaScript (Intl.Collator's pinyin for names, the id as tiebreak), then cut into windows.
// The service must give the same ids in the same order, window by window, the last one included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { listCases } from '../../electron/backend/cases/case-list';
import { windowCases, windowIdsQuery } from '../../electron/backend/cases/case-window';
import { createHandlerTable } from '../../electron/backend/handlers';
import { setCurrentUserByUsername } from '../../electron/backend/session/session';
import { caseAmount } from '../../shared/case-amount';
import { CASE_WINDOW_MAX, CASE_WINDOW_MAX_BYTES, CaseWindow, type CaseSort, type CaseSortColumn } from '../../shared/case-page';
import { normaliseCaseSearch } from '../../shared/case-search';
import type { CaseListQuery, CaseRow } from '../../shared/domain';
import { rmSync } from 'node:fs';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase } from '../../electron/backend/db/open';
import { pinyinKeyVersion } from '../../electron/backend/db/pinyin-key';
import { keyFileFor, openKeyed, readKeyFile } from '../../electron/backend/db/at-rest';
import type { Database } from '../../electron/backend/db/schema';
import { freshDatabase } from '../helpers/db';
import { testContext } from '../helpers/minimal';

let t: Awaited<ReturnType<typeof freshDatabase>>;
let district: CaseRow[];
beforeAll(async () => {
  t = await freshDatabase();
  generateDistrict(t.handle, { households: 800, seed: 11 });
  district = await listCases(t.handle.db, '430188');
});
afterAll(async () => t.cleanup());

const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The independent sort: the grid's column, then the id in the same direction; no amount last either way. */
function sortRows(rows: CaseRow[], sort: CaseSort): CaseRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const by: Record<CaseSortColumn, (a: CaseRow, b: CaseRow) => number> = {
    caseNo: (a, b) => plain(a.caseNo, b.caseNo),
    streetName: (a, b) => pinyin.compare(a.streetName, b.streetName),
    communityCode: (a, b) => plain(a.communityCode, b.communityCode),
    headName: (a, b) => pinyin.compare(a.headName, b.headName),
    householdSize: (a, b) => a.householdSize - b.householdSize,
    category: (a, b) => plain(a.category, b.category),
    kind: (a, b) => plain(a.kind, b.kind),
    status: (a, b) => plain(a.status, b.status),
    appliedOn: (a, b) => plain(a.appliedOn, b.appliedOn),
    amount: (a, b) => (caseAmount(a)?.fen ?? 0) - (caseAmount(b)?.fen ?? 0),
  };
  return [...rows].sort((a, b) => {
    if (sort.column === 'amount') {
      const none = Number(caseAmount(a) === null) - Number(caseAmount(b) === null);
      if (none !== 0) return none;
    }
    return sign * (by[sort.column](a, b) || plain(a.id, b.id));
  });
}

/** The independent filter: the query read as the grid means it, over rows already inside the jurisdiction. */
function filterRows(rows: CaseRow[], query: CaseListQuery, searched: Set<string> | null): CaseRow[] {
  return rows.filter(
    (r) =>
      (!query.streetCode || r.streetCode === query.streetCode) &&
      (!query.communityCode || r.communityCode === query.communityCode) &&
      (!query.category || r.category === query.category) &&
      (!query.status || r.status === query.status) &&
      (searched === null || searched.has(r.id)),
  );
}

/** Every window of `size` from the service, one after the other, as the grid scrolls through them. */
async function allWindows(query: CaseListQuery, sort: CaseSort, size: number, jurisdiction = '430188'): Promise<{ ids: string[]; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += size) {
    const w = await windowCases(t.handle.db, jurisdiction, { query, sort, offset, limit: size });
    totals.add(w.total);
    ids.push(...w.rows.map((r) => r.id));
    if (w.rows.length < size) break;
  }
  return { ids, totals };
}

const sorts: CaseSort[] = (['appliedOn', 'caseNo', 'streetName', 'communityCode', 'headName', 'householdSize', 'category', 'kind', 'status', 'amount'] as const).flatMap((column) => [
  { column, direction: 'asc' as const },
  { column, direction: 'desc' as const },
]);

describe('cases.page', () => {
  it('gives, window by window, the ids an independent sort of the whole district gives, for every column both ways', async () => {
    expect(district.length).toBeGreaterThan(1500);
    for (const sort of sorts) {
      const expected = sortRows(district, sort).map((r) => r.id);
      const { ids, totals } = await allWindows({}, sort, 200);
      expect(totals, JSON.stringify(sort)).toEqual(new Set([district.length]));
      expect(ids, JSON.stringify(sort)).toEqual(expected);
    }
  });

  it('filters and searches as cases.list does, and the last window holds the rest', async () => {
    const community = district.find((r) => r.streetCode === '430188002')!.communityCode;
    const member = t.handle.sqlite.prepare("SELECT m.name FROM members m JOIN cases c ON c.household_id = m.household_id WHERE m.relation = 'child' LIMIT 1").pluck().get() as string;
    const caseNoPart = district[0]!.caseNo.slice(0, 14);
    const queries: CaseListQuery[] = [
      { streetCode: '430188002' },
      { streetCode: '430188002', communityCode: community },
      { status: 'approved' },
      { category: 'dibao', status: 'pending' },
      { search: member },
      { search: `\u3000${caseNoPart.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))} ` },
      { streetCode: '430188003', search: caseNoPart.slice(0, 6) },
    ];
    for (const query of queries) {
      // The search as today's list answers it, so the window's search is the list's own, not a re-reading.
      const searched = query.search ? new Set((await listCases(t.handle.db, '430188', { search: query.search })).map((r) => r.id)) : null;
      const kept = filterRows(district, query, searched);
      expect(kept.length, JSON.stringify(query)).toBeGreaterThan(0);
      for (const sort of [sorts[1]!, { column: 'headName', direction: 'asc' } as CaseSort, { column: 'amount', direction: 'desc' } as CaseSort]) {
        const expected = sortRows(kept, sort);
        const size = Math.max(7, Math.ceil(kept.length / 3) - 1);
        const { ids, totals } = await allWindows(query, sort, size);
        expect(totals).toEqual(new Set([kept.length]));
        expect(ids, `${JSON.stringify(query)} ${JSON.stringify(sort)}`).toEqual(expected.map((r) => r.id));
      }
      // The rows themselves are the list's rows, the member a search found included.
      const first = await windowCases(t.handle.db, '430188', { query, sort: sorts[1]!, offset: 0, limit: 50 });
      const listed = new Map((await listCases(t.handle.db, '430188', query)).map((r) => [r.id, r] as const));
      for (const row of first.rows) expect(row).toEqual(listed.get(row.id));
    }
    expect(normaliseCaseSearch(`\u3000${caseNoPart} `)).toBe(caseNoPart);
  });

  it('counts the street before the filters, and a window past the end is empty', async () => {
    const inStreet = district.filter((r) => r.streetCode === '430188002');
    const w = await windowCases(t.handle.db, '430188', { query: { streetCode: '430188002', status: 'approved' }, sort: sorts[0]!, offset: 0, limit: 10 });
    expect(w.scopeTotal).toBe(inStreet.length);
    expect(w.total).toBe(inStreet.filter((r) => r.status === 'approved').length);
    const past = await windowCases(t.handle.db, '430188', { query: {}, sort: sorts[0]!, offset: district.length, limit: 200 });
    expect(past).toEqual({ total: district.length, scopeTotal: district.length, offset: district.length, rows: [], position: null });
    // A street user naming another street gets nothing, and the counts say so.
    expect(await windowCases(t.handle.db, '430188001', { query: { streetCode: '430188002' }, sort: sorts[0]!, offset: 0, limit: 10 })).toMatchObject({ total: 0, rows: [] });
  });

  it('says where the selected case stands after a filter and then a sort, or that the filter dropped it', async () => {
    const query: CaseListQuery = { status: 'approved' };
    const kept = filterRows(district, query, null);
    // The first, the middle and the last, and one whose head shares a name with another (the id breaks the tie).
    const names = new Map<string, number>();
    for (const r of kept) names.set(r.headName, (names.get(r.headName) ?? 0) + 1);
    const twin = kept.find((r) => (names.get(r.headName) ?? 0) > 1)!;
    const chosenOnes = [kept[0]!, kept[Math.floor(kept.length / 2)]!, kept[kept.length - 1]!, twin];
    const orders: CaseSort[] = [sorts[0]!, { column: 'headName', direction: 'asc' }, { column: 'headName', direction: 'desc' }, { column: 'amount', direction: 'desc' }];
    for (const chosen of chosenOnes) {
      for (const sort of orders) {
        const w = await windowCases(t.handle.db, '430188', { query, sort, offset: 0, limit: 10, locate: chosen.id });
        expect(w.position, `${chosen.headName} ${sort.column} ${sort.direction}`).toBe(sortRows(kept, sort).findIndex((r) => r.id === chosen.id));
        const there = await windowCases(t.handle.db, '430188', { query, sort, offset: w.position!, limit: 1 });
        expect(there.rows[0]!.id).toBe(chosen.id);
      }
    }
    const dropped = district.find((r) => r.status !== 'approved')!;
    expect((await windowCases(t.handle.db, '430188', { query, sort: sorts[0]!, offset: 0, limit: 10, locate: dropped.id })).position).toBeNull();
  });

  it('never answers more than 1 MB: past the cap it sends fewer rows, and the next window goes on from there', async () => {
    const sort = sorts[1]!;
    const full = await windowCases(t.handle.db, '430188', { query: {}, sort, offset: 0, limit: CASE_WINDOW_MAX });
    const bytes = Buffer.byteLength(JSON.stringify(full));
    expect(full.rows).toHaveLength(CASE_WINDOW_MAX);
    expect(bytes).toBeLessThan(CASE_WINDOW_MAX_BYTES);
    // The same window under a cap a tenth of its size: cut short, within the cap, and nothing lost.
    const cap = Math.floor(bytes / 10);
    const cut = await windowCases(t.handle.db, '430188', { query: {}, sort, offset: 0, limit: CASE_WINDOW_MAX }, cap);
    expect(cut.rows.length).toBeGreaterThan(0);
    expect(cut.rows.length).toBeLessThan(CASE_WINDOW_MAX);
    expect(Buffer.byteLength(JSON.stringify(cut))).toBeLessThanOrEqual(cap);
    const next = await windowCases(t.handle.db, '430188', { query: {}, sort, offset: cut.rows.length, limit: CASE_WINDOW_MAX - cut.rows.length });
    expect([...cut.rows, ...next.rows].map((r) => r.id)).toEqual(full.rows.map((r) => r.id));
    // Through the handler table the contract refuses a bigger window than that.
    const ctx = testContext(t.handle, t.dir);
    await setCurrentUserByUsername(t.handle.db, 'bureau-chief', ctx.clock.now());
    const registry = createHandlerTable(ctx, { checkResults: true });
    expect(await registry.invoke('cases.page', { query: {}, sort, offset: 0, limit: CASE_WINDOW_MAX + 1 })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    const answer = await registry.invoke('cases.page', { query: {}, sort, offset: 0, limit: 200 });
    expect(answer.ok && CaseWindow.parse(answer.value).rows).toHaveLength(200);
  });
});

describe('cases.page query plans', () => {
  /** EXPLAIN QUERY PLAN of one window's id query, as the details SQLite reports. */
  function plan(jurisdiction: string, query: CaseListQuery, sort: CaseSort): string[] {
    const compiled = windowIdsQuery(t.handle.db, jurisdiction, { query, sort, offset: 400, limit: 200 }).compile();
    return (t.handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((r) => r.detail);
  }

  const served: [string, string, CaseListQuery, CaseSort][] = [
    ['the district, newest first', '430188', {}, { column: 'appliedOn', direction: 'desc' }],
    ['the district, oldest first', '430188', {}, { column: 'appliedOn', direction: 'asc' }],
    ['the district narrowed to a street, newest first', '430188', { streetCode: '430188002' }, { column: 'appliedOn', direction: 'desc' }],
    ['a street user, newest first', '430188001', {}, { column: 'appliedOn', direction: 'desc' }],
    ['a street user, by status, newest first', '430188001', { status: 'pending' }, { column: 'appliedOn', direction: 'desc' }],
    ['the district, by status and category, newest first', '430188', { status: 'approved', category: 'dibao' }, { column: 'appliedOn', direction: 'desc' }],
    ['the district by case number', '430188', {}, { column: 'caseNo', direction: 'asc' }],
    ['the district by community', '430188', {}, { column: 'communityCode', direction: 'desc' }],
  ];
  for (const [label, jurisdiction, query, sort] of served) {
    it(`${label}: read in index order, no table scan, no sort`, () => {
      const details = plan(jurisdiction, query, sort);
      expect(details.some((d) => /^SCAN c$/.test(d)), details.join(' | ')).toBe(false);
      expect(details.some((d) => /TEMP B-TREE/.test(d)), details.join(' | ')).toBe(false);
      expect(details.some((d) => /^(SCAN|SEARCH) c USING (COVERING )?INDEX (cases_|sqlite_autoindex_cases_)/.test(d)), details.join(' | ')).toBe(true);
    });
  }

  it('户主 walks the heads in pinyin order through their index and sorts nothing but ties, for the district and a street', () => {
    for (const [jurisdiction, query] of [['430188', {}], ['430188', { status: 'approved' }], ['430188001', {}]] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const details = plan(jurisdiction, query, { column: 'headName', direction });
        expect(details[0], details.join(' | ')).toMatch(/^SCAN m USING (COVERING )?INDEX members_head_pinyin/);
        expect(details.some((d) => /^SEARCH c USING INDEX cases_household/.test(d)), details.join(' | ')).toBe(true);
        expect(details.some((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d)), details.join(' | ')).toBe(false);
      }
    }
  });

  it('a computed key (amounts, household sizes) is sorted, but the cases are still read through an index for a street', () => {
    // Honest limit: no index holds the latest decision's amount per case (its decisions are read off the
    // covering decisions_latest_amount), so these sort the cases the filters keep; never a table scan.
    const details = plan('430188001', {}, { column: 'amount', direction: 'asc' });
    expect(details.some((d) => /^SCAN c$/.test(d)), details.join(' | ')).toBe(false);
    expect(details.some((d) => /COVERING INDEX decisions_latest_amount/.test(d)), details.join(' | ')).toBe(true);
    expect(details.some((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d))).toBe(true);
  });
});

describe('the heads\' pinyin index and the runtime\'s collation data', () => {
  it('is rebuilt on open when it was built under other collation data, and the 户主 order is right again', async () => {
    const f = await freshDatabase();
    try {
      generateDistrict(f.handle, { households: 120, seed: 5 });
      const sort: CaseSort = { column: 'headName', direction: 'asc' };
      const expected = sortRows(await listCases(f.handle.db, '430188'), sort).map((r) => r.id);
      // Another runtime's keys, as if the file came from a Node or Electron with other ICU data: here the
      // reversed name, which orders the heads differently. The index is rebuilt with them and stamped old.
      f.handle.sqlite.function('pinyin_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? [...text].reverse().join('') : null));
      f.handle.sqlite.exec('REINDEX members_head_pinyin');
      f.handle.sqlite.prepare("UPDATE sort_key_versions SET version = 'icu 0' WHERE index_name = 'members_head_pinyin'").run();
      await f.handle.close();
      // A connection of its own that does not check the stamp (openKeyed registers pinyin_key, as openDatabase does).
      const key = readKeyFile(keyFileFor(f.handle.file));
      const stale = openKeyed(f.handle.file, key);
      const walked = async (file: string) => {
        const h = openDatabase(file);
        try {
          return (await windowCases(h.db, '430188', { query: {}, sort, offset: 0, limit: CASE_WINDOW_MAX })).rows.map((r) => r.id);
        } finally {
          await h.close();
        }
      };
      // Read through the stale index by a connection that does not check the stamp: not the pinyin order.
      const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: stale }) });
      const wrong = (await windowIdsQuery(kysely, '430188', { query: {}, sort, offset: 0, limit: CASE_WINDOW_MAX }).execute()).map((r) => r.id);
      await kysely.destroy();
      expect(wrong).not.toEqual(expected);
      // openDatabase sees the stamp differs, rebuilds, and stamps the index with this runtime's version.
      expect(await walked(f.handle.file)).toEqual(expected);
      const again = openKeyed(f.handle.file, key, { readonly: true });
      expect(again.prepare("SELECT version FROM sort_key_versions WHERE index_name = 'members_head_pinyin'").pluck().get()).toBe(pinyinKeyVersion());
      again.close();
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
    }
  });
});
