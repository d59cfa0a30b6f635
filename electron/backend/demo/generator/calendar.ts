// Dates and instants of the demo, all derived from the as-of day. Offices work in China Standard Time
// (UTC+8, no daylight saving); instants are stored as UTC ISO strings like the app's Clock writes them.
import { addDays, addMonths } from '../../../../shared/dates';
import type { Rng } from './rng';

/** Local CST wall-clock time on `date` as a UTC instant, e.g. ('2026-11-20', 9, 30) → 2026-11-20T01:30:00.000Z. */
export function cstInstant(date: string, hour: number, minute = 0, second = 0): string {
  // Most instants fall on the same UTC day (08:00–07:59 CST): written out directly, as every case has a few.
  const utc = (hour - 8) * 3600 + minute * 60 + second;
  if (Number.isInteger(utc) && utc >= 0 && utc < 86_400 && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return `${date}T${two(Math.floor(utc / 3600))}:${two(Math.floor(utc / 60) % 60)}:${two(utc % 60)}.000Z`;
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute, second)).toISOString();
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Adds whole seconds to an instant. */
export function plusSeconds(instant: string, seconds: number): string {
  return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWorkday(date: string): boolean {
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

export function dayOfMonth(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** A working day of `month` between day `from` and day `to` (inclusive), or any day there when none is. */
export function randomWorkday(rng: Rng, month: string, from: number, to: number): string {
  return rng.pick(workdaysOf(month, from, to));
}

// Every case of a month asks for the same span's working days: each span is worked out once.
const spans = new Map<string, readonly string[]>();

function workdaysOf(month: string, from: number, to: number): readonly string[] {
  const key = `${month}/${from}/${to}`;
  const known = spans.get(key);
  if (known) return known;
  const days: string[] = [];
  for (let d = from; d <= to; d++) days.push(dayOfMonth(month, d));
  const workdays = days.filter(isWorkday);
  const span = workdays.length > 0 ? workdays : days;
  spans.set(key, span);
  return span;
}

/** A birth date that makes the person exactly `age` whole years old on `asOf`. */
export function birthDateForAge(rng: Rng, asOf: string, age: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  // 29 February has no anniversary in most years; the day before keeps the age arithmetic exact.
  const monthDay = m === 2 && d === 29 ? '02-28' : asOf.slice(5);
  const start = `${String(y - age - 1).padStart(4, '0')}-${monthDay}`;
  return addDays(start, 1 + rng.int(0, 363));
}

export type Window = {
  asOf: string;
  /** 'YYYY-MM' of the as-of day: cases still pending, no meeting yet. */
  currentMonth: string;
  /** The 18 months ending with the current one, oldest first. */
  months: string[];
  /** The instant every row's updated_at carries: the end of the as-of working morning. */
  stamp: string;
};

export function windowOf(asOf: string, monthCount = 18): Window {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)) || addDays(asOf, 0) !== asOf) {
    throw new Error(`asOf must be an ISO date (YYYY-MM-DD), got ${asOf}`);
  }
  const currentMonth = asOf.slice(0, 7);
  const months: string[] = [];
  for (let i = monthCount - 1; i >= 0; i--) months.push(addMonths(currentMonth, -i));
  return { asOf, currentMonth, months, stamp: cstInstant(asOf, 10) };
}
