// 受理 (issue 15, first step): cases.intake takes in an application for a new household with its members,
// or for one on file, in one transaction; IDs are checked to GB 11643 (15 digits upgraded), sex and birth
// date derived, one 户主, one household per person, the clerk's own street only. The centre runs the same
// command, so a pushed intake with a bad checksum is refused there even when no desk checked it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { checkMembers, type IntakeArgs } from '../../shared/intake';
import { api } from '../helpers/api';
import { centralTemplate, centreBackends, centreValue } from '../helpers/central';
import { freshDatabase } from '../helpers/db';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { testContext } from '../helpers/minimal';
import { rawClient } from '../helpers/raw-client';

const id = (first17: string) => first17 + citizenIdCheckChar(first17);
const head = id('43010419700312001'); // 男 (odd sequence), 1970-03-12
const spouse = id('43010419720815002');
const child = id('43010420100101004');
const badChecksum = head.slice(0, 17) + (head.endsWith('0') ? '1' : '0');

const application = (members: unknown[], over: Record<string, unknown> = {}) => ({
  communityCode: '430188001001',
  kind: 'new_application',
  category: 'dibao',
  appliedOn: '2026-11-18',
  reason: '家庭主要劳动力患病，收入低于当地低保标准',
  relativesDeclaration: 'none',
  household: { on: 'new', areaType: 'urban', address: '麓山区望江路12号3栋201室', phone: '0731-8888 1234'.replace(' ', ''), members },
  ...over,
}) as unknown as IntakeArgs['apply'];
const three = () => [
  { name: '周建国', citizenId: head, relation: 'self', health: '尿毒症', occupation: '无业' },
  { name: '刘芳', citizenId: spouse, relation: 'spouse' },
  { name: '周子涵', citizenId: child, relation: 'child', occupation: '学生' },
];

async function world() {
  const t = await freshDatabase();
  const w = seedMeetingWorld(t.handle, 3);
  const ctx = testContext(t.handle, t.dir);
  return { t, w, a: api(ctx), count: (table: string) => t.handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number };
}

describe('checkMembers', () => {
  it('upgrades a 15-digit ID, derives sex and birth date, and names every problem by member and field', () => {
    const fifteen = '430104700312001';
    const ok = checkMembers([{ name: '甲', citizenId: fifteen, relation: 'self', occupation: '', health: '', disability: '' }], '2026-11-20');
    expect(ok).toEqual({ ok: true, members: [expect.objectContaining({ citizenId: head, gender: 'male', birthDate: '1970-03-12' })] });
    const bad = checkMembers(
      [
        { name: '甲', citizenId: badChecksum, relation: 'self', occupation: '', health: '', disability: '' },
        { name: '乙', citizenId: spouse, relation: 'self', occupation: '', health: '', disability: '' },
        { name: '丙', citizenId: spouse, relation: 'child', occupation: '', health: '', disability: '' },
        { name: '丁', citizenId: id('43010420300101002'), relation: 'child', occupation: '', health: '', disability: '' },
      ],
      '2026-11-20',
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.field)).toEqual(['members.0.citizenId', 'members.2.citizenId', 'members.3.citizenId', 'members.1.relation']);
    expect(bad.problems[0]!.message).toMatch(/第 1 位成员（甲）的身份证号码有误：公民身份号码校验码不正确/);
    expect(bad.problems[1]!.message).toMatch(/与第 2 位成员相同/);
    expect(bad.problems[3]!.message).toMatch(/户主只能有一位/);
  });
});

