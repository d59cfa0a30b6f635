// 到期 on a real database (electron/backend/due/): each kind of due item appears with the right day, an
// item opens a 复核 case onto the street's draft meeting in one step (and not twice), a death is recorded
// from a case page, and the wrong street or district is refused without writing anything.
import { afterEach, describe, expect, it } from 'vitest';
import type { DueEntry } from '../../shared/due';
import { freshDatabase } from '../helpers/db';
import { NOW, testContext } from '../helpers/minimal';
import { fixedClock } from '../../electron/backend/clock';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { api } from '../helpers/api';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const STREET = '430188001';
const COMMUNITY = '430188001001';

async function setup(now = NOW) {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  seedMeetingWorld(t.handle, 6);
  const db = t.handle.sqlite;
  const household = db.prepare(
    `INSERT INTO households (id, household_no, street_code, community_code, area_type, category, assistance_status, monthly_amount_fen, assisted_since, updated_at)
     VALUES (?, ?, '${STREET}', '${COMMUNITY}', 'urban', 'dibao', ?, ?, ?, ?)`,
  );
  const person = db.prepare(
    `INSERT INTO members (id, household_id, name, citizen_id, gender, birth_date, relation, updated_at) VALUES (?, ?, ?, ?, 'male', ?, ?, ?)`,
  );
  let n = 0;
  const pid = () => `43018819500101${String(100 + n++).padStart(3, '0')}X`;
  // Stable (an elderly couple): 12 months from 2025-12-05.
  household.run('h-stable', 'HH2001', 'active', 60000, '2025-12-05', NOW);
  person.run('m-stable', 'h-stable', '陈老汉', pid(), '1950-02-01', 'self', NOW);
  person.run('m-stable2', 'h-stable', '陈老太', pid(), '1952-02-01', 'spouse', NOW);
  // A son of working age: 6 months from 2026-05-10, so overdue since 2026-11-10.
  household.run('h-able', 'HH2002', 'active', 50000, '2026-05-10', NOW);
  person.run('m-able', 'h-able', '林母', pid(), '1958-02-01', 'self', NOW);
  person.run('m-able2', 'h-able', '林壮', pid(), '1992-02-01', 'child', NOW);
  // Will be widowed: assisted since 2026-03-01 (stable, next re-check in 2027).
  household.run('h-death', 'HH2003', 'active', 70000, '2026-03-01', NOW);
  person.run('m-death', 'h-death', '郑大伯', pid(), '1948-02-01', 'self', NOW);
  person.run('m-death2', 'h-death', '郑大妈', pid(), '1949-02-01', 'spouse', NOW);
  // Phasing out for 3 months from a decision whose notice ended 2026-09-14: last day 2026-12-14.
  household.run('h-phase', 'HH2004', 'active', 40000, '2024-01-01', NOW);
  person.run('m-phase', 'h-phase', '吴先生', pid(), '1955-02-01', 'self', NOW);
  // A temporary payment approved at a meeting closed 2026-08-25: follow-up due 2026-11-25.
  household.run('h-temp', 'HH2005', 'none', 0, null, NOW);
  person.run('m-temp', 'h-temp', '何女士', pid(), '1960-02-01', 'self', NOW);
  db.prepare(
    `INSERT INTO meetings (id, street_code, month, issue_no, scheduled_at, status, opened_at, closed_at, updated_at) VALUES ('m-aug', '${STREET}', '2026-08', 1, '2026-08-25T01:00:00.000Z', 'closed', '2026-08-25T01:00:00.000Z', '2026-08-25T03:00:00.000Z', ?)`,
  ).run(NOW);
  const caseRow = db.prepare(
    `INSERT INTO cases (id, case_no, household_id, street_code, community_code, category, kind, status, applied_on, created_at, updated_at) VALUES (?, ?, ?, '${STREET}', '${COMMUNITY}', ?, ?, 'approved', ?, ?, ?)`,
  );
  const decision = db.prepare(
    `INSERT INTO decisions (id, meeting_id, case_id, outcome, amount_fen, votes_for, votes_against, votes_abstain, decided_at, phase_out_months, updated_at) VALUES (?, 'm-aug', ?, 'approve', ?, 5, 0, 0, '2026-08-25T02:00:00.000Z', ?, ?)`,
  );
  caseRow.run('c-phase', '2026-430188001-0101', 'h-phase', 'dibao', 'phase_out', '2026-08-01', NOW, NOW);
  decision.run('d-phase', 'c-phase', 30000, 3, NOW);
  db.prepare(`INSERT INTO notice_batches (id, meeting_id, street_code, community_code, start_date, end_date, status, posted_at, updated_at) VALUES ('nb-aug', 'm-aug', '${STREET}', '${COMMUNITY}', '2026-09-08', '2026-09-14', 'ended', '2026-09-08T01:00:00.000Z', ?)`).run(NOW);
  db.prepare(`INSERT INTO notice_items (id, batch_id, case_id, seq, updated_at) VALUES ('ni-phase', 'nb-aug', 'c-phase', 1, ?)`).run(NOW);
  caseRow.run('c-temp', '2026-430188001-0102', 'h-temp', 'temporary', 'temporary', '2026-08-10', NOW, NOW);
  decision.run('d-temp', 'c-temp', 150000, null, NOW);
  db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430199', '远方区', 'district', NULL, 2024, ?)").run(NOW);
  db.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-far', 'far', '外区督查', 'bureau_inspector', '430199', ?)").run(NOW);
  const ctx = { ...testContext(t.handle, t.dir), clock: fixedClock(now) };
  return { t, ctx, ...api(ctx), db };
}

