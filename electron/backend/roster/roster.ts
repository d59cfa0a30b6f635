// The roster (花名册) of a month for a street or the district: every household paid for month M, i.e. paid
// by the decisions in effect at the end of M−1 (assistanceOnDay, never the household row's opening
// columns), with its members and amount, the totals by category and the change list against M−1's roster.
import type { Kysely, Transaction } from 'kysely';
import { canRead, type Actor } from '../../../shared/access';
import { addMonths } from '../../../shared/dates';
import { isPaid, type HouseholdCategory } from '../../../shared/decision-effects';
import { relationLabels } from '../../../shared/glossary';
import { AppError } from '../../../shared/result';
import {
  rosterAllowed,
  rosterBasisDay,
  rosterChangeKinds,
  rosterChanges,
  rosterSummary,
  rosterTooEarlyMessage,
  totalsOf,
  type RosterArgs,
  type RosterCategoryLine,
  type RosterChangeRow,
  type RosterEntry,
  type RosterRow,
  type RosterView,
} from '../../../shared/roster';
import { assistanceOnDay } from '../cases/assistance';
import type { Database } from '../db/schema';
import { assertAllowed } from '../session/access';

type Reader = Kysely<Database> | Transaction<Database>;

/** The order categories are listed in: 低保 first, then 特困, then the others as the glossary has them. */
const categoryOrder: readonly HouseholdCategory[] = ['dibao', 'tekun', 'dibao_edge', 'rigid_expense', 'anti_relapse', 'other'];
const byCategoryOrder = (a: string, b: string) => categoryOrder.indexOf(a as HouseholdCategory) - categoryOrder.indexOf(b as HouseholdCategory);

/** Refuses a roster the user may not read or a month that has not started: nothing is computed then. */
export function assertRosterAllowed(user: Actor, args: RosterArgs, today: string): void {
  assertAllowed(canRead(user, args.scope, '这个街道（区）'));
  if (!rosterAllowed(args.month, today)) throw new AppError('validation', rosterTooEarlyMessage(args.month), { problems: [{ field: 'month', message: rosterTooEarlyMessage(args.month) }] });
}

type Paid = { entry: RosterEntry; communityCode: string };

/** Who is paid on the roster whose assistance is read on `day`: members living on that day are counted. */
async function paidOn(db: Reader, scope: string, day: string, persons: Map<string, number>): Promise<Paid[]> {
  const assistance = await assistanceOnDay(db, { region: scope }, day);
  const out: Paid[] = [];
  for (const [householdId, h] of assistance) {
    if (!isPaid(h) || h.category === null) continue;
    out.push({ entry: { householdId, category: h.category, status: h.status === 'phasing_out' ? 'phasing_out' : 'active', amountFen: h.monthlyAmountFen, persons: persons.get(`${householdId}|${day}`) ?? 0 }, communityCode: h.communityCode });
  }
  return out;
}

type MemberLine = { household_id: string; name: string; relation: keyof typeof relationLabels; citizen_id: string; died_on: string | null };

/**
 * The members of the households in scope: head first, then the eldest first, as a 户口簿 lists them (ties
 * by id). Not by insertion order: the desk's rows arrive in the centre's log order, and the centre on
 * PostgreSQL has no rowid, so that order would differ from copy to copy.
 */
export async function membersOf(db: Reader, scope: string): Promise<Map<string, MemberLine[]>> {
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.household_id', 'm.name', 'm.relation', 'm.citizen_id', 'm.died_on'])
    .where('h.community_code', 'like', `${scope}%`)
    .orderBy('m.household_id')
    .orderBy((eb) => eb.case().when('m.relation', '=', 'self').then(0).else(1).end())
    .orderBy('m.birth_date')
    .orderBy('m.id')
    .execute();
  const out = new Map<string, MemberLine[]>();
  for (const r of rows) {
    const list = out.get(r.household_id) ?? [];
    list.push(r);
    out.set(r.household_id, list);
  }
  return out;
}

const livingOn = (m: MemberLine, day: string) => m.died_on === null || m.died_on > day;

/** The members of a household alive on `day`, head first: the roster's member list and count. */
export const livingMembers = (members: Map<string, MemberLine[]>, householdId: string, day: string): MemberLine[] => (members.get(householdId) ?? []).filter((m) => livingOn(m, day));

export type RosterData = { view: RosterView; members: Map<string, MemberLine[]> };

