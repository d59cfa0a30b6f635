// The statistics of a street or a district for a period: the one query module behind the 统计 screen,
// the monthly report (PDF and .xlsx) and `cli report --json`. Figures are read on figuresDay: the
// period's last day, or today while it runs.
import type { Kysely, Transaction } from 'kysely';
import { canRead, isBureauRole, type Actor } from '../../../shared/access';
import { AppError } from '../../../shared/result';
import {
  decisionOutcomes,
  emptyFindings,
  figuresDay,
  findingKinds,
  monthsBegun,
  statisticsCategoryOrder,
  statisticsPeriod,
  statisticsTooEarlyMessage,
  sumFigures,
  trendMonths,
  type StatisticsArgs,
  type StatisticsView,
  type StreetFigures,
} from '../../../shared/statistics';
import type { Database } from '../db/schema';
import { assertAllowed } from '../session/access';
import { correctionCounts, decisionsTaken, findingsReceived, findingsRecorded, meetingsHeld, noticesPosted, objectionsReceived, type Span } from './counts';
import { paidByMonth, paidIn } from './paid';

type Reader = Kysely<Database> | Transaction<Database>;

const byCategoryOrder = (a: string, b: string) => statisticsCategoryOrder.indexOf(a as never) - statisticsCategoryOrder.indexOf(b as never);

export async function statisticsView(db: Reader, user: Actor, args: StatisticsArgs, today: string): Promise<StatisticsView> {
  assertAllowed(canRead(user, args.scope, '这个街道（区）'));
  const period = statisticsPeriod(args.month, args.period ?? 'month');
  const months = monthsBegun(period, today);
  if (months.length === 0) throw new AppError('validation', statisticsTooEarlyMessage(period), { problems: [{ field: 'month', message: statisticsTooEarlyMessage(period) }] });
  const region = await db.selectFrom('regions').select(['name', 'level']).where('code', '=', args.scope).executeTakeFirst();
  if (!region || (region.level !== 'district' && region.level !== 'street')) throw new AppError('not-found', `没有区划代码为 ${args.scope} 的街道或区`);
  const streetRows =
    region.level === 'street'
      ? [{ code: args.scope, name: region.name }]
      : await db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'street').where('parent_code', '=', args.scope).orderBy('code').execute();
  const streets = streetRows.map((s) => s.code);

  const asOf = figuresDay(period, today);
  const span: Span = { from: `${period.first}-01`, to: asOf, months };
  const trend = trendMonths(period, today);
  const lastMonth = months[months.length - 1]!;
  const findingsFrom = isBureauRole(user.role) ? 'spot_checks' : 'corrections';

  const [held, decisions, notices, objections, findings, corrections, paid] = await Promise.all([
    meetingsHeld(db, streets, [...new Set([...months, ...trend])]),
    decisionsTaken(db, streets, span),
    noticesPosted(db, streets, span),
    objectionsReceived(db, streets, span),
    findingsFrom === 'spot_checks' ? findingsRecorded(db, streets, span) : findingsReceived(db, streets, span),
    correctionCounts(db, streets, span),
    paidByMonth(db, args.scope, [...new Set([...months, ...trend])]),
  ]);

  const figures: StreetFigures[] = streetRows.map(({ code, name }) => {
    const meetings = held.get(code) ?? new Map<string, number>();
    const taken = decisions.get(code) ?? {};
    const found = findings.get(code) ?? {};
    const k = corrections.get(code) ?? { ordered: 0, open: 0, overdue: 0, done: 0 };
    const categories = paidIn(paid, lastMonth, code);
    const byCategory = Object.fromEntries([...categories.entries()].sort(([a], [b]) => byCategoryOrder(a, b)));
    const sum = (field: 'households' | 'persons' | 'totalFen') => [...categories.values()].reduce((s, t) => s + t[field], 0);
    return {
      code,
      name,
      meetingsHeld: months.reduce((s, m) => s + (meetings.get(m) ?? 0), 0),
      monthsWithoutMeeting: months.filter((m) => (meetings.get(m) ?? 0) === 0),
      decisions: Object.fromEntries(decisionOutcomes.map((o) => [o, taken[o] ?? 0])) as StreetFigures['decisions'],
      householdsPaid: sum('households'),
      personsPaid: sum('persons'),
      totalFen: sum('totalFen'),
      periodPaidFen: months.reduce((s, m) => s + [...paidIn(paid, m, code).values()].reduce((t, c) => t + c.totalFen, 0), 0),
      byCategory,
      noticesPosted: notices.get(code) ?? 0,
      objections: objections.get(code) ?? 0,
      findings: { ...emptyFindings(), ...Object.fromEntries(findingKinds.map((f) => [f, found[f] ?? 0])) },
      correctionsOrdered: k.ordered,
      correctionsOpen: k.open,
      correctionsOverdue: k.overdue,
      correctionsDone: k.done,
    };
  });
  const total = region.level === 'street' ? figures[0]! : sumFigures(args.scope, region.name, figures);

  const trendCategories = [...new Set(trend.flatMap((m) => [...paidIn(paid, m).keys()]))].sort(byCategoryOrder);
  const trendTotals = trend.map((m) => [...paidIn(paid, m).values()]);
  return {
    scope: args.scope,
    scopeName: region.name,
    scopeLevel: region.level,
    period,
    asOf,
    months,
    findingsFrom,
    total,
    streets: figures,
    trend: {
      months: trend,
      categories: trendCategories.map((category) => ({
        category,
        households: trend.map((m) => paidIn(paid, m).get(category)?.households ?? 0),
        totalFen: trend.map((m) => paidIn(paid, m).get(category)?.totalFen ?? 0),
      })),
      households: trendTotals.map((list) => list.reduce((s, t) => s + t.households, 0)),
      totalFen: trendTotals.map((list) => list.reduce((s, t) => s + t.totalFen, 0)),
    },
    meetingsByMonth: { months: trend, streets: streetRows.map(({ code, name }) => ({ code, name, held: trend.map((m) => held.get(code)?.get(m) ?? 0) })) },
  };
}
