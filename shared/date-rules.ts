// The windows a date must fall in, stated once: the desk's commands and the centre's replay refuse
// outside them, and the forms say them beside the field. Each rule answers a Chinese refusal or null.
// (A slip of the year or the month in a date field is the mistake these catch: a November meeting set
// for March 2027, a notice starting in 2030, a correction due in 2031.)
import { addDays, daysBetween, formatChineseDate, formatChineseMonth, lastDayOfMonth } from './dates';
import { MIN_NOTICE_DAYS } from './notice-rules';

/** A month's meeting may be held this many days before its month begins or after it ends. */
export const MEETING_MONTH_SLACK_DAYS = 7;
/** A notice starts on the day of the decision at the earliest and this many days after it at the latest. */
export const NOTICE_START_WINDOW_DAYS = 15;
/** A notice period is at most this long (the rule asks for 7 days; a longer one is a slip of the date). */
export const MAX_NOTICE_DAYS = 30;
/** A correction is due at most this many days after it was ordered. */
export const CORRECTION_HORIZON_DAYS = 90;

/** The first and last day a meeting of `month` may be scheduled on. */
export function meetingDayWindow(month: string): { first: string; last: string } {
  return { first: addDays(`${month}-01`, -MEETING_MONTH_SLACK_DAYS), last: addDays(lastDayOfMonth(month), MEETING_MONTH_SLACK_DAYS) };
}

export function meetingDayWindowText(month: string): string {
  const w = meetingDayWindow(month);
  return `${formatChineseMonth(month)}的会议应安排在${formatChineseDate(w.first)}至${formatChineseDate(w.last)}之间（当月及前后 ${MEETING_MONTH_SLACK_DAYS} 天内）`;
}

/** `day` is the scheduled calendar day (China time) of a meeting of `month`. */
export function meetingDayProblem(month: string, day: string): string | null {
  const w = meetingDayWindow(month);
  if (day < w.first || day > w.last) return `会议时间${formatChineseDate(day)}不在允许范围内：${meetingDayWindowText(month)}`;
  return null;
}

/** The days a notice of a decision made on `decidedOn` may start on. */
export function noticeStartWindow(decidedOn: string): { first: string; last: string } {
  return { first: decidedOn, last: addDays(decidedOn, NOTICE_START_WINDOW_DAYS) };
}

/** Whole days of a period, both ends counted; 0 or less for an inverted one. */
export function periodDays(start: string, end: string): number {
  return daysBetween(start, end) + 1;
}

/** What is wrong with a notice period, and which of its two dates the person should change. */
export type PeriodIssue = { on: 'start' | 'end'; message: string };

/**
 * A notice period's issue, if any: it starts within the window after the decision, ends after it
 * starts, lasts the notice days at least and MAX_NOTICE_DAYS at most. `decidedOn` is null for a batch
 * with no meeting behind it (then only the period itself is checked).
 */
export function noticePeriodIssue(startDate: string, endDate: string, decidedOn: string | null, minDays = MIN_NOTICE_DAYS): PeriodIssue | null {
  if (decidedOn) {
    const w = noticeStartWindow(decidedOn);
    if (startDate < w.first) return { on: 'start', message: `公示不能早于会议作出决定的日期（${formatChineseDate(w.first)}）开始` };
    if (startDate > w.last) return { on: 'start', message: `公示应在会议作出决定后 ${NOTICE_START_WINDOW_DAYS} 天内开始，最晚${formatChineseDate(w.last)}；${formatChineseDate(startDate)}太晚了` };
  }
  if (endDate < startDate) return { on: 'end', message: `公示结束日期（${formatChineseDate(endDate)}）早于开始日期（${formatChineseDate(startDate)}），请改正` };
  const earliestEnd = addDays(startDate, minDays - 1);
  if (endDate < earliestEnd) return { on: 'end', message: `公示期不得少于 ${minDays} 天：自${formatChineseDate(startDate)}起，最早到${formatChineseDate(earliestEnd)}结束` };
  const latestEnd = addDays(startDate, MAX_NOTICE_DAYS - 1);
  if (endDate > latestEnd) return { on: 'end', message: `公示期不宜超过 ${MAX_NOTICE_DAYS} 天：自${formatChineseDate(startDate)}起，最晚到${formatChineseDate(latestEnd)}结束` };
  return null;
}

/** The same as a refusal's text, as the services throw it. */
export function noticePeriodProblem(startDate: string, endDate: string, decidedOn: string | null, minDays = MIN_NOTICE_DAYS): string | null {
  return noticePeriodIssue(startDate, endDate, decidedOn, minDays)?.message ?? null;
}

/** The latest deadline a correction ordered on `orderedOn` may have. */
export function latestCorrectionDeadline(orderedOn: string): string {
  return addDays(orderedOn, CORRECTION_HORIZON_DAYS);
}

export function correctionDeadlineProblem(orderedOn: string, deadline: string): string | null {
  if (deadline < orderedOn) return '整改期限不能早于下达日期';
  const latest = latestCorrectionDeadline(orderedOn);
  if (deadline > latest) return `整改期限应在下达之日起 ${CORRECTION_HORIZON_DAYS} 天内，最晚${formatChineseDate(latest)}；${formatChineseDate(deadline)}超出了这个范围`;
  return null;
}

/**
 * Whether a correction's deadline may be moved, and to what: only while the correction is open and its
 * deadline has not yet passed (an overdue correction stays overdue on the record), to a day not before
 * today and within the horizon of the order.
 */
export function deadlineChangeProblem(correction: { orderedOn: string; deadline: string; open: boolean }, newDeadline: string, today: string): string | null {
  if (!correction.open) return '这项整改已经登记完成，期限不能再修改';
  if (today > correction.deadline) return `整改期限${formatChineseDate(correction.deadline)}已过，逾期的整改不能再改期限；请登记整改结果或另行下达整改`;
  if (newDeadline === correction.deadline) return '新的整改期限与原期限相同';
  if (newDeadline < today) return '新的整改期限不能早于今天';
  return correctionDeadlineProblem(correction.orderedOn, newDeadline);
}
