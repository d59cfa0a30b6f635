// The .xlsx exports on the generated district (麓山区, as of 2026-11-20), each written through the
// handler table and read back with @e965/xlsx: headers, one row per database row, 元 as numbers with
// two decimals, dates as dates, ID numbers as 18-character text for the street's own staff and masked
// for the bureau (and audited with their count), a frozen header row, no ID on a notice, and another
// street's meeting or notice refused. One file also goes through LibreOffice to CSV.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as XLSX from '@e965/xlsx';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { standardHeaders } from '../../shared/import/fields';
import { caseCategoryLabels, caseKindLabels } from '../../shared/glossary';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import { listCases } from '../../electron/backend/cases/case-list';
import { caseFields } from '../../electron/backend/exports/cases-export';
import { decisionFields } from '../../electron/backend/exports/decisions-export';
import { noticeFields } from '../../electron/backend/exports/notice-export';
import { sampleFields } from '../../electron/backend/exports/sample-export';
import { FROZEN_SHEET_VIEW } from '../../electron/backend/spreadsheet/xlsx-write';
import { runCli } from '../../electron/backend/cli/run';
import { api } from '../helpers/api';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { partXml, readSheet, readWorkbook, textOf, worksheetXml } from '../helpers/xlsx';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const STREET = '430188001';
const FULL_ID = /^\d{17}[\dX]$/;
const MASKED_ID = /^\d{2}\*{13}[\dX]{3}$/;
const ANY_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;

async function open(username: string) {
  world = await district.world();
  await world.signIn(username);
  const w = world;
  const sql = <T>(query: string, ...params: unknown[]) => w.handle.sqlite.prepare(query).all(...params) as T[];
  const one = <T>(query: string, ...params: unknown[]) => w.handle.sqlite.prepare(query).get(...params) as T;
  return { w, a: api(w.ctx), sql, one };
}

