// The centre runs cases.import again for whoever pushed it: a part is stored as the intake body makes it,
// the same part again adds nothing, and a forged part (another street's community, a person on another
// household, an account of another street) is refused by its rows with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { centralTemplate, centreBackends, centreValue } from '../helpers/central';
import { rawClient } from '../helpers/raw-client';

const idOf = (first17: string) => first17 + citizenIdCheckChar(first17);

describe.each(centreBackends)('imports at the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  let server: Awaited<ReturnType<typeof central.server>>;
  beforeAll(async () => {
    server = await central.server();
  }, 240_000);
  afterAll(async () => {
    await central.cleanup();
    await central.dispose();
  });
  const one = <T>(sql: string, ...p: unknown[]) => centreValue<T>(server.store.db, sql, ...p);

  it('stores a part as intake makes it, adds nothing for the same part again, and refuses forged rows', async () => {
    const staff = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const community = await one<string>("SELECT code FROM regions WHERE level = 'community' AND parent_code = '430188001' ORDER BY code LIMIT 1");
    const foreign = await one<string>("SELECT code FROM regions WHERE level = 'community' AND parent_code = '430188002' ORDER BY code LIMIT 1");
    const month = today.slice(0, 7).replace('-', '');
    const household = (row: number, head: string, communityCode = community) => ({
      row, communityCode, category: 'dibao', kind: 'new_application', appliedOn: today, declaredIncomeFen: 65_000, phone: '13800138111', address: '望江路8号',
      members: [{ row, name: '严正', citizenId: head, relation: 'self' }, { row: row + 1, name: '严小青', citizenId: idOf(`${head.slice(0, 6)}20120303${head.slice(14, 16)}4`), relation: 'child' }],
    });
    const head = idOf('43010419660606071');
    const part = (households: unknown[]) => ({ streetCode: '430188001', fileName: '花名册.xlsx', sha256: 'a'.repeat(64), part: 1, parts: 1, households });
    const chosen = { 'h0.householdNo': `${community}-9201`, 'h0.caseNo': `430188001-${month}-921` };
    expect(await staff.one({ name: 'cases.import', args: part([household(2, head)]), context: { chosen } })).toBeNull();
    expect(await one<number>('SELECT declared_income_fen FROM cases WHERE case_no = ?', chosen['h0.caseNo'])).toBe(65_000);
    expect(await one<number>("SELECT count(*) FROM members m JOIN households h ON h.id = m.household_id WHERE h.household_no = ?", chosen['h0.householdNo'])).toBe(2);
    const cases = await one<number>('SELECT count(*) FROM cases');
    // The same file again: the household is on file with this application, so nothing is added.
    expect(await staff.one({ name: 'cases.import', args: part([household(2, head)]), context: { chosen: { 'h0.householdNo': `${community}-9202`, 'h0.caseNo': `430188001-${month}-922` } } })).toBeNull();
    expect(await one<number>('SELECT count(*) FROM cases')).toBe(cases);

    const members = await one<number>('SELECT count(*) FROM members');
    const forged = await staff.one({ name: 'cases.import', args: part([household(2, idOf('43010419670707081')), household(4, idOf('43010419680808091'), foreign)]), context: { chosen: { 'h0.householdNo': `${community}-9203`, 'h0.caseNo': `430188001-${month}-923` } } });
    expect(forged?.message).toMatch(/第 4 行：社区代码 \d{12} 不属于本街道/);
    // The child of the household imported above, now claimed by another head.
    const claimed = { ...household(6, idOf('43010419690909011')), members: [{ row: 6, name: '冒名', citizenId: idOf('43010419690909011'), relation: 'self' }, { row: 7, name: '严小青', citizenId: household(2, head).members[1]!.citizenId, relation: 'child' }] };
    const elsewhere = await staff.one({ name: 'cases.import', args: part([claimed]), context: { chosen: { 'h0.householdNo': `${community}-9204`, 'h0.caseNo': `430188001-${month}-924` } } });
    expect(elsewhere?.message).toMatch(/第 7 行：.*已登记在另一户/);
    expect(await one<number>('SELECT count(*) FROM members')).toBe(members);
    expect(await one<number>('SELECT count(*) FROM cases')).toBe(cases);

    const other = await rawClient(server.url, 'st002-staff1', server.password('st002-staff1'));
    const wrongStreet = await other.one({ name: 'cases.import', args: part([household(2, idOf('43010419700101021'))]) });
    expect(wrongStreet?.code).toBe('forbidden');
  });
});
