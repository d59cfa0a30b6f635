// Statistics (统计) and the monthly report (月度工作报表, seed 001 八, seed 002 §30): the figures of a
// street or a district for a month, a half-year or a year. One shape for the screen, the PDF, the
// workbook and `cli report --json`; the one query module that fills it is electron/backend/statistics.
import { z } from 'zod';
import { addMonths, lastDayOfMonth } from './dates';
import { IsoMonth } from './domain';
import { findingLabels, outcomeLabels } from './glossary';
import type { HouseholdCategory } from './decision-effects';

export const statisticsPeriodKinds = ['month', 'half', 'year'] as const;
export type StatisticsPeriodKind = (typeof statisticsPeriodKinds)[number];
export const statisticsPeriodLabels: Record<StatisticsPeriodKind, string> = { month: '月度', half: '半年', year: '年度' };

/** A street (9 digits) or a district (6 digits). */
export const StatisticsScope = z.string().regex(/^(\d{6}|\d{9})$/, '统计范围应为街道（9 位）或区（6 位）区划代码');

/** `month`: the month itself, or any month of the half-year or year asked for. */
export const StatisticsArgs = z
  .object({ scope: StatisticsScope, month: IsoMonth, period: z.enum(statisticsPeriodKinds).optional() })
  .strict();
export type StatisticsArgs = z.infer<typeof StatisticsArgs>;

export const statisticsArgs = { view: StatisticsArgs, pdf: StatisticsArgs, xlsx: StatisticsArgs } as const;

export type StatisticsPeriod = { kind: StatisticsPeriodKind; first: string; last: string; months: string[]; label: string };

/** The months a period covers: the month; January–June or July–December; the calendar year. */
export function statisticsPeriod(month: string, kind: StatisticsPeriodKind = 'month'): StatisticsPeriod {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  const [first, count, label] = ((): [string, number, string] => {
    switch (kind) {
      case 'month':
        return [month, 1, `${year}年${m}月`];
      case 'half':
        return m <= 6 ? [`${year}-01`, 6, `${year}年上半年`] : [`${year}-07`, 6, `${year}年下半年`];
      case 'year':
        return [`${year}-01`, 12, `${year}年`];
      default: {
        const never: never = kind;
        throw new Error(`unknown period ${String(never)}`);
      }
    }
  })();
  const months = Array.from({ length: count }, (_, i) => addMonths(first, i));
  return { kind, first, last: months[months.length - 1]!, months, label };
}

/** The months of the period that have begun by `today`: a running month counts, a later one does not. */
export const monthsBegun = (period: StatisticsPeriod, today: string): string[] => period.months.filter((m) => m <= today.slice(0, 7));

/** The day the figures are read on: the period's last day, or today while the period runs. */
export const figuresDay = (period: StatisticsPeriod, today: string): string => {
  const end = lastDayOfMonth(period.last);
  return end < today ? end : today;
};

/** A period that has not begun has no figures. */
export function statisticsTooEarlyMessage(period: StatisticsPeriod): string {
  return `${period.label}还没有开始，没有可统计的数据`;
}

/** The twelve months a trend chart shows, ending with the period's last begun month. */
export function trendMonths(period: StatisticsPeriod, today: string): string[] {
  const begun = monthsBegun(period, today);
  const last = begun[begun.length - 1] ?? period.first;
  return Array.from({ length: 12 }, (_, i) => addMonths(last, i - 11));
}

const Count = z.number().int().nonnegative();
export const decisionOutcomes = Object.keys(outcomeLabels) as (keyof typeof outcomeLabels)[];
export const findingKinds = Object.keys(findingLabels) as (keyof typeof findingLabels)[];

const Decisions = z.object({ approve: Count, reject: Count, defer: Count });
const Findings = z.object(Object.fromEntries(findingKinds.map((k) => [k, Count])) as Record<keyof typeof findingLabels, typeof Count>);
const CategoryPaid = z.object({ households: Count, persons: Count, totalFen: Count });

/** One street's figures (or the district's sum, with the district's code and name). */
export const StreetFigures = z.object({
  code: z.string(),
  name: z.string(),
  /** Closed meetings whose month is in the period. */
  meetingsHeld: Count,
  /** The period's begun months with no closed meeting (seed 001 八: at least one a month). */
  monthsWithoutMeeting: z.array(z.string()),
  decisions: Decisions,
  /** On the roster (花名册) of the period's last begun month. */
  householdsPaid: Count,
  personsPaid: Count,
  totalFen: Count,
  /** The rosters of the period's begun months, added up: what the period paid. */
  periodPaidFen: Count,
  byCategory: z.record(z.string(), CategoryPaid),
  noticesPosted: Count,
  objections: Count,
  findings: Findings,
  correctionsOrdered: Count,
  correctionsOpen: Count,
  correctionsOverdue: Count,
  correctionsDone: Count,
});
export type StreetFigures = z.infer<typeof StreetFigures>;

