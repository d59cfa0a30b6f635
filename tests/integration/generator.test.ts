// The demo district generator against a real migrated SQLite file: sizes, codes, IDs, amounts,
// meetings that obey the rules the app enforces, and byte-identical output for a seed.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict, type GenerateSummary } from '../../electron/backend/demo/generator';
import { assistanceOnDay, inEffectByHousehold, isAssisted, openings, timedDecisions } from '../../electron/backend/cases/assistance';
import { dueMeetings } from '../../electron/backend/notices/notice-batches';
import { assistanceOn } from '../../shared/decision-effects';
import { addDays } from '../../shared/dates';
import { addMonthsToDate } from '../../shared/due';
import { checkCitizenId } from '../../shared/citizen-id';
import { parseDivisionCode } from '../../shared/division-code';
import { caseCategoryLabels, caseKindLabels } from '../../shared/glossary';
import { Settings, defaultSettings } from '../../shared/settings';
import { migrations } from '../../migrations';
import { freshDatabase } from '../helpers/db';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;
type Params = (string | number | null)[];

const AS_OF = '2026-11-20';
const CURRENT_MONTH = '2026-11';
const DEMO_STREET = '430188001';
const DISTRICT = '430188';

let main: Fresh;
let summary: GenerateSummary;
let elapsedMs = 0;

function rows<T>(fresh: Fresh, sql: string, ...params: Params): T[] {
  return fresh.handle.sqlite.prepare(sql).all(...params) as T[];
}
const q = <T>(sql: string, ...params: Params): T[] => rows<T>(main, sql, ...params);
const count = (sql: string, ...params: Params): number => (main.handle.sqlite.prepare(sql).get(...params) as { n: number }).n;

/** SHA-256 of every row of every table, in rowid order, so insertion order counts too. */
function dump(fresh: Fresh): Record<string, string> {
  const tables = rows<{ name: string }>(fresh, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const data = fresh.handle.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
    out[name] = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  }
  return out;
}

function dibaoAmount(standard: number, perCapita: number, size: number): number {
  return Math.round((Math.max(standard - perCapita, Math.ceil(standard / 10)) * size) / 100) * 100;
}

beforeAll(async () => {
  main = await freshDatabase('demo.sqlite');
  const started = performance.now();
  summary = generateDistrict(main.handle);
  elapsedMs = performance.now() - started;
});

afterAll(async () => {
  await main.cleanup();
});

