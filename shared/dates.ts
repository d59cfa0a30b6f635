// Dates are stored as ISO-8601 strings and shown in Chinese. Calendar arithmetic works on the date
// string itself (UTC), so the local time zone of the machine never shifts a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function parts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** "2026-11-22" or "2026-11-22T09:30:00+08:00" → "2026年11月22日" (no leading zeros, as GB/T 9704 asks). */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** "2026-11" → "2026年11月" */
export function formatChineseMonth(isoMonth: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(isoMonth);
  if (!m) throw new Error(`not an ISO month: ${isoMonth}`);
  return `${Number(m[1])}年${Number(m[2])}月`;
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** "2026-11-22" → "二〇二六年十一月二十二日", the form used on seals and some formal headers. */
export function formatChineseDateUpper(iso: string): string {
  const [y, m, d] = parts(iso);
  const year = String(y)
    .split('')
    .map((c) => CN_DIGITS[Number(c)])
    .join('');
  return `${year}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** 1..99 in Chinese numerals: 10 → 十, 21 → 二十一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new Error(`chineseNumber supports 0..99, got ${n}`);
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  const t = Date.UTC(y, m - 1, d) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

export function addMonths(isoMonth: string, months: number): string {
  const [y, m] = isoMonth.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Last day of a month, "2026-02" → "2026-02-28". */
export function lastDayOfMonth(isoMonth: string): string {
  const [y, m] = isoMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day, for ages. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Calendar day in China Standard Time (UTC+8, no daylight saving) of an ISO instant. */
export function chinaDateOf(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new Error(`not an ISO instant: ${instant}`);
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Wall-clock time in China Standard Time of an ISO instant, e.g. "09:30". */
export function chinaTimeOf(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new Error(`not an ISO instant: ${instant}`);
  return new Date(t + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** A CST wall-clock time as typed in a form ("2026-11-20T09:00") → UTC ISO instant. */
export function instantOfChinaTime(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi)).toISOString();
}

/** The UTC instant at which a China calendar day begins: 2026-11-21 → 2026-11-20T16:00:00.000Z. */
export function chinaDayStart(day: string): string {
  return instantOfChinaTime(`${day}T00:00`);
}

/** The inverse of instantOfChinaTime, for pre-filling forms. */
export function chinaLocalDateTime(instant: string): string {
  return `${chinaDateOf(instant)}T${chinaTimeOf(instant)}`;
}

/** An ISO instant as a person in a Chinese office reads it: 2026年11月22日 09:30 (China Standard Time). */
export function formatChineseDateTime(instant: string): string {
  return `${formatChineseDate(chinaDateOf(instant))} ${chinaTimeOf(instant)}`;
}
