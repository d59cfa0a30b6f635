// Inspecting a drawn sample on a real database: pairs of inspectors, findings, corrections to the
// street office with deadlines, progress per street, and the worksheet, report and record PDFs read
// back with poppler.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DrawDetail } from '../../shared/spotcheck';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import { fixedClock } from '../../electron/backend/clock';
import { api } from '../helpers/api';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { pdfPages, pdfText } from '../helpers/pdf';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const DICE = '31415926535897932384';
const flat = (s: string) => s.replace(/\s+/g, '');

async function drawn() {
  world = await district.world();
  const w = world;
  await w.signIn('bureau-chief');
  const a = api(w.ctx);
  const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001', '430188002'] };
  const frame = await a.call('spotchecks.frame', { query, rate: 30 });
  const draw = await a.call('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });
  /** The API as of another day (findings and corrections come later than the draw). */
  const on = (day: string) => api({ ...w.ctx, clock: fixedClock(`${day}T10:00:00+08:00`) });
  return { w, a, draw, on };
}

const count = (w: DistrictWorld, sql: string, ...p: unknown[]) => (w.handle.sqlite.prepare(sql).get(...p) as { n: number }).n;

describe('inspection', () => {
  it('pairs the inspectors street by street, and only assigned inspectors record findings', async () => {
    const { w, a, draw, on } = await drawn();
    const item = draw.items[0]!;
    await a.refused('spotchecks.recordFinding', { itemId: item.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: 'compliant', notes: '' }, 'conflict', /先为这件个案分配/);
    const assigned = await a.call('spotchecks.autoAssign', { drawId: draw.id });
    expect(assigned.items.every((i) => i.inspectorA && i.inspectorB && i.inspectorA.id !== i.inspectorB.id)).toBe(true);
    for (const street of new Set(assigned.items.map((i) => i.streetCode))) {
      const pairs = new Set(assigned.items.filter((i) => i.streetCode === street).map((i) => `${i.inspectorA!.id}/${i.inspectorB!.id}`));
      expect(pairs.size, `one pair per street ${street}`).toBe(1);
    }
    expect(assigned.progress.every((p) => p.assigned === p.approved.sampled + p.rejected.sampled)).toBe(true);

    const mine = assigned.items[0]!;
    const inspectorNames = w.handle.sqlite.prepare("SELECT username FROM users WHERE id IN (?, ?)").pluck().all(mine.inspectorA!.id, mine.inspectorB!.id) as string[];
    const stranger = (w.handle.sqlite.prepare("SELECT username FROM users WHERE role = 'bureau_inspector' ORDER BY username").pluck().all() as string[]).find((u) => !inspectorNames.includes(u))!;
    await w.signIn(stranger);
    await a.refused('spotchecks.recordFinding', { itemId: mine.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: 'compliant', notes: '' }, 'forbidden', /分配到这件个案/);
    await w.signIn(inspectorNames[0]!);
    await a.refused('spotchecks.autoAssign', { drawId: draw.id }, 'forbidden', /科长/);
    await on('2026-11-24').refused('spotchecks.recordFinding', { itemId: mine.id, method: 'home_visit', inspectedOn: '2026-11-25', finding: 'compliant', notes: '' }, 'validation', /晚于今天/);
    await on('2026-11-24').refused('spotchecks.recordFinding', { itemId: mine.id, method: 'home_visit', inspectedOn: '2026-11-19', finding: 'compliant', notes: '' }, 'validation', /早于抽样日期/);
    await on('2026-11-24').refused('spotchecks.recordFinding', { itemId: mine.id, method: 'home_visit', inspectedOn: '2026-11-24', finding: 'wrongly_included', notes: '' }, 'invalid-args', /写明核查情况/);
    const after = await on('2026-11-24').call('spotchecks.recordFinding', { itemId: mine.id, method: 'home_visit', inspectedOn: '2026-11-24', finding: 'compliant', notes: '' });
    expect(after.items.find((i) => i.id === mine.id)?.finding).toMatchObject({ finding: 'compliant', method: 'home_visit', inspectedOn: '2026-11-24', inspectorA: mine.inspectorA, inspectorB: mine.inspectorB });
    expect(after.inspected).toBe(1);
    expect(count(w, "SELECT count(*) AS n FROM outbox WHERE name = 'spotchecks.recordFinding'")).toBe(1);
    expect(count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'spotcheck.finding' AND entity_id = ?", mine.id)).toBe(1);
  });

  it('orders a correction for a problem, with a deadline, and closes it with its result; progress per street counts them', async () => {
    const { w, a, draw, on } = await drawn();
    let d: DrawDetail = await a.call('spotchecks.autoAssign', { drawId: draw.id });
    const [ok, wrong, amount] = d.items.filter((i) => i.streetCode === '430188001');
    const day = on('2026-11-25');
    d = await day.call('spotchecks.recordFinding', { itemId: ok!.id, method: 'data_check', inspectedOn: '2026-11-25', finding: 'compliant', notes: '' });
    d = await day.call('spotchecks.recordFinding', { itemId: wrong!.id, method: 'home_visit', inspectedOn: '2026-11-25', finding: 'wrongly_included', notes: '户主之子在外务工月收入约 4,500 元，未申报' });
    d = await day.call('spotchecks.recordFinding', { itemId: amount!.id, method: 'phone', inspectedOn: '2026-11-25', finding: 'wrong_amount', notes: '家庭人口变化后未调整保障金额' });
    const okFinding = d.items.find((i) => i.id === ok!.id)!.finding!;
    const wrongFinding = d.items.find((i) => i.id === wrong!.id)!.finding!;
    await day.refused('spotchecks.orderCorrection', { findingId: okFinding.id, requirement: '无', orderedOn: '2026-11-25', deadline: '2026-12-25' }, 'validation', /符合/);
    await day.refused('spotchecks.orderCorrection', { findingId: wrongFinding.id, requirement: '停发', orderedOn: '2026-11-25', deadline: '2026-11-20' }, 'invalid-args', /期限/);
    d = await day.call('spotchecks.orderCorrection', { findingId: wrongFinding.id, requirement: '核减收入后重新认定，停发多发的保障金并追回', orderedOn: '2026-11-25', deadline: '2026-12-25' });
    await day.refused('spotchecks.orderCorrection', { findingId: wrongFinding.id, requirement: '再下一次', orderedOn: '2026-11-25', deadline: '2026-12-25' }, 'conflict', /未完成/);
    const correction = d.items.find((i) => i.id === wrong!.id)!.finding!.correction!;
    expect(correction).toMatchObject({ status: 'open', deadline: '2026-12-25', closedOn: null });
    const street = () => d.progress.find((p) => p.streetCode === '430188001')!;
    expect(street()).toMatchObject({ inspected: 3, correctionsOpen: 1, correctionsDone: 0 });
    expect(street().findings).toMatchObject({ compliant: 1, wrongly_included: 1, wrong_amount: 1, favouritism: 0 });

    await on('2026-12-10').refused('spotchecks.closeCorrection', { correctionId: correction.id, result: '已停发', closedOn: '2026-11-24' }, 'validation', /早于下达日期/);
    d = await on('2026-12-10').call('spotchecks.closeCorrection', { correctionId: correction.id, result: '已重新认定，停发并追回多发的 3 个月保障金', closedOn: '2026-12-08' });
    expect(street()).toMatchObject({ correctionsOpen: 0, correctionsDone: 1 });
    await on('2026-12-10').refused('spotchecks.closeCorrection', { correctionId: correction.id, result: '再登记', closedOn: '2026-12-09' }, 'conflict', /已经登记完成/);
    expect(count(w, "SELECT count(*) AS n FROM corrections WHERE status = 'done' AND closed_on = '2026-12-08'")).toBe(1);
    expect(count(w, "SELECT count(*) AS n FROM outbox WHERE name IN ('spotchecks.orderCorrection', 'spotchecks.closeCorrection')")).toBe(2);
    expect((await verifyAuditChain(w.handle.db)).ok).toBe(true);
    // Findings stay as recorded: the database refuses to change or delete one.
    expect(() => w.handle.sqlite.prepare("UPDATE spot_check_findings SET finding = 'compliant'").run()).toThrow(/kept/);
  });

  it('prints the worksheet, the report and the one-page record with what each must say, and no ID numbers or phones', async () => {
    const { w, a, draw, on } = await drawn();
    await a.call('spotchecks.autoAssign', { drawId: draw.id });
    const target = draw.items.find((i) => i.outcome === 'approved')!;
    let d = await on('2026-11-26').call('spotchecks.recordFinding', { itemId: target.id, method: 'home_visit', inspectedOn: '2026-11-26', finding: 'favouritism', notes: '与村干部系亲戚关系，家庭收入超过标准' });
    d = await on('2026-11-26').call('spotchecks.orderCorrection', { findingId: d.items.find((i) => i.id === target.id)!.finding!.id, requirement: '取消认定，追回已发放资金', orderedOn: '2026-11-26', deadline: '2026-12-26' });

    const ids = w.handle.sqlite.prepare('SELECT citizen_id FROM members').pluck().all() as string[];
    const phones = w.handle.sqlite.prepare('SELECT phone FROM households').pluck().all() as string[];
    const clean = (text: string) => {
      expect(text).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      const f = flat(text);
      for (const id of ids.slice(0, 200)) expect(f).not.toContain(id);
      for (const phone of phones.slice(0, 200)) expect(f).not.toContain(phone);
    };

    const worksheet = await a.call('spotchecks.worksheetPdf', { drawId: draw.id });
    const ws = pdfText(worksheet.path);
    clean(ws);
    for (const i of d.items) {
      expect(flat(ws), i.caseNo).toContain(i.caseNo);
      expect(flat(ws)).toContain(i.headName);
    }
    for (const word of ['核查工作底稿（望江街道）', '核查工作底稿（枫林街道）', '核查要点', '有无错保', '有无漏保', '□入户', '不得张贴']) expect(flat(ws)).toContain(word);
    const one = await a.call('spotchecks.worksheetPdf', { drawId: draw.id, streetCode: '430188002' });
    expect(flat(pdfText(one.path))).not.toContain('望江街道）');

    const report = await a.call('spotchecks.reportPdf', { drawId: draw.id });
    const rt = flat(pdfText(report.path));
    clean(pdfText(report.path));
    for (const word of ['抽查情况报告', '望江街道', '枫林街道', '人情保', target.caseNo, '整改中', DICE, d.manifestSha256, 'consistent-sampler-sha256-v1', 'sampleverify']) expect(rt, word).toContain(word);
    expect(rt).not.toContain(target.headName);
    for (const p of d.progress) {
      expect(rt).toContain(`${p.streetName}${p.approved.population}${p.approved.sampled}`);
    }

    const record = await a.call('spotchecks.recordPdf', { drawId: draw.id });
    expect(pdfPages(record.path)).toBe(1);
    const rec = flat(pdfText(record.path));
    for (const word of ['抽查抽样记录', DICE, d.manifestSha256, '掷骰', '监督人（签字）']) expect(rec, word).toContain(word);
    expect(count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'pdf.print' AND entity = 'spot_check_draw'")).toBe(4);
  });
});
