// The working-day calculator (shared/holidays.ts) against days known from the State Council's notices.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, missingHolidayNote, workingDaysBetween } from '../../shared/holidays';

describe('working days', () => {
  it('knows the holidays and the weekend days worked', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆
    expect(isWorkingDay('2026-09-25')).toBe(false); // 中秋, a Friday
    expect(isWorkingDay('2026-10-10')).toBe(true); // 调休上班, a Saturday
    expect(isWorkingDay('2026-09-20')).toBe(true); // 调休上班, a Sunday
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-23')).toBe(false); // 春节, a Monday
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-10-08')).toBe(false); // a Wednesday inside 国庆中秋
    expect(isWorkingDay('2026-11-21')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  it('counts 20 working days from 2026-09-21 across 中秋 and 国庆 to 2026-10-26', () => {
    const r = addWorkingDays('2026-09-21', 20);
    expect(r).toEqual({ value: '2026-10-26', yearsWithoutData: [] });
    // A weekday count would have said 2026-10-19.
    expect(workingDaysBetween('2026-09-21', '2026-10-26').value).toBe(20);
    expect(workingDaysBetween('2026-10-26', '2026-09-21').value).toBe(-20);
    expect(workingDaysBetween('2026-09-21', '2026-09-21').value).toBe(0);
  });

  it('crosses 春节 2026: 2026-02-13 + 1 working day is the Saturday worked, 2026-02-14', () => {
    expect(addWorkingDays('2026-02-13', 1).value).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1).value).toBe('2026-02-24');
    expect(addWorkingDays('2025-01-27', 1).value).toBe('2025-02-05');
  });

  it('counts weekends only for a year without data, and says so', () => {
    const r = addWorkingDays('2026-12-21', 20);
    // 2026-12-22..31 has 8 weekdays; 2027 counted by weekends only: 12 more weekdays → 2027-01-18.
    expect(r.value).toBe('2027-01-18');
    expect(r.yearsWithoutData).toEqual([2027]);
    expect(workingDaysBetween('2027-03-01', '2027-03-08')).toEqual({ value: 5, yearsWithoutData: [2027] });
    expect(missingHolidayNote(2027)).toBe('2027年节假日安排未录入，仅按周末计算');
  });
});