/** Households and amounts on each month's roster, by category. */
export const CategoryTrend = z.object({ category: z.string(), households: z.array(Count), totalFen: z.array(Count) });

export const StatisticsView = z.object({
  scope: z.string(),
  scopeName: z.string(),
  scopeLevel: z.enum(['district', 'street']),
  period: z.object({ kind: z.enum(statisticsPeriodKinds), first: z.string(), last: z.string(), months: z.array(z.string()), label: z.string() }),
  /** The day the figures are read on (figuresDay). */
  asOf: z.string(),
  /** The months the period has begun by `asOf`. */
  months: z.array(z.string()),
  /** Where the findings come from: the bureau's own record, or, at a street desk, the corrections it received. */
  findingsFrom: z.enum(['spot_checks', 'corrections']),
  total: StreetFigures,
  streets: z.array(StreetFigures),
  trend: z.object({ months: z.array(z.string()), categories: z.array(CategoryTrend), households: z.array(Count), totalFen: z.array(Count) }),
  /** Closed meetings per street per month, over the trend's twelve months (0 marks a month without one). */
  meetingsByMonth: z.object({ months: z.array(z.string()), streets: z.array(z.object({ code: z.string(), name: z.string(), held: z.array(Count) })) }),
});
export type StatisticsView = z.infer<typeof StatisticsView>;

/** What `cli report --json` prints: the figures the report shows. */
export type StatisticsJson = {
  scope: string;
  period: StatisticsPeriodKind;
  months: string[];
  asOf: string;
  total: StreetFigures;
  streets: StreetFigures[];
};

export const statisticsJson = (view: StatisticsView): StatisticsJson => ({
  scope: view.scope,
  period: view.period.kind,
  months: view.months,
  asOf: view.asOf,
  total: view.total,
  streets: view.streets,
});

/** The order categories are listed in, as the roster lists them. */
export const statisticsCategoryOrder: readonly HouseholdCategory[] = ['dibao', 'tekun', 'dibao_edge', 'rigid_expense', 'anti_relapse', 'other'];

export const emptyFindings = (): StreetFigures['findings'] => Object.fromEntries(findingKinds.map((k) => [k, 0])) as StreetFigures['findings'];

/** The sum of several streets' figures, named as the district. */
export function sumFigures(code: string, name: string, streets: readonly StreetFigures[]): StreetFigures {
  const total: StreetFigures = {
    code,
    name,
    meetingsHeld: 0,
    monthsWithoutMeeting: [],
    decisions: { approve: 0, reject: 0, defer: 0 },
    householdsPaid: 0,
    personsPaid: 0,
    totalFen: 0,
    periodPaidFen: 0,
    byCategory: {},
    noticesPosted: 0,
    objections: 0,
    findings: emptyFindings(),
    correctionsOrdered: 0,
    correctionsOpen: 0,
    correctionsOverdue: 0,
    correctionsDone: 0,
  };
  const months = new Set<string>();
  for (const s of streets) {
    total.meetingsHeld += s.meetingsHeld;
    for (const m of s.monthsWithoutMeeting) months.add(m);
    for (const o of decisionOutcomes) total.decisions[o] += s.decisions[o];
    total.householdsPaid += s.householdsPaid;
    total.personsPaid += s.personsPaid;
    total.totalFen += s.totalFen;
    total.periodPaidFen += s.periodPaidFen;
    for (const [c, v] of Object.entries(s.byCategory)) {
      const t = (total.byCategory[c] ??= { households: 0, persons: 0, totalFen: 0 });
      t.households += v.households;
      t.persons += v.persons;
      t.totalFen += v.totalFen;
    }
    total.noticesPosted += s.noticesPosted;
    total.objections += s.objections;
    for (const f of findingKinds) total.findings[f] += s.findings[f];
    total.correctionsOrdered += s.correctionsOrdered;
    total.correctionsOpen += s.correctionsOpen;
    total.correctionsOverdue += s.correctionsOverdue;
    total.correctionsDone += s.correctionsDone;
  }
  // For the district: the months in which at least one street held no meeting.
  total.monthsWithoutMeeting = [...months].sort();
  return total;
}
