// How the 抽查 screens write periods, hashes, seeds and rates, so the list, the ceremony and the draw
// page say the same thing the same way.
import { addDays, addMonths, formatChineseDate } from '../../../shared/dates';

export { errorMessage, formatDateTime, todayInChina } from '../meetings/format';

export function periodText(start: string, end: string): string {
  return `${formatChineseDate(start)}—${formatChineseDate(end)}`;
}

/** The first and last day of a 'YYYY-MM' month. */
export function monthPeriod(month: string): { periodStart: string; periodEnd: string } {
  return { periodStart: `${month}-01`, periodEnd: addDays(`${addMonths(month, 1)}-01`, -1) };
}

/** Groups of `size` characters, for reading a hash or seed aloud: "3f2a 9c01 …". */
export function grouped(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** "33.3%", or "—" when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part * 100) / whole).toFixed(1)}%`;
}
