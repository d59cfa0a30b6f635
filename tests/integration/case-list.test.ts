import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { listCases } from '../../electron/backend/cases/case-list';
import { CaseRow } from '../../shared/domain';
import { freshDatabase } from '../helpers/db';
import { createHandlerTable } from '../../electron/backend/handlers';
import { setCurrentUserByUsername } from '../../electron/backend/session/session';
import { testContext } from '../helpers/minimal';

let t: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  t = await freshDatabase();
  generateDistrict(t.handle, { households: 800, seed: 11 });
});
afterAll(async () => t.cleanup());

describe('cases.list', () => {
  it('returns only the cases of the jurisdiction', async () => {
    const street = await listCases(t.handle.db, '430188001');
    const district = await listCases(t.handle.db, '430188');
    const total = t.handle.sqlite.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const inStreet = t.handle.sqlite.prepare("SELECT count(*) FROM cases WHERE street_code = '430188001'").pluck().get() as number;
    expect(district).toHaveLength(total);
    expect(street).toHaveLength(inStreet);
    expect(street.every((c) => c.streetCode === '430188001' && c.communityCode.startsWith('430188001'))).toBe(true);
    // 430188001 must not match 4301880010xx-style prefixes of other streets.
    expect(await listCases(t.handle.db, '430188009')).toEqual([]);
  });

  it('rows match the contract and carry no ID numbers, phones or addresses', async () => {
    const rows = await listCases(t.handle.db, '430188');
    for (const r of rows.slice(0, 500)) CaseRow.parse(r);
    const json = JSON.stringify(rows);
    expect(json).not.toMatch(/(?<![0-9a-f-])\d{17}[\dX](?![0-9a-f-])/);
    const secrets = t.handle.sqlite
      .prepare("SELECT citizen_id FROM members UNION ALL SELECT phone FROM households WHERE phone <> '' UNION ALL SELECT address FROM households WHERE address <> ''")
      .pluck()
      .all() as string[];
    expect(secrets.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(json.includes(secret), secret).toBe(false);
  });

  it('takes household size from the members and the amount from the latest decision', async () => {
    const rows = await listCases(t.handle.db, '430188');
    const sample = rows.find((r) => r.status === 'approved' && r.decidedAmountFen !== null)!;
    const size = t.handle.sqlite.prepare('SELECT count(*) FROM members m JOIN cases c ON c.household_id = m.household_id WHERE c.id = ?').pluck().get(sample.id);
    expect(sample.householdSize).toBe(size);
    const latest = t.handle.sqlite.prepare('SELECT amount_fen FROM decisions WHERE case_id = ? ORDER BY decided_at DESC LIMIT 1').pluck().get(sample.id);
    expect(sample.decidedAmountFen).toBe(latest);
    const pending = rows.filter((r) => r.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.decidedOn === null)).toBe(true);
  });

  it('filters by community, category and status like the grid', async () => {
    const all = await listCases(t.handle.db, '430188001');
    const community = all[0]!.communityCode;
    const filtered = await listCases(t.handle.db, '430188001', { communityCode: community, category: 'dibao', status: 'approved' });
    expect(filtered).toEqual(all.filter((r) => r.communityCode === community && r.category === 'dibao' && r.status === 'approved'));
    expect(filtered.length).toBeGreaterThan(0);
    expect(await listCases(t.handle.db, '430188001', { communityCode: '430188002001' })).toEqual([]);
  });
});

