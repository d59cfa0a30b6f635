// The 到期 rules (shared/due.ts) on hand-built households and cases: which re-check interval applies,
// the phase-out end, the re-check after a death, the temporary follow-up and the working-day limits.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { addMonthsToDate, caseDue, householdDue, processingLimit, recheckInterval, type DueCase, type DueHousehold, type DueMember } from '../../shared/due';

const s = defaultSettings;
const today = '2026-11-20';
const elder: DueMember = { id: 'm1', name: '王大爷', birthDate: '1950-03-01', disability: null, diedOn: null };
const son: DueMember = { id: 'm2', name: '王小明', birthDate: '1990-05-01', disability: null, diedOn: null };

function household(over: Partial<DueHousehold> = {}): DueHousehold {
  return {
    householdId: 'h1',
    headName: '王大爷',
    communityCode: '110105001001',
    communityName: '幸福社区',
    assistance: { status: 'active', category: 'dibao', monthlyAmountFen: 50_000, assistedSince: '2025-12-01', phaseOutEndsOn: null },
    lastReviewOn: null,
    onFileSince: null,
    businessIncome: false,
    members: [elder],
    decidedOn: [],
    appliedOn: [],
    ...over,
  };
}

function kase(over: Partial<DueCase> = {}): DueCase {
  return { caseId: 'c1', caseNo: 'DB-2026-0001', householdId: 'h1', kind: 'new_application', category: 'dibao', status: 'pending', appliedOn: '2026-11-02', prepaidOn: null, prepaidAmountFen: null, objected: false, decidedOn: null, openedFor: null, ...over };
}

describe('re-check interval', () => {
  it('is the stable interval for an elderly household, the irregular one with a member able to work or business income', () => {
    expect(recheckInterval(household(), s, today)).toMatchObject({ months: 12, irregular: false });
    expect(recheckInterval(household({ members: [elder, son] }), s, today)).toMatchObject({ months: 6, irregular: true });
    expect(recheckInterval(household({ members: [elder, { ...son, disability: '肢体二级' }] }), s, today)).toMatchObject({ months: 12 });
    expect(recheckInterval(household({ members: [elder, { ...son, diedOn: '2026-01-01' }] }), s, today)).toMatchObject({ months: 12 });
    expect(recheckInterval(household({ businessIncome: true }), s, today)).toMatchObject({ months: 6, irregular: true });
    // 15 years old is not of working age yet.
    expect(recheckInterval(household({ members: [elder, { ...son, birthDate: '2011-01-01' }] }), s, today)).toMatchObject({ months: 12 });
  });

  it('falls due 12 months after assisted_since, within the 30-day horizon, and not before', () => {
    const items = householdDue(household(), s, today);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'recheck', key: 'recheck:h1:2026-12-01', dueOn: '2026-12-01', daysLeft: 11, overdue: false, suggestedKind: 're_review' });
    expect(householdDue(household({ assistance: { ...household().assistance, assistedSince: '2026-01-15' } }), s, today)).toHaveLength(0);
  });

  it('counts from the last review and marks an overdue re-check', () => {
    const items = householdDue(household({ lastReviewOn: '2026-05-10', members: [elder, son] }), s, today);
    expect(items[0]).toMatchObject({ dueOn: '2026-11-10', daysLeft: -10, overdue: true });
  });

  it('counts an old household without a review on file from the first cycle day after the records begin', () => {
    const old = household({ assistance: { ...household().assistance, assistedSince: '2012-07-16' }, onFileSince: '2025-06-02' });
    // 12-monthly from 2012-07-16: the first cycle day on or after 2025-06-02 is 2025-07-16.
    expect(householdDue(old, s, today)[0]).toMatchObject({ dueOn: '2025-07-16', overdue: true, key: 'recheck:h1:2025-07-16' });
    expect(householdDue(old, s, today)[0]!.reason).toContain('建档以来未见复核记录');
    // With a review on file the cycle runs from it, whatever the records' start.
    expect(householdDue({ ...old, lastReviewOn: '2026-01-05' }, s, today)).toEqual([]);
  });

  it('raises nothing for a household not in assistance', () => {
    expect(householdDue(household({ assistance: { ...household().assistance, status: 'terminated' }, members: [{ ...elder, diedOn: '2026-09-01' }] }), s, today)).toEqual([]);
  });
});

