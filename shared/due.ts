// 到期: what falls due in a street, as pure rules over facts the backend gathers (electron/backend/due/).
// Five kinds, each with a stable key that a case opened from it carries as `openedFor: 'due:<key>'`:
// - 复核到期 (recheck): 低保办法 art. 31 — a household in assistance is re-checked every
//   `recheckStableMonths` after its last review, or every `recheckIrregularMonths` when it has a living
//   member of working age (16–59) with no disability recorded (able to work), or its last investigation
//   recorded 经营净收入 (business income, the irregular kind). The last review is the latest final
//   decision in effect on a 新申请/复核/增发/减发 case, else the household's assisted_since; a household
//   assisted since before the street's records begin (`onFileSince`, its earliest case) is due on the
//   first cycle day on or after that start, not on a day years before the desk kept anything.
// - 渐退到期 (phase_out): a phasing-out household whose phase-out ends; suggested 停保.
// - 死亡复核 (death): 2022通知 — re-checked within `deathRecheckMonths` after a member's death, until a
//   case of the household has been decided at a meeting closed on or after the death.
// - 临时救助回访 (temporary): an approved 临时救助 is followed up `temporaryFollowUpMonths` after its
//   decision, until the household has a later case; a 小金额先行救助 not yet decided by a meeting is due at
//   its processing limit.
// - 办理时限 (limit): an application still pending, deferred or re-investigated, against 20 working days
//   from 受理 (45 when someone objected to it during a notice), shown within `dueSoonWorkingDays`.
// Calendar kinds show within `horizonDays` (30) of their day or once it has passed.
import { z } from 'zod';
import { ageOn, daysBetween, formatChineseDate as cn } from './dates';
import { IsoDate } from './domain';
import type { HouseholdAssistance } from './decision-effects';
import { addWorkingDays, workingDaysBetween } from './holidays';
import type { Settings } from './settings';

/** In the order the screen shows them: the statutory working-day limits first, the yearly re-checks (the most) last. */
export const dueKinds = ['limit', 'death', 'phase_out', 'temporary', 'recheck'] as const;
export type DueKind = (typeof dueKinds)[number];

export const dueKindLabels: Record<DueKind, string> = {
  recheck: '复核到期',
  phase_out: '渐退到期',
  death: '死亡复核',
  temporary: '临时救助回访',
  limit: '办理时限',
};

/** Calendar days ahead that a re-check, phase-out, death re-check or follow-up shows. */
export const horizonDays = 30;

export type DueSettings = Pick<
  Settings,
  | 'recheckStableMonths'
  | 'recheckIrregularMonths'
  | 'deathRecheckMonths'
  | 'temporaryFollowUpMonths'
  | 'applicationLimitWorkingDays'
  | 'extendedLimitWorkingDays'
  | 'dueSoonWorkingDays'
>;

export type DueMember = { id: string; name: string; birthDate: string; disability: string | null; diedOn: string | null };

/** One household, as the rules read it; `assistance` is as of today. */
export type DueHousehold = {
  householdId: string;
  headName: string;
  communityCode: string;
  communityName: string;
  assistance: HouseholdAssistance;
  /** The day the latest review decision took effect, if any. */
  lastReviewOn: string | null;
  /** The day the street's records on file begin (its earliest case taken in), if any. */
  onFileSince: string | null;
  /** The last investigation recorded business income (经营净收入). */
  businessIncome: boolean;
  members: readonly DueMember[];
  /** The close days of the household's decided cases (any kind), for "followed by a decision". */
  decidedOn: readonly string[];
  /** The days the household's cases were taken in (any kind), for "followed by a later case". */
  appliedOn: readonly string[];
};

/** A case still waiting for a decision, or a decided temporary case, as the limit and follow-up rules read it. */
export type DueCase = {
  caseId: string;
  caseNo: string;
  householdId: string;
  kind: string;
  category: string;
  status: string;
  appliedOn: string;
  prepaidOn: string | null;
  prepaidAmountFen: number | null;
  /** Someone objected to it during a notice (the 45-day limit). */
  objected: boolean;
  /** For a decided case: the day its meeting closed; for an approved temporary case the follow-up counts from it. */
  decidedOn: string | null;
  openedFor: string | null;
  /** The day an approved temporary payment was followed up, if it was. */
  followedUpOn?: string | null;
};

