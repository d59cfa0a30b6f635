// The monthly payment roster (花名册, seed 001 十): who is paid for month M, from the decisions in effect
// at the end of M−1, sent by the bureau to finance by the 5th of M. Pure types, schemas and the change
// list against last month, reconciled so that last month + changes = this month, overall and per category.
import { z } from 'zod';
import { addMonths, lastDayOfMonth } from './dates';
import type { HouseholdCategory } from './decision-effects';
import { IsoMonth } from './domain';

/** A street (9 digits) or a district (6 digits): the roster is per street or for the whole district. */
export const RosterScope = z.string().regex(/^(\d{6}|\d{9})$/, '花名册的范围应为街道（9 位）或区（6 位）区划代码');

export const rosterArgs = {
  summary: z.object({ month: IsoMonth, scope: RosterScope }).strict(),
  pdf: z.object({ month: IsoMonth, scope: RosterScope }).strict(),
  xlsx: z.object({ month: IsoMonth, scope: RosterScope }).strict(),
  reminder: z.object({}).strict(),
  markSent: z.object({ districtCode: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'), month: IsoMonth, sendNote: z.string().max(200).optional() }).strict(),
} as const;
export type RosterArgs = z.infer<typeof rosterArgs.summary>;

/** The day whose assistance decides who is paid for `month`: the last day of the month before. */
export const rosterBasisDay = (month: string): string => lastDayOfMonth(addMonths(month, -1));

/** The roster of `month` may be made once its preceding month has ended (today is in `month` or later). */
export const rosterAllowed = (month: string, today: string): boolean => today > rosterBasisDay(month);

/** The latest month whose roster may be made on `today`: the current month. */
export const latestRosterMonth = (today: string): string => today.slice(0, 7);

/** Why a month is refused, in the words a person reads. */
export function rosterTooEarlyMessage(month: string): string {
  const [y, m] = addMonths(month, -1).split('-').map(Number) as [number, number];
  const [ty, tm] = month.split('-').map(Number) as [number, number];
  return `${ty}年${tm}月的花名册要等${y}年${m}月结束后（${ty}年${tm}月1日起）才能生成：发放名单以上月末生效的决定为准`;
}

/** One household on a roster, as the change list compares them. */
export type RosterEntry = {
  householdId: string;
  category: HouseholdCategory;
  status: 'active' | 'phasing_out';
  amountFen: number;
  persons: number;
};

export const rosterChangeKinds = ['added', 'raised', 'lowered', 'phasingOut', 'stopped'] as const;
export type RosterChangeKind = (typeof rosterChangeKinds)[number];

export const rosterChangeLabels: Record<RosterChangeKind, string> = { added: '新增', raised: '增发', lowered: '减发', phasingOut: '渐退', stopped: '停保' };

/** One line of the change list: a household leaving a category is a 停保 there and a 新增 in the new one. */
export type RosterChange = { householdId: string; kind: RosterChangeKind; category: HouseholdCategory; beforeFen: number; afterFen: number };

export type ChangeCounts = Record<RosterChangeKind, number>;

/** Per category: how many households of each kind, and what each kind adds to the total (negative for less). */
export type CategoryChanges = { counts: ChangeCounts; deltaFen: ChangeCounts };

const zero = (): ChangeCounts => ({ added: 0, raised: 0, lowered: 0, phasingOut: 0, stopped: 0 });

/** The kind of change of a household on both rosters in the same category, or null when unchanged. */
function changeOf(before: RosterEntry, after: RosterEntry): RosterChangeKind | null {
  if (after.status === 'phasing_out' && before.status !== 'phasing_out') return 'phasingOut';
  if (after.amountFen > before.amountFen) return 'raised';
  if (after.amountFen < before.amountFen) return 'lowered';
  return null;
}

/**
 * The change list from last month's roster to this month's. Each household counts once per category it
 * touches, so previous households + added − stopped = households holds overall and in every category,
 * and previous total + the sum of the deltas = this total.
 */
export function rosterChanges(previous: readonly RosterEntry[], current: readonly RosterEntry[]): { changes: RosterChange[]; byCategory: Partial<Record<HouseholdCategory, CategoryChanges>>; counts: ChangeCounts } {
  const before = new Map(previous.map((e) => [e.householdId, e]));
  const after = new Map(current.map((e) => [e.householdId, e]));
  const changes: RosterChange[] = [];
  const push = (householdId: string, kind: RosterChangeKind, category: HouseholdCategory, beforeFen: number, afterFen: number) => changes.push({ householdId, kind, category, beforeFen, afterFen });
  for (const a of current) {
    const b = before.get(a.householdId);
    if (!b) push(a.householdId, 'added', a.category, 0, a.amountFen);
    else if (b.category !== a.category) {
      push(b.householdId, 'stopped', b.category, b.amountFen, 0);
      push(a.householdId, 'added', a.category, 0, a.amountFen);
    } else {
      const kind = changeOf(b, a);
      if (kind) push(a.householdId, kind, a.category, b.amountFen, a.amountFen);
    }
  }
  for (const b of previous) if (!after.has(b.householdId)) push(b.householdId, 'stopped', b.category, b.amountFen, 0);

  const byCategory: Partial<Record<HouseholdCategory, CategoryChanges>> = {};
  const counts = zero();
  for (const c of changes) {
    const cat = (byCategory[c.category] ??= { counts: zero(), deltaFen: zero() });
    cat.counts[c.kind]++;
    cat.deltaFen[c.kind] += c.afterFen - c.beforeFen;
    counts[c.kind]++;
  }
  return { changes, byCategory, counts };
}

export type CategoryTotals = { households: number; persons: number; totalFen: number };

/** Exactly what `cli roster --json` prints (issue 17 item 4). */
export type RosterSummary = {
  month: string;
  households: number;
  persons: number;
  totalFen: number;
  byCategory: Record<string, CategoryTotals>;
  previous: { households: number; totalFen: number };
  changes: ChangeCounts;
};

export function totalsOf(entries: readonly RosterEntry[]): { all: CategoryTotals; byCategory: Record<string, CategoryTotals> } {
  const all: CategoryTotals = { households: 0, persons: 0, totalFen: 0 };
  const byCategory: Record<string, CategoryTotals> = {};
  for (const e of entries) {
    const t = (byCategory[e.category] ??= { households: 0, persons: 0, totalFen: 0 });
    for (const x of [t, all]) {
      x.households++;
      x.persons += e.persons;
      x.totalFen += e.amountFen;
    }
  }
  return { all, byCategory };
}

export function rosterSummary(month: string, previous: readonly RosterEntry[], current: readonly RosterEntry[]): RosterSummary {
  const now = totalsOf(current);
  const before = totalsOf(previous);
  return {
    month,
    households: now.all.households,
    persons: now.all.persons,
    totalFen: now.all.totalFen,
    byCategory: now.byCategory,
    previous: { households: before.all.households, totalFen: before.all.totalFen },
    changes: rosterChanges(previous, current).counts,
  };
}

// --- what the screen and the documents show -------------------------------------------------------

export const RosterMember = z.object({ name: z.string(), relation: z.string() });

export const RosterRow = z.object({
  householdId: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  householdNo: z.string(),
  headName: z.string(),
  /** The payee: there is no bank-account table, so the account holder is the household head. */
  payeeName: z.string(),
  category: z.string(),
  status: z.enum(['active', 'phasing_out']),
  members: z.array(RosterMember),
  amountFen: z.number().int(),
});
export type RosterRow = z.infer<typeof RosterRow>;

export const RosterChangeRow = z.object({
  kind: z.enum(rosterChangeKinds),
  category: z.string(),
  communityName: z.string(),
  householdNo: z.string(),
  headName: z.string(),
  beforeFen: z.number().int(),
  afterFen: z.number().int(),
});
export type RosterChangeRow = z.infer<typeof RosterChangeRow>;

const Totals = z.object({ households: z.number().int(), persons: z.number().int(), totalFen: z.number().int() });
const Counts = z.object({ added: z.number().int(), raised: z.number().int(), lowered: z.number().int(), phasingOut: z.number().int(), stopped: z.number().int() });

/** One category's reconciliation line: last month, what each kind of change did, this month. */
export const RosterCategoryLine = z.object({
  category: z.string(),
  previous: z.object({ households: z.number().int(), totalFen: z.number().int() }),
  counts: Counts,
  deltaFen: Counts,
  current: Totals,
});
export type RosterCategoryLine = z.infer<typeof RosterCategoryLine>;

/** The roster as the screen, the PDF and the workbook read it (ID numbers never in here). */
export const RosterView = z.object({
  month: z.string(),
  scope: z.string(),
  scopeName: z.string(),
  basisDay: z.string(),
  summary: z.object({
    month: z.string(),
    households: z.number().int(),
    persons: z.number().int(),
    totalFen: z.number().int(),
    byCategory: z.record(z.string(), Totals),
    previous: z.object({ households: z.number().int(), totalFen: z.number().int() }),
    changes: Counts,
  }),
  categories: z.array(RosterCategoryLine),
  rows: z.array(RosterRow),
  changes: z.array(RosterChangeRow),
});
export type RosterView = z.infer<typeof RosterView>;

/** The bureau's reminder to send month M's roster to finance: from the 1st until it is marked sent. */
export const RosterReminder = z.object({
  month: z.string(),
  dueOn: z.string(),
  sent: z.object({ sentOn: z.string(), sentByName: z.string(), households: z.number().int(), totalFen: z.number().int() }).nullable(),
  overdue: z.boolean(),
  message: z.string().nullable(),
});
export type RosterReminder = z.infer<typeof RosterReminder>;

/** The day by which month M's roster goes to finance (seed 001 十: by the 5th). */
export const rosterDueOn = (month: string): string => `${month}-05`;

export function reminderMessage(month: string, today: string): { message: string; overdue: boolean } {
  const m = Number(month.slice(5, 7));
  const overdue = today > rosterDueOn(month);
  return { message: `${m}月花名册尚未报送财政，应于${m}月5日前报送${overdue ? '，已逾期' : ''}`, overdue };
}
