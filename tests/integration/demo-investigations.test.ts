// The demo generator writes its households, investigations, documents, filings, complaints and prepayments
// through the same rules as the intake and investigation commands (issue 15): every household passes
// checkMembers, every case has one investigation whose stored inputs assessInvestigation turns into exactly
// the stored figures and the case's own per-capita income and proposal, and the flags on a case agree with
// the rows that stand behind them. Checked in SQL on a small district, which stays byte-identical per seed.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { chinaDateOf, formatChineseDate } from '../../shared/dates';
import type { CaseCategory, CaseKind, Relation } from '../../shared/domain';
import { checkMembers, intakeArgs, NewHousehold } from '../../shared/intake';
import { assessInvestigation, incomeLineOf, investigationArgs, type InvestigationArgs } from '../../shared/investigation';
import { Settings } from '../../shared/settings';
import { freshDatabase } from '../helpers/db';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;
type Params = (string | number | null)[];

const OPTIONS = { seed: 4242, households: 600, asOf: '2026-11-20' } as const;
const STAMP = '2026-11-20T02:00:00.000Z';
const PREPAID_PREFIX = '小金额先行救助事后补审：';

let main: Fresh;
let settings: Settings;

const q = <T>(sql: string, ...params: Params): T[] => main.handle.sqlite.prepare(sql).all(...params) as T[];
const count = (sql: string, ...params: Params): number => main.handle.sqlite.prepare(sql).pluck().get(...params) as number;

function dump(fresh: Fresh): Record<string, string> {
  const tables = fresh.handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, createHash('sha256').update(JSON.stringify(fresh.handle.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all())).digest('hex')]));
}

beforeAll(async () => {
  main = await freshDatabase('investigations.sqlite');
  generateDistrict(main.handle, OPTIONS);
  settings = Settings.parse(JSON.parse(q<{ value_json: string }>("SELECT value_json FROM settings WHERE key = 'settings'")[0]!.value_json));
});

afterAll(async () => {
  await main.cleanup();
});

type CaseWithInvestigation = {
  case_id: string;
  case_no: string;
  kind: CaseKind;
  category: CaseCategory;
  status: string;
  applied_on: string;
  created_at: string;
  street_code: string;
  area_type: 'urban' | 'rural';
  size: number;
  current_amount_fen: number | null;
  case_pci: number | null;
  case_proposed: number | null;
  caseworker: string;
  home_visit_note: string;
  visited_on: string;
  visit_note: string;
  conclusion_note: string;
  investigators_json: string;
  incomes_json: string;
  expenses_json: string;
  assets_json: string;
  single_person_basis: 'severe_disability' | 'serious_illness' | null;
  single_person_member_id: string | null;
  cross_check: 'consistent' | 'discrepancy';
  cross_check_note: string;
  conclusion: 'eligible' | 'ineligible';
  standard_fen: number;
  household_size: number;
  counted_size: number;
  gross_income_fen: number;
  exempt_fen: number;
  work_cost_fen: number;
  rigid_expense_fen: number;
  net_income_fen: number;
  per_capita_income_fen: number;
  asset_total_fen: number;
  proposed_amount_fen: number | null;
  recorded_by: string;
  recorded_at: string;
};