describe('phase-out end', () => {
  it('suggests 停保 on the last day of the phase-out instead of a re-check', () => {
    const h = household({ assistance: { status: 'phasing_out', category: 'dibao', monthlyAmountFen: 30_000, assistedSince: '2024-01-01', phaseOutEndsOn: '2026-12-09' } });
    expect(householdDue(h, s, today)).toEqual([expect.objectContaining({ kind: 'phase_out', dueOn: '2026-12-09', suggestedKind: 'termination', key: 'phase_out:h1:2026-12-09' })]);
    expect(householdDue({ ...h, assistance: { ...h.assistance, phaseOutEndsOn: '2027-02-01' } }, s, today)).toEqual([]);
  });
});

describe('re-check after a death', () => {
  const widowed = household({ assistance: { ...household().assistance, assistedSince: '2026-06-01' }, members: [elder, { ...son, name: '李阿姨', birthDate: '1952-01-01', diedOn: '2026-09-05' }] });

  it('falls due 3 months after the death', () => {
    const items = householdDue(widowed, s, today);
    expect(items).toEqual([expect.objectContaining({ kind: 'death', key: 'death:m2', dueOn: '2026-12-05', suggestedKind: 're_review' })]);
    expect(items[0]!.reason).toContain('李阿姨');
  });

  it('is settled by a case of the household decided on or after the death, not by one before', () => {
    expect(householdDue({ ...widowed, decidedOn: ['2026-09-05'] }, s, today)).toEqual([]);
    expect(householdDue({ ...widowed, decidedOn: ['2026-09-04'] }, s, today)).toHaveLength(1);
  });
});

describe('processing limits', () => {
  it('is 20 working days from 受理, 45 after an objection', () => {
    expect(processingLimit({ appliedOn: '2026-09-21', objected: false }, s).dueOn).toBe('2026-10-26');
    expect(processingLimit({ appliedOn: '2026-09-21', objected: true }, s)).toMatchObject({ days: 45, dueOn: '2026-11-30' });
  });

  it('shows an application within 5 working days of its limit, with working days left', () => {
    // 2026-11-02 + 20 working days = 2026-11-30; from 2026-11-20 that is 6 working days: not yet.
    expect(caseDue(kase(), household(), s, today)).toEqual([]);
    const near = caseDue(kase({ appliedOn: '2026-10-29' }), household(), s, today);
    expect(near[0]).toMatchObject({ kind: 'limit', key: 'limit:c1', dueOn: '2026-11-26', workingDaysLeft: 4, overdue: false, suggestedKind: null, subjectCaseNo: 'DB-2026-0001' });
    const late = caseDue(kase({ appliedOn: '2026-10-01' }), household(), s, today);
    expect(late[0]).toMatchObject({ overdue: true });
    expect(late[0]!.workingDaysLeft).toBeLessThan(0);
  });

  it('gives an objected case 45 working days, so the same day is not yet near', () => {
    expect(caseDue(kase({ appliedOn: '2026-10-29', objected: true }), household(), s, today)).toEqual([]);
    const r = caseDue(kase({ appliedOn: '2026-09-18', objected: true }), household(), s, today);
    // The Sunday 2026-09-20 was worked, so 45 working days from Friday 09-18 end on 11-26.
    expect(r[0]).toMatchObject({ dueOn: '2026-11-26', workingDaysLeft: 4 });
    expect(r[0]!.reason).toContain('公示期间有异议');
  });

  it('ignores decided cases and 复核 the street opened itself', () => {
    expect(caseDue(kase({ appliedOn: '2026-10-01', status: 'approved' }), household(), s, today)).toEqual([]);
    expect(caseDue(kase({ appliedOn: '2026-10-01', kind: 're_review' }), household(), s, today)).toEqual([]);
  });
});

describe('temporary assistance', () => {
  it('follows up an approved temporary case 3 months after its decision, until a later case', () => {
    const t = kase({ kind: 'temporary', category: 'temporary', status: 'approved', decidedOn: '2026-08-25', appliedOn: '2026-08-10' });
    expect(caseDue(t, household(), s, today)).toEqual([expect.objectContaining({ kind: 'temporary', key: 'temporary:c1', dueOn: '2026-11-25' })]);
    expect(caseDue(t, household({ appliedOn: ['2026-08-10', '2026-10-01'] }), s, today)).toEqual([]);
  });

  it('always shows a prepaid case not yet decided', () => {
    const p = kase({ kind: 'temporary', category: 'temporary', prepaidOn: '2026-11-18', prepaidAmountFen: 80_000, appliedOn: '2026-11-18' });
    expect(caseDue(p, household(), s, today)).toEqual([expect.objectContaining({ kind: 'temporary', key: 'prepaid:c1', overdue: false })]);
    expect(caseDue(p, household(), s, today)[0]!.reason).toContain('800.00元');
  });
});

describe('months', () => {
  it('keeps the day, or the month end', () => {
    expect(addMonthsToDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsToDate('2026-01-15', 12)).toBe('2027-01-15');
  });
});
