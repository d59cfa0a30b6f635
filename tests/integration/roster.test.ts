// The monthly roster (花名册) on the generated district (麓山区), through the CLI as a script would run it
// on 2026-12-01: the --json totals against a direct sum over the households paid at the end of November,
// the reconciliation with October's end overall and per category, the month and access refusals (which
// write nothing), the PDF without ID numbers (pdftotext, qpdf --check), the workbook with IDs as text,
// and a decision's notice deciding whether its household is on the roster.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { assistanceOnDay } from '../../electron/backend/cases/assistance';
import { runCli } from '../../electron/backend/cli/run';
import { runRoster } from '../../electron/backend/cli/commands/roster';
import { fixedClock } from '../../electron/backend/clock';
import { rosterData } from '../../electron/backend/roster/roster';
import { isPaid } from '../../shared/decision-effects';
import type { RosterSummary } from '../../shared/roster';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { readSheet, readWorkbook } from '../helpers/xlsx';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
let dir: string | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const DISTRICT = '430188';
const STREET = '430188001';
const OTHER_STREET = '430188002';
const DEC_1 = '2026-12-01T02:00:00.000Z';
const clock = fixedClock(DEC_1);
const ANY_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;

async function open() {
  world = await district.world(DEC_1);
  dir = mkdtempSync(join(tmpdir(), 'jrd-roster-'));
  const w = world;
  const sql = <T>(query: string, ...params: unknown[]) => w.handle.sqlite.prepare(query).all(...params) as T[];
  const cli = async (...argv: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    let code: number;
    try {
      code = await runRoster(['--db', w.handle.file, ...argv], (l) => lines.push(l), clock);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
      code = 1;
    }
    return { code, lines, errors };
  };
  return { w, sql, cli };
}

