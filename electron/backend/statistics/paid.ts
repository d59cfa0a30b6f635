// Who is paid, month by month: each month's roster (花名册) totals per street and category, read the way
// the roster reads them (assistanceOnDay's fold on the last day of the month before, members living on
// that day), so a report's households and amounts equal the roster of the same month. The decisions
// and openings are loaded once and folded for every month asked for.
import type { Kysely, Transaction } from 'kysely';
import { assistanceOn, isPaid } from '../../../shared/decision-effects';
import { rosterBasisDay } from '../../../shared/roster';
import type { Database } from '../db/schema';
import { inEffectByHousehold, openings, timedDecisions } from '../cases/assistance';
import { codeRange } from '../regions/regions';

type Reader = Kysely<Database> | Transaction<Database>;

export type PaidTotals = { households: number; persons: number; totalFen: number };
/** month → street code → category → totals. */
export type PaidByMonth = Map<string, Map<string, Map<string, PaidTotals>>>;

/** Members per household and the days members died, to count those living on a basis day. */
async function memberCounts(db: Reader, scope: string): Promise<{ counts: Map<string, number>; deaths: Map<string, string[]> }> {
  const [lo, hi] = codeRange(scope);
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.household_id', 'm.died_on'])
    .where('h.community_code', '>=', lo)
    .where('h.community_code', '<', hi)
    .execute();
  const counts = new Map<string, number>();
  const deaths = new Map<string, string[]>();
  for (const r of rows) {
    counts.set(r.household_id, (counts.get(r.household_id) ?? 0) + 1);
    if (r.died_on !== null) deaths.set(r.household_id, [...(deaths.get(r.household_id) ?? []), r.died_on]);
  }
  return { counts, deaths };
}

/** The roster totals of each month in `months` for the households under `scope`. */
export async function paidByMonth(db: Reader, scope: string, months: readonly string[]): Promise<PaidByMonth> {
  const region = { region: scope };
  const [houses, decisions, members] = await Promise.all([openings(db, region), timedDecisions(db, region), memberCounts(db, scope)]);
  const byHousehold = inEffectByHousehold(decisions);
  const out: PaidByMonth = new Map();
  for (const month of new Set(months)) {
    const day = rosterBasisDay(month);
    const streets = new Map<string, Map<string, PaidTotals>>();
    for (const h of houses) {
      const a = assistanceOn(h.opening, byHousehold.get(h.id) ?? [], day);
      if (!isPaid(a) || a.category === null) continue;
      const street = h.communityCode.slice(0, 9);
      const categories = streets.get(street) ?? new Map<string, PaidTotals>();
      streets.set(street, categories);
      const t = categories.get(a.category) ?? { households: 0, persons: 0, totalFen: 0 };
      categories.set(a.category, t);
      const died = (members.deaths.get(h.id) ?? []).filter((d) => d <= day).length;
      t.households++;
      t.persons += (members.counts.get(h.id) ?? 0) - died;
      t.totalFen += a.monthlyAmountFen;
    }
    out.set(month, streets);
  }
  return out;
}

/** One street's (or, with no street, every street's) totals by category for a month. */
export function paidIn(paid: PaidByMonth, month: string, street?: string): Map<string, PaidTotals> {
  const streets = paid.get(month) ?? new Map<string, Map<string, PaidTotals>>();
  const out = new Map<string, PaidTotals>();
  for (const [code, categories] of streets) {
    if (street !== undefined && code !== street) continue;
    for (const [c, t] of categories) {
      const sum = out.get(c) ?? { households: 0, persons: 0, totalFen: 0 };
      out.set(c, { households: sum.households + t.households, persons: sum.persons + t.persons, totalFen: sum.totalFen + t.totalFen });
    }
  }
  return out;
}
