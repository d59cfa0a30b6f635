// The statistics figures (issue 19) against independent counts: every counted figure of statistics.view
// equals a hand-written SQL count over the same tables, and the paid households and amounts equal the
// roster (花名册) of the same month, which the finance office pays from. On the generated district and on
// a small world where one street holds its November meeting, posts a notice that draws an objection,
// and the other street holds none.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StatisticsView, StreetFigures } from '../../shared/statistics';
import { findingKinds } from '../../shared/statistics';
import { addMonths, lastDayOfMonth } from '../../shared/dates';
import { fixedClock } from '../../electron/backend/clock';
import type { BackendContext } from '../../electron/backend/context';
import { runReport } from '../../electron/backend/cli/commands/report';
import { api } from '../helpers/api';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { freshDatabase } from '../helpers/db';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { testContext } from '../helpers/minimal';
import type Database from 'better-sqlite3';

const district = districtTemplate();
afterAll(() => district.dispose());
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

const at = (ctx: BackendContext, day: string) => api({ ...ctx, clock: fixedClock(`${day}T10:00:00+08:00`) });
const one = (db: Database.Database, sql: string, ...p: unknown[]) => Number((db.prepare(sql).get(...p) as { n: number | null }).n ?? 0);

/** The period's months and days, written out here rather than taken from the module under test. */
function spanOf(months: string[], asOf: string) {
  return { months, from: `${months[0]}-01`, to: asOf };
}

/** Every counted figure of one street, counted in plain SQL. */
function sqlFigures(db: Database.Database, street: string, months: string[], asOf: string) {
  const { from, to } = spanOf(months, asOf);
  const inMonths = `(${months.map((m) => `'${m}'`).join(',')})`;
  const decisions = (outcome: string) =>
    one(db, `SELECT count(*) AS n FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE m.status = 'closed' AND m.street_code = ? AND m.month IN ${inMonths} AND d.outcome = ?`, street, outcome);
  const heldIn = (month: string) => one(db, "SELECT count(*) AS n FROM meetings WHERE status = 'closed' AND street_code = ? AND month = ?", street, month);
  return {
    meetingsHeld: one(db, `SELECT count(*) AS n FROM meetings WHERE status = 'closed' AND street_code = ? AND month IN ${inMonths}`, street),
    monthsWithoutMeeting: months.filter((m) => heldIn(m) === 0),
    decisions: { approve: decisions('approve'), reject: decisions('reject'), defer: decisions('defer') },
    noticesPosted: one(db, "SELECT count(*) AS n FROM notice_batches WHERE status IN ('posted', 'ended') AND street_code = ? AND start_date BETWEEN ? AND ?", street, from, to),
    objections: one(db, 'SELECT count(*) AS n FROM objections o JOIN notice_batches b ON b.id = o.batch_id WHERE b.street_code = ? AND o.received_at BETWEEN ? AND ?', street, from, to),
    findings: Object.fromEntries(
      findingKinds.map((f) => [f, one(db, 'SELECT count(*) AS n FROM spot_check_findings f JOIN spot_check_items i ON i.id = f.item_id WHERE i.street_code = ? AND f.finding = ? AND f.inspected_on BETWEEN ? AND ?', street, f, from, to)]),
    ),
    correctionsOrdered: one(db, 'SELECT count(*) AS n FROM corrections WHERE street_code = ? AND ordered_on BETWEEN ? AND ?', street, from, to),
    correctionsOpen: one(db, 'SELECT count(*) AS n FROM corrections WHERE street_code = ? AND ordered_on <= ? AND (closed_on IS NULL OR closed_on > ?)', street, to, to),
    correctionsOverdue: one(db, 'SELECT count(*) AS n FROM corrections WHERE street_code = ? AND ordered_on <= ? AND (closed_on IS NULL OR closed_on > ?) AND deadline < ?', street, to, to, to),
    correctionsDone: one(db, 'SELECT count(*) AS n FROM corrections WHERE street_code = ? AND closed_on BETWEEN ? AND ?', street, from, to),
  };
}

const counted = (f: StreetFigures) => ({
  meetingsHeld: f.meetingsHeld,
  monthsWithoutMeeting: f.monthsWithoutMeeting,
  decisions: f.decisions,
  noticesPosted: f.noticesPosted,
  objections: f.objections,
  findings: f.findings,
  correctionsOrdered: f.correctionsOrdered,
  correctionsOpen: f.correctionsOpen,
  correctionsOverdue: f.correctionsOverdue,
  correctionsDone: f.correctionsDone,
});

