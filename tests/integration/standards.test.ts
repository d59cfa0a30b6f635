// The district's dated standards at the desk (issue 17 item 5): the bureau chief sets a record, an
// open-ended one before it is closed the day before (audited, shown in the reply), overlaps, the past,
// other roles and other districts are refused in Chinese with nothing written, settings.get and the
// investigation read the record in force on their day: a July standard applies to a household visited
// in July and not to one visited in June.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/clock';
import { getSettings } from '../../electron/backend/settings/settings';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import type { IntakeArgs } from '../../shared/intake';
import { defaultSettings } from '../../shared/settings';
import type { SetStandardArgs } from '../../shared/standards';
import { api } from '../helpers/api';
import { freshDatabase } from '../helpers/db';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { NOW, testContext } from '../helpers/minimal';

const { nameMasking: _local, ...defaults } = defaultSettings;
const standard = (over: Partial<SetStandardArgs> = {}, values: Partial<SetStandardArgs['values']> = {}): SetStandardArgs => ({
  districtCode: '430188',
  effectiveFrom: '2026-12-01',
  effectiveTo: null,
  values: { ...defaults, ...values },
  basisNote: '麓民发〔2026〕12号',
  ...over,
});

async function world(now = NOW) {
  const t = await freshDatabase();
  seedMeetingWorld(t.handle, 2);
  const s = t.handle.sqlite;
  s.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-chief', 'chief', '李科长', 'bureau_chief', '430188', ?)").run(NOW);
  s.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-staff2', 'staff2', '陈社工', 'street_staff', '430188001', ?)").run(NOW);
  s.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430199', '别区', 'district', NULL, 2024, ?)").run(NOW);
  s.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-other-chief', 'other-chief', '外区科长', 'bureau_chief', '430199', ?)").run(NOW);
  const ctx = { ...testContext(t.handle, t.dir), clock: fixedClock(now) };
  const one = <T>(sql: string, ...p: unknown[]) => s.prepare(sql).pluck().get(...p) as T;
  return { t, ctx, a: api(ctx), one, as: (userId: string) => signInAs(t.handle, userId), cleanup: () => t.cleanup() };
}
let current: Awaited<ReturnType<typeof world>> | null = null;
afterEach(async () => {
  await current?.cleanup();
  current = null;
});
const open = async (now?: string) => (current = await world(now));

