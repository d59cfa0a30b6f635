// Eighteen months of a district's work, month by month and street by street: households apply, are
// reviewed, change, phase out and leave; each month's cases go to that month's meeting, deferred ones
// to the next. The last month (the as-of month) has cases but no meeting yet: they are the agenda
// the demo's users will work on.
import { addDays, addMonths, lastDayOfMonth } from '../../../../shared/dates';
import type { CaseKind } from '../../../../shared/domain';
import { cstInstant, randomWorkday, type Window } from './calendar';
import { draftCase, expirePhaseOut, type DraftOptions } from './cases';
import { holdMeeting } from './meetings';
import { standardOf, type CaseRecord, type CaseRules, type Household, type Meeting, type Standards, type Street } from './model';
import type { Rng } from './rng';

/** Cases a street handles per household and month, so that 5,000 households make about 11,000 cases. */
const CASES_PER_HOUSEHOLD_MONTH = 0.1276;

// Applications come from the households planned to apply; everything else is drawn by these weights.
const RANDOM_KINDS: readonly (readonly [CaseKind, number])[] = [
  ['temporary', 48],
  ['re_review', 27],
  ['increase', 8],
  ['decrease', 8],
  ['termination', 3.5],
  ['phase_out', 2.5],
];

export type TimelineInput = {
  rng: Rng;
  window: Window;
  standards: Standards;
  streets: Street[];
  households: Household[];
  demoStreetCode: string;
  phaseOutMaxMonths: number;
  rules: CaseRules;
};

export type Timeline = { cases: CaseRecord[]; meetings: Meeting[] };

type Pick = { household: Household; kind: CaseKind; options: Omit<DraftOptions, 'latest'> };

class MonthPlanner {
  readonly picks: Pick[] = [];
  private readonly taken = new Set<Household>();

  constructor(
    private readonly rng: Rng,
    private readonly pool: readonly Household[],
    private readonly monthIndex: number,
    private readonly month: string,
    private readonly standards: Standards,
  ) {}

  free(h: Household): boolean {
    return !h.openCase && !this.taken.has(h) && this.settled(h);
  }

  /**
   * A household whose assistance changes during the month brings no new case in it: its latest decision
   * takes effect after the 1st (its notice runs into the month), or its phase-out runs out before the
   * month's last day. Every case it brings is then taken in on the state the desk derives for that day.
   */
  private settled(h: Household): boolean {
    const first = `${this.month}-01`;
    if (h.settlesOn !== null && h.settlesOn > first) return false;
    return h.phaseOutEndsOn === null || h.phaseOutEndsOn >= lastDayOfMonth(this.month);
  }

  take(household: Household, kind: CaseKind, options: Pick['options'] = {}): void {
    this.picks.push({ household, kind, options });
    this.taken.add(household);
  }

  /** Households applying later in the window are not known to the office yet. */
  private known(h: Household): boolean {
    return h.applyMonth === null || h.applyMonth < this.monthIndex;
  }

  eligible(kind: CaseKind, h: Household): boolean {
    if (!this.free(h) || !this.known(h)) return false;
    const active = h.status === 'active';
    const dibao = active && h.category === 'dibao';
    const standard = standardOf(this.standards, h.rural);
    switch (kind) {
      case 'temporary':
        // Recipients ask most often; former recipients and rejected applicants sometimes.
        return active || h.status === 'phasing_out' || this.rng.chance(0.3);
      case 're_review':
        return active && this.monthIndex - h.lastReviewMonth >= 10;
      case 'increase':
        return dibao && h.pciFen >= standard / 10;
      case 'decrease':
        return dibao && h.pciFen < (standard * 3) / 4;
      case 'phase_out':
        return dibao && (h.assistedSince ?? '9999') < `${addMonths(this.month, -6)}-01`;
      case 'termination':
        return active;
      case 'new_application':
        return false;
    }
  }

  find(kind: CaseKind, tries = 80): Household | null {
    if (this.pool.length === 0) return null;
    for (let i = 0; i < tries; i++) {
      const h = this.rng.pick(this.pool);
      if (this.eligible(kind, h)) return h;
    }
    return null;
  }

  fill(target: number): void {
    while (this.picks.length < target) {
      let kind = this.rng.weighted(RANDOM_KINDS);
      let h = this.find(kind);
      if (!h && kind !== 'temporary') {
        kind = 'temporary';
        h = this.find(kind);
      }
      if (!h) return;
      this.take(h, kind, kind === 'temporary' && this.rng.chance(0.2) ? { prepaid: true } : {});
    }
  }
}