/** The roster of `args.month` for `args.scope`, after the access and month checks. */
export async function rosterData(db: Reader, user: Actor, args: RosterArgs, today: string): Promise<RosterData> {
  assertRosterAllowed(user, args, today);
  const region = await db.selectFrom('regions').select(['name', 'level']).where('code', '=', args.scope).executeTakeFirst();
  if (!region) throw new AppError('not-found', `没有区划代码为 ${args.scope} 的街道或区`);
  const basisDay = rosterBasisDay(args.month);
  const previousDay = rosterBasisDay(addMonths(args.month, -1));
  const members = await membersOf(db, args.scope);
  const persons = new Map<string, number>();
  for (const [id, list] of members) for (const day of [basisDay, previousDay]) persons.set(`${id}|${day}`, list.filter((m) => livingOn(m, day)).length);
  const [now, before] = await Promise.all([paidOn(db, args.scope, basisDay, persons), paidOn(db, args.scope, previousDay, persons)]);

  const ids = [...new Set([...now, ...before].map((p) => p.entry.householdId))];
  const households = new Map<string, { householdNo: string; communityName: string; communityCode: string }>();
  for (let k = 0; k < ids.length; k += 500) {
    const rows = await db
      .selectFrom('households as h')
      .innerJoin('regions as cm', 'cm.code', 'h.community_code')
      .select(['h.id', 'h.household_no', 'h.community_code', 'cm.name'])
      .where('h.id', 'in', ids.slice(k, k + 500))
      .execute();
    for (const r of rows) households.set(r.id, { householdNo: r.household_no, communityName: r.name, communityCode: r.community_code });
  }
  const headName = (id: string) => members.get(id)?.find((m) => m.relation === 'self')?.name ?? members.get(id)?.[0]?.name ?? '';
  const hh = (id: string) => households.get(id) ?? { householdNo: '', communityName: '', communityCode: '' };

  const rows: RosterRow[] = now
    .map(({ entry }) => ({
      householdId: entry.householdId,
      communityCode: hh(entry.householdId).communityCode,
      communityName: hh(entry.householdId).communityName,
      householdNo: hh(entry.householdId).householdNo,
      headName: headName(entry.householdId),
      // There is no bank-account table: the assistance is paid to the household head's account, so the
      // account holder printed for finance is the 户主.
      payeeName: headName(entry.householdId),
      category: entry.category,
      status: entry.status,
      members: livingMembers(members, entry.householdId, basisDay).map((m) => ({ name: m.name, relation: relationLabels[m.relation] })),
      amountFen: entry.amountFen,
    }))
    .sort((a, b) => byCategoryOrder(a.category, b.category) || (a.communityCode < b.communityCode ? -1 : a.communityCode > b.communityCode ? 1 : a.householdNo < b.householdNo ? -1 : 1));

  const currentEntries = now.map((p) => p.entry);
  const previousEntries = before.map((p) => p.entry);
  const diff = rosterChanges(previousEntries, currentEntries);
  const changes: RosterChangeRow[] = diff.changes
    .map((c) => ({ kind: c.kind, category: c.category, communityName: hh(c.householdId).communityName, householdNo: hh(c.householdId).householdNo, headName: headName(c.householdId), beforeFen: c.beforeFen, afterFen: c.afterFen }))
    .sort((a, b) => rosterChangeKinds.indexOf(a.kind) - rosterChangeKinds.indexOf(b.kind) || byCategoryOrder(a.category, b.category) || (a.householdNo < b.householdNo ? -1 : 1));

  const nowTotals = totalsOf(currentEntries).byCategory;
  const beforeTotals = totalsOf(previousEntries).byCategory;
  const zero = { added: 0, raised: 0, lowered: 0, phasingOut: 0, stopped: 0 };
  const categories: RosterCategoryLine[] = [...new Set([...Object.keys(nowTotals), ...Object.keys(beforeTotals)])].sort(byCategoryOrder).map((category) => ({
    category,
    previous: { households: beforeTotals[category]?.households ?? 0, totalFen: beforeTotals[category]?.totalFen ?? 0 },
    counts: diff.byCategory[category as HouseholdCategory]?.counts ?? zero,
    deltaFen: diff.byCategory[category as HouseholdCategory]?.deltaFen ?? zero,
    current: nowTotals[category] ?? { households: 0, persons: 0, totalFen: 0 },
  }));

  return {
    view: { month: args.month, scope: args.scope, scopeName: region.name, basisDay, summary: rosterSummary(args.month, previousEntries, currentEntries), categories, rows, changes },
    members,
  };
}
