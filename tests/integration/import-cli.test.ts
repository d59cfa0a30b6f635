// `npm run cli -- import` on real files: the JSON the issue names, exit 0 when every row is good (and
// written unless --dry-run), 1 when any is refused (nothing written); a saved mapping by --mapping; progress
// on stderr; and the large inputs: 100,000 rows and a 50 MB file refused with a Chinese reason, a
// 3,000-row file imported in parts with its progress counted to the last row.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/backend/cli/run';
import { createHandlerTable } from '../../electron/backend/handlers';
import type { ImportProgress, ImportReport } from '../../shared/import/report';
import { freshDatabase } from '../helpers/db';
import { seedImportWorld } from '../helpers/import-world';
import { templateCsv, templateRows, templateXlsx } from '../helpers/import-file';
import { testContext } from '../helpers/minimal';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'spreadsheets');

async function world() {
  const t = await freshDatabase();
  seedImportWorld(t.handle);
  t.handle.sqlite.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-chief', 'chief', '区科长', 'bureau_chief', '430188', '2026-11-20T02:00:00.000Z')").run();
  const count = (table: string) => t.handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['import', '--db', t.handle.file, ...args], (l) => out.push(l), (l) => err.push(l));
    return { code, out, err, json: () => JSON.parse(out.join('\n')) as Record<string, unknown> };
  };
  return { t, count, cli, cleanup: () => t.cleanup() };
}
let current: Awaited<ReturnType<typeof world>> | null = null;
afterEach(async () => {
  await current?.cleanup();
  current = null;
  vi.restoreAllMocks();
});

describe('the import CLI', () => {
  it('prints the report as JSON, checks with --dry-run, writes without it, and exits 1 on refused rows', async () => {
    const w = (current = await world());
    // The CLI opens its own handle on the file: close nothing, it reads the same database.
    const dry = await w.cli('--as', 'staff', '--file', join(fixtures, 'template.xlsx'), '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ rows: 10, households: 4, accepted: 10, refused: [], written: false });
    expect(w.count('cases')).toBe(0);
    const wet = await w.cli('--as', 'staff', '--file', join(fixtures, 'template.xlsx'), '--json');
    expect(wet.json()).toMatchObject({ rows: 10, households: 4, accepted: 10, refused: [], written: true, added: { households: 4, members: 10, cases: 4 } });
    expect(w.count('cases')).toBe(4);
    const bad = await w.cli('--as', 'staff', '--file', join(fixtures, 'bad-rows.xlsx'), '--json');
    expect(bad.code).toBe(1);
    const refused = bad.json().refused as { row: number; column: string; message: string }[];
    expect(refused).toContainEqual({ row: 5, column: '身份证号', message: expect.stringContaining('科学计数法') });
    expect(w.count('cases')).toBe(4);
    const bureau = await w.cli('--as', 'chief', '--file', join(fixtures, 'template.csv'), '--json');
    expect(bureau.code).toBe(1);
    expect(bureau.err.join('\n')).toMatch(/forbidden/);
  });

  it('reads another layout by --mapping and refuses when no mapping fits', async () => {
    const w = (current = await world());
    const none = await w.cli('--as', 'staff', '--file', join(fixtures, 'provincial.xlsx'), '--json');
    expect(none.code).toBe(1);
    expect((none.json().refused as { message: string }[])[0]!.message).toContain('--mapping');
    const ctx = testContext(w.t.handle, w.t.dir);
    const registry = createHandlerTable(ctx);
    const columns = { communityCode: '所属社区代码', headCitizenId: '户主证件号码', name: '成员姓名', citizenId: '证件号码', relation: '与户主关系', category: '保障类别', kind: '业务类型', appliedOn: '申请时间', monthlyIncome: '家庭月收入（元）', phone: '联系方式', address: '家庭住址' };
    expect((await registry.invoke('imports.saveMapping', { name: '花名册', columns })).ok).toBe(true);
    const mapped = await w.cli('--as', 'staff', '--file', join(fixtures, 'provincial.xls'), '--mapping', '花名册', '--json');
    expect(mapped.code).toBe(0);
    expect(mapped.json()).toMatchObject({ rows: 9, households: 3, mapping: '花名册', written: true });
    const unknown = await w.cli('--as', 'staff', '--file', join(fixtures, 'provincial.xls'), '--mapping', '没有这个', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.err.join('\n')).toContain('没有名为“没有这个”的列对应关系');
  });

  it('refuses 100,000 rows and a 50 MB file with a Chinese reason, and counts the progress of a large import to its last row', async () => {
    const w = (current = await world());
    const huge = join(w.t.dir, 'huge.csv');
    writeFileSync(huge, templateCsv(templateRows(100_000)));
    const tooMany = await w.cli('--as', 'staff', '--file', huge, '--json');
    expect(tooMany.code).toBe(1);
    expect(tooMany.err.join('\n')).toMatch(/一次最多导入 50,000 行/);
    const big = join(w.t.dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 'a'));
    const tooBig = await w.cli('--as', 'staff', '--file', big, '--json');
    expect(tooBig.err.join('\n')).toMatch(/超过导入上限 20 MB/);
    expect(w.count('members')).toBe(1);

    const large = join(w.t.dir, 'large.xlsx');
    writeFileSync(large, templateXlsx(templateRows(3_000)));
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const run = await w.cli('--as', 'staff', '--file', large, '--progress', '--json');
    vi.restoreAllMocks();
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ rows: 3_000, households: 1_200, written: true });
    const written = lines.filter((l) => l.startsWith('已写入')).map((l) => Number(/已写入 ([\d,]+)/.exec(l)![1]!.replace(/,/g, '')));
    expect(written.length).toBeGreaterThan(2);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(3_000);
    expect(w.count('members')).toBe(3_001);
  }, 120_000);

  it('sends the progress of a check as events through the handler table', async () => {
    const w = (current = await world());
    const events: ImportProgress[] = [];
    const ctx = { ...testContext(w.t.handle, w.t.dir), emit: (name: string, payload: unknown) => name === 'import.progress' && events.push(payload as ImportProgress) };
    const registry = createHandlerTable(ctx as never, { checkResults: true });
    const file = join(w.t.dir, 'x.xlsx');
    copyFileSync(join(fixtures, 'template.xlsx'), file);
    const r = await registry.invoke('imports.check', { fileName: 'x.xlsx', contentBase64: Buffer.from(templateXlsx(templateRows(1_000))).toString('base64') });
    expect(r.ok && (r.value as ImportReport).rows).toBe(1_000);
    expect(events[0]).toMatchObject({ phase: 'read' });
    expect(events.at(-1)).toEqual({ phase: 'check', done: 1_000, total: 1_000 });
  });
});