/** The households paid on `day`, summed straight from the fold, with their living members counted in SQL. */
async function directSum(w: DistrictWorld, scope: string, day: string) {
  const paid = [...(await assistanceOnDay(w.ctx.db, { region: scope }, day))].filter(([, h]) => isPaid(h) && h.category !== null);
  const persons = new Map(
    (w.handle.sqlite.prepare('SELECT household_id AS id, count(*) AS n FROM members WHERE died_on IS NULL OR died_on > ? GROUP BY household_id').all(day) as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  const byCategory: Record<string, { households: number; persons: number; totalFen: number }> = {};
  for (const [id, h] of paid) {
    const c = (byCategory[h.category!] ??= { households: 0, persons: 0, totalFen: 0 });
    c.households++;
    c.persons += persons.get(id) ?? 0;
    c.totalFen += h.monthlyAmountFen;
  }
  return { households: paid.length, persons: paid.reduce((n, [id]) => n + (persons.get(id) ?? 0), 0), totalFen: paid.reduce((n, [, h]) => n + h.monthlyAmountFen, 0), byCategory, ids: new Set(paid.map(([id]) => id)) };
}

describe('the roster --json', () => {
  it('equals a direct sum over the households paid at the end of the month before, and reconciles with last month', async () => {
    const { w, sql, cli } = await open();
    for (const scope of [DISTRICT, STREET]) {
      const r = await cli(scope.length === 6 ? '--district' : '--street', scope, '--month', '2026-12', '--json');
      expect(r.code).toBe(0);
      expect(r.lines).toHaveLength(1);
      const summary = JSON.parse(r.lines[0]!) as RosterSummary;
      expect(Object.keys(summary)).toEqual(['month', 'households', 'persons', 'totalFen', 'byCategory', 'previous', 'changes']);
      expect(Object.keys(summary.changes)).toEqual(['added', 'raised', 'lowered', 'phasingOut', 'stopped']);
      const now = await directSum(w, scope, '2026-11-30');
      const before = await directSum(w, scope, '2026-10-31');
      expect(summary.month).toBe('2026-12');
      expect(summary.households).toBeGreaterThan(100);
      expect({ households: summary.households, persons: summary.persons, totalFen: summary.totalFen }).toEqual({ households: now.households, persons: now.persons, totalFen: now.totalFen });
      expect(summary.byCategory).toEqual(now.byCategory);
      expect(summary.previous).toEqual({ households: before.households, totalFen: before.totalFen });
      expect(summary.previous.households + summary.changes.added - summary.changes.stopped).toBe(summary.households);
      // The district's month has every kind of change: the rows are opening states and the history is in the decisions.
      if (scope === DISTRICT) for (const [kind, n] of Object.entries(summary.changes)) expect(n, kind).toBeGreaterThan(0);

      // Households no decision ever touched are paid their opening amount: a plain SQL sum over the rows.
      const untouched = sql<{ id: string; fen: number }>(
        "SELECT h.id, h.monthly_amount_fen AS fen FROM households h WHERE h.community_code LIKE ? AND h.assistance_status IN ('active','phasing_out') AND h.monthly_amount_fen > 0 AND h.category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c JOIN decisions d ON d.case_id = c.id WHERE c.household_id = h.id)",
        `${scope}%`,
      );
      expect(untouched.length).toBeGreaterThan(0);
      for (const u of untouched) expect(now.ids.has(u.id)).toBe(true);

      // Every category: last month + changes = this month, in households and in money.
      const { view } = await rosterData(w.ctx.db, { id: 'x', role: 'bureau_chief', regionCode: DISTRICT }, { month: '2026-12', scope }, '2026-12-01');
      expect(view.summary).toEqual(summary);
      expect(view.categories.length).toBeGreaterThanOrEqual(2);
      for (const l of view.categories) {
        expect(l.previous.households + l.counts.added - l.counts.stopped, l.category).toBe(l.current.households);
        expect(l.previous.totalFen + Object.values(l.deltaFen).reduce((n, x) => n + x, 0), l.category).toBe(l.current.totalFen);
        expect(l.previous.households, l.category).toBe(before.byCategory[l.category]?.households ?? 0);
      }
      expect(view.rows.reduce((n, x) => n + x.amountFen, 0)).toBe(summary.totalFen);
      expect(view.changes.length).toBe(Object.values(summary.changes).reduce((n, x) => n + x, 0));
    }
  }, 120_000);

  it('refuses a month whose preceding month has not ended, another street and another district, and writes nothing', async () => {
    const { w, sql, cli } = await open();
    const audits = () => sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action IN ('pdf.print', 'export.xlsx')")[0]!.n;
    const out = join(dir!, 'r.xlsx');
    const early = await cli('--street', STREET, '--month', '2027-01', '--out', out);
    expect(early.code).toBe(1);
    expect(early.errors[0]).toMatch(/2027年1月的花名册要等2026年12月结束后/);
    const streetUser = await cli('--as', 'st001-staff1', '--street', OTHER_STREET, '--month', '2026-12', '--out', out);
    expect(streetUser.errors[0]).toMatch(/不在您的管辖范围内/);
    const districtByStreet = await cli('--as', 'st001-staff1', '--district', DISTRICT, '--month', '2026-12', '--json');
    expect(districtByStreet.errors[0]).toMatch(/不在您的管辖范围内/);
    const otherDistrict = await cli('--district', '430199', '--month', '2026-12', '--json');
    expect(otherDistrict.code).toBe(1);
    expect(otherDistrict.lines).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(audits()).toBe(0);
    // The street's own staff may have its own street's.
    expect((await cli('--as', 'st001-staff1', '--street', STREET, '--month', '2026-12', '--json')).code).toBe(0);
    // Through runCli, the refusal's Chinese reason and a non-zero exit code.
    const errors: string[] = [];
    expect(await runCli(['roster', '--db', w.handle.file, '--street', STREET, '--month', '2099-01', '--json'], () => undefined, (l) => errors.push(l))).toBe(1);
    expect(errors[0]).toMatch(/花名册要等.*才能生成.*\[validation\]$/);
    expect(await runCli(['roster', '--db', w.handle.file, '--street', DISTRICT, '--month', '2026-12', '--json'], () => undefined, (l) => errors.push(l))).toBe(2);
  }, 60_000);
});

describe('the roster files', () => {
  it('prints a PDF without ID numbers that qpdf accepts, and a workbook with IDs as text, both audited', async () => {
    const { w, sql, cli } = await open();
    const pdf = join(dir!, 'roster.pdf');
    const r = await cli('--street', STREET, '--month', '2026-12', '--out', pdf);
    expect(r.code, r.errors.join()).toBe(0);
    expect(r.lines[0]).toMatch(/\t\d+ pages\t/);
    expect(spawnSync('qpdf', ['--check', pdf]).status).toBe(0);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('望江街道2026年12月城乡低保、特困人员资金发放花名册');
    expect(text).toMatch(/第 1 页 共 \d+ 页/);
    expect(text).toContain('变动名单');
    expect(text).not.toMatch(ANY_ID);
    const { view, members } = await rosterData(w.ctx.db, { id: 'x', role: 'bureau_chief', regionCode: DISTRICT }, { month: '2026-12', scope: STREET }, '2026-12-01');
    expect(text).toContain(view.rows[0]!.headName);
    // The sign-off never stands alone on the last page: the change list's last household is printed beside it
    // (November's roster, which has changes; December's has none for this street).
    const november = join(dir!, 'roster-11.pdf');
    expect((await cli('--street', STREET, '--month', '2026-11', '--out', november)).code).toBe(0);
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', november, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    const changes = (await rosterData(w.ctx.db, { id: 'x', role: 'bureau_chief', regionCode: DISTRICT }, { month: '2026-11', scope: STREET }, '2026-12-01')).view.changes;
    expect(changes.length).toBeGreaterThan(3);
    expect(pages[pages.length - 1]).toContain('制表人');
    expect(pages[pages.length - 1]).toContain(changes[changes.length - 1]!.householdNo);

    const xlsx = join(dir!, 'roster.xlsx');
    expect((await cli('--street', STREET, '--month', '2026-12', '--out', xlsx)).code).toBe(0);
    expect(readWorkbook(xlsx).SheetNames).toEqual(['发放名单', '家庭成员', '分类汇总', '变动名单']);
    const sheet = readSheet(xlsx, '发放名单');
    expect(sheet.rows.length).toBe(view.rows.length);
    const heads = new Map(sql<{ household_no: string; citizen_id: string }>("SELECT h.household_no, m.citizen_id FROM households h JOIN members m ON m.household_id = h.id AND m.relation = 'self'").map((x) => [x.household_no, x.citizen_id]));
    for (const row of sheet.rows) {
      const id = row['户主身份证号'];
      expect(id?.t).toBe('s');
      expect(id?.z).toBe('@');
      expect(id?.v).toBe(heads.get(String(row['户号']?.v)));
      expect(row['月发放金额（元）']).toMatchObject({ t: 'n', z: '0.00' });
    }
    const memberSheet = readSheet(xlsx, '家庭成员');
    expect(memberSheet.rows.length).toBe(view.rows.reduce((n, x) => n + x.members.length, 0));
    expect(memberSheet.rows.every((x) => x['身份证号']?.t === 's' && /^\d{17}[\dX]$/.test(String(x['身份证号']?.v)))).toBe(true);
    expect(members.size).toBeGreaterThan(0);
    const totals = readSheet(xlsx, '分类汇总');
    expect(totals.rows.at(-1)!['救助类别']?.v).toBe('合计');
    expect(totals.rows.at(-1)!['本月金额（元）']?.v).toBe(view.summary.totalFen / 100);

    const audit = sql<{ action: string; entity_id: string; details_json: string }>("SELECT action, entity_id, details_json FROM audit_log WHERE action IN ('pdf.print', 'export.xlsx') ORDER BY seq");
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ['pdf.print', STREET],
      ['pdf.print', STREET],
      ['export.xlsx', STREET],
    ]);
    expect(JSON.parse(audit[2]!.details_json)).toMatchObject({ document: 'roster', month: '2026-12', citizenIds: memberSheet.rows.length });
    expect(audit.some((a) => ANY_ID.test(a.details_json))).toBe(false);

    // LibreOffice keeps the ID numbers as text (first sheet, UTF-8 CSV): the head's ID is the 9th column.
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true';
    const csv = spawnSync('/usr/bin/soffice', ['--headless', '--convert-to', filter, '--outdir', dir!, xlsx], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir! } });
    expect(csv.status, `${csv.stdout}${csv.stderr}`).toBe(0);
    const lines = readFileSync(join(dir!, 'roster.csv'), 'utf8').split(/\r?\n/);
    expect(lines[1]!.split(',')[8]).toBe(String(sheet.rows[0]!['户主身份证号']!.v));
    expect(lines.join('\n')).not.toMatch(/E\+1[67]/);
  }, 180_000);
});