export type SuggestedKind = 're_review' | 'termination';

export type DueItem = {
  key: string;
  kind: DueKind;
  householdId: string;
  headName: string;
  communityCode: string;
  communityName: string;
  dueOn: string;
  /** Calendar days from today to the due day; negative when overdue. */
  daysLeft: number;
  /** For the working-day limits: working days left (negative overdue); null for the calendar kinds. */
  workingDaysLeft: number | null;
  overdue: boolean;
  reason: string;
  suggestedKind: SuggestedKind | null;
  /** The case the item is about (an application against its limit), when there is one. */
  subjectCaseNo: string | null;
  /** Years the working-day count crossed without holiday data. */
  yearsWithoutData: number[];
};

/** The same day `months` later (the last day of the month when it has no such day): 2026-08-31 + 6 → 2027-02-28. */
export function addMonthsToDate(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type RecheckInterval = { months: number; irregular: boolean; why: string };

/** Which of the two re-check intervals applies, and why (the reason the list shows). */
export function recheckInterval(h: Pick<DueHousehold, 'members' | 'businessIncome'>, s: DueSettings, today: string): RecheckInterval {
  const able = h.members.find((m) => m.diedOn === null && m.disability === null && ageOn(m.birthDate, today) >= 16 && ageOn(m.birthDate, today) <= 59);
  if (able) return { months: s.recheckIrregularMonths, irregular: true, why: `有劳动年龄成员（${able.name}）` };
  if (h.businessIncome) return { months: s.recheckIrregularMonths, irregular: true, why: '收入不固定（经营净收入）' };
  return { months: s.recheckStableMonths, irregular: false, why: '收入稳定' };
}

const within = (dueOn: string, today: string) => daysBetween(today, dueOn) <= horizonDays;

function calendarItem(h: DueHousehold, today: string, rest: Pick<DueItem, 'key' | 'kind' | 'dueOn' | 'reason' | 'suggestedKind'>): DueItem {
  const daysLeft = daysBetween(today, rest.dueOn);
  return {
    householdId: h.householdId,
    headName: h.headName,
    communityCode: h.communityCode,
    communityName: h.communityName,
    workingDaysLeft: null,
    yearsWithoutData: [],
    subjectCaseNo: null,
    ...rest,
    daysLeft,
    overdue: daysLeft < 0,
  };
}

const isAssisted = (a: HouseholdAssistance) => a.status === 'active' || a.status === 'phasing_out';

/** The household's calendar items: re-check, phase-out end, re-checks after a death. */
export function householdDue(h: DueHousehold, s: DueSettings, today: string): DueItem[] {
  if (!isAssisted(h.assistance)) return [];
  const out: DueItem[] = [];
  if (h.assistance.status === 'phasing_out') {
    // A phase-out ends in 停保 rather than a re-check.
    const ends = h.assistance.phaseOutEndsOn;
    if (ends && within(ends, today)) {
      out.push(calendarItem(h, today, { key: `phase_out:${h.householdId}:${ends}`, kind: 'phase_out', dueOn: ends, reason: `渐退期至${cn(ends)}结束，应办理停保`, suggestedKind: 'termination' }));
    }
  } else {
    const since = h.lastReviewOn ?? h.assistance.assistedSince;
    if (since) {
      const interval = recheckInterval(h, s, today);
      let cycles = 1;
      let dueOn = addMonthsToDate(since, interval.months);
      while (!h.lastReviewOn && h.onFileSince && dueOn < h.onFileSince) dueOn = addMonthsToDate(since, interval.months * ++cycles);
      if (within(dueOn, today)) {
        const last = h.lastReviewOn ? `上次审核确认${cn(since)}` : cycles > 1 ? `${cn(since)}起在保，建档以来未见复核记录` : `${cn(since)}起在保`;
        out.push(calendarItem(h, today, { key: `recheck:${h.householdId}:${dueOn}`, kind: 'recheck', dueOn, reason: `${last}，${interval.why}，每${interval.months}个月复核一次`, suggestedKind: 're_review' }));
      }
    }
  }
  for (const m of h.members) {
    if (m.diedOn === null) continue;
    const died = m.diedOn;
    if (h.decidedOn.some((d) => d >= died)) continue;
    const dueOn = addMonthsToDate(died, s.deathRecheckMonths);
    if (!within(dueOn, today)) continue;
    out.push(calendarItem(h, today, { key: `death:${m.id}`, kind: 'death', dueOn, reason: `成员${m.name}于${cn(died)}死亡，应在${s.deathRecheckMonths}个月内复核`, suggestedKind: 're_review' }));
  }
  return out;
}

/** Statuses of a case still waiting for a decision. */
export const undecidedStatuses = ['pending', 'deferred', 'reinvestigating'] as const;
const undecided = (status: string) => (undecidedStatuses as readonly string[]).includes(status);

/** The limit of a case taken in on `appliedOn`: 20 working days, or 45 after an objection. */
export function processingLimit(c: Pick<DueCase, 'appliedOn' | 'objected'>, s: DueSettings): { dueOn: string; days: number; yearsWithoutData: number[] } {
  const days = c.objected ? s.extendedLimitWorkingDays : s.applicationLimitWorkingDays;
  const r = addWorkingDays(c.appliedOn, days);
  return { dueOn: r.value, days, yearsWithoutData: r.yearsWithoutData };
}

/** The `openedFor` of a 复核/停保 case opened from a due item (shared/review-case.ts). */
export const dueSource = (key: string) => `due:${key}`;

/** Whom a due item is about: its household, a member of it, or one of its cases. */
export type DueSubject = { of: 'household' | 'member' | 'case'; id: string };

/**
 * What the due item an `openedFor` names is about, read from its key exactly as householdDue and caseDue
 * make it (`recheck:<household>:<day>`, `phase_out:<household>:<day>`, `death:<member>`, `limit:<case>`,
 * `prepaid:<case>`, `temporary:<case>`); null for any other shape, so that a variant cannot pass for a key.
 */
export function dueSourceSubject(openedFor: string): DueSubject | null {
  const parts = openedFor.split(':');
  const [source, kind, id = '', day = ''] = parts;
  if (source !== 'due') return null;
  switch (kind) {
    case 'recheck':
    case 'phase_out':
      return parts.length === 4 && /^\d{4}-\d{2}-\d{2}$/.test(day) ? { of: 'household', id } : null;
    case 'death':
      return parts.length === 3 ? { of: 'member', id } : null;
    case 'limit':
    case 'prepaid':
    case 'temporary':
      return parts.length === 3 ? { of: 'case', id } : null;
    default:
      return null;
  }
}

/** Kinds a household applies for, to which the processing limit applies (not a 复核/停保 the street opens itself). */
const applicationKinds = ['new_application', 'increase', 'decrease', 'temporary'];

/**
 * A case's items: its processing limit (or, prepaid, the meeting still owed), or the follow-up of an
 * approved temporary payment. `s` is the settings in force on the day the case was taken in.
 */
export function caseDue(c: DueCase, h: DueHousehold, s: DueSettings, today: string): DueItem[] {
  if (undecided(c.status) && (applicationKinds.includes(c.kind) || c.prepaidOn !== null)) {
    const limit = processingLimit(c, s);
    const left = workingDaysBetween(today, limit.dueOn);
    const prepaid = c.prepaidOn !== null;
    // A prepaid case always shows: money has gone out before the meeting reviewed it.
    if (!prepaid && left.value > s.dueSoonWorkingDays) return [];
    const daysLeft = daysBetween(today, limit.dueOn);
    const why = `${cn(c.appliedOn)}受理，${c.objected ? '公示期间有异议，' : ''}应在${limit.days}个工作日内办结`;
    return [
      {
        key: `${prepaid ? 'prepaid' : 'limit'}:${c.caseId}`,
        kind: prepaid ? 'temporary' : 'limit',
        householdId: h.householdId,
        headName: h.headName,
        communityCode: h.communityCode,
        communityName: h.communityName,
        dueOn: limit.dueOn,
        daysLeft,
        workingDaysLeft: left.value,
        // Past the limit's day, even over a weekend or a holiday when no working day has yet been lost.
        overdue: today > limit.dueOn,
        reason: prepaid ? `${cn(c.prepaidOn ?? c.appliedOn)}已先行救助${((c.prepaidAmountFen ?? 0) / 100).toFixed(2)}元，尚待会议审议；${why}` : why,
        suggestedKind: null,
        subjectCaseNo: c.caseNo,
        yearsWithoutData: [...new Set([...limit.yearsWithoutData, ...left.yearsWithoutData])].sort(),
      },
    ];
  }
  if (c.kind === 'temporary' && c.status === 'approved' && c.decidedOn) {
    const decided = c.decidedOn;
    if (c.followedUpOn || h.appliedOn.some((a) => a > decided)) return [];
    const dueOn = addMonthsToDate(decided, s.temporaryFollowUpMonths);
    if (!within(dueOn, today)) return [];
    return [
      {
        ...calendarItem(h, today, { key: `temporary:${c.caseId}`, kind: 'temporary', dueOn, reason: `${cn(decided)}批准临时救助，${s.temporaryFollowUpMonths}个月后回访`, suggestedKind: null }),
        subjectCaseNo: c.caseNo,
      },
    ];
  }
  return [];
}

/** Sorted by due day, then household, then key, so the list reads the same each time. */
export function sortDue(items: readonly DueItem[]): DueItem[] {
  return [...items].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The case opened from an item (`openedFor: 'due:<key>'`): its number, and whether a meeting's agenda has it. */
export const DueOpenCase = z.object({ caseId: z.string(), caseNo: z.string(), onAgenda: z.boolean(), decided: z.boolean() });

export const DueEntry = z.object({
  key: z.string(),
  kind: z.enum(dueKinds),
  householdId: z.string(),
  headName: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  dueOn: z.string(),
  daysLeft: z.number(),
  workingDaysLeft: z.number().nullable(),
  overdue: z.boolean(),
  reason: z.string(),
  suggestedKind: z.enum(['re_review', 'termination']).nullable(),
  subjectCaseNo: z.string().nullable(),
  yearsWithoutData: z.array(z.number()),
  openCase: DueOpenCase.nullable(),
});
export type DueEntry = z.infer<typeof DueEntry>;

export const DueList = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  today: z.string(),
  items: z.array(DueEntry),
  /** Years a count crossed without holiday data: the screen says each was counted by weekends only. */
  yearsWithoutData: z.array(z.number()),
});
export type DueList = z.infer<typeof DueList>;

export const dueArgs = {
  /** A street user's own street; a bureau user names a street of its district. */
  list: z.object({ streetCode: z.string().regex(/^\d{9}$/, '街道代码应为 9 位数字').optional() }).strict(),
} as const;

/** Recording a member's death on the household, from one of its case pages (households.recordDeath). */
export const deathArgs = {
  record: z
    .object({
      caseId: z.string().min(1).max(64),
      memberId: z.string().min(1).max(64),
      diedOn: IsoDate,
      reason: z.string().trim().min(1, '请写明依据（如死亡证明、火化证明）').max(200, '依据不能超过 200 个字'),
    })
    .strict(),
} as const;
export type DeathArgs = z.output<(typeof deathArgs)['record']>;

/** 临时救助回访: the follow-up visit of an approved temporary payment, which clears its 到期 item. */
export const followUpArgs = {
  record: z
    .object({
      caseId: z.string().min(1).max(64),
      followedUpOn: IsoDate,
      followUpNote: z.string().trim().min(1, '请写明回访情况').max(300, '回访情况不能超过 300 个字'),
    })
    .strict(),
} as const;
export type FollowUpArgs = z.output<(typeof followUpArgs)['record']>;
