// The importer on files LibreOffice wrote (tests/fixtures/spreadsheets, README there): each file's rows,
// households and refusals exactly as expected.json says, whole-file refusals by their Chinese reason, the
// provincial layout through a saved mapping (and recognised by it a second time), and the good files
// imported for real, twice, the second time adding nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportColumns } from '../../shared/import/fields';
import type { ImportReport } from '../../shared/import/report';
import { createHandlerTable } from '../../electron/backend/handlers';
import { freshDatabase } from '../helpers/db';
import { seedImportWorld } from '../helpers/import-world';
import { testContext } from '../helpers/minimal';

const dir = join(import.meta.dirname, '..', 'fixtures', 'spreadsheets');
type Expected = { file: string; rows?: number; households?: number; refused?: { row: number; column: string; reason: string }[]; fileError?: string };
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];

const provincial: ImportColumns = {
  communityCode: '所属社区代码', headCitizenId: '户主证件号码', name: '成员姓名', citizenId: '证件号码', relation: '与户主关系', category: '保障类别',
  kind: '业务类型', appliedOn: '申请时间', monthlyIncome: '家庭月收入（元）', phone: '联系方式', address: '家庭住址',
};

async function world() {
  const t = await freshDatabase();
  seedImportWorld(t.handle);
  const ctx = testContext(t.handle, t.dir);
  const registry = createHandlerTable(ctx, { checkResults: true });
  const invoke = (file: string, mapping?: { name: string }) => registry.invoke('imports.check', { fileName: file, contentBase64: readFileSync(join(dir, file)).toString('base64'), ...(mapping ? { mapping } : {}) });
  const check = async (file: string, mapping?: { name: string }) => {
    const r = await invoke(file, mapping);
    if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
    return r.value as ImportReport;
  };
  const count = (table: string) => t.handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { t, registry, invoke, check, count, cleanup: () => t.cleanup() };
}
let current: Awaited<ReturnType<typeof world>> | null = null;
afterEach(async () => {
  await current?.cleanup();
  current = null;
});

describe('the LibreOffice fixtures', () => {
  for (const e of expected.filter((x) => x.fileError)) {
    it(`refuses ${e.file} as a whole (“${e.fileError}”) and writes nothing`, async () => {
      const w = (current = await world());
      const r = await w.invoke(e.file);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain(e.fileError);
      expect(w.count('cases')).toBe(0);
    });
  }

  for (const e of expected.filter((x) => !x.fileError && !x.file.startsWith('provincial'))) {
    it(`reads ${e.file}: ${e.rows} rows, ${e.households} households, ${e.refused?.length ?? 0} refused cells`, async () => {
      const w = (current = await world());
      const report = await w.check(e.file);
      expect(report).toMatchObject({ rows: e.rows, households: e.households, mapping: '标准模板' });
      expect(report.refused.map((r) => [r.row, r.column]).sort()).toEqual((e.refused ?? []).map((r) => [r.row, r.column]).sort());
      for (const want of e.refused ?? []) {
        const got = report.refused.find((r) => r.row === want.row && r.column === want.column)!;
        expect(got.message, `row ${want.row}`).toContain(want.reason);
      }
      const run = await w.registry.invoke('imports.run', { token: report.token });
      expect(run.ok && (run.value as ImportReport).written).toBe((e.refused ?? []).length === 0);
      expect(w.count('cases')).toBe((e.refused ?? []).length === 0 ? e.households : 0);
    });
  }

  it('reads the template as .xls and .csv in GB18030 exactly as the .xlsx, and a second import adds nothing', async () => {
    const w = (current = await world());
    const people = (file: string) => readFileSync(join(dir, file));
    expect(people('template-gbk.csv').length).toBeGreaterThan(0);
    const first = await w.check('template.xlsx');
    await w.registry.invoke('imports.run', { token: first.token });
    const members = w.t.handle.sqlite.prepare('SELECT name, citizen_id, relation FROM members ORDER BY citizen_id').all();
    const cases = w.count('cases');
    for (const file of ['template.xls', 'template-gbk.csv', 'template-bom.csv', 'template.csv']) {
      const again = await w.check(file);
      expect(again, file).toMatchObject({ rows: 10, unchanged: 10, refused: [] });
      expect(again.encoding, file).toBe(file === 'template-gbk.csv' ? 'gb18030' : file.endsWith('.csv') ? 'utf-8' : null);
      await w.registry.invoke('imports.run', { token: again.token });
    }
    expect(w.count('cases')).toBe(cases);
    expect(w.t.handle.sqlite.prepare('SELECT name, citizen_id, relation FROM members ORDER BY citizen_id').all()).toEqual(members);
    expect(members.some((m) => (m as { name: string }).name === '刘䶮')).toBe(true);
  });

  it('reads the provincial layout through a saved mapping: title row, two-row merged header, totals and footnote rows', async () => {
    const w = (current = await world());
    const unmapped = await w.check('provincial.xlsx');
    expect(unmapped.mapping).toBeNull();
    expect(unmapped.unmapped.length).toBeGreaterThan(0);
    expect(unmapped.headers).toEqual(expect.arrayContaining(Object.values(provincial)));
    const saved = await w.registry.invoke('imports.saveMapping', { name: '省系统花名册', columns: provincial });
    expect(saved.ok).toBe(true);
    for (const file of ['provincial.xlsx', 'provincial.xls']) {
      // Recognised by the saved mapping without naming it.
      const report = await w.check(file);
      expect(report, file).toMatchObject({ mapping: '省系统花名册', headerRow: 3, rows: 9, households: 3, refused: [] });
    }
    const named = await w.check('provincial.xls', { name: '省系统花名册' });
    const run = await w.registry.invoke('imports.run', { token: named.token });
    expect(run.ok && (run.value as ImportReport).added).toEqual({ households: 3, members: 9, cases: 3 });
    expect(w.t.handle.sqlite.prepare("SELECT count(*) FROM households WHERE community_code = '430188001002' AND area_type = 'rural'").pluck().get()).toBe(2);
  });
});