/** The audit entries of exports, newest last. */
function exportAudits(w: DistrictWorld) {
  const rows = w.handle.sqlite.prepare("SELECT entity, entity_id, details_json FROM audit_log WHERE action = 'export.xlsx' ORDER BY seq").all() as { entity: string; entity_id: string; details_json: string }[];
  return rows.map((r) => ({ entity: r.entity, entityId: r.entity_id, details: JSON.parse(r.details_json) as Record<string, unknown>, json: r.details_json }));
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const isDateCell = (cell: XLSX.CellObject | undefined, iso: string) => cell?.t === 'd' && cell.z === 'yyyy-mm-dd' && (cell.v as Date).toISOString().slice(0, 10) === iso;

function expectYuan(cell: XLSX.CellObject | undefined, fen: number | null, what: string) {
  if (fen === null) return expect(cell, what).toBeUndefined();
  expect(cell, what).toMatchObject({ t: 'n', z: '0.00' });
  expect(cell!.v, what).toBe(fen / 100);
}

/** The latest closed meeting of the street, with the decisions a re-entry needs (not superseded, item on the agenda). */
function closedMeeting(one: <T>(q: string, ...p: unknown[]) => T) {
  const m = one<{ id: string; street_code: string; month: string }>("SELECT id, street_code, month FROM meetings WHERE street_code = ? AND status = 'closed' ORDER BY month DESC LIMIT 1", STREET);
  const decided = one<{ n: number }>(
    'SELECT count(*) AS n FROM decisions d JOIN agenda_items a ON a.id = d.agenda_item_id WHERE d.meeting_id = ? AND d.supersedes_id IS NULL AND a.removed = 0',
    m.id,
  ).n;
  return { ...m, decided };
}

describe('the cases grid as filtered', () => {
  it('writes every matching row of the street with full IDs for its caseworker, and audits their count', async () => {
    const { w, a, sql } = await open('st001-staff1');
    const query = { status: 'approved', category: 'dibao' } as const;
    const file = await a.call('exports.cases', query);
    expect(file.path.startsWith(w.ctx.paths.exportDir)).toBe(true);
    expect(file.fileName).toMatch(/^个案清单-\d{8}-\d{6}\.xlsx$/);
    expect(sha256(file.path)).toBe(file.sha256);
    const expected = await listCases(w.ctx.db, STREET, query);
    const count = sql<{ n: number }>("SELECT count(*) AS n FROM cases WHERE street_code = ? AND status = 'approved' AND category = 'dibao'", STREET)[0]!.n;
    expect(expected.length).toBe(count);
    expect(file.rows).toBe(count);

    const sheet = readSheet(file.path);
    expect(sheet.headers).toEqual(caseFields.map((f) => f.header));
    expect(sheet.rows.length).toBe(count);
    const heads = new Map(sql<{ case_no: string; citizen_id: string }>("SELECT c.case_no, m.citizen_id FROM cases c JOIN members m ON m.household_id = c.household_id AND m.relation = 'self' WHERE c.street_code = ?", STREET).map((r) => [r.case_no, r.citizen_id]));
    expected.forEach((c, k) => {
      const row = sheet.rows[k]!;
      expect(textOf(row['案件编号'])).toBe(c.caseNo);
      expect(row['社区代码']).toMatchObject({ t: 's', v: c.communityCode });
      expect(row['户主身份证号']).toMatchObject({ t: 's', v: heads.get(c.caseNo) });
      expect(textOf(row['户主身份证号'])).toMatch(FULL_ID);
      expect(row['人数']).toMatchObject({ t: 'n', v: c.householdSize });
      expect(isDateCell(row['申请日期'], c.appliedOn), c.caseNo).toBe(true);
      expect(isDateCell(row['决定日期'], c.decidedOn!), c.caseNo).toBe(true);
      expectYuan(row['金额（元）'], c.decidedAmountFen, c.caseNo);
      expect(textOf(row['状态'])).toBe('同意');
      expect(textOf(row['救助类别'])).toBe('低保对象');
    });
    expect(worksheetXml(file.path)).toContain(FROZEN_SHEET_VIEW);

    const [audit] = exportAudits(w);
    expect(audit).toMatchObject({ entity: 'region', entityId: STREET, details: { document: 'cases', rows: count, citizenIds: count, sha256: file.sha256, status: 'approved', category: 'dibao' } });
    expect(audit!.json).not.toMatch(ANY_ID);
    expect((await verifyAuditChain(w.handle.db)).ok).toBe(true);
  });

  it('writes the whole district for the bureau with masked IDs, and a search is audited without what was typed', async () => {
    const { w, a, one } = await open('bureau-chief');
    const file = await a.call('exports.cases', {});
    const total = one<{ n: number }>('SELECT count(*) AS n FROM cases').n;
    expect(file.rows).toBe(total);
    const sheet = readSheet(file.path);
    expect(sheet.rows.length).toBe(total);
    expect(sheet.rows.every((r) => MASKED_ID.test(textOf(r['户主身份证号'])))).toBe(true);
    expect(new Set(sheet.rows.map((r) => textOf(r['街道']))).size).toBe(7);

    const head = one<{ name: string }>("SELECT m.name FROM members m JOIN cases c ON c.household_id = m.household_id WHERE m.relation = 'self' AND c.street_code = ? LIMIT 1", STREET).name;
    const found = await a.call('exports.cases', { streetCode: STREET, search: head });
    expect(found.rows).toBe((await listCases(w.ctx.db, '430188', { streetCode: STREET, search: head })).length);
    const audits = exportAudits(w);
    expect(audits[0]!.details).not.toHaveProperty('citizenIds');
    expect(audits[1]).toMatchObject({ entityId: STREET, details: { searched: true } });
    expect(audits[1]!.json).not.toContain(head);
  });

  it('gives a street user nothing of another street, even when asked by code', async () => {
    const { a } = await open('st001-staff1');
    const file = await a.call('exports.cases', { streetCode: '430188002' });
    expect(file.rows).toBe(0);
    expect(readSheet(file.path).headers).toEqual(caseFields.map((f) => f.header));
  });
});

describe("a closed meeting's decisions", () => {
  it('writes one row per decision in agenda order, amounts in 元, the meeting day as a date, full IDs for the street', async () => {
    const { w, a, sql, one } = await open('st001-staff1');
    const meeting = closedMeeting(one);
    const file = await a.call('exports.decisions', { meetingId: meeting.id });
    expect(file.fileName).toMatch(new RegExp(`^决定-${STREET}-${meeting.month}-第\\d+期\\.xlsx$`));
    expect(file.rows).toBe(meeting.decided);
    const sheet = readSheet(file.path);
    expect(sheet.headers).toEqual(decisionFields.map((f) => f.header));
    expect(sheet.headers).toEqual(['序号', '个案编号', '社区代码', '社区（村）', '户主姓名', '户主身份证号', '救助类别', '事项', '家庭人口', '审议结果', '原月救助金（元）', '核定救助金（元）', '会议日期', '理由/备注']);
    expect(sheet.rows.map((r) => r['序号']?.v)).toEqual(sheet.rows.map((_, k) => k + 1));

    const stored = new Map(
      sql<{ case_no: string; outcome: string; amount_fen: number | null; current_amount_fen: number | null; citizen_id: string; category: string; kind: string }>(
        `SELECT c.case_no, d.outcome, d.amount_fen, c.current_amount_fen, m.citizen_id, c.category, c.kind FROM decisions d JOIN cases c ON c.id = d.case_id
         JOIN members m ON m.household_id = c.household_id AND m.relation = 'self' WHERE d.meeting_id = ? AND d.supersedes_id IS NULL`,
        meeting.id,
      ).map((r) => [r.case_no, r]),
    );
    const day = one<{ at: string }>('SELECT coalesce(opened_at, scheduled_at) AS at FROM meetings WHERE id = ?', meeting.id).at;
    const meetingDay = new Date(Date.parse(day) + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const row of sheet.rows) {
      const d = stored.get(textOf(row['个案编号']))!;
      expect(d, textOf(row['个案编号'])).toBeDefined();
      expect(row['户主身份证号']).toMatchObject({ t: 's', v: d.citizen_id });
      expect(textOf(row['户主身份证号'])).toMatch(FULL_ID);
      expect(textOf(row['审议结果'])).toBe({ approve: '同意', reject: '不同意', defer: '暂缓' }[d.outcome]);
      expect(textOf(row['救助类别'])).toBe(caseCategoryLabels[d.category as keyof typeof caseCategoryLabels]);
      expect(textOf(row['事项'])).toBe(caseKindLabels[d.kind as keyof typeof caseKindLabels]);
      expectYuan(row['原月救助金（元）'], d.current_amount_fen, 'current');
      expectYuan(row['核定救助金（元）'], d.outcome === 'approve' ? d.amount_fen : null, 'decided');
      expect(isDateCell(row['会议日期'], meetingDay)).toBe(true);
    }
    expect(worksheetXml(file.path)).toContain(FROZEN_SHEET_VIEW);
    expect(exportAudits(w)).toEqual([expect.objectContaining({ entity: 'meeting', entityId: meeting.id, details: expect.objectContaining({ document: 'decisions', rows: meeting.decided, citizenIds: meeting.decided }) })]);
    expect(exportAudits(w)[0]!.json).not.toMatch(ANY_ID);
  });

  it('masks the IDs for the bureau, which reads the meeting but may not write its cases', async () => {
    const { w, a, one } = await open('bureau-insp1');
    const meeting = closedMeeting(one);
    const file = await a.call('exports.decisions', { meetingId: meeting.id });
    const ids = readSheet(file.path).rows.map((r) => textOf(r['户主身份证号']));
    expect(ids.length).toBe(meeting.decided);
    expect(ids.every((id) => MASKED_ID.test(id))).toBe(true);
    expect(exportAudits(w)[0]!.details).not.toHaveProperty('citizenIds');
  });

  it("refuses another street's meeting, an unknown one and one not yet closed, in Chinese", async () => {
    const { w, a, one } = await open('st002-staff1');
    const meeting = closedMeeting(one);
    await a.refused('exports.decisions', { meetingId: meeting.id }, 'forbidden', /不在您的管辖范围内/);
    await a.refused('exports.decisions', { meetingId: 'no-such-meeting' }, 'not-found', /没有找到这次会议/);
    await w.signIn('st001-staff1');
    const roster = await a.call('meetings.roster', {});
    const draft = await a.call('meetings.create', {
      month: '2026-11',
      venue: '街道办事处会议室',
      scheduledAt: '2026-11-25T09:00',
      chairMemberId: roster.find((m) => m.position === 'chair')!.id,
      recorderMemberId: roster.find((m) => m.position === 'recorder')!.id,
      alsoThisMonth: true,
    });
    await a.refused('exports.decisions', { meetingId: draft.id }, 'conflict', /会议结束后才能导出决定/);
    expect(exportAudits(w)).toEqual([]);
  });
});

describe('a notice batch', () => {
  it('has the notice columns only, masked names and no ID anywhere, and the same bytes when exported again', async () => {
    const { w, a, one, sql } = await open('st001-staff1');
    const batch = one<{ id: string; community_code: string; start_date: string }>(
      'SELECT b.id, b.community_code, b.start_date FROM notice_batches b WHERE b.street_code = ? AND (SELECT count(*) FROM notice_items i WHERE i.batch_id = b.id) > 2 ORDER BY b.start_date DESC LIMIT 1',
      STREET,
    );
    const items = sql<{ name: string; amount_fen: number | null; kind: string }>(
      `SELECT m.name, d.amount_fen, c.kind FROM notice_items i JOIN notice_batches b ON b.id = i.batch_id JOIN cases c ON c.id = i.case_id
       JOIN members m ON m.household_id = c.household_id AND m.relation = 'self'
       LEFT JOIN decisions d ON d.case_id = c.id AND d.meeting_id = b.meeting_id AND d.supersedes_id IS NULL WHERE i.batch_id = ? ORDER BY i.seq`,
      batch.id,
    );
    const file = await a.call('exports.notice', { batchId: batch.id });
    expect(file.fileName).toBe(`公示-${batch.community_code}-${batch.start_date}.xlsx`);
    const sheet = readSheet(file.path);
    expect(sheet.headers).toEqual(noticeFields.map((f) => f.header));
    expect(sheet.headers).toEqual(['序号', '社区', '户主姓名', '保障人数', '月保障金额（元）', '救助类别', '变动类型']);
    expect(sheet.headers.some((h) => /身份证|电话|住址|收入/.test(h))).toBe(false);
    expect(sheet.rows.length).toBe(items.length);
    sheet.rows.forEach((row, k) => {
      const item = items[k]!;
      // Masked as the settings say (张*三 / 张*): never the full name of a name longer than one character.
      expect(textOf(row['户主姓名'])).toContain('*');
      expect(textOf(row['户主姓名'])[0]).toBe(item.name[0]);
      expectYuan(row['月保障金额（元）'], item.kind === 'termination' ? 0 : (item.amount_fen ?? 0), 'amount');
    });
    const xml = worksheetXml(file.path);
    expect(xml).toContain(FROZEN_SHEET_VIEW);
    // Nothing in the file's text: no ID number, and no head's full name.
    const strings = partXml(file.path, 'xl/sharedStrings.xml');
    expect(strings).not.toMatch(ANY_ID);
    for (const item of items) expect(strings).not.toContain(`>${item.name}<`);

    const again = await a.call('exports.notice', { batchId: batch.id });
    expect(again.sha256).toBe(file.sha256);
    expect(exportAudits(w).map((e) => e.details)).toEqual([expect.not.objectContaining({ citizenIds: expect.anything() }), expect.objectContaining({ document: 'notice' })]);

    await w.signIn('st002-staff1');
    await a.refused('exports.notice', { batchId: batch.id }, 'forbidden', /不在您的管辖范围内/);
    await a.refused('exports.notice', { batchId: 'no-such-batch' }, 'not-found', /没有找到这一批公示/);
  });
});

describe("a draw's sample", () => {
  it('writes each sampled case with its finding and ordered correction; street users may not export it', async () => {
    const { w, a, one } = await open('bureau-chief');
    const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: [STREET] };
    const frame = await a.call('spotchecks.frame', { query, rate: 30 });
    const draw = await a.call('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '31415926535897932384' } });
    let d = await a.call('spotchecks.autoAssign', { drawId: draw.id });
    const [ok, wrong] = d.items;
    d = await a.call('spotchecks.recordFinding', { itemId: ok!.id, method: 'data_check', inspectedOn: '2026-11-20', finding: 'compliant', notes: '' });
    d = await a.call('spotchecks.recordFinding', { itemId: wrong!.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: 'wrong_amount', notes: '家庭人口减少后未调整金额' });
    const finding = d.items.find((i) => i.id === wrong!.id)!.finding!;
    d = await a.call('spotchecks.orderCorrection', { findingId: finding.id, requirement: '按现有人口重新核定金额', orderedOn: '2026-11-20', deadline: '2026-12-20' });

    const file = await a.call('exports.sample', { drawId: draw.id });
    const sampled = one<{ n: number }>('SELECT count(*) AS n FROM spot_check_items WHERE draw_id = ?', draw.id).n;
    expect(file.rows).toBe(sampled);
    const sheet = readSheet(file.path);
    expect(sheet.headers).toEqual(sampleFields.map((f) => f.header));
    expect(sheet.rows.length).toBe(sampled);
    expect(sheet.rows.map((r) => textOf(r['个案编号']))).toEqual(d.items.map((i) => i.caseNo));
    const row = (caseNo: string) => sheet.rows.find((r) => textOf(r['个案编号']) === caseNo)!;
    expect(textOf(row(ok!.caseNo)['核查结论'])).toBe('符合');
    const bad = row(wrong!.caseNo);
    expect(textOf(bad['核查结论'])).toBe('金额不准');
    expect(textOf(bad['整改要求'])).toBe('按现有人口重新核定金额');
    expect(textOf(bad['整改状态'])).toBe('整改中');
    expect(isDateCell(bad['核查日期'], '2026-11-20')).toBe(true);
    expect(isDateCell(bad['整改期限'], '2026-12-20')).toBe(true);
    expect(textOf(bad['抽查人员'])).toBe(`${wrong!.inspectorA!.name}、${wrong!.inspectorB!.name}`);
    for (const item of d.items) {
      expectYuan(row(item.caseNo)['核定金额（元）'], item.amountFen, item.caseNo);
      if (item.decidedOn) expect(isDateCell(row(item.caseNo)['决定日期'], item.decidedOn)).toBe(true);
    }
    expect(sheet.headers.some((h) => /身份证/.test(h))).toBe(false);
    expect(worksheetXml(file.path)).toContain(FROZEN_SHEET_VIEW);
    expect(exportAudits(w)).toEqual([expect.objectContaining({ entity: 'spot_check_draw', entityId: draw.id, details: expect.objectContaining({ document: 'sample', rows: sampled }) })]);

    await w.signIn('st001-staff1');
    await a.refused('exports.sample', { drawId: draw.id }, 'forbidden', /只有区民政局的工作人员/);
  });
});

describe('the standard import template', () => {
  it('carries the standard headers exactly, Text-formatted ID and code columns, and 填写说明 with the allowed words', async () => {
    const { a } = await open('st001-staff1');
    const file = await a.call('imports.template', {});
    expect(file.rows).toBe(0);
    const wb = readWorkbook(file.path);
    expect(wb.SheetNames).toEqual(['导入数据', '填写说明']);
    const data = readSheet(file.path, '导入数据');
    expect(data.headers).toEqual([...standardHeaders]);
    expect(data.rows).toEqual([]);
    const xml = worksheetXml(file.path, 1);
    expect(xml).toContain(FROZEN_SHEET_VIEW);
    for (const header of ['社区代码', '户主身份证号', '身份证号', '联系电话']) {
      const k = standardHeaders.indexOf(header) + 1;
      expect(xml, header).toMatch(new RegExp(`<col min="${k}" max="${k}" style="\\d+"`));
    }
    const income = standardHeaders.indexOf('家庭月总收入（元）') + 1;
    expect(xml).not.toMatch(new RegExp(`<col min="${income}" max="${income}" style=`));

    const guide = readSheet(file.path, '填写说明');
    expect(guide.headers).toEqual(['列名', '填写要求', '可以填写的内容']);
    const allowed = (header: string) => textOf(guide.rows.find((r) => textOf(r['列名']) === header)?.['可以填写的内容']);
    expect(guide.rows.map((r) => textOf(r['列名'])).slice(1)).toEqual([...standardHeaders]);
    expect(allowed('与户主关系')).toBe('本人、配偶、子女、父母、兄弟姐妹、祖父母、孙子女、其他');
    expect(allowed('救助类别')).toBe(Object.values(caseCategoryLabels).join('、'));
    expect(allowed('事项')).toBe(Object.values(caseKindLabels).join('、'));
    expect(allowed('申请日期')).toContain('2026-11-05 或 2026年11月5日');
  });
});

describe('the CLI', () => {
  it('exports as a named user and writes the template, printing the path and the row count', async () => {
    const { w, one } = await open('st001-staff1');
    const meeting = closedMeeting(one);
    const dir = mkdtempSync(join(tmpdir(), 'jrd-export-cli-'));
    try {
      const lines: string[] = [];
      const errors: string[] = [];
      const out = join(dir, 'decisions.xlsx');
      expect(await runCli(['export', '--db', w.handle.file, '--as', 'st001-staff1', '--what', 'decisions', '--meeting', meeting.id, '--out', out], (l) => lines.push(l), (l) => errors.push(l))).toBe(0);
      expect(lines[0]).toMatch(new RegExp(`^${out}\\t${meeting.decided} rows\\t\\d+ bytes\\tsha256 [0-9a-f]{64}$`));
      expect(readSheet(out).rows.length).toBe(meeting.decided);
      expect(await runCli(['export', '--db', w.handle.file, '--what', 'decisions', '--meeting', meeting.id], () => undefined, (l) => errors.push(l))).toBe(2);
      expect(errors.pop()).toMatch(/--as is required/);
      expect(await runCli(['export', '--db', w.handle.file, '--as', 'st002-staff1', '--what', 'decisions', '--meeting', meeting.id], () => undefined, (l) => errors.push(l))).toBe(1);
      expect(errors.pop()).toMatch(/不在您的管辖范围内 \[forbidden\]/);
      expect(await runCli(['export', '--db', w.handle.file, '--as', 'st001-staff1', '--what', 'notice', '--meeting', meeting.id], () => undefined, (l) => errors.push(l))).toBe(2);
      expect(await runCli(['import-template', '--out', join(dir, 't.xlsx')], (l) => lines.push(l))).toBe(0);
      expect(lines[1]).toMatch(/t\.xlsx\t0 rows\t/);
      expect(readSheet(join(dir, 't.xlsx')).headers).toEqual([...standardHeaders]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('LibreOffice reading an export', () => {
  it('keeps an 18-digit ID number as text when converting the decisions to CSV', async () => {
    const soffice = '/usr/bin/soffice';
    if (!existsSync(soffice)) throw new Error('this test needs LibreOffice Calc: sudo apt-get install -y libreoffice-calc-nogui');
    const { a, one } = await open('st001-staff1');
    const file = await a.call('exports.decisions', { meetingId: closedMeeting(one).id });
    const dir = mkdtempSync(join(tmpdir(), 'jrd-soffice-'));
    try {
      // UTF-8, comma-separated, cells as shown (so 元 keep their two decimals).
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true';
      const r = spawnSync(soffice, ['--headless', '--convert-to', filter, '--outdir', dir, file.path], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir } });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      const csv = readFileSync(join(dir, file.fileName.replace(/\.xlsx$/, '.csv')), 'utf8').split(/\r?\n/);
      expect(csv[0]).toBe(decisionFields.map((f) => f.header).join(','));
      const ids = readSheet(file.path).rows.map((row) => textOf(row['户主身份证号']));
      expect(ids[0]).toMatch(FULL_ID);
      expect(csv[1]!.split(',')[5]).toBe(ids[0]);
      expect(csv.slice(1).filter((l) => l !== '').map((l) => l.split(',')[5])).toEqual(ids);
      expect(csv.join('\n')).not.toMatch(/E\+1[67]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