describe('generateDistrict: default district', () => {
  // How fast it generates is a benchmark's figure (npm run bench), not a test's: a loaded machine is not a wrong one.
  it('reports what it wrote', () => {
    expect(elapsedMs).toBeGreaterThan(0);
    expect(summary.districtCode).toBe('430188');
    expect(summary.demoStreetCode).toBe(DEMO_STREET);
    expect(summary.streets).toBe(count("SELECT count(*) AS n FROM regions WHERE level = 'street'"));
    expect(summary.communities).toBe(count("SELECT count(*) AS n FROM regions WHERE level = 'community'"));
    expect(summary.households).toBe(count('SELECT count(*) AS n FROM households'));
    expect(summary.members).toBe(count('SELECT count(*) AS n FROM members'));
    expect(summary.cases).toBe(count('SELECT count(*) AS n FROM cases'));
    expect(summary.pendingCases).toBe(count("SELECT count(*) AS n FROM cases WHERE status IN ('pending', 'deferred')"));
    expect(summary.meetings).toBe(count('SELECT count(*) AS n FROM meetings'));
    expect(summary.decisions).toBe(count('SELECT count(*) AS n FROM decisions'));
    expect(summary.users).toBe(count('SELECT count(*) AS n FROM users'));
  });

  it('has the expected sizes', () => {
    expect(summary.streets).toBeGreaterThanOrEqual(6);
    const perStreet = q<{ n: number }>("SELECT count(*) AS n FROM regions WHERE level = 'community' GROUP BY parent_code");
    expect(perStreet).toHaveLength(summary.streets);
    for (const { n } of perStreet) {
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(12);
    }
    expect(summary.households).toBe(5000);
    expect(summary.members).toBeGreaterThanOrEqual(11_000);
    expect(summary.members).toBeLessThanOrEqual(13_500);
    expect(summary.cases).toBeGreaterThanOrEqual(10_000);
    expect(summary.cases).toBeLessThanOrEqual(12_000);
    expect(summary.meetings).toBe(summary.streets * 17);
  });

  it('uses valid division codes at every level, 居委会 001–199 and villages 200–399', () => {
    const regions = q<{ code: string; name: string; level: string; parent_code: string | null }>('SELECT code, name, level, parent_code FROM regions');
    for (const r of regions) {
      const parsed = parseDivisionCode(r.code);
      expect(parsed.ok, r.code).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.level).toBe(r.level);
      if (parsed.value.level === 'street') expect(r.name.endsWith('镇') ? 'town' : 'subdistrict').toBe(parsed.value.townshipKind);
      if (parsed.value.level === 'community') {
        const village = Number(r.code.slice(9));
        if (r.name.endsWith('村')) {
          expect(parsed.value.committeeKind).toBe('villagers');
          expect(village).toBeGreaterThanOrEqual(200);
          expect(village).toBeLessThanOrEqual(399);
        } else {
          expect(r.name.endsWith('社区')).toBe(true);
          expect(parsed.value.committeeKind).toBe('residents');
          expect(village).toBeLessThanOrEqual(199);
        }
      }
    }
    const rural = q<{ area_type: string; code: string }>('SELECT area_type, community_code AS code FROM households');
    for (const h of rural) expect(h.area_type).toBe(Number(h.code.slice(9)) >= 200 ? 'rural' : 'urban');
  });

  it('gives everyone a valid, unique citizen ID that agrees with gender and birth date', () => {
    const members = q<{ citizen_id: string; gender: string; birth_date: string }>('SELECT citizen_id, gender, birth_date FROM members');
    expect(new Set(members.map((m) => m.citizen_id)).size).toBe(members.length);
    for (const m of members) {
      const check = checkCitizenId(m.citizen_id, AS_OF);
      expect(check.ok, m.citizen_id).toBe(true);
      if (!check.ok) continue;
      expect(check.gender).toBe(m.gender);
      expect(check.birthDate).toBe(m.birth_date);
    }
  });

  it('has exactly one head per household and relatives whose ages and sexes fit', () => {
    expect(count("SELECT count(*) AS n FROM households h WHERE (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.relation = 'self') <> 1")).toBe(0);
    const pairs = q<{ relation: string; gender: string; head_gender: string; birth: string; head_birth: string }>(
      `SELECT m.relation, m.gender, hd.gender AS head_gender, m.birth_date AS birth, hd.birth_date AS head_birth
       FROM members m JOIN members hd ON hd.household_id = m.household_id AND hd.relation = 'self' WHERE m.relation <> 'self'`,
    );
    for (const p of pairs) {
      const gap = Number(p.birth.slice(0, 4)) - Number(p.head_birth.slice(0, 4));
      if (p.relation === 'spouse') expect(p.gender).not.toBe(p.head_gender);
      if (p.relation === 'child') expect(gap).toBeGreaterThanOrEqual(17);
      if (p.relation === 'parent') expect(gap).toBeLessThanOrEqual(-17);
      if (p.relation === 'grandchild') expect(gap).toBeGreaterThanOrEqual(35);
    }
    // Brothers and sisters less than a year apart can only be twins.
    expect(
      count(`SELECT count(*) AS n FROM members a JOIN members b ON a.household_id = b.household_id AND a.id < b.id AND a.relation = b.relation
             WHERE a.relation IN ('child', 'grandchild') AND abs(julianday(a.birth_date) - julianday(b.birth_date)) BETWEEN 1 AND 364`),
    ).toBe(0);
    const sizes = q<{ size: number; n: number }>('SELECT size, count(*) AS n FROM (SELECT count(*) AS size FROM members GROUP BY household_id) GROUP BY size');
    const single = sizes.find((s) => s.size === 1)?.n ?? 0;
    expect(single / summary.households).toBeGreaterThan(0.28);
    expect(single / summary.households).toBeLessThan(0.42);
    expect(Math.max(...sizes.map((s) => s.size))).toBeLessThanOrEqual(6);
  });

  it('keeps amounts in whole yuan and consistent with the local standard', async () => {
    for (const table of ['households.monthly_amount_fen', 'members.monthly_income_fen', 'cases.proposed_amount_fen', 'cases.current_amount_fen', 'cases.prepaid_amount_fen', 'decisions.amount_fen']) {
      const [t, c] = table.split('.') as [string, string];
      expect(count(`SELECT count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL AND ${c} % 100 <> 0`), table).toBe(0);
    }
    // The rows hold each household's opening state; what it is paid follows from the decisions in effect.
    // Once every notice of the window has ended, that is the amount its verified incomes give.
    const settled = await assistanceOnDay(main.handle.db, { region: DISTRICT }, addDays(AS_OF, 20));
    const households = q<{ id: string; area_type: string; size: number; income: number }>(
      'SELECT h.id, h.area_type, count(m.id) AS size, sum(m.monthly_income_fen) AS income FROM households h JOIN members m ON m.household_id = h.id GROUP BY h.id',
    );
    let checked = 0;
    for (const row of households) {
      const h = { ...row, ...settled.get(row.id)! };
      const standard = h.area_type === 'rural' ? defaultSettings.dibaoStandardRuralFen : defaultSettings.dibaoStandardUrbanFen;
      if (h.status === 'terminated' || h.status === 'applicant' || h.status === 'none') expect(h.monthlyAmountFen).toBe(0);
      else if (h.category === 'dibao' && h.status === 'active') {
        expect(h.monthlyAmountFen).toBe(dibaoAmount(standard, Math.floor(h.income / h.size), h.size));
        checked++;
      } else if (h.category === 'tekun') expect(h.monthlyAmountFen).toBe(Math.round((standard * 1.3) / 100) * 100 * h.size);
      else if (h.category !== 'dibao') expect(h.monthlyAmountFen).toBe(0);
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('writes each household as it stood before the window and takes in every case on the assistance of its day', async () => {
    const scope = { region: DISTRICT };
    const [houses, decisions] = await Promise.all([openings(main.handle.db, scope), timedDecisions(main.handle.db, scope)]);
    const opening = new Map(houses.map((h) => [h.id, h.opening]));
    const inEffect = inEffectByHousehold(decisions);
    // An opening state from inside the window would be a decision written twice: no row is recognised since then.
    const windowStart = q<{ d: string }>('SELECT min(applied_on) AS d FROM cases')[0]!.d;
    expect(count("SELECT count(*) AS n FROM households WHERE assisted_since >= ?", windowStart)).toBe(0);
    // The same households were paid differently over the window: the history is in the decisions, not the rows.
    const changed = houses.filter((h) => assistanceOn(h.opening, inEffect.get(h.id) ?? [], AS_OF).monthlyAmountFen !== h.opening.monthlyAmountFen);
    expect(changed.length).toBeGreaterThan(500);

    // 受理 records the amount the household is paid on the application day (the desk's fold), and only
    // a household in assistance can bring a change; the generator must have drafted each case the same way.
    const cases = q<{ case_no: string; household_id: string; kind: string; applied_on: string; current: number | null }>(
      'SELECT case_no, household_id, kind, applied_on, current_amount_fen AS current FROM cases',
    );
    for (const c of cases) {
      const on = assistanceOn(opening.get(c.household_id)!, inEffect.get(c.household_id) ?? [], c.applied_on);
      expect(c.current, c.case_no).toBe(isAssisted(on) ? on.monthlyAmountFen : null);
      if (c.kind === 'new_application') expect(isAssisted(on), c.case_no).toBe(false);
      else if (c.kind !== 'temporary') expect(isAssisted(on), c.case_no).toBe(true);
    }

    // Every approved phase-out carries the length the settings allow, and no phase-out outlives it.
    const phaseOuts = q<{ months: number | null }>("SELECT d.phase_out_months AS months FROM decisions d JOIN cases c ON c.id = d.case_id WHERE c.kind = 'phase_out' AND d.outcome = 'approve'");
    expect(phaseOuts.length).toBeGreaterThan(20);
    for (const p of phaseOuts) expect(p.months).toBe(defaultSettings.phaseOutMaxMonths);
    const phasing = [...(await assistanceOnDay(main.handle.db, scope, AS_OF)).values()].filter((h) => h.status === 'phasing_out');
    expect(phasing.length).toBeGreaterThan(0);
    for (const h of phasing) expect(h.phaseOutEndsOn! >= AS_OF).toBe(true);
  });

  it('writes rows that migration 0009 (which rebuilds opening states from the decided cases) leaves as they are', async () => {
    const before = dump(main).households;
    await main.handle.db.transaction().execute((trx) => migrations[8]!.up(trx as never));
    expect(dump(main).households).toBe(before);
  });

  it('records the 回访 of every approved 临时救助 whose visit fell due a week before the as-of day, and of no other', () => {
    const temporary = q<{ case_no: string; status: string; closed: string; visited: string | null; note: string }>(
      `SELECT c.case_no, c.status, substr(m.scheduled_at, 1, 10) AS closed, c.followed_up_on AS visited, c.follow_up_note AS note
       FROM cases c LEFT JOIN decisions d ON d.case_id = c.id AND d.outcome <> 'defer' LEFT JOIN meetings m ON m.id = d.meeting_id WHERE c.kind = 'temporary'`,
    );
    let visited = 0;
    for (const t of temporary) {
      const due = t.status === 'approved' ? addMonthsToDate(t.closed, defaultSettings.temporaryFollowUpMonths) : null;
      if (due === null || due > addDays(AS_OF, -7)) {
        expect(t.visited, t.case_no).toBeNull();
        continue;
      }
      expect(t.visited! >= addDays(due, -7) && t.visited! <= AS_OF && t.visited! > t.closed, t.case_no).toBe(true);
      expect(t.note.length, t.case_no).toBeGreaterThan(0);
      visited++;
    }
    expect(visited).toBeGreaterThan(500);
  });

  it('covers every category and every case kind', async () => {
    // The categories the households are recognised as once every notice of the window has ended.
    const settled = [...(await assistanceOnDay(main.handle.db, { region: DISTRICT }, addDays(AS_OF, 20))).values()];
    const categories = [...new Set(settled.map((h) => h.category).filter((c) => c !== null))].map((category) => ({ category, n: settled.filter((h) => h.category === category).length }));
    expect(categories.map((c) => c.category).sort()).toEqual(Object.keys(caseCategoryLabels).filter((c) => c !== 'temporary').sort());
    const dibao = categories.find((c) => c.category === 'dibao')?.n ?? 0;
    expect(dibao / summary.households).toBeGreaterThan(0.45);
    expect(dibao / summary.households).toBeLessThan(0.65);
    const kinds = q<{ kind: string }>('SELECT DISTINCT kind FROM cases').map((k) => k.kind).sort();
    expect(kinds).toEqual(Object.keys(caseKindLabels).sort());
    const temporary = count("SELECT count(*) AS n FROM cases WHERE kind = 'temporary'");
    const prepaid = count("SELECT count(*) AS n FROM cases WHERE kind = 'temporary' AND prepaid_amount_fen IS NOT NULL AND prepaid_on < applied_on");
    expect(prepaid / temporary).toBeGreaterThan(0.15);
    expect(prepaid / temporary).toBeLessThan(0.25);
    expect(count("SELECT count(*) AS n FROM cases WHERE prepaid_amount_fen IS NOT NULL AND kind <> 'temporary'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM cases WHERE (kind = 'temporary') <> (category = 'temporary')")).toBe(0);
  });

  it('flags close-relative and complaint cases', () => {
    const filed = count('SELECT count(DISTINCT household_id) AS n FROM close_relative_filings');
    expect(filed / summary.households).toBeGreaterThan(0.015);
    expect(filed / summary.households).toBeLessThan(0.03);
    expect(count('SELECT count(*) AS n FROM cases c WHERE c.close_relative <> EXISTS (SELECT 1 FROM close_relative_filings f WHERE f.household_id = c.household_id)')).toBe(0);
    expect(count('SELECT count(*) AS n FROM cases WHERE close_relative = 1')).toBeGreaterThan(0);
    const complaints = count("SELECT count(*) AS n FROM cases WHERE complaint = 1 AND complaint_note <> ''");
    expect(complaints).toBe(count('SELECT count(*) AS n FROM cases WHERE complaint = 1'));
    expect(complaints / summary.cases).toBeGreaterThan(0.008);
    expect(complaints / summary.cases).toBeLessThan(0.025);
    expect(count('SELECT count(*) AS n FROM recusals')).toBeGreaterThan(0);
  });

  it('holds every closed meeting with a quorum and votes that add up', () => {
    const meetings = q<{ id: string; voting_roster: number; present_voting: number }>(
      `SELECT m.id,
              (SELECT count(*) FROM committee_members c WHERE c.street_code = m.street_code AND c.voting = 1 AND c.active = 1) AS voting_roster,
              (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.attendance = 'present' AND a.voting = 1) AS present_voting
       FROM meetings m WHERE m.status = 'closed'`,
    );
    expect(meetings).toHaveLength(summary.meetings);
    for (const m of meetings) expect(m.present_voting * 2).toBeGreaterThan(m.voting_roster);
    expect(count('SELECT count(*) AS n FROM meetings m WHERE (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.member_id IS NOT NULL) <> (SELECT count(*) FROM committee_members c WHERE c.street_code = m.street_code)')).toBe(0);

    const decisions = q<{ outcome: string; total: number; votes_for: number; present_voting: number; recused: number; amount: number | null; proposed: number | null; kind: string; reason: string }>(
      `SELECT d.outcome, d.votes_for + d.votes_against + d.votes_abstain AS total, d.votes_for, d.amount_fen AS amount, d.reason,
              c.proposed_amount_fen AS proposed, c.kind,
              (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = d.meeting_id AND a.attendance = 'present' AND a.voting = 1) AS present_voting,
              (SELECT count(*) FROM recusals r WHERE r.agenda_item_id = d.agenda_item_id) AS recused
       FROM decisions d JOIN cases c ON c.id = d.case_id`,
    );
    expect(decisions).toHaveLength(count('SELECT count(*) AS n FROM agenda_items'));
    for (const d of decisions) {
      expect(d.total).toBe(d.present_voting - d.recused);
      expect(d.votes_for * 2).toBeGreaterThan(d.total);
      if (d.outcome === 'approve') expect(d.amount).toBe(d.kind === 'termination' ? 0 : d.proposed);
      else expect(d.reason).not.toBe('');
    }
    const shares = q<{ outcome: string; n: number }>('SELECT outcome, count(*) AS n FROM decisions GROUP BY outcome');
    const share = (o: string) => (shares.find((s) => s.outcome === o)?.n ?? 0) / decisions.length;
    expect(share('approve')).toBeGreaterThan(0.74);
    expect(share('reject')).toBeGreaterThan(0.1);
    expect(share('defer')).toBeGreaterThan(0.03);
    expect(count("SELECT count(*) AS n FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE d.decided_at < m.opened_at OR d.decided_at > m.closed_at OR date(d.decided_at, '+8 hours') <> date(m.scheduled_at, '+8 hours')")).toBe(0);
    // Generated history has no minutes rendered by the app, hence no stored hash to check against.
    expect(count('SELECT count(*) AS n FROM meetings WHERE minutes_sha256 IS NOT NULL')).toBe(0);
  });

  it('orders each agenda by community, then kind, and decides deferred cases the month after', () => {
    const kindRank = Object.keys(caseKindLabels);
    const items = q<{ meeting_id: string; seq: number; community: string; kind: string }>(
      'SELECT a.meeting_id, a.seq, c.community_code AS community, c.kind FROM agenda_items a JOIN cases c ON c.id = a.case_id ORDER BY a.meeting_id, a.seq',
    );
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      if (a.meeting_id !== b.meeting_id) {
        expect(b.seq).toBe(1);
        continue;
      }
      expect(b.seq).toBe(a.seq + 1);
      expect(a.community < b.community || (a.community === b.community && kindRank.indexOf(a.kind) <= kindRank.indexOf(b.kind))).toBe(true);
    }
    // A deferred case is on exactly two agendas, and the later one settles it.
    expect(count("SELECT count(*) AS n FROM (SELECT case_id FROM decisions GROUP BY case_id HAVING count(*) > 2 OR (count(*) = 2 AND sum(outcome = 'defer') <> 1))")).toBe(0);
  });

  it('gives every decided case the status of its last decision', () => {
    const cases = q<{ status: string; outcome: string | null; month: string }>(
      `SELECT c.status, substr(c.case_no, 11, 6) AS month,
              (SELECT d.outcome FROM decisions d WHERE d.case_id = c.id ORDER BY d.decided_at DESC LIMIT 1) AS outcome
       FROM cases c`,
    );
    const statusOf = { approve: 'approved', reject: 'rejected', defer: 'deferred' } as const;
    for (const c of cases) {
      if (c.outcome === null) {
        expect(c.status).toBe('pending');
        expect(c.month).toBe(CURRENT_MONTH.replace('-', ''));
      } else expect(c.status).toBe(statusOf[c.outcome as keyof typeof statusOf]);
    }
  });

  it('leaves the current month without a meeting and with pending cases in every street', () => {
    expect(count('SELECT count(*) AS n FROM meetings WHERE month = ?', CURRENT_MONTH)).toBe(0);
    const pending = q<{ street_code: string; pending: number; open: number }>(
      "SELECT street_code, sum(status = 'pending') AS pending, count(*) AS open FROM cases WHERE status IN ('pending', 'deferred') GROUP BY street_code",
    );
    expect(pending).toHaveLength(summary.streets);
    for (const s of pending) {
      expect(s.pending).toBeGreaterThanOrEqual(14);
      expect(s.pending).toBeLessThanOrEqual(28);
    }
    const demo = q<{ close_relative: number; complaint: number; prepaid: number; open: number }>(
      `SELECT sum(close_relative) AS close_relative, sum(complaint) AS complaint, sum(prepaid_amount_fen IS NOT NULL) AS prepaid, count(*) AS open
       FROM cases WHERE street_code = ? AND status IN ('pending', 'deferred')`,
      DEMO_STREET,
    )[0]!;
    expect(demo.open).toBeGreaterThanOrEqual(14);
    expect(demo.close_relative).toBeGreaterThanOrEqual(1);
    expect(demo.complaint).toBeGreaterThanOrEqual(1);
    expect(demo.prepaid).toBeGreaterThanOrEqual(1);
    expect(count("SELECT count(*) AS n FROM cases WHERE applied_on > ? OR created_at > ? OR updated_at <> ? OR version <> 1", AS_OF, '2026-11-20T02:00:00.000Z', '2026-11-20T02:00:00.000Z')).toBe(0);
  });

  it('announced every past meeting’s approvals for 7 days from the next working day, so none still owes a notice', async () => {
    const announced = "('new_application', 'increase', 'decrease', 'phase_out', 'termination')";
    expect(count('SELECT count(*) AS n FROM notice_batches')).toBeGreaterThan(summary.meetings);
    // Every announced approval is on exactly one batch of its meeting, in its own community.
    expect(
      count(`SELECT count(*) AS n FROM decisions d JOIN cases c ON c.id = d.case_id
             WHERE d.outcome = 'approve' AND c.kind IN ${announced}
               AND (SELECT count(*) FROM notice_items i JOIN notice_batches b ON b.id = i.batch_id
                    WHERE i.case_id = c.id AND b.meeting_id = d.meeting_id AND b.community_code = c.community_code) <> 1`),
    ).toBe(0);
    // Nothing else is announced: no rejection, deferral, 临时救助 or 复核.
    expect(
      count(`SELECT count(*) AS n FROM notice_items i JOIN notice_batches b ON b.id = i.batch_id
             LEFT JOIN decisions d ON d.case_id = i.case_id AND d.meeting_id = b.meeting_id
             JOIN cases c ON c.id = i.case_id
             WHERE d.outcome IS NOT 'approve' OR c.kind NOT IN ${announced}`),
    ).toBe(0);
    const batches = q<{ start_date: string; end_date: string; status: string; meeting_day: string; posted_at: string }>(
      "SELECT b.start_date, b.end_date, b.status, date(m.scheduled_at, '+8 hours') AS meeting_day, b.posted_at FROM notice_batches b JOIN meetings m ON m.id = b.meeting_id",
    );
    for (const b of batches) {
      expect(b.end_date).toBe(addDays(b.start_date, 6));
      expect(b.start_date > b.meeting_day).toBe(true);
      expect(addDays(b.meeting_day, 4) >= b.start_date).toBe(true); // the next working day, at most over a weekend
      expect(b.status).toBe(b.end_date < AS_OF ? 'ended' : 'posted');
      expect(b.posted_at.slice(0, 10) <= b.start_date).toBe(true);
    }
    // Items are numbered 1..n within each batch.
    expect(count('SELECT count(*) AS n FROM (SELECT batch_id FROM notice_items GROUP BY batch_id HAVING max(seq) <> count(*) OR min(seq) <> 1)')).toBe(0);

    for (const { code } of q<{ code: string }>("SELECT code FROM regions WHERE level = 'street'")) {
      expect(await dueMeetings(main.handle.db, code), code).toEqual([]);
    }
  });

  it('numbers cases per street and month', () => {
    expect(count("SELECT count(*) AS n FROM cases WHERE case_no <> street_code || '-' || replace(substr(applied_on, 1, 7), '-', '') || '-' || substr(case_no, -3)")).toBe(0);
    const seqs = q<{ n: number; top: number }>("SELECT count(*) AS n, max(CAST(substr(case_no, -3) AS INTEGER)) AS top FROM cases GROUP BY street_code, substr(applied_on, 1, 7)");
    for (const s of seqs) expect(s.top).toBe(s.n);
  });

  it('gives each street its own office, and the district its bureau, on the region record', () => {
    const offices = q<{ code: string; name: string; office_name: string; office_address: string; office_phone: string; office_hotlines_json: string }>(
      "SELECT code, name, office_name, office_address, office_phone, office_hotlines_json FROM regions WHERE level IN ('district', 'street') ORDER BY code",
    );
    expect(offices).toHaveLength(8);
    expect(offices[0]).toMatchObject({ code: '430188', office_name: '麓山区民政局' });
    expect(offices.find((o) => o.code === '430188001')).toMatchObject({ office_name: '麓山区望江街道办事处', office_phone: '0731-8852 6120' });
    expect(offices.find((o) => o.code === '430188101')).toMatchObject({ office_name: '麓山区莲湖镇人民政府' });
    for (const o of offices) {
      expect(o.office_name, o.code).toContain(o.name);
      expect(o.office_address, o.code).toMatch(/^麓山区/);
      expect(o.office_phone, o.code).toMatch(/^0731-\d{4} \d{4}$/);
      expect(JSON.parse(o.office_hotlines_json)).toEqual([{ label: '民政服务热线', number: '12349' }, { label: '政务服务便民热线', number: '12345' }]);
    }
    // Distinct: no two offices share an address or a phone.
    expect(new Set(offices.map((o) => o.office_address)).size).toBe(8);
    expect(new Set(offices.map((o) => o.office_phone)).size).toBe(8);
    expect(count("SELECT count(*) AS n FROM regions WHERE level = 'community' AND office_name <> ''")).toBe(0);
  });

  it('stores the settings and the demo session user', () => {
    const stored = q<{ value_json: string }>("SELECT value_json FROM settings WHERE key = 'settings'")[0]!;
    const settings = Settings.parse(JSON.parse(stored.value_json));
    expect(settings.dibaoStandardUrbanFen).toBe(defaultSettings.dibaoStandardUrbanFen);
    const session = JSON.parse(q<{ value_json: string }>("SELECT value_json FROM settings WHERE key = 'session.userId'")[0]!.value_json) as string;
    expect(session).toBe(summary.sessionUserId);
    const user = q<{ role: string; region_code: string; username: string }>('SELECT role, region_code, username FROM users WHERE id = ?', session)[0]!;
    expect(user).toEqual({ role: 'street_staff', region_code: DEMO_STREET, username: 'st001-staff1' });
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'bureau_inspector' AND region_code = '430188'")).toBe(4);
    expect(count("SELECT count(*) AS n FROM users WHERE role = 'bureau_chief'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM households WHERE phone NOT GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")).toBe(0);
  });

  it('passes the foreign-key and integrity checks', () => {
    expect(main.handle.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(main.handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a database that already has regions', () => {
    expect(() => generateDistrict(main.handle)).toThrow(/已有区划数据/);
    expect(count('SELECT count(*) AS n FROM regions')).toBe(summary.streets + summary.communities + 1);
  });
});

describe('generateDistrict: determinism and options', () => {
  it('writes byte-identical tables for the same seed and different ones for another seed', async () => {
    const same = await freshDatabase('same.sqlite');
    const other = await freshDatabase('other.sqlite');
    try {
      generateDistrict(same.handle);
      generateDistrict(other.handle, { seed: 7 });
      const expected = dump(main);
      expect(dump(same)).toEqual(expected);
      const differing = Object.entries(dump(other)).filter(([table, hash]) => hash !== expected[table]).map(([table]) => table);
      expect(differing).toEqual(expect.arrayContaining(['households', 'members', 'cases', 'decisions']));
    } finally {
      await same.cleanup();
      await other.cleanup();
    }
  });

  it('follows the household count and the standards it is given', async () => {
    const small = await freshDatabase('small.sqlite');
    try {
      const result = generateDistrict(small.handle, { seed: 42, households: 400, asOf: '2026-03-05', dibaoStandardUrbanFen: 90_000, dibaoStandardRuralFen: 75_000 });
      expect(result.households).toBe(400);
      const settings = Settings.parse(JSON.parse(rows<{ value_json: string }>(small, "SELECT value_json FROM settings WHERE key = 'settings'")[0]!.value_json));
      expect([settings.dibaoStandardUrbanFen, settings.dibaoStandardRuralFen]).toEqual([90_000, 75_000]);
      const settled = await assistanceOnDay(small.handle.db, { region: DISTRICT }, '2026-03-25');
      const dibao = rows<{ id: string; area_type: string; size: number; income: number }>(
        small,
        'SELECT h.id, h.area_type, count(m.id) AS size, sum(m.monthly_income_fen) AS income FROM households h JOIN members m ON m.household_id = h.id GROUP BY h.id',
      ).filter((h) => settled.get(h.id)?.category === 'dibao' && settled.get(h.id)?.status === 'active');
      expect(dibao.length).toBeGreaterThan(100);
      for (const h of dibao) expect(settled.get(h.id)!.monthlyAmountFen).toBe(dibaoAmount(h.area_type === 'rural' ? 75_000 : 90_000, Math.floor(h.income / h.size), h.size));
      expect(rows<{ m: string }>(small, 'SELECT max(month) AS m FROM meetings')[0]!.m).toBe('2026-02');
      expect(rows<{ d: string }>(small, 'SELECT max(applied_on) AS d FROM cases')[0]!.d <= '2026-03-05').toBe(true);
      expect(small.handle.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await small.cleanup();
    }
  });

  it('rejects nonsense options before writing anything', async () => {
    const empty = await freshDatabase('empty.sqlite');
    try {
      expect(() => generateDistrict(empty.handle, { households: 0 })).toThrow(/households/);
      expect(() => generateDistrict(empty.handle, { asOf: '2026-02-30' })).toThrow(/asOf/);
      expect(rows<{ n: number }>(empty, 'SELECT count(*) AS n FROM regions')[0]!.n).toBe(0);
    } finally {
      await empty.cleanup();
    }
  });
});