const byKey = (items: readonly DueEntry[], prefix: string) => items.filter((i) => i.key.startsWith(prefix));

describe('the 到期 list', () => {
  it('lists each kind of due item with its day, sorted by day', async () => {
    const s = await setup();
    const { items, today, streetName } = await s.call('due.list', {});
    expect(today).toBe('2026-11-20');
    expect(streetName).toBe('望江街道');
    const stable = byKey(items, 'recheck:h-stable:');
    expect(stable).toEqual([expect.objectContaining({ kind: 'recheck', dueOn: '2026-12-05', daysLeft: 15, overdue: false, suggestedKind: 're_review', headName: '陈老汉', communityName: '江边社区' })]);
    expect(stable[0]!.reason).toContain('每12个月');
    expect(byKey(items, 'recheck:h-able:')).toEqual([expect.objectContaining({ dueOn: '2026-11-10', overdue: true, daysLeft: -10 })]);
    expect(byKey(items, 'recheck:h-able:')[0]!.reason).toContain('林壮');
    expect(byKey(items, 'phase_out:h-phase:')).toEqual([expect.objectContaining({ kind: 'phase_out', dueOn: '2026-12-14', suggestedKind: 'termination' })]);
    expect(byKey(items, 'temporary:c-temp')).toEqual([expect.objectContaining({ kind: 'temporary', dueOn: '2026-11-25', suggestedKind: null, subjectCaseNo: '2026-430188001-0102' })]);
    // The world's prepaid temporary case (c-2, 先行救助 on 2026-11-02) still waits for its meeting.
    expect(byKey(items, 'prepaid:c-2')).toEqual([expect.objectContaining({ kind: 'temporary', workingDaysLeft: expect.any(Number) })]);
    // c-0, a new application taken in on Sunday 2026-11-01: 20 working days → 2026-11-27, 5 left.
    expect(byKey(items, 'limit:c-0')).toEqual([expect.objectContaining({ kind: 'limit', dueOn: '2026-11-27', workingDaysLeft: 5, subjectCaseNo: '2026-430188001-0001' })]);
    // Another street's application (c-5) is not on this street's list; nor is the death re-check yet.
    expect(items.some((i) => i.key.includes('c-5') || i.kind === 'death')).toBe(false);
    const days = items.map((i) => i.dueOn);
    expect(days).toEqual([...days].sort());
  });

  it('clears a temporary-assistance follow-up once its visit is recorded, and only once', async () => {
    const s = await setup();
    const args = { caseId: 'c-temp', followedUpOn: '2026-11-19', followUpNote: '家庭已渡过难关，暂无其他救助需求' };
    const before = s.db.prepare('SELECT count(*) FROM outbox').pluck().get();
    await s.refused('cases.recordFollowUp', { ...args, followedUpOn: '2026-11-21' }, 'validation', /不能晚于今天/);
    await s.refused('cases.recordFollowUp', { ...args, followedUpOn: '2026-08-01' }, 'validation', /不能早于批准临时救助的日期（2026-08-25）/);
    await s.refused('cases.recordFollowUp', { ...args, caseId: 'c-0' }, 'conflict', /不是已批准的临时救助/);
    await s.refused('cases.recordFollowUp', { ...args, followUpNote: ' ' }, 'invalid-args', /回访情况/);
    signInAs(s.t.handle, 'u-other');
    await s.refused('cases.recordFollowUp', args, 'forbidden');
    signInAs(s.t.handle, 'u-staff');
    expect(s.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(before);
    expect(byKey((await s.call('due.list', {})).items, 'temporary:c-temp')).toHaveLength(1);
    await s.call('cases.recordFollowUp', args);
    expect(s.db.prepare("SELECT followed_up_on, follow_up_note FROM cases WHERE id = 'c-temp'").get()).toEqual({ followed_up_on: '2026-11-19', follow_up_note: args.followUpNote });
    expect(byKey((await s.call('due.list', {})).items, 'temporary:c-temp')).toEqual([]);
    await s.refused('cases.recordFollowUp', args, 'conflict', /不能重复登记/);
  });

  it('answers an item with a 复核 already waiting for the household instead of offering a second', async () => {
    const s = await setup();
    s.db.prepare(`INSERT INTO cases (id, case_no, household_id, street_code, community_code, category, kind, status, applied_on, created_at, updated_at) VALUES ('c-rr', '2026-430188001-0105', 'h-able', '${STREET}', '${COMMUNITY}', 'dibao', 're_review', 'pending', '2026-11-18', ?, ?)`).run(NOW, NOW);
    const item = byKey((await s.call('due.list', {})).items, 'recheck:h-able:')[0]!;
    expect(item.openCase).toEqual({ caseId: 'c-rr', caseNo: '2026-430188001-0105', onAgenda: false, decided: false });
    // The stable household has none, and is still offered its 复核.
    expect(byKey((await s.call('due.list', {})).items, 'recheck:h-stable:')[0]!.openCase).toBeNull();
  });

  it('says which years were counted by weekends only when a limit runs into a year without holiday data', async () => {
    const s = await setup('2026-12-28T02:00:00.000Z');
    // The prepaid temporary case c-2, taken in on 2026-12-10: 20 working days run into 2027.
    s.db.prepare("UPDATE cases SET applied_on = '2026-12-10', prepaid_on = '2026-12-10' WHERE id = 'c-2'").run();
    const list = await s.call('due.list', {});
    expect(list.today).toBe('2026-12-28');
    expect(byKey(list.items, 'prepaid:c-2')).toEqual([expect.objectContaining({ dueOn: '2027-01-07', yearsWithoutData: [2027] })]);
    expect(list.yearsWithoutData).toEqual([2027]);
  });

  it('gives an application objected to during a notice 45 working days instead of 20', async () => {
    const s = await setup();
    // c-0 (taken in 2026-11-01) is 5 working days from its 20-day limit; with an objection it has 45.
    s.db.prepare(`INSERT INTO objections (id, batch_id, case_id, received_at, content, status, channel, updated_at) VALUES ('o-1', 'nb-aug', 'c-0', '2026-11-10T01:00:00.000Z', '反映收入不实', 'resolved', 'phone', ?)`).run(NOW);
    expect(byKey((await s.call('due.list', {})).items, 'limit:c-0')).toEqual([]);
    // Taken in on 2026-09-18 instead: 45 working days (the Sunday 09-20 was worked) end on 2026-11-26.
    s.db.prepare("UPDATE cases SET applied_on = '2026-09-18' WHERE id = 'c-0'").run();
    expect(byKey((await s.call('due.list', {})).items, 'limit:c-0')).toEqual([expect.objectContaining({ dueOn: '2026-11-26', workingDaysLeft: 4 })]);
    expect(byKey((await s.call('due.list', {})).items, 'limit:c-0')[0]!.reason).toContain('公示期间有异议');
  });

  it('raises a re-check 3 months after a recorded death, and puts it on the draft meeting in one step, once', async () => {
    const s = await setup();
    // The widow's household has no case yet: the death is recorded from the household's application.
    s.db.prepare(`INSERT INTO cases (id, case_no, household_id, street_code, community_code, category, kind, status, applied_on, created_at, updated_at) VALUES ('c-d', '2026-430188001-0103', 'h-death', '${STREET}', '${COMMUNITY}', 'dibao', 'new_application', 'approved', '2026-02-01', ?, ?)`).run(NOW, NOW);
    const view = await s.call('households.recordDeath', { caseId: 'c-d', memberId: 'm-death2', diedOn: '2026-09-01', reason: '火化证明' });
    expect(view.household.members.find((m) => m.id === 'm-death2')?.diedOn).toBe('2026-09-01');
    let { items } = await s.call('due.list', {});
    const death = byKey(items, 'death:m-death2');
    expect(death).toEqual([expect.objectContaining({ kind: 'death', dueOn: '2026-12-01', suggestedKind: 're_review', openCase: null })]);
    expect(death[0]!.reason).toContain('郑大妈');

    const meeting = await s.call('meetings.create', { month: '2026-11', venue: '街道办三楼会议室', scheduledAt: '2026-11-27T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
    const made = await s.call('cases.openReview', { householdId: 'h-death', kind: 're_review', reason: death[0]!.reason, openedFor: `due:${death[0]!.key}` });
    expect(made.meetingId).toBe(meeting.id);
    const agenda = s.db.prepare('SELECT count(*) AS n FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(meeting.id, made.caseId) as { n: number };
    expect(agenda.n).toBe(1);
    ({ items } = await s.call('due.list', {}));
    expect(byKey(items, 'death:m-death2')[0]!.openCase).toEqual({ caseId: made.caseId, caseNo: made.caseNo, onAgenda: true, decided: false });

    const cases = (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    await s.refused('cases.openReview', { householdId: 'h-death', kind: 're_review', reason: '再次', openedFor: `due:${death[0]!.key}` }, 'conflict', new RegExp(made.caseNo));
    expect((s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(cases);
  });

  it('shows 待列入下次会议 when the street has no draft meeting (openCase not on an agenda)', async () => {
    const s = await setup();
    const { items } = await s.call('due.list', {});
    const stable = byKey(items, 'recheck:h-stable:')[0]!;
    const made = await s.call('cases.openReview', { householdId: 'h-stable', kind: stable.suggestedKind!, reason: stable.reason, openedFor: `due:${stable.key}` });
    expect(made.meetingId).toBeNull();
    const again = await s.call('due.list', {});
    expect(byKey(again.items, 'recheck:h-stable:')[0]!.openCase).toMatchObject({ caseNo: made.caseNo, onAgenda: false });
  });

  it('lets the bureau pick a street of its district, and refuses another district and another street', async () => {
    const s = await setup();
    signInAs(s.t.handle, 'u-bureau');
    await s.refused('due.list', {}, 'validation', /请选择/);
    const list = await s.call('due.list', { streetCode: STREET });
    expect(list.items.length).toBeGreaterThan(4);
    signInAs(s.t.handle, 'u-far');
    await s.refused('due.list', { streetCode: STREET }, 'forbidden', /不在本区/);
    signInAs(s.t.handle, 'u-other');
    await s.refused('due.list', { streetCode: STREET }, 'forbidden', /本街道/);
    const own = await s.call('due.list', {});
    expect(own.streetCode).toBe('430188002');
    expect(own.items.every((i) => i.communityCode.startsWith('430188002'))).toBe(true);
  });
});

describe('recording a death', () => {
  it('refuses a future date, a date before birth, a second record and another street, writing nothing', async () => {
    const s = await setup();
    const died = () => s.db.prepare("SELECT died_on FROM members WHERE id = 'm-stable2'").get() as { died_on: string | null };
    const audit = () => (s.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    s.db.prepare(`INSERT INTO cases (id, case_no, household_id, street_code, community_code, category, kind, status, applied_on, created_at, updated_at) VALUES ('c-s', '2026-430188001-0104', 'h-stable', '${STREET}', '${COMMUNITY}', 'dibao', 'new_application', 'approved', '2025-11-01', ?, ?)`).run(NOW, NOW);
    const before = audit();
    await s.refused('households.recordDeath', { caseId: 'c-s', memberId: 'm-stable2', diedOn: '2026-11-21', reason: '死亡证明' }, 'validation', /不能晚于今天/);
    await s.refused('households.recordDeath', { caseId: 'c-s', memberId: 'm-stable2', diedOn: '1951-01-01', reason: '死亡证明' }, 'validation', /不能早于出生日期/);
    await s.refused('households.recordDeath', { caseId: 'c-s', memberId: 'm-able2', diedOn: '2026-11-01', reason: '死亡证明' }, 'not-found', /没有这位成员/);
    signInAs(s.t.handle, 'u-other');
    await s.refused('households.recordDeath', { caseId: 'c-s', memberId: 'm-stable2', diedOn: '2026-11-01', reason: '死亡证明' }, 'forbidden', /本街道/);
    signInAs(s.t.handle, 'u-bureau');
    await s.refused('households.recordDeath', { caseId: 'c-s', memberId: 'm-stable2', diedOn: '2026-11-01', reason: '死亡证明' }, 'forbidden');
    expect(died().died_on).toBeNull();
    expect(audit()).toBe(before);
    signInAs(s.t.handle, 'u-staff');
    await s.call('households.recordDeath', { caseId: 'c-s', memberId: 'm-stable2', diedOn: '2026-11-20', reason: '死亡证明' });
    expect(died().died_on).toBe('2026-11-20');
    await s.refused('households.recordDeath', { caseId: 'c-s', memberId: 'm-stable2', diedOn: '2026-11-19', reason: '死亡证明' }, 'conflict', /不能重复登记/);
    expect(died().died_on).toBe('2026-11-20');
  });
});
