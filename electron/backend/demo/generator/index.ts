// Demo district generator: a fictional 麓山区 with seven street offices, about 5,000 assisted or
// applying households and 18 months of cases and monthly meetings, ending with an open agenda in the
// as-of month. Everything derives from the seed and the as-of day, so the same options always give
// the same database, row for row.
import { addDays, chinaDateOf } from '../../../../shared/dates';
import { addMonthsToDate } from '../../../../shared/due';
import { Settings, defaultSettings } from '../../../../shared/settings';
import type { DbHandle } from '../../db/open';
import { windowOf } from './calendar';
import { checkHousehold } from './household-rules';
import { buildInvestigation } from './investigations';
import type { CaseRecord } from './model';
import { noticeBatchesOf } from './notices';
import { outcomesOf } from './outcomes';
import { complaintOf, documentsOf } from './papers';
import { buildHouseholds, settleIncomes } from './people';
import { DISTRICT, buildStreets } from './regions';
import { buildFilings } from './relatives';
import { Rng } from './rng';
import { buildStaff } from './staff';
import { FOLLOW_UP_NOTES } from './texts';
import { runTimeline } from './timeline';
import { writeDistrict } from './write';

export type GenerateOptions = {
  seed?: number;
  households?: number;
  /** ISO date, default '2026-11-20'. */
  asOf?: string;
  dibaoStandardUrbanFen?: number;
  dibaoStandardRuralFen?: number;
};

export type GenerateSummary = {
  districtCode: string;
  streets: number;
  communities: number;
  households: number;
  members: number;
  cases: number;
  pendingCases: number;
  meetings: number;
  decisions: number;
  noticeBatches: number;
  users: number;
  sessionUserId: string;
  demoStreetCode: string;
};

export const DEMO_STREET_CODE = '430188001';
const DEFAULT_SEED = 20261120;
const DEFAULT_HOUSEHOLDS = 5000;
const DEFAULT_AS_OF = '2026-11-20';
/** Share of households not yet assisted when the window opens, who apply during it. */
const PROSPECTIVE_SHARE = 0.17;
/** Share of households with a 近亲属备案. */
const FILING_SHARE = 0.02;

function positiveInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`generateDistrict: ${name} must be an integer between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function regionCount(handle: DbHandle): number {
  return (handle.sqlite.prepare('SELECT count(*) AS n FROM regions').get() as { n: number }).n;
}

/**
 * Fills a freshly migrated database with the demo district. Refuses a database that already has
 * regions: generated people must never mix with real ones.
 */
export function generateDistrict(handle: DbHandle, options: GenerateOptions = {}): GenerateSummary {
  const seed = positiveInteger('seed', options.seed ?? DEFAULT_SEED, 0, 0xffffffff);
  const total = positiveInteger('households', options.households ?? DEFAULT_HOUSEHOLDS, 100, 200_000);
  const standards = {
    urbanFen: positiveInteger('dibaoStandardUrbanFen', options.dibaoStandardUrbanFen ?? defaultSettings.dibaoStandardUrbanFen, 100, 10_000_000),
    ruralFen: positiveInteger('dibaoStandardRuralFen', options.dibaoStandardRuralFen ?? defaultSettings.dibaoStandardRuralFen, 100, 10_000_000),
  };
  const window = windowOf(options.asOf ?? DEFAULT_AS_OF);
  if (regionCount(handle) > 0) {
    throw new Error('演示数据只能写入新建的空数据库：该数据库已有区划数据，为避免与真实数据混杂，已拒绝生成。');
  }

  const settings = Settings.parse({
    ...defaultSettings,
    dibaoStandardUrbanFen: standards.urbanFen,
    dibaoStandardRuralFen: standards.ruralFen,
  });
  const rules = { temporaryLimitMonths: settings.temporaryLimitMonths, prepaymentLimitFen: settings.prepaymentLimitFen, edgeIncomePercent: settings.edgeIncomePercent };

  const root = new Rng(seed);
  const streets = buildStreets(root.fork('regions'));
  const users = buildStaff(root.fork('staff'), streets);
  const households = buildHouseholds(root.fork('households'), streets, window, standards, { total, prospectiveShare: PROSPECTIVE_SHARE, edgeIncomePercent: settings.edgeIncomePercent });
  const filings = buildFilings(root.fork('filings'), streets, households, FILING_SHARE, DEMO_STREET_CODE);
  const { cases, meetings } = runTimeline({
    rng: root.fork('timeline'),
    window,
    standards,
    streets,
    households,
    demoStreetCode: DEMO_STREET_CODE,
    phaseOutMaxMonths: settings.phaseOutMaxMonths,
    rules,
  });

  const noticeRng = root.fork('notices');
  const noticeBatches = meetings.flatMap((m) => noticeBatchesOf(noticeRng, m, chinaDateOf(m.scheduledAt), window.asOf, defaultSettings.noticeDays));

  // Member incomes are written as last verified, so they agree with each household's amount.
  const incomes = root.fork('incomes');
  for (const h of households) settleIncomes(incomes, h);
  // Every household as written would pass 受理's checks of a new household.
  for (const h of households) checkHousehold(h, window.asOf);

  // A filing is made before the household's first case reaches a meeting, on that case.
  const firstCase = new Map<string, CaseRecord>();
  for (const c of cases) {
    const known = firstCase.get(c.household.id);
    if (known === undefined || c.appliedOn < known.appliedOn) firstCase.set(c.household.id, c);
  }
  const filingDates = root.fork('filing-dates');
  const windowStart = `${window.months[0] ?? window.currentMonth}-01`;
  for (const f of filings) {
    const first = firstCase.get(f.householdId);
    f.filedOn = first ? addDays(first.appliedOn, -filingDates.int(0, 20)) : addDays(windowStart, -filingDates.int(30, 400));
    f.caseId = first?.id ?? null;
  }

  // Each case's investigation, documents and complaint, each from its own stream, after the meetings decided it.
  const outcomes = outcomesOf(meetings);
  const setting = { standards, rules, asOf: window.asOf, stamp: window.stamp, outcomes };
  const investigationRng = root.fork('investigations');
  const investigations = cases.map((c) => buildInvestigation(investigationRng, c, setting));
  const documentRng = root.fork('documents');
  const documents = investigations.flatMap((i) => documentsOf(documentRng, i.caseRecord, i));
  // The street's 临时救助回访 of every approved payment whose visit fell due a week or more before the as-of day.
  const followUpRng = root.fork('follow-ups');
  for (const c of cases) {
    const o = outcomes.get(c);
    if (c.kind !== 'temporary' || o?.outcome !== 'approve' || o.finalDay === null) continue;
    const due = addMonthsToDate(o.finalDay, settings.temporaryFollowUpMonths);
    if (due > addDays(window.asOf, -7)) continue;
    const visited = addDays(due, followUpRng.int(-7, 6));
    c.followedUpOn = visited > window.asOf ? window.asOf : visited;
    c.followUpNote = followUpRng.pick(FOLLOW_UP_NOTES);
  }
  const complaintRng = root.fork('complaints');
  const complaints = cases.filter((c) => c.complaint === 1).map((c) => complaintOf(complaintRng, c, outcomes.get(c), window.asOf));

  const demoStreet = streets.find((s) => s.code === DEMO_STREET_CODE);
  const sessionUser = demoStreet?.staff[0];
  if (!demoStreet || !sessionUser) throw new Error(`demo street ${DEMO_STREET_CODE} has no staff`);
  handle.sqlite.transaction(() => {
    // Checked again inside the transaction: another writer may have filled the file meanwhile.
    if (regionCount(handle) > 0) throw new Error('演示数据只能写入新建的空数据库：该数据库已有区划数据。');
    writeDistrict(handle.sqlite, { window, streets, users, households, filings, cases, investigations, documents, complaints, meetings, noticeBatches, settings, sessionUserId: sessionUser.id });
  })();

  return {
    districtCode: DISTRICT.code,
    streets: streets.length,
    communities: streets.reduce((n, s) => n + s.communities.length, 0),
    households: households.length,
    members: households.reduce((n, h) => n + h.members.length, 0),
    cases: cases.length,
    pendingCases: cases.filter((c) => c.status === 'pending' || c.status === 'deferred').length,
    meetings: meetings.length,
    decisions: meetings.reduce((n, m) => n + m.agenda.length, 0),
    noticeBatches: noticeBatches.length,
    users: users.length,
    sessionUserId: sessionUser.id,
    demoStreetCode: DEMO_STREET_CODE,
  };
}
