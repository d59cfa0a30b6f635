// The date windows (shared/date-rules.ts) at their edges: the day inside is accepted, the next one out
// is refused with a Chinese reason that names the window.
import { describe, expect, it } from 'vitest';
import {
  CORRECTION_HORIZON_DAYS,
  correctionDeadlineProblem,
  deadlineChangeProblem,
  meetingDayProblem,
  meetingDayWindow,
  noticePeriodProblem,
  periodDays,
} from '../../shared/date-rules';
import { IsoDate } from '../../shared/domain';
import { LocalDateTime } from '../../shared/meeting';

describe('a meeting’s scheduled day', () => {
  it('falls in its month or within a week of it', () => {
    expect(meetingDayWindow('2026-11')).toEqual({ first: '2026-10-25', last: '2026-12-07' });
    expect(meetingDayProblem('2026-11', '2026-11-20')).toBeNull();
    expect(meetingDayProblem('2026-11', '2026-10-25')).toBeNull();
    expect(meetingDayProblem('2026-11', '2026-12-07')).toBeNull();
    expect(meetingDayProblem('2026-11', '2026-10-24')).toMatch(/2026年10月24日不在允许范围内.*2026年10月25日至2026年12月7日/);
    expect(meetingDayProblem('2026-11', '2027-03-20')).toMatch(/2027年3月20日不在允许范围内/);
  });
  it('crosses year ends and leap days', () => {
    expect(meetingDayWindow('2027-01')).toEqual({ first: '2026-12-25', last: '2027-02-07' });
    expect(meetingDayWindow('2028-02').last).toBe('2028-03-07');
  });
});

describe('a notice period', () => {
  it('starts from the decision day to 15 days after it', () => {
    expect(noticePeriodProblem('2026-11-20', '2026-11-26', '2026-11-20')).toBeNull();
    expect(noticePeriodProblem('2026-12-05', '2026-12-11', '2026-11-20')).toBeNull();
    expect(noticePeriodProblem('2026-12-06', '2026-12-12', '2026-11-20')).toMatch(/15 天内开始，最晚2026年12月5日/);
    expect(noticePeriodProblem('2030-11-20', '2030-11-26', '2026-11-20')).toMatch(/太晚/);
    expect(noticePeriodProblem('2026-11-19', '2026-11-25', '2026-11-20')).toMatch(/不能早于会议作出决定的日期/);
  });
  it('ends after it starts, lasts 7 days at least and 30 at most', () => {
    expect(noticePeriodProblem('2026-11-22', '2026-11-21', '2026-11-20')).toMatch(/结束日期（2026年11月21日）早于开始日期（2026年11月22日）/);
    expect(noticePeriodProblem('2026-11-22', '2026-11-27', null)).toMatch(/不得少于 7 天/);
    expect(noticePeriodProblem('2026-11-22', '2026-12-21', null)).toBeNull();
    expect(noticePeriodProblem('2026-11-22', '2026-12-22', null)).toMatch(/不宜超过 30 天/);
    expect(periodDays('2026-11-22', '2026-11-21')).toBe(0);
    expect(periodDays('2026-11-22', '2026-11-28')).toBe(7);
  });
});

describe('a correction deadline', () => {
  it('is within the horizon of the order', () => {
    expect(CORRECTION_HORIZON_DAYS).toBe(90);
    expect(correctionDeadlineProblem('2026-11-20', '2027-02-18')).toBeNull();
    expect(correctionDeadlineProblem('2026-11-20', '2027-02-19')).toMatch(/90 天内，最晚2027年2月18日/);
    expect(correctionDeadlineProblem('2026-11-20', '2031-11-20')).toMatch(/2031年11月20日超出/);
    expect(correctionDeadlineProblem('2026-11-20', '2026-11-19')).toMatch(/不能早于下达日期/);
  });
  it('moves only while open and not yet due, to a day from today on', () => {
    const c = { orderedOn: '2026-11-20', deadline: '2026-12-20', open: true };
    expect(deadlineChangeProblem(c, '2027-01-10', '2026-11-25')).toBeNull();
    expect(deadlineChangeProblem(c, '2026-11-24', '2026-11-25')).toMatch(/不能早于今天/);
    expect(deadlineChangeProblem(c, '2026-12-20', '2026-11-25')).toMatch(/相同/);
    expect(deadlineChangeProblem(c, '2031-01-10', '2026-11-25')).toMatch(/90 天内/);
    expect(deadlineChangeProblem(c, '2027-01-10', '2026-12-21')).toMatch(/已过/);
    expect(deadlineChangeProblem({ ...c, open: false }, '2027-01-10', '2026-11-25')).toMatch(/已经登记完成/);
  });
});

describe('date strings', () => {
  it('refuse days that do not exist and hours past 23', () => {
    expect(IsoDate.safeParse('2026-02-28').success).toBe(true);
    expect(IsoDate.safeParse('2028-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2026-02-29').error?.issues[0]?.message).toMatch(/没有这一天/);
    expect(IsoDate.safeParse('2026-13-01').success).toBe(false);
    expect(LocalDateTime.safeParse('2026-11-20T09:30').success).toBe(true);
    expect(LocalDateTime.safeParse('2026-11-31T09:30').success).toBe(false);
    expect(LocalDateTime.safeParse('2026-11-20T24:00').success).toBe(false);
  });
});
