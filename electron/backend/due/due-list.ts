// The 到期 list of a street as of today: gathers the households in assistance, their members, decisions
// and cases, and hands them to the pure rules of shared/due.ts. Assistance is derived as of today
// (cases/assistance.ts), never read from the household row; the intervals and limits are the standards in
// force on the day each rule concerns (getSettings with the street's district).
import type { Kysely } from 'kysely';
import { isBureauRole, isStreetRole } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import { caseDue, householdDue, sortDue, undecidedStatuses, type DueCase, type DueEntry, type DueHousehold, type DueItem, type DueList, type DueMember } from '../../../shared/due';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import { getSettings } from '../settings/settings';
import { assistanceOnDay, timedDecisions } from '../cases/assistance';

/** Kinds whose final decision counts as the household's last review. */
const reviewKinds = ['new_application', 're_review', 'increase', 'decrease'];

/** Which street the caller may list: its own, or (a bureau) one of its district's. */
export async function dueStreetOf(db: Kysely<Database>, user: SessionUser, asked: string | undefined): Promise<{ code: string; name: string }> {
  let code: string;
  if (isStreetRole(user.role) && user.regionCode.length === 9) {
    if (asked !== undefined && asked !== user.regionCode) throw new AppError('forbidden', '只能查看本街道的到期事项');
    code = user.regionCode;
  } else if (isBureauRole(user.role) && user.regionCode.length === 6) {
    if (asked === undefined) throw new AppError('validation', '请选择一个街道（乡镇）', { problems: [{ field: 'streetCode', message: '请选择一个街道（乡镇）' }] });
    if (!asked.startsWith(user.regionCode)) throw new AppError('forbidden', '这个街道不在本区，不能查看它的到期事项');
    code = asked;
  } else {
    throw new AppError('forbidden', '只有街道和区民政局的工作人员可以查看到期事项');
  }
  const street = await db.selectFrom('regions').select(['code', 'name']).where('code', '=', code).where('level', '=', 'street').executeTakeFirst();
  if (!street) throw new AppError('not-found', '没有找到这个街道');
  return street;
}