describe('a decision on the roster by its notice', () => {
  it('an approval whose notice still runs at the end of the month is not paid; one whose notice ended in it is', async () => {
    const { w, sql, cli } = await open();
    // New applications approved at October's meetings whose notice ended in November. The rows hold the
    // households as they were before (applicants): the decision alone makes them paid.
    const approvals = sql<{ household_id: string; batch_id: string; amount_fen: number }>(
      "SELECT c.household_id, b.id AS batch_id, d.amount_fen FROM notice_items i JOIN notice_batches b ON b.id = i.batch_id JOIN cases c ON c.id = i.case_id JOIN decisions d ON d.case_id = c.id AND d.meeting_id = b.meeting_id WHERE c.kind = 'new_application' AND d.outcome = 'approve' AND d.amount_fen > 0 AND c.category IN ('dibao', 'tekun') AND b.end_date BETWEEN '2026-11-01' AND '2026-11-26' AND NOT EXISTS (SELECT 1 FROM objections o WHERE o.batch_id = b.id AND o.case_id = c.id) ORDER BY c.case_no",
    );
    const [ended, running] = [approvals[0]!, approvals.find((a) => a.batch_id !== approvals[0]!.batch_id)!];
    expect(running).toBeDefined();
    for (const a of [ended, running]) expect(sql<{ s: string }>('SELECT assistance_status AS s FROM households WHERE id = ?', a.household_id)[0]!.s).toBe('applicant');
    // The other's notice is (as if) still running on 30 November: posted later, ending 3 December.
    w.handle.sqlite.prepare("UPDATE notice_batches SET start_date = '2026-11-27', end_date = '2026-12-03', status = 'posted' WHERE id = ?").run(running.batch_id);

    const streetOf = sql<{ street_code: string }>('SELECT street_code FROM households WHERE id = ?', ended.household_id)[0]!.street_code;
    const { view } = await rosterData(w.ctx.db, { id: 'x', role: 'bureau_chief', regionCode: DISTRICT }, { month: '2026-12', scope: DISTRICT }, '2026-12-01');
    const on = new Set(view.rows.map((r) => r.householdId));
    expect(on.has(ended.household_id)).toBe(true);
    expect(on.has(running.household_id)).toBe(false);
    // Not on November's roster (read on 31 October, before the notice ended): a 新增 in December.
    const added = view.changes.filter((c) => c.kind === 'added');
    const no = sql<{ household_no: string }>('SELECT household_no FROM households WHERE id = ?', ended.household_id)[0]!.household_no;
    expect(added.find((c) => c.householdNo === no)).toMatchObject({ beforeFen: 0, afterFen: ended.amount_fen });
    const r = await cli('--street', streetOf, '--month', '2026-12', '--json');
    const summary = JSON.parse(r.lines[0]!) as RosterSummary;
    expect(summary.changes.added).toBeGreaterThanOrEqual(1);
    expect(summary.previous.households + summary.changes.added - summary.changes.stopped).toBe(summary.households);
    // January's roster (read on 31 December) pays the second one too, once its notice has ended cleanly.
    const jan = await rosterData(w.ctx.db, { id: 'x', role: 'bureau_chief', regionCode: DISTRICT }, { month: '2027-01', scope: DISTRICT }, '2027-01-01');
    expect(jan.view.rows.some((x) => x.householdId === running.household_id)).toBe(true);
  }, 120_000);
});
