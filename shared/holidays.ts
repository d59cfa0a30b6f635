// 法定节假日 and 调休上班 of each year, as the State Council's notices publish them, and a working-day
// calculator over them. The 20 / 45 working-day processing limits (2022通知 §四(一)) count working days,
// so a limit that crosses 春节 or 国庆 ends a week or more later than a weekday count would say. A year
// whose notice has not been entered here counts weekends only, and every result says which years those
// were so the screen can say so instead of pretending to know.
import { addDays } from './dates';

/** One year's arrangement: the days off (holidays, including the weekends inside them) and the weekend days worked. */
export type YearArrangement = { holidays: readonly string[]; workdays: readonly string[] };

/** Every day from `from` to `to` inclusive. */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 国务院办公厅关于部分节假日安排的通知 (2025: 国办发明电〔2024〕12号; 2026: the notice of late 2025). */
export const holidayArrangements: Readonly<Record<number, YearArrangement>> = {
  2025: {
    holidays: [
      '2025-01-01', // 元旦
      ...span('2025-01-28', '2025-02-04'), // 春节
      ...span('2025-04-04', '2025-04-06'), // 清明节
      ...span('2025-05-01', '2025-05-05'), // 劳动节
      ...span('2025-05-31', '2025-06-02'), // 端午节
      ...span('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...span('2026-01-01', '2026-01-03'), // 元旦
      ...span('2026-02-15', '2026-02-23'), // 春节
      ...span('2026-04-04', '2026-04-06'), // 清明节
      ...span('2026-05-01', '2026-05-05'), // 劳动节
      ...span('2026-06-19', '2026-06-21'), // 端午节
      ...span('2026-09-25', '2026-09-27'), // 中秋节
      ...span('2026-10-01', '2026-10-07'), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const holidaySet = new Set(Object.values(holidayArrangements).flatMap((y) => y.holidays));
const workdaySet = new Set(Object.values(holidayArrangements).flatMap((y) => y.workdays));

const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function hasArrangement(year: number): boolean {
  return holidayArrangements[year] !== undefined;
}

/** Whether `iso` is a working day: a weekday that is not a holiday, or a weekend day worked in exchange. */
export function isWorkingDay(iso: string): boolean {
  if (workdaySet.has(iso)) return true;
  if (holidaySet.has(iso)) return false;
  const weekday = new Date(`${iso.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A working-day answer, with the years it crossed that have no holiday data (counted by weekends only). */
export type WorkingDayResult<T> = { value: T; yearsWithoutData: number[] };

function missingYears(from: string, to: string): number[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  const out: number[] = [];
  for (let y = yearOf(lo); y <= yearOf(hi); y++) if (!hasArrangement(y)) out.push(y);
  return out;
}

/**
 * The `n`-th working day after `from` (`from` itself not counted): a case taken in on 2026-09-21 with a
 * limit of 20 working days must be decided by 2026-10-26. `n` = 0 gives `from`.
 */
export function addWorkingDays(from: string, n: number): WorkingDayResult<string> {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays needs a whole number of days ≥ 0, got ${n}`);
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return { value: d, yearsWithoutData: missingYears(from, d) };
}

/**
 * Working days after `from` up to and including `to`; negative when `to` is before `from` (then the
 * working days after `to` up to and including `from`, counted against). Same day → 0.
 */
export function workingDaysBetween(from: string, to: string): WorkingDayResult<number> {
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return { value: sign * count, yearsWithoutData: missingYears(lo, hi) };
}

/** The note the screen shows for a year counted by weekends only. */
export const missingHolidayNote = (year: number) => `${year}年节假日安排未录入，仅按周末计算`;