export async function dueList(db: Kysely<Database>, user: SessionUser, asked: string | undefined, today: string): Promise<DueList> {
  const street = await dueStreetOf(db, user, asked);
  const districtCode = street.code.slice(0, 6);
  const settingsToday = await getSettings(db, { districtCode, on: today });
  const scope = { region: street.code };
  const [assistance, decisions, households, members, cases, investigations] = await Promise.all([
    assistanceOnDay(db, scope, today),
    timedDecisions(db, scope),
    db
      .selectFrom('households as h')
      .leftJoin('regions as r', 'r.code', 'h.community_code')
      .select(['h.id', 'h.community_code', 'r.name as community_name'])
      .where('h.street_code', '=', street.code)
      .execute(),
    db
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.household_id', 'm.name', 'm.birth_date', 'm.disability', 'm.died_on', 'm.relation'])
      .where('h.street_code', '=', street.code)
      .execute(),
    db
      .selectFrom('cases as c')
      .select((eb) => [
        'c.id',
        'c.case_no',
        'c.household_id',
        'c.kind',
        'c.category',
        'c.status',
        'c.applied_on',
        'c.prepaid_on',
        'c.prepaid_amount_fen',
        'c.opened_for',
        'c.followed_up_on',
        eb.exists(eb.selectFrom('objections as o').select('o.id').whereRef('o.case_id', '=', 'c.id')).as('objected'),
        eb
          .exists(
            eb
              .selectFrom('agenda_items as a')
              .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
              .select('a.id')
              .whereRef('a.case_id', '=', 'c.id')
              .where('a.removed', '=', 0)
              .where('m.status', '<>', 'closed'),
          )
          .as('on_agenda'),
      ])
      .where('c.street_code', '=', street.code)
      .execute(),
    db
      .selectFrom('investigations as i')
      .innerJoin('cases as c', 'c.id', 'i.case_id')
      .select(['c.household_id', 'i.incomes_json', 'i.recorded_at'])
      .where('c.street_code', '=', street.code)
      .orderBy('i.recorded_at', 'desc')
      .execute(),
  ]);

  const membersOf = new Map<string, DueMember[]>();
  const headOf = new Map<string, string>();
  for (const m of members) {
    const list = membersOf.get(m.household_id) ?? [];
    list.push({ id: m.id, name: m.name, birthDate: m.birth_date, disability: m.disability, diedOn: m.died_on });
    membersOf.set(m.household_id, list);
    if (m.relation === 'self') headOf.set(m.household_id, m.name);
  }
  const lastReview = new Map<string, string>();
  const decidedOn = new Map<string, string[]>();
  const caseDecidedOn = new Map<string, string>();
  for (const d of decisions) {
    if (d.closedOn === null) continue;
    decidedOn.set(d.householdId, [...(decidedOn.get(d.householdId) ?? []), d.closedOn]);
    caseDecidedOn.set(d.caseId, d.closedOn);
    if (d.timing.state !== 'from' || d.timing.date > today || !reviewKinds.includes(d.kind)) continue;
    const prev = lastReview.get(d.householdId);
    if (!prev || d.timing.date > prev) lastReview.set(d.householdId, d.timing.date);
  }
  const businessIncome = new Map<string, boolean>();
  for (const i of investigations) {
    if (businessIncome.has(i.household_id)) continue; // newest first: only the last investigation counts
    const incomes = JSON.parse(i.incomes_json) as { source?: string; grossFen?: number }[];
    businessIncome.set(i.household_id, incomes.some((l) => l.source === 'business' && (l.grossFen ?? 0) > 0));
  }
  const appliedOn = new Map<string, string[]>();
  for (const c of cases) appliedOn.set(c.household_id, [...(appliedOn.get(c.household_id) ?? []), c.applied_on]);

  const onFileSince = cases.reduce<string | null>((min, c) => (min === null || c.applied_on < min ? c.applied_on : min), null);
  const facts = new Map<string, DueHousehold>();
  for (const h of households) {
    const a = assistance.get(h.id);
    if (!a) continue;
    const { communityCode: _c, ...now } = a;
    facts.set(h.id, {
      householdId: h.id,
      headName: headOf.get(h.id) ?? '',
      communityCode: h.community_code,
      communityName: h.community_name ?? h.community_code,
      assistance: now,
      lastReviewOn: lastReview.get(h.id) ?? null,
      onFileSince,
      businessIncome: businessIncome.get(h.id) ?? false,
      members: membersOf.get(h.id) ?? [],
      decidedOn: decidedOn.get(h.id) ?? [],
      appliedOn: appliedOn.get(h.id) ?? [],
    });
  }

  const items: DueItem[] = [];
  for (const h of facts.values()) items.push(...householdDue(h, settingsToday, today));
  const settingsOn = new Map<string, Awaited<ReturnType<typeof getSettings>>>();
  for (const c of cases) {
    const h = facts.get(c.household_id);
    if (!h) continue;
    const undecided = (undecidedStatuses as readonly string[]).includes(c.status);
    if (!undecided && !(c.kind === 'temporary' && c.status === 'approved')) continue;
    // The limit is the one in force on the day the case was taken in.
    let s = settingsOn.get(c.applied_on);
    if (!s) {
      s = await getSettings(db, { districtCode, on: c.applied_on });
      settingsOn.set(c.applied_on, s);
    }
    const dueCase: DueCase = {
      caseId: c.id,
      caseNo: c.case_no,
      householdId: c.household_id,
      kind: c.kind,
      category: c.category,
      status: c.status,
      appliedOn: c.applied_on,
      prepaidOn: c.prepaid_on,
      prepaidAmountFen: c.prepaid_amount_fen,
      objected: Boolean(c.objected),
      decidedOn: caseDecidedOn.get(c.id) ?? null,
      openedFor: c.opened_for,
      followedUpOn: c.followed_up_on,
    };
    // The follow-up counts from the decision, with the interval in force today.
    items.push(...caseDue(dueCase, h, undecided ? s : settingsToday, today));
  }

  // The case opened from each item: the newest with its `openedFor`.
  const opened = new Map<string, (typeof cases)[number]>();
  for (const c of cases) {
    if (!c.opened_for?.startsWith('due:')) continue;
    const key = c.opened_for.slice(4);
    const prev = opened.get(key);
    if (!prev || c.applied_on >= prev.applied_on) opened.set(key, c);
  }
  // A 复核 or 停保 already waiting for the household (opened by hand, or for another item) answers the item
  // too: a second case for the same household would only be refused or decided twice.
  const waiting = new Map<string, (typeof cases)[number]>();
  for (const c of cases) {
    if ((c.kind === 're_review' || c.kind === 'termination') && (undecidedStatuses as readonly string[]).includes(c.status)) waiting.set(c.household_id, c);
  }
  const entries: DueEntry[] = sortDue(items).map((item) => {
    const c = opened.get(item.key) ?? (item.suggestedKind ? waiting.get(item.householdId) : undefined);
    return {
      ...item,
      openCase: c ? { caseId: c.id, caseNo: c.case_no, onAgenda: Boolean(c.on_agenda), decided: !(undecidedStatuses as readonly string[]).includes(c.status) } : null,
    };
  });
  const years = [...new Set(entries.flatMap((e) => e.yearsWithoutData))].sort();
  return { streetCode: street.code, streetName: street.name, today, items: entries, yearsWithoutData: years };
}