export function runTimeline(input: TimelineInput): Timeline {
  const { rng, window, standards, streets } = input;
  const last = window.months.length - 1;
  const asOfDay = Number(window.asOf.slice(8, 10));
  const pools = new Map<string, Household[]>(streets.map((s) => [s.code, []]));
  for (const h of input.households) pools.get(h.street.code)?.push(h);

  const cases: CaseRecord[] = [];
  const meetings: Meeting[] = [];
  const carried = new Map<string, CaseRecord[]>();
  const issues = new Map<string, number>();

  window.months.forEach((month, m) => {
    for (const street of streets) {
      const pool = pools.get(street.code) ?? [];
      const meetingDate = m < last ? randomWorkday(rng, month, 21, 27) : null;
      const latest = meetingDate ? addDays(meetingDate, -1) : window.asOf;
      const deferredBefore = carried.get(street.code) ?? [];
      const planner = new MonthPlanner(rng, pool, m, month, standards);
      const isDemo = street.code === input.demoStreetCode && m === last;

      let target = m < last ? Math.round(pool.length * CASES_PER_HOUSEHOLD_MONTH * rng.real(0.85, 1.15)) : isDemo ? rng.int(18, 24) : rng.int(14, 28);
      const applicants = pool.filter((h) => h.applyMonth === m && planner.free(h));
      if (m === last) target = Math.max(target, Math.min(applicants.length + 3, 28));
      for (const h of applicants.slice(0, target)) planner.take(h, 'new_application');
      for (const h of pool) expirePhaseOut(h, `${month}-01`);
      for (const h of pool) {
        if (h.status !== 'phasing_out' || h.phaseOutMonth === null || !planner.free(h)) continue;
        const months = m - h.phaseOutMonth;
        // The month the decided period runs to is the month its end is put to the meeting, whatever else it has.
        if (months >= input.phaseOutMaxMonths || (months >= 3 && planner.picks.length < target && rng.chance(0.35))) planner.take(h, 'termination', { phaseOutEnd: true });
      }
      if (isDemo) forceDemoCases(planner, pool);
      planner.fill(target);
      if (isDemo && !planner.picks.some((p) => p.options.complaint) && !deferredBefore.some((c) => c.complaint === 1)) {
        const plain = planner.picks.filter((p) => !p.household.filing && !p.options.prepaid);
        const chosen = plain.length > 0 ? rng.pick(plain) : planner.picks[planner.picks.length - 1];
        if (chosen) chosen.options.complaint = true;
      }

      const maxDay = m === last ? Math.min(20, asOfDay) : 20;
      const drafted = planner.picks.map((p) => {
        const appliedOn = randomWorkday(rng, month, 1, maxDay);
        return draftCase(rng, p.household, p.kind, m, appliedOn, standards, input.rules, { ...p.options, latest });
      });
      numberCases(drafted, street, month, window.asOf);
      for (const c of drafted) {
        const h = c.household;
        h.openCase = true;
        h.lastCaseMonth = m;
        // As 受理 records an applying household: recognised as nothing until the decision takes effect.
        if (c.kind === 'new_application') {
          h.status = 'applicant';
          h.category = null;
        }
      }
      cases.push(...drafted);

      if (meetingDate) {
        const key = `${street.code}-${month.slice(0, 4)}`;
        const issueNo = (issues.get(key) ?? 0) + 1;
        issues.set(key, issueNo);
        const { meeting, deferred } = holdMeeting(rng, { street, month, monthIndex: m, date: meetingDate, issueNo, phaseOutMonths: input.phaseOutMaxMonths }, [...deferredBefore, ...drafted], new Set(deferredBefore));
        meetings.push(meeting);
        carried.set(street.code, deferred);
      }
    }
  });
  return { cases, meetings };
}

/**
 * The demo street's open agenda must show every flag a meeting handles: a 近亲属备案 household whose
 * relative sits on the roster, and a 小金额先行救助 paid before the review.
 */
function forceDemoCases(planner: MonthPlanner, pool: readonly Household[]): void {
  const filed = pool.filter((h) => h.filing && planner.free(h));
  const onRoster = filed.filter((h) => h.filing?.rosterMemberId);
  const relative = onRoster[0] ?? filed[0];
  if (relative) {
    const kinds: CaseKind[] = ['increase', 're_review', 'temporary', 'decrease'];
    const kind = kinds.find((k) => planner.eligible(k, relative)) ?? 'temporary';
    planner.take(relative, kind);
  }
  const prepaid = planner.find('temporary', 400) ?? pool.find((h) => planner.free(h) && h.applyMonth === null);
  if (prepaid) planner.take(prepaid, 'temporary', { prepaid: true });
}

/** Case numbers run per street and month in order of application: 430188001-202611-007. */
function numberCases(drafted: CaseRecord[], street: Street, month: string, asOf: string): void {
  const order = drafted.map((c, i) => [c, i] as const).sort((a, b) => (a[0].appliedOn < b[0].appliedOn ? -1 : a[0].appliedOn > b[0].appliedOn ? 1 : a[1] - b[1]));
  let day = '';
  let inDay = 0;
  order.forEach(([c], i) => {
    inDay = c.appliedOn === day ? inDay + 1 : 0;
    day = c.appliedOn;
    c.caseNo = `${street.code}-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`;
    // Cases of the as-of day were all registered before the morning's snapshot at 10:00.
    const minutes = c.appliedOn === asOf ? 8 * 60 + 30 + inDay * 2 : 8 * 60 + 40 + ((inDay * 13) % 500) + (i % 7);
    c.createdAt = cstInstant(c.appliedOn, 0, minutes);
  });
  drafted.sort((a, b) => (a.caseNo < b.caseNo ? -1 : 1));
}