/** ０-９ and Ｘ as a Chinese input method in full-width mode types them. */
const fullWidth = (s: string) => s.replace(/[0-9X-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('cases.list narrowed by street and searched', () => {
  const one = <T>(sql: string, ...params: unknown[]) => t.handle.sqlite.prepare(sql).get(...params) as T;

  it('a district user narrows to one street; the communities stay inside it', async () => {
    const district = await listCases(t.handle.db, '430188');
    const street = await listCases(t.handle.db, '430188002', {});
    const narrowed = await listCases(t.handle.db, '430188', { streetCode: '430188002' });
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(district.length);
    expect(narrowed).toEqual(street);
    expect(narrowed).toEqual(district.filter((r) => r.streetCode === '430188002'));
    const community = narrowed[0]!.communityCode;
    expect(await listCases(t.handle.db, '430188', { streetCode: '430188002', communityCode: community })).toEqual(narrowed.filter((r) => r.communityCode === community));
    // A community of another street under the chosen street gives nothing, not that community.
    expect(await listCases(t.handle.db, '430188', { streetCode: '430188001', communityCode: community })).toEqual([]);
  });

  it('a street user cannot widen the list by naming another street or the district', async () => {
    const own = await listCases(t.handle.db, '430188001');
    expect(await listCases(t.handle.db, '430188001', { streetCode: '430188002' })).toEqual([]);
    expect(await listCases(t.handle.db, '430188001', { streetCode: '430188001' })).toEqual(own);
    expect(await listCases(t.handle.db, '430188001', { communityCode: '430188' })).toEqual(own);
    // Through the handler table, as a forged call from the renderer would arrive.
    const ctx = testContext(t.handle, t.dir);
    await setCurrentUserByUsername(t.handle.db, 'st001-staff1', ctx.clock.now());
    const registry = createHandlerTable(ctx, { checkResults: true });
    expect(await registry.invoke('cases.list', { streetCode: '430188002' })).toEqual({ ok: true, value: [] });
    const forged = await registry.invoke('cases.list', { streetCode: '430188' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-args', message: expect.stringContaining('街道代码应为 9 位数字') } });
    const long = await registry.invoke('cases.list', { search: '张'.repeat(51) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid-args', message: expect.stringContaining('搜索内容不能超过 50 个字') } });
    const bySearch = await registry.invoke('cases.list', { search: one<{ name: string }>("SELECT m.name FROM members m JOIN households h ON h.id = m.household_id WHERE h.street_code = '430188002' AND m.relation = 'self' LIMIT 1").name });
    expect(bySearch.ok && (bySearch.value as CaseRow[]).every((r) => r.streetCode === '430188001')).toBe(true);
  });

  it('finds a case by a member who is not the household head, and names that member', async () => {
    const member = one<{ name: string; household_id: string }>(
      "SELECT m.name, m.household_id FROM members m JOIN members h ON h.household_id = m.household_id AND h.relation = 'self' JOIN cases c ON c.household_id = m.household_id WHERE m.relation = 'spouse' AND instr(h.name, m.name) = 0 LIMIT 1",
    );
    const found = await listCases(t.handle.db, '430188', { search: member.name });
    const caseIds = t.handle.sqlite.prepare('SELECT id FROM cases WHERE household_id = ?').pluck().all(member.household_id) as string[];
    expect(caseIds.length).toBeGreaterThan(0);
    for (const id of caseIds) expect(found.find((r) => r.id === id)?.matchedMemberName).toBe(member.name);
    // Every row found is explained by its head's name or a member it names.
    for (const r of found) expect(r.headName.includes(member.name) || r.matchedMemberName === member.name).toBe(true);
    // Without a search no member is named.
    expect((await listCases(t.handle.db, '430188')).every((r) => r.matchedMemberName === null)).toBe(true);
  });

  it('matches every household that has a member of that name, and only those', async () => {
    const name = one<{ name: string }>("SELECT m.name FROM members m JOIN cases c ON c.household_id = m.household_id WHERE m.relation = 'child' LIMIT 1").name;
    const expected = new Set(
      t.handle.sqlite.prepare('SELECT c.id FROM cases c WHERE c.household_id IN (SELECT household_id FROM members WHERE instr(name, ?) > 0)').pluck().all(name) as string[],
    );
    const found = await listCases(t.handle.db, '430188', { search: ` ${name} ` });
    expect(new Set(found.map((r) => r.id))).toEqual(expected);
  });

  it('reads full-width digits and letters, and spaces, in a case number', async () => {
    const caseNo = one<{ case_no: string }>("SELECT case_no FROM cases WHERE street_code = '430188003' ORDER BY case_no LIMIT 1").case_no;
    const ideographicSpace = '\u3000';
    const typed = `${ideographicSpace}${fullWidth(caseNo).slice(0, 8)} ${fullWidth(caseNo).slice(8)}${ideographicSpace}`;
    expect(typed).not.toContain(caseNo);
    const found = await listCases(t.handle.db, '430188', { search: typed });
    expect(found.map((r) => r.caseNo)).toEqual([caseNo]);
    // Part of a number finds every case that contains it.
    const month = caseNo.slice(0, 16);
    const byMonth = await listCases(t.handle.db, '430188', { search: fullWidth(month) });
    expect(byMonth.length).toBeGreaterThan(1);
    expect(byMonth.every((r) => r.caseNo.startsWith(month))).toBe(true);
    // LIKE's wildcards in a search are literal characters, not "anything".
    expect(await listCases(t.handle.db, '430188', { search: '%' })).toEqual([]);
    expect(await listCases(t.handle.db, '430188', { search: '4301880_1' })).toEqual([]);
  });

  it('finds a household by a whole ID number (full-width, lower-case x) or mobile, but not by part of one', async () => {
    const m = one<{ citizen_id: string; household_id: string }>(
      "SELECT m.citizen_id, m.household_id FROM members m JOIN cases c ON c.household_id = m.household_id WHERE m.relation <> 'self' AND m.citizen_id LIKE '%X' LIMIT 1",
    );
    const caseIds = (t.handle.sqlite.prepare('SELECT id FROM cases WHERE household_id = ? ORDER BY id').pluck().all(m.household_id) as string[]).sort();
    const typed = fullWidth(m.citizen_id.slice(0, 17)) + 'x';
    expect((await listCases(t.handle.db, '430188', { search: typed })).map((r) => r.id).sort()).toEqual(caseIds);
    expect(await listCases(t.handle.db, '430188', { search: m.citizen_id.slice(0, 10) })).toEqual([]);
    const phone = one<{ phone: string; id: string }>("SELECT h.phone, h.id FROM households h JOIN cases c ON c.household_id = h.id WHERE h.phone <> '' LIMIT 1");
    const byPhone = await listCases(t.handle.db, '430188', { search: fullWidth(phone.phone) });
    expect(byPhone.length).toBeGreaterThan(0);
    expect(new Set(byPhone.map((r) => r.id))).toEqual(new Set(t.handle.sqlite.prepare('SELECT c.id FROM cases c JOIN households h ON h.id = c.household_id WHERE h.phone = ?').pluck().all(phone.phone) as string[]));
    // The rows found still carry neither the ID number nor the phone.
    expect(JSON.stringify(byPhone)).not.toContain(phone.phone);
  });
});