describe('demo generator: investigations through the investigation rules', () => {
  it('gives every case exactly one investigation', () => {
    const cases = count('SELECT count(*) FROM cases');
    expect(cases).toBeGreaterThan(1000);
    expect(count('SELECT count(*) FROM investigations')).toBe(cases);
    expect(count('SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM investigations i WHERE i.case_id = c.id) <> 1')).toBe(0);
    // Every kind and status has its investigations, not just the open agenda.
    expect(q<{ kind: string }>('SELECT DISTINCT c.kind FROM investigations i JOIN cases c ON c.id = i.case_id')).toHaveLength(7);
    expect(q<{ status: string }>('SELECT DISTINCT c.status FROM investigations i JOIN cases c ON c.id = i.case_id').map((r) => r.status).sort()).toEqual(['approved', 'deferred', 'pending', 'rejected']);
  });

  it('stores the figures assessInvestigation derives from the stored lines, and they are the case’s own', () => {
    const rows = q<CaseWithInvestigation>(
      `SELECT c.id AS case_id, c.case_no, c.kind, c.category, c.status, c.applied_on, c.created_at, c.street_code, h.area_type,
              (SELECT count(*) FROM members m WHERE m.household_id = c.household_id) AS size,
              c.current_amount_fen, c.per_capita_income_fen AS case_pci, c.proposed_amount_fen AS case_proposed, c.caseworker, c.home_visit_note, i.*
       FROM investigations i JOIN cases c ON c.id = i.case_id JOIN households h ON h.id = c.household_id`,
    );
    const staff = new Map(q<{ id: string; name: string; region_code: string; role: string }>('SELECT id, name, region_code, role FROM users').map((u) => [u.id, u]));
    const householdOf = new Map(q<{ id: string; household_id: string }>('SELECT id, household_id FROM members').map((m) => [m.id, m.household_id]));
    const caseHousehold = new Map(q<{ id: string; household_id: string }>('SELECT id, household_id FROM cases').map((c) => [c.id, c.household_id]));
    let withDeductions = 0;
    let withExpenses = 0;
    for (const r of rows) {
      const standard = r.area_type === 'rural' ? settings.dibaoStandardRuralFen : settings.dibaoStandardUrbanFen;
      expect(r.standard_fen, r.case_no).toBe(standard);
      expect(r.household_size, r.case_no).toBe(r.size);
      const basis = { kind: r.kind, category: r.category, standardFen: standard, householdSize: r.size, currentAmountFen: r.current_amount_fen, temporaryLimitMonths: settings.temporaryLimitMonths, edgeIncomePercent: settings.edgeIncomePercent };
      const input: Parameters<typeof assessInvestigation>[1] = {
        incomes: JSON.parse(r.incomes_json) as InvestigationArgs['incomes'],
        expenses: JSON.parse(r.expenses_json) as InvestigationArgs['expenses'],
        assets: JSON.parse(r.assets_json) as InvestigationArgs['assets'],
        singlePerson: r.single_person_basis && r.single_person_member_id ? { basis: r.single_person_basis, memberId: r.single_person_member_id } : null,
        conclusion: r.conclusion,
        temporaryAmountFen: r.kind === 'temporary' ? r.proposed_amount_fen : null,
        netIncomeFen: r.net_income_fen,
        proposedAmountFen: r.proposed_amount_fen,
      };
      // The command's own argument schema takes the stored investigation as it stands.
      const investigators = JSON.parse(r.investigators_json) as { userId: string; name: string }[];
      const args = {
        caseId: r.case_id, visitedOn: r.visited_on, investigatorIds: investigators.map((i) => i.userId), visitNote: r.visit_note, ...input,
        crossCheck: r.cross_check, crossCheckNote: r.cross_check_note, conclusionNote: r.conclusion_note,
      };
      const parsed = investigationArgs.record.safeParse(args);
      expect(parsed.success ? [] : parsed.error.issues, r.case_no).toEqual([]);
      if (parsed.success) expect(parsed.data, r.case_no).toEqual(args);
      for (const line of input.incomes) if (line.memberId !== null) expect(householdOf.get(line.memberId), r.case_no).toBe(caseHousehold.get(r.case_id));
      const assessed = assessInvestigation(basis, input);
      expect(assessed.ok ? [] : assessed.problems, r.case_no).toEqual([]);
      if (!assessed.ok) continue;
      const f = assessed.figures;
      expect(
        [r.gross_income_fen, r.exempt_fen, r.work_cost_fen, r.rigid_expense_fen, r.net_income_fen, r.per_capita_income_fen, r.asset_total_fen, r.counted_size, r.proposed_amount_fen],
        r.case_no,
      ).toEqual([f.grossFen, f.exemptFen, f.workCostFen, f.expenseFen, f.netFen, f.perCapitaFen, f.assetFen, f.countedSize, f.proposedFen]);
      expect([r.case_pci, r.case_proposed], r.case_no).toEqual([f.perCapitaFen, f.proposedFen]);
      if (r.kind === 'temporary') expect(f.proposedFen!, r.case_no).toBeLessThanOrEqual(Math.floor((standard * settings.temporaryLimitMonths) / 10_000) * 10_000);
      const line = incomeLineOf(basis);
      if (r.conclusion === 'eligible' && line) expect(f.perCapitaFen, r.case_no).toBeLessThan(line.fen);
      if (f.exemptFen + f.workCostFen > 0) withDeductions++;
      if (f.expenseFen > 0) withExpenses++;

      // Two of the street's own staff visited on the day the case's note gives, and the caseworker entered it that day.
      expect(new Set(investigators.map((i) => i.userId)).size, r.case_no).toBe(2);
      for (const who of investigators) expect(staff.get(who.userId), r.case_no).toMatchObject({ name: who.name, region_code: r.street_code, role: 'street_staff' });
      expect(investigators.map((i) => i.name), r.case_no).toContain(r.caseworker);
      expect(r.home_visit_note.startsWith(`${formatChineseDate(r.visited_on)}，${r.caseworker}等2人入户调查：`), r.case_no).toBe(true);
      expect(r.visited_on >= r.applied_on && r.visited_on <= OPTIONS.asOf, r.case_no).toBe(true);
      expect(r.recorded_by, r.case_no).toBe(r.caseworker);
      expect(chinaDateOf(r.recorded_at), r.case_no).toBe(r.visited_on);
      expect(r.recorded_at > r.created_at && r.recorded_at <= STAMP, r.case_no).toBe(true);
      if (r.cross_check === 'discrepancy') {
        expect(r.status, r.case_no).toBe('rejected');
        expect(r.cross_check_note, r.case_no).not.toBe('');
      }
    }
    // The arithmetic is not trivial: some lines carry deductions, some households rigid expenses.
    expect(withDeductions).toBeGreaterThan(rows.length / 20);
    expect(withExpenses).toBeGreaterThan(rows.length / 50);
    expect(count("SELECT count(*) FROM investigations WHERE cross_check = 'discrepancy'")).toBeGreaterThan(0);
  });

  it('writes only households and applications that pass the intake command’s schema and member check', () => {
    const households = q<{ id: string; area_type: string; address: string; phone: string }>('SELECT id, area_type, address, phone FROM households');
    const membersOf = new Map<string, unknown[]>();
    for (const m of q<{ household_id: string; name: string; citizen_id: string; relation: string; occupation: string; health: string | null; disability: string | null }>('SELECT * FROM members ORDER BY rowid')) {
      membersOf.set(m.household_id, [...(membersOf.get(m.household_id) ?? []), { name: m.name, citizenId: m.citizen_id, relation: m.relation, occupation: m.occupation, health: m.health ?? '', disability: m.disability ?? '' }]);
    }
    for (const h of households) {
      const parsed = NewHousehold.safeParse({ areaType: h.area_type, address: h.address, phone: h.phone, members: membersOf.get(h.id) });
      expect(parsed.success ? [] : parsed.error.issues, h.id).toEqual([]);
    }
    const documentsOf = new Map<string, { kind: string; receivedOn: string }[]>();
    for (const d of q<{ case_id: string; kind: string; received_on: string }>('SELECT case_id, kind, received_on FROM case_documents ORDER BY rowid')) {
      documentsOf.set(d.case_id, [...(documentsOf.get(d.case_id) ?? []), { kind: d.kind, receivedOn: d.received_on }]);
    }
    const cases = q<{ id: string; case_no: string; community_code: string; kind: string; category: string; applied_on: string; reason: string; relatives_declaration: string; relatives_declaration_note: string; household_id: string }>(
      'SELECT id, case_no, community_code, kind, category, applied_on, reason, relatives_declaration, relatives_declaration_note, household_id FROM cases',
    );
    for (const c of cases) {
      const parsed = intakeArgs.apply.safeParse({
        communityCode: c.community_code, kind: c.kind, category: c.category, appliedOn: c.applied_on, reason: c.reason, documents: documentsOf.get(c.id) ?? [],
        relativesDeclaration: c.relatives_declaration, relativesDeclarationNote: c.relatives_declaration_note, household: { on: 'file', householdId: c.household_id },
      });
      expect(parsed.success ? [] : parsed.error.issues, c.case_no).toEqual([]);
    }
  });

  it('writes only households that pass the intake command’s member check', () => {
    const members = q<{ household_id: string; name: string; citizen_id: string; relation: Relation; occupation: string; health: string | null; disability: string | null; gender: string; birth_date: string }>(
      'SELECT household_id, name, citizen_id, relation, occupation, health, disability, gender, birth_date FROM members ORDER BY household_id, rowid',
    );
    const byHousehold = new Map<string, typeof members>();
    for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
    expect(byHousehold.size).toBe(OPTIONS.households);
    for (const [household, list] of byHousehold) {
      const checked = checkMembers(list.map((m) => ({ name: m.name, citizenId: m.citizen_id, relation: m.relation, occupation: m.occupation, health: m.health ?? '', disability: m.disability ?? '' })), OPTIONS.asOf);
      expect(checked.ok ? [] : checked.problems, household).toEqual([]);
      if (checked.ok) expect(checked.members.map((m) => [m.gender, m.birthDate])).toEqual(list.map((m) => [m.gender, m.birth_date]));
    }
  });

  it('lists the documents received on the day of application, with the disability card and medical records where they belong', () => {
    expect(count('SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id)')).toBe(0);
    expect(count('SELECT count(*) FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE d.received_on <> c.applied_on')).toBe(0);
    expect(count("SELECT count(*) FROM cases c WHERE c.kind = 'new_application' AND (SELECT count(*) FROM case_documents d WHERE d.case_id = c.id AND d.kind IN ('application_form', 'id_card', 'household_register', 'authorisation', 'commitment')) <> 5")).toBe(0);
    const disabled = "EXISTS (SELECT 1 FROM members m WHERE m.household_id = c.household_id AND m.disability IS NOT NULL)";
    expect(count(`SELECT count(*) FROM cases c WHERE ${disabled} <> EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id AND d.kind = 'disability_card')`)).toBe(0);
    expect(count("SELECT count(*) FROM cases c WHERE EXISTS (SELECT 1 FROM members m WHERE m.household_id = c.household_id AND m.health IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id AND d.kind = 'medical_record')")).toBe(0);
  });

  it('declares close relatives where a filing exists and files it on the household’s first case from that day', () => {
    expect(count('SELECT count(*) FROM close_relative_filings')).toBeGreaterThan(0);
    const filed = 'EXISTS (SELECT 1 FROM close_relative_filings f WHERE f.household_id = c.household_id)';
    expect(count(`SELECT count(*) FROM cases c WHERE relatives_declaration IS NOT (CASE WHEN ${filed} THEN 'declared' ELSE 'none' END)`)).toBe(0);
    expect(count("SELECT count(*) FROM cases WHERE (relatives_declaration = 'declared') <> (relatives_declaration_note <> '')")).toBe(0);
    expect(count("SELECT count(*) FROM cases WHERE (relatives_declaration = 'declared') <> (close_relative = 1)")).toBe(0);
    const filings = q<{ household_id: string; filed_on: string; case_id: string | null; first: string | null; case_household: string | null }>(
      `SELECT f.household_id, f.filed_on, f.case_id, c.household_id AS case_household,
              (SELECT x.id FROM cases x WHERE x.household_id = f.household_id AND x.applied_on >= f.filed_on ORDER BY x.applied_on, x.created_at LIMIT 1) AS first
       FROM close_relative_filings f LEFT JOIN cases c ON c.id = f.case_id`,
    );
    for (const f of filings) {
      expect(f.case_id, f.household_id).toBe(f.first);
      if (f.case_id) expect(f.case_household).toBe(f.household_id);
    }
    expect(filings.some((f) => f.case_id !== null)).toBe(true);
  });

  it('backs every complaint flag with one complaint, closed once the case is decided', () => {
    expect(count('SELECT count(*) FROM cases WHERE complaint = 1')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM complaints x WHERE x.case_id = c.id) <> c.complaint')).toBe(0);
    const rows = q<{ case_no: string; status: string; applied_on: string; complaint_note: string; household_id: string; x_household: string; content: string; received_on: string; x_status: string; closed_on: string | null; result: string; handling: string; decided: string | null; first_meeting: string | null }>(
      `SELECT c.case_no, c.status, c.applied_on, c.complaint_note, c.household_id, x.household_id AS x_household, x.content, x.received_on, x.status AS x_status, x.closed_on, x.result, x.handling,
              (SELECT max(date(d.decided_at, '+8 hours')) FROM decisions d WHERE d.case_id = c.id AND d.outcome <> 'defer') AS decided,
              (SELECT min(date(d.decided_at, '+8 hours')) FROM decisions d WHERE d.case_id = c.id) AS first_meeting
       FROM complaints x JOIN cases c ON c.id = x.case_id`,
    );
    for (const r of rows) {
      expect(r.content, r.case_no).toBe(r.complaint_note);
      expect(r.x_household, r.case_no).toBe(r.household_id);
      expect(r.received_on >= r.applied_on && r.received_on <= OPTIONS.asOf, r.case_no).toBe(true);
      if (r.first_meeting) expect(r.received_on < r.first_meeting, r.case_no).toBe(true);
      const decided = r.status === 'approved' || r.status === 'rejected';
      expect(r.x_status, r.case_no).toBe(decided ? 'closed' : 'open');
      if (decided) {
        expect(r.closed_on! >= r.received_on && r.closed_on! <= r.decided!, r.case_no).toBe(true);
        expect(r.result && r.handling, r.case_no).toBeTruthy();
      } else expect([r.closed_on, r.result], r.case_no).toEqual([null, '']);
    }
  });

  it('gives every prepayment its reason, the street chair as approver, and keeps it within the limit', () => {
    const prepaid = q<{ case_no: string; kind: string; reason: string; amount: number; prepaid_on: string; applied_on: string; prepaid_reason: string; prepaid_approved_by: string; chair: string }>(
      `SELECT c.case_no, c.kind, c.reason, c.prepaid_amount_fen AS amount, c.prepaid_on, c.applied_on, c.prepaid_reason, c.prepaid_approved_by,
              (SELECT m.name FROM committee_members m WHERE m.street_code = c.street_code AND m.position = 'chair') AS chair
       FROM cases c WHERE c.prepaid_amount_fen IS NOT NULL`,
    );
    expect(prepaid.length).toBeGreaterThan(0);
    for (const p of prepaid) {
      expect(p.kind, p.case_no).toBe('temporary');
      expect(p.amount, p.case_no).toBeLessThanOrEqual(settings.prepaymentLimitFen);
      expect(p.prepaid_on < p.applied_on, p.case_no).toBe(true);
      expect(p.prepaid_approved_by, p.case_no).toBe(p.chair);
      expect(PREPAID_PREFIX + p.prepaid_reason, p.case_no).toBe(p.reason);
    }
    expect(count("SELECT count(*) FROM cases WHERE prepaid_amount_fen IS NULL AND (prepaid_reason <> '' OR prepaid_approved_by <> '' OR prepaid_on IS NOT NULL)")).toBe(0);
  });

  it('keeps the eligible incomes below the line even where the standard is a few yuan', async () => {
    // Whole-yuan incomes once reached a 1-yuan standard itself, and assessInvestigation refused the conclusion.
    const tiny = await freshDatabase('tiny.sqlite');
    try {
      const summary = generateDistrict(tiny.handle, { seed: 1, households: 300, dibaoStandardUrbanFen: 100, dibaoStandardRuralFen: 100 });
      expect(tiny.handle.sqlite.prepare('SELECT count(*) FROM investigations').pluck().get()).toBe(summary.cases);
      expect(tiny.handle.sqlite.prepare("SELECT count(*) FROM investigations WHERE conclusion = 'eligible' AND per_capita_income_fen >= standard_fen AND case_id IN (SELECT id FROM cases WHERE category = 'dibao')").pluck().get()).toBe(0);
    } finally {
      await tiny.cleanup();
    }
  });

  it('passes the foreign-key check and writes the same bytes again for the same seed', async () => {
    expect(main.handle.sqlite.pragma('foreign_key_check')).toEqual([]);
    const again = await freshDatabase('again.sqlite');
    try {
      generateDistrict(again.handle, OPTIONS);
      expect(dump(again)).toEqual(dump(main));
    } finally {
      await again.cleanup();
    }
  });
});