describe('standards.set at the desk', () => {
  it('adds a record, closes the open one it follows at the day before, audits both and answers the list', async () => {
    const w = await open();
    w.as('u-chief');
    const first = await w.a.call('standards.set', standard());
    expect(first.closed).toBeNull();
    expect(first.list).toMatchObject({ districtCode: '430188', districtName: '麓山区', canSet: true, refusal: null });
    expect(first.list.records).toEqual([expect.objectContaining({ effectiveFrom: '2026-12-01', effectiveTo: null, setByName: '李科长', note: '麓民发〔2026〕12号' })]);

    const july = await w.a.call('standards.set', standard({ effectiveFrom: '2027-07-01', basisNote: '' }, { dibaoStandardUrbanFen: 90_000, tekunStandardUrbanFen: 117_000 }));
    expect(july.closed).toEqual({ id: first.id, effectiveFrom: '2026-12-01', effectiveTo: '2027-06-30' });
    expect(july.list.records.map((r) => [r.effectiveFrom, r.effectiveTo])).toEqual([
      ['2027-07-01', null],
      ['2026-12-01', '2027-06-30'],
    ]);
    expect(w.t.handle.sqlite.prepare("SELECT action, actor_id, entity_id FROM audit_log WHERE action LIKE 'standards.%' ORDER BY seq").all()).toEqual([
      { action: 'standards.set', actor_id: 'u-chief', entity_id: first.id },
      { action: 'standards.close', actor_id: 'u-chief', entity_id: first.id },
      { action: 'standards.set', actor_id: 'u-chief', entity_id: july.id },
    ]);
    // The settings of a day are those of the record in force that day; name masking stays this copy's.
    const on = (day: string) => getSettings(w.ctx.db, { districtCode: '430188', on: day });
    expect((await on('2027-06-30')).dibaoStandardUrbanFen).toBe(80_000);
    expect((await on('2027-07-01')).dibaoStandardUrbanFen).toBe(90_000);
    expect((await on('2027-07-01')).tekunStandardUrbanFen).toBe(117_000);
    await w.a.call('settings.update', { nameMasking: 'surname' });
    expect((await on('2027-07-01')).nameMasking).toBe('surname');

    // A street user reads the same records, read-only.
    w.as('u-staff');
    const seen = await w.a.call('standards.list', {});
    expect(seen).toMatchObject({ canSet: false, refusal: '保障标准由区民政局科长设定' });
    expect(seen.records).toHaveLength(2);
  });

  it('refuses overlaps, the past, other roles, another district and bad values in Chinese, writing nothing', async () => {
    const w = await open();
    w.as('u-chief');
    await w.a.call('standards.set', standard({ effectiveFrom: '2026-12-01', effectiveTo: '2027-06-30' }));
    await w.a.call('standards.set', standard({ effectiveFrom: '2027-07-01' }));
    const before = () => JSON.stringify([w.t.handle.sqlite.prepare('SELECT * FROM standards ORDER BY effective_from').all(), w.one<number>('SELECT count(*) FROM audit_log')]);
    const snapshot = before();
    await w.a.refused('standards.set', standard({ effectiveFrom: '2027-07-01' }), 'conflict', /^与 2027年7月1日起执行的标准重叠$/);
    await w.a.refused('standards.set', standard({ effectiveFrom: '2027-03-01', effectiveTo: null }), 'conflict', /与 2026年12月1日起执行的标准重叠/);
    await w.a.refused('standards.set', standard({ effectiveFrom: '2026-11-25', effectiveTo: '2026-12-01' }), 'conflict', /与 2026年12月1日起执行的标准重叠/);
    await w.a.refused('standards.set', standard({ effectiveFrom: '2026-11-19' }), 'validation', /不能早于今天.*不能追溯修改/);
    await w.a.refused('standards.set', standard({ effectiveFrom: '2026-11-31' }), 'invalid-args', /没有这一天/);
    await w.a.refused('standards.set', standard({ effectiveFrom: '2027/07/01' }), 'invalid-args', /年-月-日/);
    await w.a.refused('standards.set', standard({}, { approvalMinFen: 3_000_000 }), 'invalid-args', /最低金额不能高于最高金额/);
    await w.a.refused('standards.set', standard({}, { dibaoStandardUrbanFen: 0 }), 'invalid-args', /城市低保标准/);
    await w.a.refused('standards.set', { ...standard(), values: defaultSettings } as never, 'invalid-args');
    await w.a.refused('standards.set', standard({ districtCode: '430199' }), 'forbidden', /只能设定本区的保障标准/);
    w.as('u-other-chief');
    await w.a.refused('standards.set', standard({ effectiveFrom: '2028-01-01' }), 'forbidden', /只能设定本区的保障标准/);
    for (const user of ['u-staff', 'u-bureau']) {
      w.as(user);
      await w.a.refused('standards.set', standard({ effectiveFrom: '2028-01-01' }), 'forbidden', /保障标准由区民政局科长设定/);
    }
    expect(before()).toBe(snapshot);
    expect(w.one<number>('SELECT count(*) FROM outbox')).toBe(2);
  });

  it('refuses the standard keys in the local settings.update', async () => {
    const w = await open();
    await w.a.refused('settings.update', { dibaoStandardUrbanFen: 90_000 } as never, 'invalid-args', /保障标准由区民政局科长统一设定/);
    expect(w.one<number>("SELECT count(*) FROM settings WHERE key = 'settings'")).toBe(0);
  });

  it('reads settings an earlier version stored with a value this one no longer accepts, and keeps the valid ones', async () => {
    const w = await open();
    // Up to 24 months of phase-out was allowed before issue 17; the rules now stop at 12.
    w.t.handle.sqlite.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('settings', ?, ?)").run(JSON.stringify({ phaseOutMaxMonths: 18, nameMasking: 'surname' }), NOW);
    const settings = await getSettings(w.ctx.db);
    expect(settings.phaseOutMaxMonths).toBe(defaultSettings.phaseOutMaxMonths);
    expect(settings.nameMasking).toBe('surname');
    // A stored value valid on its own but against a rule across keys (a minimum above the default maximum) gives way
    // too, even behind one refused on its own (the rules across keys are checked only once every key is valid).
    w.t.handle.sqlite.prepare("UPDATE settings SET value_json = ? WHERE key = 'settings'").run(JSON.stringify({ phaseOutMaxMonths: 18, approvalMinFen: defaultSettings.approvalMaxFen + 100, nameMasking: 'surname' }));
    expect((await getSettings(w.ctx.db)).approvalMinFen).toBe(defaultSettings.approvalMinFen);
    // The district's record, where there is one, still wins.
    await w.as('u-chief');
    await w.a.call('standards.set', standard({}, { phaseOutMaxMonths: 9 }));
    expect((await getSettings(w.ctx.db, { districtCode: '430188', on: '2026-12-15' })).phaseOutMaxMonths).toBe(9);
  });
});

