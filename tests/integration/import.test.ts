// Importing applications from a spreadsheet on a real database: the rows become exactly what 受理 makes,
// through cases.import and the intake body; every refused row is named by its row and column and nothing
// is written; a second import of the same file adds nothing; a bureau account cannot import.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { standardHeaders } from '../../shared/import/fields';
import type { ImportReport } from '../../shared/import/report';
import type { SavedFile } from '../../shared/saved-file';
import { createHandlerTable } from '../../electron/backend/handlers';
import { freshDatabase } from '../helpers/db';
import { NOW, seedMinimal, testContext } from '../helpers/minimal';
import { templateRows, templateXlsx } from '../helpers/import-file';
import { readSpreadsheet } from '../../electron/backend/spreadsheet/workbook-read';
import { withWriteTurn } from '../../electron/backend/db/write-lock';

const id = (first17: string) => first17 + citizenIdCheckChar(first17);
const HEAD = id('43018819700312001');
const WIFE = id('43018819720815002');
const CHILD = id('43018820100101004');
const OTHER_HEAD = id('43018819500101003');

function csv(rows: string[][]): string {
  return [standardHeaders.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

const person = (over: Partial<Record<'community' | 'head' | 'name' | 'id' | 'relation' | 'category' | 'kind' | 'date' | 'income' | 'phone' | 'address', string>>) => {
  const p = { community: '430188001001', head: HEAD, name: '周建国', id: HEAD, relation: '本人', category: '低保对象', kind: '新申请', date: '2026-11-05', income: '1200.50', phone: '13800138000', address: '望江路12号', ...over };
  return [p.community, p.head, p.name, p.id, p.relation, p.category, p.kind, p.date, p.income, p.phone, p.address];
};

const family = [
  person({}),
  person({ name: '刘芳', id: WIFE, relation: '配偶' }),
  person({ name: '周子涵', id: CHILD, relation: '子女' }),
  person({ head: OTHER_HEAD, id: OTHER_HEAD, name: '李老汉', category: '特困人员', date: '2026年11月6日', income: '0', phone: '0731-8888888', address: '江边村3组' }),
];

async function world() {
  const t = await freshDatabase();
  seedMinimal(t.handle);
  t.handle.sqlite.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188001002', '江村', 'community', '430188001', 2024, ?)").run(NOW);
  t.handle.sqlite.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188002', '临江街道', 'street', '430188', 2024, ?), ('430188002001', '临江社区', 'community', '430188002', 2024, ?)").run(NOW, NOW);
  const ctx = testContext(t.handle, t.dir);
  const registry = createHandlerTable(ctx, { checkResults: true });
  const count = (table: string) => t.handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const check = async (text: string | Uint8Array, fileName = 'a.csv') => {
    const r = await registry.invoke('imports.check', { fileName, contentBase64: Buffer.from(text).toString('base64') });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ImportReport;
  };
  const refusedFile = async (bytes: Uint8Array, fileName = 'a.xlsx') => {
    const r = await registry.invoke('imports.check', { fileName, contentBase64: Buffer.from(bytes).toString('base64') });
    if (r.ok) throw new Error('should have been refused');
    return r.error.message;
  };
  const run = async (token: string) => {
    const r = await registry.invoke('imports.run', { token });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ImportReport;
  };
  return { t, ctx, registry, count, check, run, refusedFile, cleanup: () => t.cleanup() };
}
let current: Awaited<ReturnType<typeof world>> | null = null;
afterEach(async () => {
  await current?.cleanup();
  current = null;
});
const open = async () => (current = await world());

describe('import from a spreadsheet', () => {
  it('checks without writing, then imports what intake makes, and a second import adds nothing', async () => {
    const w = await open();
    const report = await w.check(csv(family));
    expect(report).toMatchObject({ rows: 4, households: 2, accepted: 4, refused: [], written: false, mapping: '标准模板', format: 'csv', encoding: 'utf-8' });
    expect(w.count('cases')).toBe(0);
    expect(w.count('outbox')).toBe(0);
    const done = await w.run(report.token);
    expect(done).toMatchObject({ written: true, added: { households: 2, members: 4, cases: 2 } });
    expect(w.count('members')).toBe(4);
    const c = w.t.handle.sqlite.prepare("SELECT c.kind, c.category, c.applied_on, c.declared_income_fen, c.status, h.area_type, h.phone FROM cases c JOIN households h ON h.id = c.household_id ORDER BY c.case_no").all();
    expect(c).toEqual([
      { kind: 'new_application', category: 'dibao', applied_on: '2026-11-05', declared_income_fen: 120050, status: 'pending', area_type: 'urban', phone: '13800138000' },
      { kind: 'new_application', category: 'tekun', applied_on: '2026-11-06', declared_income_fen: 0, status: 'pending', area_type: 'urban', phone: '0731-8888888' },
    ]);
    expect(w.count('outbox')).toBe(1);
    const again = await w.check(csv(family));
    expect(again).toMatchObject({ rows: 4, accepted: 4, unchanged: 4, refused: [] });
    const second = await w.run(again.token);
    expect(second.added).toEqual({ households: 0, members: 0, cases: 0 });
    expect(w.count('cases')).toBe(2);
  });

  it('names every refused row by row and column and writes nothing', async () => {
    const w = await open();
    const rows = [
      ...family,
      person({ head: id('43018819800101005'), id: id('43018819800101005').slice(0, 17) + (citizenIdCheckChar(id('43018819800101005').slice(0, 17)) === '1' ? '2' : '1'), name: '错号' }),
      person({ head: id('43018819810101006'), id: id('43018819810101006'), name: '外街', community: '430188002001' }),
      person({ head: id('43018819820101007'), id: id('43018819820101007'), name: '五保', category: '五保户' }),
      person({ head: id('43018819830101008'), id: id('43018819830101008'), name: '坏日期', date: '2026-13-45' }),
      person({ head: id('43018819840101009'), id: id('43018819840101009'), name: '未来', date: '2026-12-25' }),
      person({ head: id('43018819850101000'), id: id('43018819850101000'), name: '负数', income: '-5' }),
      person({ head: id('43018819860101001'), id: '4.30188E+17', name: '科学' }),
    ];
    const report = await w.check(csv(rows));
    const at = report.refused.map((r) => [r.row, r.column]);
    expect(at).toEqual(expect.arrayContaining([[6, '身份证号'], [7, '社区代码'], [8, '救助类别'], [9, '申请日期'], [10, '申请日期'], [11, '家庭月总收入（元）'], [12, '身份证号']]));
    expect(report.refused.find((r) => r.row === 12)?.message).toContain('丢失');
    expect(report.refused.find((r) => r.row === 10)?.message).toContain('晚于今天');
    const done = await w.run(report.token);
    expect(done.written).toBe(false);
    expect(w.count('cases')).toBe(0);
    expect(w.count('households')).toBe(0);
  });

  it('refuses two heads, a person on another household, and a file that is not a spreadsheet', async () => {
    const w = await open();
    await w.run((await w.check(csv([person({ head: OTHER_HEAD, id: OTHER_HEAD, name: '李老汉' })]))).token);
    const heads = await w.check(csv([person({}), person({ name: '刘芳', id: WIFE, relation: '本人' })]));
    expect(heads.refused.map((r) => [r.row, r.column, r.message.includes('只能有一位')])).toEqual([[3, '与户主关系', true]]);
    const elsewhere = await w.check(csv([person({}), person({ name: '李老汉', id: OTHER_HEAD, relation: '父母' })]));
    expect(elsewhere.refused).toEqual([{ row: 3, column: '身份证号', message: expect.stringContaining('已登记在另一户') }]);
    expect(await w.refusedFile(Buffer.from('%PDF-1.7\n\0\0binary'))).toContain('不是电子表格');
    expect(w.count('cases')).toBe(1);
  });

  it('hands back the refused rows as a workbook: row, column and reason for each', async () => {
    const w = await open();
    const report = await w.check(csv([...family, person({ head: id('43018819830101008'), id: id('43018819830101008'), name: '坏日期', date: '2026-13-45' })]));
    const r = await w.registry.invoke('imports.refusals', { token: report.token });
    if (!r.ok) throw new Error(r.error.message);
    const saved = r.value as SavedFile;
    const book = XLSX.read(readFileSync(saved.path));
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]).toEqual(['行号', '列', '不能导入的原因']);
    expect(rows.slice(1)).toEqual(report.refused.map((x) => [x.row, x.column, x.message]));
    expect(saved.rows).toBe(1);
    // Another account cannot read this check's refusals (they name people).
    w.t.handle.sqlite.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-2', 'staff2', '李经办', 'street_staff', '430188001', ?)").run(NOW);
    const other = await w.registry.invoke('imports.refusals', { token: report.token }, { as: { id: 'u-2', username: 'staff2', name: '李经办', role: 'street_staff', regionCode: '430188001' } as never });
    expect(other.ok).toBe(false);
  });

  it('refuses a body over the limit and a workbook that unpacks to hundreds of megabytes, before parsing either', async () => {
    const w = await open();
    const over = await w.registry.invoke('imports.check', { fileName: 'big.xlsx', contentBase64: 'A'.repeat(28 * 1024 * 1024) });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.message).toContain('20 MB');
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/xl/worksheets/sheet1.xml', Buffer.alloc(450 * 1024 * 1024, 32));
    const bomb = XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer;
    expect(await w.refusedFile(bomb)).toMatch(/解压后超过 200 MB/);
  }, 60_000);

  it('refuses a zip whose directory lies about its sizes, a sheet hundreds of columns wide, and rows past the limit when the dimension is missing', async () => {
    const w = await open();
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/xl/worksheets/sheet1.xml', Buffer.alloc(210 * 1024 * 1024, 32));
    const bomb = Buffer.from(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer);
    // Every declared uncompressed size set to 0: only inflating the data tells its size.
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = bomb.readUInt32LE(i);
      if (sig === 0x04034b50) bomb.writeUInt32LE(0, i + 22);
      if (sig === 0x02014b50) bomb.writeUInt32LE(0, i + 24);
    }
    expect(await w.refusedFile(bomb)).toMatch(/解压后超过 200 MB/);

    const wide = XLSX.utils.aoa_to_sheet([['a'], ['b']]);
    wide[XLSX.utils.encode_cell({ r: 1, c: 300 })] = { t: 's', v: 'x' };
    wide['!ref'] = 'A1:KO2';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, wide, 'S');
    expect(await w.refusedFile(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)).toMatch(/301 列，超过 256 列/);
    expect(await w.refusedFile(Buffer.from(`${'x,'.repeat(5000)}x\n`), 'wide.csv')).toMatch(/列，超过 256 列/);

    // 50,300 people and no <dimension>: SheetJS stops reading, and the file is refused rather than cut short.
    const long = templateXlsx(templateRows(50_300));
    const zip = XLSX.CFB.read(long, { type: 'buffer' });
    const entry = zip.FileIndex[zip.FullPaths.findIndex((path: string) => path.endsWith('worksheets/sheet1.xml'))]!;
    entry.content = Buffer.from(Buffer.from(entry.content as Uint8Array).toString('utf8').replace(/<dimension ref="[^"]*"\/>/, ''));
    expect(Buffer.from(entry.content as Uint8Array).toString('utf8')).not.toContain('<dimension');
    const undimensioned = XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer;
    expect(() => readSpreadsheet(undimensioned)).toThrow(/一次最多导入 50,000 行/);
  }, 120_000);

  it('reads a date cell of a workbook counting from 1904 as the day it shows', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['申请日期'], [{ t: 'n', v: 44869, z: 'yyyy-mm-dd' }]]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'S');
    book.Workbook = { WBProps: { date1904: true } };
    const grid = readSpreadsheet(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer).grid;
    // 44,869 days after 1904-01-01 is 2026-11-05 (after 1900-01-00 it would be 2022-11-04).
    expect(grid.rows[1]!.cells[0]).toEqual({ kind: 'date', iso: '2026-11-05' });
  });

  it('refuses a head whose ID is on file as another household\'s member, rather than adding the case to that household', async () => {
    const w = await open();
    await w.run((await w.check(csv(family.slice(0, 3)))).token);
    const grownUp = await w.check(csv([person({ head: CHILD, id: CHILD, name: '周子涵', kind: '新申请' })]));
    expect(grownUp.refused).toEqual([{ row: 2, column: '户主身份证号', message: expect.stringContaining('成员而不是户主') }]);
    expect(w.count('cases')).toBe(1);
  });

  it('lets a sync write that arrives during a check wait its turn, so the check rolling back does not take it along', async () => {
    const w = await open();
    const file = Buffer.from(templateXlsx(templateRows(2_000))).toString('base64');
    let settled = false;
    w.ctx.emit = ((name: string, payload: { phase: string; done: number }) => {
      // Midway through the check, as a push's answer would arrive: a write straight through better-sqlite3.
      if (name === 'import.progress' && payload.phase === 'check' && payload.done > 0 && !settled) {
        settled = true;
        void withWriteTurn(w.t.handle.sqlite, () => w.t.handle.sqlite.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('sync.marker', '1', ?)").run(NOW));
      }
    }) as never;
    const registry = createHandlerTable(w.ctx, { checkResults: true });
    const r = await registry.invoke('imports.check', { fileName: 'a.xlsx', contentBase64: file });
    expect(r.ok && (r.value as ImportReport).rows).toBe(2_000);
    await withWriteTurn(w.t.handle.sqlite, () => undefined);
    expect(settled).toBe(true);
    expect(w.t.handle.sqlite.prepare("SELECT value_json FROM settings WHERE key = 'sync.marker'").pluck().get()).toBe('1');
    expect(w.count('cases')).toBe(0);
  });
});
