// How the 公示 screens write periods, statuses and channels, so the list, the batch page and the
// preview say the same thing the same way.
import { addDays, daysBetween, formatChineseDate } from '../../../shared/dates';
import type { CaseStatus } from '../../../shared/domain';
import { caseStatusLabels } from '../../../shared/glossary';

export { errorMessage, todayInChina } from '../meetings/format';

export { objectionChannelLabels as channelLabels } from '../../../shared/glossary';
export { MIN_NOTICE_DAYS } from '../../../shared/notice-rules';

/** "2026年11月20日—2026年11月26日" */
export function formatPeriod(start: string, end: string): string {
  return `${formatChineseDate(start)}—${formatChineseDate(end)}`;
}

/** Days of a period counting both ends (20th to 26th is 7 days); null while a field is incomplete. */
export function periodDays(start: string, end: string): number | null {
  if (!isIsoDate(start) || !isIsoDate(end)) return null;
  return daysBetween(start, end) + 1;
}

/** The end date that keeps a period `days` long from a new start. */
export function endFor(start: string, days: number): string {
  return addDays(start, Math.max(1, days) - 1);
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

/** NoticeItemView.caseStatus is typed as a plain string by the schema; show the label when it is one. */
export function caseStatusLabel(status: string): string {
  return status in caseStatusLabels ? caseStatusLabels[status as CaseStatus] : status;
}