const cid = (first17: string) => first17 + citizenIdCheckChar(first17);
const intake = (appliedOn: string): IntakeArgs['apply'] => ({
  communityCode: '430188001001',
  kind: 'new_application',
  category: 'dibao',
  appliedOn,
  reason: '家庭主要劳动力患病',
  declaredIncomeFen: null,
  documents: [{ kind: 'application_form', receivedOn: appliedOn }],
  relativesDeclaration: 'none',
  relativesDeclarationNote: '',
  household: {
    on: 'new',
    areaType: 'urban',
    address: '麓山区望江路12号3栋201室',
    phone: '13800138000',
    members: [
      { name: '周建国', citizenId: cid(`43010419700312${appliedOn.slice(8, 10)}1`), relation: 'self', occupation: '无业', health: '尿毒症', disability: '' },
      { name: '刘芳', citizenId: cid(`43010419720815${appliedOn.slice(8, 10)}2`), relation: 'spouse', occupation: '保洁员', health: '', disability: '' },
    ],
  } as IntakeArgs['apply']['household'],
});

describe('the standard in force on the day it concerns', () => {
  it('assesses a household visited after July 1 against the July standard, and one visited before against the old one', async () => {
    // The bureau sets both records in November; the street records its visits in July of the next year.
    const w = await open();
    w.as('u-chief');
    await w.a.call('standards.set', standard({ effectiveFrom: '2026-12-01' }));
    await w.a.call('standards.set', standard({ effectiveFrom: '2027-07-01' }, { dibaoStandardUrbanFen: 90_000 }));
    const july = api({ ...w.ctx, clock: fixedClock('2027-07-05T02:00:00.000Z') });
    w.as('u-staff');
    const visit = (caseId: string, visitedOn: string, proposedAmountFen: number) =>
      july.call('cases.recordInvestigation', {
        caseId, visitedOn, investigatorIds: ['u-staff', 'u-staff2'], visitNote: '入户查看住房和收入', incomes: [{ memberId: null, source: 'wages', grossFen: 80_000, exemptFen: 0, workCostFen: 0, note: '配偶工资' }],
        expenses: [], assets: [], singlePerson: null, crossCheck: 'consistent', crossCheckNote: '', conclusion: 'eligible', conclusionNote: '', temporaryAmountFen: null, netIncomeFen: 80_000, proposedAmountFen,
      });
    const june = await july.call('cases.intake', intake('2027-06-20'));
    const later = await july.call('cases.intake', intake('2027-06-21'));
    // Two people, 400 元 each: (800 − 400) × 2 under the old standard, (900 − 400) × 2 under the new.
    const before = await visit(june.caseId, '2027-06-28', 80_000);
    expect(before.investigation).toMatchObject({ standardFen: 80_000, proposedFen: 80_000 });
    await july.refused('cases.recordInvestigation', { ...(await visitArgs(later.caseId)), visitedOn: '2027-07-02', proposedAmountFen: 80_000 }, 'validation', /拟救助金额按标准应为 1,000.00 元/);
    const after = await visit(later.caseId, '2027-07-02', 100_000);
    expect(after.investigation).toMatchObject({ standardFen: 90_000, proposedFen: 100_000 });
    // 设置 and every screen that asks settings.get see the standard of the desk's today.
    expect((await july.call('settings.get', {})).dibaoStandardUrbanFen).toBe(90_000);
    expect((await w.a.call('settings.get', {})).dibaoStandardUrbanFen).toBe(80_000);

    async function visitArgs(caseId: string) {
      return {
        caseId, visitedOn: '2027-07-02', investigatorIds: ['u-staff', 'u-staff2'], visitNote: '入户查看住房和收入', incomes: [{ memberId: null, source: 'wages' as const, grossFen: 80_000, exemptFen: 0, workCostFen: 0, note: '配偶工资' }],
        expenses: [], assets: [], singlePerson: null, crossCheck: 'consistent' as const, crossCheckNote: '', conclusion: 'eligible' as const, conclusionNote: '', temporaryAmountFen: null, netIncomeFen: 80_000, proposedAmountFen: 0,
      };
    }
  });
});
