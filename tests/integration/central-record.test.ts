// The centre runs the record page's commands again for whoever pushed them (issue 15): an investigation
// whose totals the centre derives differently, one made by one person, a prepayment over the limit, a
// reveal or an edit by another street are refused there even when no desk checked them; a good
// investigation is stored with the centre's own derivation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationArgs } from '../../shared/investigation';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { centralTemplate, centreBackends, centreRows, centreValue } from '../helpers/central';
import { rawClient } from '../helpers/raw-client';

describe.each(centreBackends)('record commands at the %s centre', (backend) => {
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
  const rows = <T>(sql: string, ...p: unknown[]) => centreRows<T>(server.store.db, sql, ...p);

  it('derives the investigation again and refuses what does not add up, a lone investigator, a prepayment over the limit and another street', async () => {
    const staff = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
    // A new application pushed first, as a desk would (with the numbers it chose).
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const community = await one<string>("SELECT code FROM regions WHERE level = 'community' AND parent_code = '430188001' ORDER BY code LIMIT 1");
    const idOf = (first17: string) => first17 + citizenIdCheckChar(first17);
    const chosen = { householdNo: `${community}-9101`, caseNo: `430188001-${today.slice(0, 7).replace('-', '')}-911` };
    const intake = {
      communityCode: community, kind: 'new_application', category: 'dibao', appliedOn: today, reason: '因病致贫', relativesDeclaration: 'none',
      household: { on: 'new', areaType: 'urban', address: '望江路1号', phone: '13800138001', members: [
        { name: '韩立', citizenId: idOf('43010419650101031'), relation: 'self' },
        { name: '韩小雨', citizenId: idOf('43010420080202042'), relation: 'child' },
      ] },
    };
    expect(await staff.one({ name: 'cases.intake', args: intake, context: { chosen } })).toBeNull();
    const c = (await rows<{ id: string; area_type: string; size: number }>(
      `SELECT c.id, h.area_type, (SELECT count(*) FROM members m WHERE m.household_id = c.household_id) AS size
         FROM cases c JOIN households h ON h.id = c.household_id WHERE c.case_no = ?`, chosen.caseNo,
    ))[0]!;
    const people = (await rows<{ id: string }>("SELECT id FROM users WHERE region_code = '430188001' AND role IN ('street_staff', 'group_member') AND active = 1 ORDER BY id LIMIT 2")).map((u) => u.id);
    expect(people).toHaveLength(2);
    const standard = c.area_type === 'rural' ? 68_000 : 80_000;
    const net = 30_000 * c.size;
    const proposed = Math.round(((standard - 30_000) * c.size) / 100) * 100;
    const args = (over: Partial<InvestigationArgs> = {}): InvestigationArgs => ({
      caseId: c.id,
      visitedOn: today,
      investigatorIds: people,
      visitNote: '入户查看住房和家庭成员情况',
      incomes: [{ memberId: null, source: 'wages', grossFen: net, exemptFen: 0, workCostFen: 0, note: '' }],
      expenses: [],
      assets: [],
      singlePerson: null,
      crossCheck: 'consistent',
      crossCheckNote: '',
      conclusion: 'eligible',
      conclusionNote: '',
      temporaryAmountFen: null,
      netIncomeFen: net,
      proposedAmountFen: proposed,
      ...over,
    });
    const before = await one<number>('SELECT count(*) FROM change_log');
    expect(await staff.one({ name: 'cases.recordInvestigation', args: args({ netIncomeFen: net + 100 }) })).toMatchObject({ code: 'validation', message: expect.stringMatching(/收入合计与各项不符/) });
    expect(await staff.one({ name: 'cases.recordInvestigation', args: args({ proposedAmountFen: proposed + 10_000 }) })).toMatchObject({ code: 'validation', message: expect.stringMatching(/拟救助金额按标准应为/) });
    expect(await staff.one({ name: 'cases.recordInvestigation', args: args({ investigatorIds: [people[0]!, people[0]!] }) })).toMatchObject({ code: 'validation', message: expect.stringMatching(/两名以上/) });
    const other = await rawClient(server.url, 'st002-staff1', server.password('st002-staff1'));
    expect(await other.one({ name: 'cases.recordInvestigation', args: args() })).toMatchObject({ code: 'forbidden' });
    expect(await other.one({ name: 'cases.reveal', args: { caseId: c.id, field: 'phone', memberId: null } })).toMatchObject({ code: 'forbidden' });
    expect(await other.one({ name: 'households.edit', args: { caseId: c.id, phone: '13700137000', reason: '改号' } })).toMatchObject({ code: 'forbidden' });
    expect(await one<number>('SELECT count(*) FROM change_log')).toBe(before);

    expect(await staff.one({ name: 'cases.recordInvestigation', args: args() })).toBeNull();
    expect(await rows('SELECT per_capita_income_fen AS pci, proposed_amount_fen AS proposed FROM investigations WHERE case_id = ?', c.id)).toEqual([{ pci: 30_000, proposed }]);
    expect(await one<number>('SELECT proposed_amount_fen FROM cases WHERE id = ?', c.id)).toBe(proposed);

    const temp = await one<string | undefined>("SELECT id FROM cases WHERE street_code = '430188001' AND kind = 'temporary' AND status = 'pending' AND prepaid_amount_fen IS NULL LIMIT 1");
    if (temp) {
      const pay = { caseId: temp, amountFen: 100_001, paidOn: args().visitedOn, reason: '突发困难', approvedBy: '街道主任' };
      expect(await staff.one({ name: 'cases.recordPrepayment', args: pay })).toMatchObject({ code: 'validation', message: expect.stringMatching(/超过小金额先行救助的上限/) });
    }
  }, 120_000);
});
