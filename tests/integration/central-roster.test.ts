// 报送财政 at the centre: roster.markSent pushed by the bureau chief is run again there under that
// account, storing one roster_sends row with the centre's own counts of the district's roster; a second
// send of the month, a street account, and a month whose preceding month has not ended are refused
// there with a Chinese reason and leave the row alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/dates';
import { centralTemplate, centreBackends, centreRows, centreValue } from '../helpers/central';
import { rawClient } from '../helpers/raw-client';
import { rosterData } from '../../electron/backend/roster/roster';

describe.each(centreBackends)('the roster sent to finance, at the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  let server: Awaited<ReturnType<typeof central.server>>;
  beforeAll(async () => {
    server = await central.server();
  }, 240_000);
  afterAll(async () => {
    await central.cleanup();
    await central.dispose();
  });
  const count = (sql: string, ...p: unknown[]) => centreValue<number>(server.store.db, sql, ...p);

  it('stores the bureau chief’s send once, with the centre’s counts, and refuses the rest', async () => {
    // The centre's own day decides which months are allowed: the current month is, the next is not.
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const chief = await rawClient(server.url, 'bureau-chief', server.password('bureau-chief'));
    const staff = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));

    const street = await staff.one({ name: 'roster.markSent', args: { districtCode: '430188', month } });
    expect(street).toMatchObject({ code: 'forbidden' });
    expect(street!.message).toMatch(/只有区民政局的工作人员/);
    const early = await chief.one({ name: 'roster.markSent', args: { districtCode: '430188', month: addMonths(month, 1) } });
    expect(early).toMatchObject({ code: 'validation' });
    expect(early!.message).toMatch(/花名册要等.*结束后/);
    expect(await count('SELECT count(*) FROM roster_sends')).toBe(0);

    expect(await chief.one({ name: 'roster.markSent', args: { districtCode: '430188', month } })).toBeNull();
    const [row] = await centreRows<{ households: number; total_fen: number; sent_by_name: string }>(server.store.db, 'SELECT households, total_fen, sent_by_name FROM roster_sends WHERE district_code = ? AND month = ?', '430188', month);
    if (!row) throw new Error('no roster_sends row');
    expect(row.households).toBeGreaterThan(10);
    expect(row.total_fen).toBeGreaterThan(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const { view } = await rosterData(server.store.db, { id: 'x', role: 'bureau_chief', regionCode: '430188' }, { month, scope: '430188' }, today);
    expect({ households: row.households, total_fen: row.total_fen }).toEqual({ households: view.summary.households, total_fen: view.summary.totalFen });

    const twice = await chief.one({ name: 'roster.markSent', args: { districtCode: '430188', month } });
    expect(twice).toMatchObject({ code: 'conflict' });
    expect(twice!.message).toMatch(/不能重复报送/);
    expect(await count('SELECT count(*) FROM roster_sends')).toBe(1);
  }, 120_000);
});
