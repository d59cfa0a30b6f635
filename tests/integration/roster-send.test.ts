// 报送财政 on the generated district: the bureau's reminder from the 1st of the month (overdue after the
// 5th), roster.markSent writing one roster_sends row and queueing the command for the centre, and the
// refusals (twice, too early, a street user, another district) that write nothing. The roster's screen
// channels refuse a street user another street.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { api } from '../helpers/api';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function open(username: string, now: string) {
  world = await district.world(now);
  await world.signIn(username);
  const w = world;
  const count = (q: string) => (w.handle.sqlite.prepare(q).get() as { n: number }).n;
  return { w, a: api(w.ctx), count };
}

describe('sending the roster to finance', () => {
  it('reminds the bureau from the 1st, marks it sent once, and the reminder stops', async () => {
    const { a, count } = await open('bureau-chief', '2026-12-03T02:00:00.000Z');
    const before = await a.call('roster.reminder', {});
    expect(before).toEqual({ month: '2026-12', dueOn: '2026-12-05', sent: null, overdue: false, message: '12月花名册尚未报送财政，应于12月5日前报送' });
    await a.refused('roster.markSent', { districtCode: '430188', month: '2027-01' }, 'validation', /2027年1月的花名册要等2026年12月结束后/);
    await a.refused('roster.markSent', { districtCode: '430199', month: '2026-12' }, 'forbidden', /不属于本区/);
    expect(count('SELECT count(*) AS n FROM roster_sends')).toBe(0);

    const view = await a.call('roster.view', { month: '2026-12', scope: '430188' });
    const after = await a.call('roster.markSent', { districtCode: '430188', month: '2026-12' });
    expect(after.sent).toMatchObject({ sentOn: '2026-12-03', households: view.summary.households, totalFen: view.summary.totalFen });
    expect(after.message).toBeNull();
    expect(await a.call('roster.reminder', {})).toMatchObject({ sent: { sentOn: '2026-12-03' }, message: null, overdue: false });
    expect(count("SELECT count(*) AS n FROM roster_sends WHERE district_code = '430188' AND month = '2026-12'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE name = 'roster.markSent'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'roster.send'")).toBe(1);

    await a.refused('roster.markSent', { districtCode: '430188', month: '2026-12' }, 'conflict', /已于2026-12-03由.*标记报送财政，不能重复报送/);
    expect(count('SELECT count(*) AS n FROM roster_sends')).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE name = 'roster.markSent'")).toBe(1);
  }, 120_000);

  it('is overdue after the 5th; a street user is not reminded and may not mark it', async () => {
    const { w, a, count } = await open('bureau-insp1', '2026-12-07T02:00:00.000Z');
    expect(await a.call('roster.reminder', {})).toMatchObject({ overdue: true, message: '12月花名册尚未报送财政，应于12月5日前报送，已逾期' });
    await w.signIn('st001-staff1');
    expect(await a.call('roster.reminder', {})).toMatchObject({ sent: null, message: null });
    await a.refused('roster.markSent', { districtCode: '430188', month: '2026-12' }, 'forbidden', /只有区民政局的工作人员/);
    await a.refused('roster.view', { month: '2026-12', scope: '430188002' }, 'forbidden', /不在您的管辖范围内/);
    await a.refused('roster.xlsx', { month: '2026-12', scope: '430188' }, 'forbidden', /不在您的管辖范围内/);
    await a.refused('roster.pdf', { month: '2027-01', scope: '430188001' }, 'validation', /花名册要等/);
    // forged arguments: a community code or a month that is not one
    await a.refused('roster.view', { month: '2026-13', scope: '430188001' }, 'invalid-args');
    await a.refused('roster.view', { month: '2026-12', scope: '430188001001' }, 'invalid-args', /街道（9 位）或区（6 位）/);
    expect(count('SELECT count(*) AS n FROM roster_sends')).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action IN ('pdf.print', 'export.xlsx')")).toBe(0);
    const own = await a.call('roster.view', { month: '2026-12', scope: '430188001' });
    expect(own.rows.length).toBe(own.summary.households);
  }, 120_000);
});
