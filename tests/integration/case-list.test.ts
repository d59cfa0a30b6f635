import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { listCases } from '../../electron/backend/cases/case-list';
import { CaseRow } from '../../shared/domain';
import { freshDatabase } from '../helpers/db';

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