/** The paid figures of a street or the district against the roster of the month. */
async function expectRosterAgrees(a: ReturnType<typeof api>, scope: string, month: string, f: StreetFigures) {
  const roster = await a.call('roster.view', { month, scope });
  expect({ households: f.householdsPaid, persons: f.personsPaid, totalFen: f.totalFen }, `${scope} ${month}`).toEqual({
    households: roster.summary.households,
    persons: roster.summary.persons,
    totalFen: roster.summary.totalFen,
  });
  expect(f.byCategory).toEqual(roster.summary.byCategory);
}

describe('statistics on the generated district', () => {
  /** The district with a spot check of October: findings on several days, corrections overdue, open and done. */
  async function inspected(): Promise<DistrictWorld> {
    const w = await district.world();
    cleanups.push(() => w.cleanup());
    await w.signIn('bureau-chief');
    const a = api(w.ctx);
    const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001', '430188002'] };
    const frame = await a.call('spotchecks.frame', { query, rate: 30 });
    const draw = await a.call('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '31415926535897932384' } });
    const d = await a.call('spotchecks.autoAssign', { drawId: draw.id });
    const kinds = ['compliant', 'wrongly_included', 'wrong_amount', 'compliant', 'procedure', 'favouritism', 'compliant'] as const;
    const items = [...d.items.filter((i) => i.streetCode === '430188001').slice(0, 4), ...d.items.filter((i) => i.streetCode === '430188002').slice(0, 3)];
    let detail = d;
    for (const [k, item] of items.entries()) {
      const day = k < 5 ? '2026-11-24' : '2026-12-01'; // two found in December: not November's
      detail = await at(w.ctx, day).call('spotchecks.recordFinding', { itemId: item.id, method: 'home_visit', inspectedOn: day, finding: kinds[k]!, notes: kinds[k] === 'compliant' ? '' : '入户核查发现问题' });
    }
    const problems = items.map((i) => detail.items.find((x) => x.id === i.id)!.finding!).filter((f) => f.finding !== 'compliant' && f.inspectedOn === '2026-11-24');
    // Ordered on the 25th: one due on the 28th (overdue at the month's end), one due in December, one done on the 29th.
    const [overdue, running, done] = problems;
    await at(w.ctx, '2026-11-25').call('spotchecks.orderCorrection', { findingId: overdue!.id, requirement: '重新认定', orderedOn: '2026-11-25', deadline: '2026-11-28' });
    await at(w.ctx, '2026-11-25').call('spotchecks.orderCorrection', { findingId: running!.id, requirement: '核减金额', orderedOn: '2026-11-25', deadline: '2026-12-25' });
    const ordered = await at(w.ctx, '2026-11-25').call('spotchecks.orderCorrection', { findingId: done!.id, requirement: '补正程序', orderedOn: '2026-11-25', deadline: '2026-12-25' });
    const correction = ordered.items.find((i) => i.finding?.id === done!.id)!.finding!.correction!;
    await at(w.ctx, '2026-11-29').call('spotchecks.closeCorrection', { correctionId: correction.id, result: '已补正', closedOn: '2026-11-29' });
    return w;
  }

  // Four periods of seven streets, each checked against a dozen SQL counts, and a spot check set up first: slow on a busy machine.
  it('counts every figure of every street of the district as plain SQL does, for a month, a half-year and a year', { timeout: 240_000 }, async () => {
    const w = await inspected();
    const a = at(w.ctx, '2026-12-02');
    const db = w.handle.sqlite;
    const cases: { month: string; period: 'month' | 'half' | 'year'; months: string[]; asOf: string }[] = [
      { month: '2026-11', period: 'month', months: ['2026-11'], asOf: '2026-11-30' },
      { month: '2026-10', period: 'month', months: ['2026-10'], asOf: '2026-10-31' },
      { month: '2026-08', period: 'half', months: ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'], asOf: '2026-12-02' },
      { month: '2026-03', period: 'year', months: Array.from({ length: 12 }, (_, i) => addMonths('2026-01', i)), asOf: '2026-12-02' },
    ];
    for (const c of cases) {
      const view: StatisticsView = await a.call('statistics.view', { scope: '430188', month: c.month, period: c.period });
      expect(view.asOf).toBe(c.asOf);
      expect(view.months).toEqual(c.months);
      expect(view.streets.map((s) => s.code)).toEqual(db.prepare("SELECT code FROM regions WHERE level = 'street' AND parent_code = '430188' ORDER BY code").pluck().all());
      for (const s of view.streets) expect(counted(s), `${s.code} ${c.period} ${c.month}`).toEqual(sqlFigures(db, s.code, c.months, c.asOf));
      // The district's line is the sum of its streets.
      expect(view.total.decisions.approve).toBe(view.streets.reduce((n, s) => n + s.decisions.approve, 0));
      expect(view.total.correctionsOverdue).toBe(view.streets.reduce((n, s) => n + s.correctionsOverdue, 0));
    }
    // `cli report --json` prints the same figures, so they too equal the SQL counts.
    const lines: string[] = [];
    expect(await runReport(['--db', w.handle.file, '--month', '2026-11', '--json'], (l) => lines.push(l), fixedClock('2026-12-02T10:00:00+08:00'))).toBe(0);
    const printed = JSON.parse(lines.join('')) as { streets: StreetFigures[] };
    expect(printed.streets).toHaveLength(7);
    for (const s of printed.streets) expect(counted(s), `cli ${s.code}`).toEqual(sqlFigures(db, s.code, ['2026-11'], '2026-11-30'));
    // The figures the test set up are there (so the comparison above compared something).
    const nov = await a.call('statistics.view', { scope: '430188', month: '2026-11' });
    expect(nov.total.findings).toMatchObject({ compliant: 2, wrongly_included: 1, wrong_amount: 1, procedure: 1, favouritism: 0 });
    expect(nov.total).toMatchObject({ correctionsOrdered: 3, correctionsOpen: 2, correctionsOverdue: 1, correctionsDone: 1 });
    const dec = await a.call('statistics.view', { scope: '430188', month: '2026-12' });
    expect(dec.total.findings).toMatchObject({ compliant: 1, favouritism: 1 });
    expect(dec.asOf).toBe('2026-12-02');
    // October: every street held its meeting and took decisions; November: no street has closed one yet.
    const oct = await a.call('statistics.view', { scope: '430188', month: '2026-10' });
    expect(oct.streets.every((s) => s.meetingsHeld === 1 && s.monthsWithoutMeeting.length === 0)).toBe(true);
    expect(oct.total.decisions.approve).toBeGreaterThan(50);
    expect(nov.streets.every((s) => s.monthsWithoutMeeting.join() === '2026-11')).toBe(true);
    expect(nov.total.monthsWithoutMeeting).toEqual(['2026-11']);
  });

  it('pays the households and amounts of the roster of the same month, street by street and for the district', async () => {
    const w = await district.world();
    cleanups.push(() => w.cleanup());
    await w.signIn('bureau-chief');
    const a = at(w.ctx, '2026-12-02');
    for (const month of ['2026-11', '2026-07']) {
      const view = await a.call('statistics.view', { scope: '430188', month });
      expect(view.total.householdsPaid).toBeGreaterThan(1000);
      await expectRosterAgrees(a, '430188', month, view.total);
      for (const s of view.streets.slice(0, 3)) await expectRosterAgrees(a, s.code, month, s);
      // The trend's last month is the month itself, and its totals are the month's.
      expect(view.trend.months.at(-1)).toBe(month);
      expect(view.trend.households.at(-1)).toBe(view.total.householdsPaid);
      expect(view.trend.totalFen.at(-1)).toBe(view.total.totalFen);
    }
    // A half-year pays what its months' rosters pay, added up.
    const half = await a.call('statistics.view', { scope: '430188001', month: '2026-03', period: 'half' });
    let sum = 0;
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']) sum += (await a.call('roster.view', { month, scope: '430188001' })).summary.totalFen;
    expect(half.total.periodPaidFen).toBe(sum);
    await expectRosterAgrees(a, '430188001', '2026-06', half.total);
    expect(half.trend.months).toEqual(Array.from({ length: 12 }, (_, i) => addMonths('2025-07', i)));
  });

  it('shows a street only its own figures, and no period that has not begun', async () => {
    const w = await district.world();
    cleanups.push(() => w.cleanup());
    const streetUser = w.handle.sqlite.prepare("SELECT username FROM users WHERE role = 'street_staff' AND region_code = '430188001' ORDER BY username").pluck().get() as string;
    await w.signIn(streetUser);
    const a = at(w.ctx, '2026-11-20');
    const own = await a.call('statistics.view', { scope: '430188001', month: '2026-10' });
    expect(own.scopeLevel).toBe('street');
    expect(own.streets.map((s) => s.code)).toEqual(['430188001']);
    expect(own.findingsFrom).toBe('corrections');
    expect(own.asOf).toBe(lastDayOfMonth('2026-10'));
    await a.refused('statistics.view', { scope: '430188002', month: '2026-10' }, 'forbidden', /不在您的管辖范围内/);
    await a.refused('statistics.view', { scope: '430188', month: '2026-10' }, 'forbidden', /不在您的管辖范围内/);
    await a.refused('statistics.view', { scope: '430188001', month: '2026-12' }, 'validation', /2026年12月还没有开始/);
    await a.refused('statistics.view', { scope: '430188001', month: '2026-13' }, 'invalid-args');
    await a.refused('statistics.view', { scope: '4301880', month: '2026-10' }, 'invalid-args', /街道（9 位）或区（6 位）/);
    // A half-year that has begun counts its begun months only.
    const half = await a.call('statistics.view', { scope: '430188001', month: '2026-12', period: 'half' });
    expect(half.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(half.asOf).toBe('2026-11-20');
  });
});

describe('statistics of a month where one street met and the other did not', () => {
  it('flags the street without a closed meeting and counts the meeting, its decisions, its notice and the objection', async () => {
    const t = await freshDatabase();
    cleanups.push(t.cleanup);
    const world = seedMeetingWorld(t.handle, 6);
    const ctx = testContext(t.handle, t.dir);
    const a = api(ctx);
    let m = await a.call('meetings.create', { month: '2026-11', venue: '会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
    await a.call('meetings.markAllPresent', { meetingId: m.id });
    m = await a.call('meetings.open', { meetingId: m.id });
    const taken = { approve: 0, reject: 0, defer: 0 };
    for (const [k, item] of m.items.entries()) {
      const outcome = k === 0 ? 'reject' : k === 1 ? 'defer' : 'approve';
      taken[outcome]++;
      const amountYuan = outcome === 'approve' && item.case.amountRule === 'required' ? String((item.case.proposedAmountFen ?? 0) / 100) : null;
      m = await a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome, amountYuan, votesFor: 5, votesAgainst: 0, votesAbstain: 0, ...(outcome === 'approve' ? {} : { reason: '需进一步核实家庭收入' }) });
    }
    const closed = await a.call('meetings.close', { meetingId: m.id });
    const batches = await a.call('notices.createFromMeeting', { meetingId: closed.meeting.id, startDate: '2026-11-23' });
    const day = at(ctx, '2026-11-25');
    await day.call('notices.post', { batchId: batches[0]!.id });
    const detail = await day.call('notices.get', { batchId: batches[0]!.id });
    await day.call('notices.recordObjection', { batchId: detail.id, caseId: detail.items[0]!.caseId, receivedOn: '2026-11-25', objector: '匿名', channel: 'hotline_12349', content: '反映该户有经营性收入' });

    signInAs(t.handle, 'u-bureau');
    const view = await at(ctx, '2026-12-03').call('statistics.view', { scope: '430188', month: '2026-11' });
    const [wangjiang, yuelu] = view.streets;
    expect(wangjiang).toMatchObject({ code: '430188001', meetingsHeld: 1, monthsWithoutMeeting: [], noticesPosted: 1, objections: 1 });
    expect(taken.approve).toBeGreaterThan(1);
    expect(wangjiang!.decisions).toEqual(taken);
    expect(yuelu).toMatchObject({ code: '430188002', meetingsHeld: 0, monthsWithoutMeeting: ['2026-11'] });
    expect(view.total.monthsWithoutMeeting).toEqual(['2026-11']);
    for (const s of view.streets) expect(counted(s)).toEqual(sqlFigures(t.handle.sqlite, s.code, ['2026-11'], '2026-11-30'));
    expect(view.meetingsByMonth.streets.map((s) => [s.code, s.held.at(-1)])).toEqual([
      ['430188001', 1],
      ['430188002', 0],
    ]);
    expect(world.cases.length).toBe(6);
  });
});