describe('cases.intake at the desk', () => {
  it('takes in a new household of three and its application, numbered in the street and month, audited', async () => {
    const { t, a, count } = await world();
    try {
      const before = { households: count('households'), members: count('members'), cases: count('cases') };
      const r = await a.call('cases.intake', application(three()));
      expect(r.caseNo).toMatch(/^430188001-202611-\d{3}$/);
      expect(r.householdNo).toMatch(/^430188001001-\d{4}$/);
      expect({ households: count('households'), members: count('members'), cases: count('cases') }).toEqual({ households: before.households + 1, members: before.members + 3, cases: before.cases + 1 });
      const members = t.handle.sqlite.prepare('SELECT name, citizen_id, gender, birth_date, relation FROM members WHERE household_id = ? ORDER BY birth_date').all(r.householdId);
      expect(members).toEqual([
        { name: '周建国', citizen_id: head, gender: 'male', birth_date: '1970-03-12', relation: 'self' },
        { name: '刘芳', citizen_id: spouse, gender: 'female', birth_date: '1972-08-15', relation: 'spouse' },
        { name: '周子涵', citizen_id: child, gender: 'female', birth_date: '2010-01-01', relation: 'child' },
      ]);
      expect(t.handle.sqlite.prepare("SELECT status, kind, caseworker FROM cases WHERE id = ?").get(r.caseId)).toEqual({ status: 'pending', kind: 'new_application', caseworker: expect.any(String) });
      expect(t.handle.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.intake' AND entity_id = ?").pluck().get(r.caseId)).toBe(1);
      // The outbox carries the command, not rows.
      expect(t.handle.sqlite.prepare("SELECT count(*) FROM outbox WHERE name = 'cases.intake'").pluck().get()).toBe(1);
      // A second application of the same household, once on file, takes the next number.
      const again = await a.call('cases.intake', application([], { kind: 'temporary', category: 'temporary', household: { on: 'file', householdId: r.householdId } }));
      expect(again.householdId).toBe(r.householdId);
      expect(again.caseNo).not.toBe(r.caseNo);
    } finally {
      await t.cleanup();
    }
  });

  it('refuses bad IDs, two 户主, a person on another household, a foreign community and wrong kinds, writing nothing', async () => {
    const { t, a, count } = await world();
    try {
      const before = [count('households'), count('members'), count('cases')];
      const m = three();
      await a.refused('cases.intake', application([{ ...m[0], citizenId: badChecksum }, m[1], m[2]]), 'validation', /第 1 位成员（周建国）的身份证号码有误：公民身份号码校验码不正确/);
      await a.refused('cases.intake', application([m[0], { ...m[1], relation: 'self' }, m[2]]), 'validation', /户主只能有一位/);
      await a.refused('cases.intake', application([m[0], m[1], { ...m[2], citizenId: id('43010420300101004') }]), 'validation', /出生日期/);
      await a.refused('cases.intake', application([{ ...m[0], citizenId: '4301041970' }]), 'invalid-args', /身份证号码应为 18 位/);
      // 王 of the seeded world already has this ID on household h-0.
      const held = t.handle.sqlite.prepare("SELECT citizen_id FROM members WHERE id = 'p-0-0'").pluck().get() as string;
      await a.refused('cases.intake', application([m[0], { ...m[1], citizenId: held }]), 'conflict', /已登记在另一户（个案 .+），一人只能在一户中/);
      await a.refused('cases.intake', application(m, { communityCode: '430188002001' }), 'forbidden', /只有本街道/);
      await a.refused('cases.intake', application(m, { kind: 'increase' }), 'validation', /只能为已登记的家庭办理/);
      await a.refused('cases.intake', application(m, { appliedOn: '2026-12-01' }), 'validation', /不能晚于今天/);
      await a.refused('cases.intake', application(m, { kind: 'temporary' }), 'validation', /临时救助/);
      await a.refused('cases.intake', application(m, { household: { on: 'file', householdId: 'h-2' } }), 'not-found', /本街道没有这一户/);
      expect([count('households'), count('members'), count('cases')]).toEqual(before);
      signInAs(t.handle, 'u-bureau');
      await a.refused('cases.intake', application(m), 'forbidden');
    } finally {
      await t.cleanup();
    }
  });
});

describe.each(centreBackends)('cases.intake at the %s centre', (backend) => {
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

  it('runs a pushed intake again: a bad checksum, another street and a forged number are refused there, a good one is stored', async () => {
    const community = await one<string>("SELECT code FROM regions WHERE level = 'community' AND parent_code = '430188001' ORDER BY code LIMIT 1");
    const staff = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
    const members = () => [
      { name: '韩立', citizenId: id('43010419650101011'), relation: 'self' },
      { name: '韩小雨', citizenId: id('43010420080202022'), relation: 'child' },
    ];
    const cases = () => one<number>('SELECT count(*) FROM cases');
    const before = await cases();
    const bad = members();
    bad[1] = { ...bad[1]!, citizenId: bad[1]!.citizenId.slice(0, 17) + (bad[1]!.citizenId.endsWith('1') ? '2' : '1') };
    expect(await staff.one({ name: 'cases.intake', args: application(bad, { communityCode: community }) })).toMatchObject({ code: 'validation', message: expect.stringMatching(/第 2 位成员（韩小雨）的身份证号码有误/) });
    const other = await one<string>("SELECT code FROM regions WHERE level = 'community' AND parent_code = '430188002' ORDER BY code LIMIT 1");
    expect(await staff.one({ name: 'cases.intake', args: application(members(), { communityCode: other }) })).toMatchObject({ code: 'forbidden' });
    expect(await staff.one({ name: 'cases.intake', args: application(members(), { communityCode: community }), context: { chosen: { caseNo: '430188002-202611-001', householdNo: `${community}-9001` } } })).toMatchObject({ code: 'validation', message: expect.stringMatching(/个案编号与街道和申请月份不符/) });
    expect(await cases()).toBe(before);
    // What a desk records with its push: the numbers it chose (a push without them is refused as forged).
    const today = new Date().toISOString().slice(0, 10);
    const chosen = { householdNo: `${community}-9001`, caseNo: `430188001-${today.slice(0, 7).replace('-', '')}-901` };
    const good = await staff.one({ name: 'cases.intake', args: application(members(), { communityCode: community, appliedOn: today }), context: { chosen } });
    expect(good, JSON.stringify(good)).toBeNull();
    expect(await one<string>('SELECT case_no FROM cases WHERE household_id = (SELECT id FROM households WHERE household_no = ?)', chosen.householdNo)).toBe(chosen.caseNo);
    expect(await cases()).toBe(before + 1);
    expect(await one<string>('SELECT gender FROM members WHERE citizen_id = ?', members()[1]!.citizenId)).toBe('female');
  }, 120_000);
});
