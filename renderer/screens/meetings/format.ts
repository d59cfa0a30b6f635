// How the meeting screens write dates, times, amounts and titles, so the list, the tabs and the
// projector all say the same thing the same way.
import { chinaDateOf, chinaLocalDateTime, chinaTimeOf, formatChineseDate, formatChineseMonth } from '../../../shared/dates';
import { formatYuan } from '../../../shared/money';
import type { MeetingSummary } from '../../../shared/meeting';

/** "2026年11月20日 09:00" in China time for a stored instant; the raw text if it is not one. */
export function formatDateTime(instant: string | null): string {
  if (!instant) return '—';
  try {
    return `${formatChineseDate(chinaDateOf(instant))} ${chinaTimeOf(instant)}`;
  } catch {
    return instant;
  }
}

/** The stored instant as the "2026-11-20T09:00" a datetime-local field holds. */
export function toLocalInput(instant: string): string {
  try {
    return chinaLocalDateTime(instant);
  } catch {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(instant) ? instant.slice(0, 16) : '';
  }
}

/** Today's date in China (UTC+8), whatever time zone the machine is set to. */
export function todayInChina(): string {
  return chinaDateOf(new Date().toISOString());
}

/**
 * When the meeting is or was: the scheduled time until it opens, then the time it opened (the day it
 * was held, as the minutes say), with the scheduled day beside it if that was another one.
 */
export function meetingWhen(m: Pick<MeetingSummary, 'scheduledAt' | 'openedAt'>): string {
  if (!m.openedAt) return formatDateTime(m.scheduledAt);
  const held = formatDateTime(m.openedAt);
  try {
    const scheduledOn = chinaDateOf(m.scheduledAt);
    return scheduledOn === chinaDateOf(m.openedAt) ? held : `${held}（原定${formatChineseDate(scheduledOn)}）`;
  } catch {
    return held;
  }
}

export function meetingTitle(m: Pick<MeetingSummary, 'streetName' | 'month'>): string {
  return `${m.streetName}${formatChineseMonth(m.month)}联审联批会议`;
}

export function issueText(issueNo: number): string {
  return `第${issueNo}期`;
}

/** 1,234.50 or a dash when there is no amount. */
export function yuanOrDash(fen: number | null): string {
  return fen === null ? '—' : formatYuan(fen);
}

export { errorMessage } from '../../api';
