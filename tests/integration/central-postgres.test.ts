// The centre's PostgreSQL database as an operator meets it: an empty one made at the latest schema (the
// same tables, CHECKs, guards and indexes as SQLite's), and refusals in plain words for one that cannot
// be reached, one a newer centre made, and one that is not ours or was left half made.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { isPinyinIndex, SORT_KEY_VERSIONS_TABLE } from '../../electron/backend/db/pinyin-key';
import { globToRegex } from '../../server/postgres/schema';
import { openPostgresStore } from '../../server/postgres/store';
import { openCentralStore } from '../../server/store';
import { centreValue } from '../helpers/central';
import { createDatabase, databaseUrl, dropDatabase } from '../helpers/postgres';

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropDatabase(name);
});

async function emptyDatabase(): Promise<string> {
  const name = await createDatabase('jrd_setup');
  made.push(name);
  return databaseUrl(name);
}

async function run(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL schema', () => {
  it('has every table, index and guard trigger of the SQLite schema', async () => {
    const url = await emptyDatabase();
    const store = await openPostgresStore(url);
    await store.close();
    const dir = mkdtempSync(join(tmpdir(), 'jrd-schema-'));
    const handle = openDatabase(join(dir, 'x.sqlite'));
    await migrateToLatest(handle);
    const names = (type: string) => (handle.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(type) as string[]).sort();
    const tables = names('table');
    const pinyinIndexes = handle.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    const desksOwn = new Set(pinyinIndexes.filter((i) => isPinyinIndex(i.sql)).map((i) => i.name));
    expect(desksOwn).toEqual(new Set(['members_head_pinyin']));
    const indexes = names('index').filter((i) => !desksOwn.has(i));
    const triggers = names('trigger');
    await handle.close();
    const pgTables = (await run(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((r: { table_name: string }) => r.table_name);
    // The desk's pinyin indexes for its grid and their record are not the centre's (migration 0011).
    for (const t of tables.filter((x) => x !== SORT_KEY_VERSIONS_TABLE)) expect(pgTables).toContain(t);
    expect(pgTables).not.toContain(SORT_KEY_VERSIONS_TABLE);
    const pgIndexes = (await run(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).rows.map((r: { indexname: string }) => r.indexname);
    for (const i of indexes) expect(pgIndexes).toContain(i);
    expect(pgIndexes).not.toContain('members_head_pinyin');
    const pgTriggers = (await run(url, 'SELECT tgname FROM pg_trigger WHERE NOT tgisinternal')).rows.map((r: { tgname: string }) => r.tgname);
    for (const t of triggers) expect(pgTriggers).toContain(t);
    // CHECK constraints: as many on each table as SQLite declares (counted from its CREATE TABLE text).
    const checks = (await run(url, "SELECT conrelid::regclass::text AS t, count(*)::int AS n FROM pg_constraint WHERE contype = 'c' GROUP BY 1")).rows as { t: string; n: number }[];
    expect(checks.find((c) => c.t === 'meetings')?.n).toBeGreaterThanOrEqual(6);
  });

  it('keeps SQLite’s meaning of the CHECKs it translated', async () => {
    const url = await emptyDatabase();
    await (await openPostgresStore(url)).close();
    const insertRegion = (code: string) => run(url, `INSERT INTO regions (code, name, level, code_vintage, updated_at) VALUES ('${code}', '区', 'district', 2024, 'x')`);
    await expect(insertRegion('43018a')).rejects.toThrow(/regions_code_check/);
    await insertRegion('430188');
    const batch = (start: string, end: string) =>
      run(url, `INSERT INTO notice_batches (id, street_code, community_code, start_date, end_date, status, updated_at) VALUES ('b${start}${end}', '430188001', '430188001001', '${start}', '${end}', 'draft', 'x')`);
    await run(url, "INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188001', '街', 'street', '430188', 2024, 'x'), ('430188001001', '社区', 'community', '430188001', 2024, 'x')");
    // Seven days at least, across a month's end (SQLite: end_date >= date(start_date, '+6 days')).
    await expect(batch('2026-11-27', '2026-12-02')).rejects.toThrow(/check/);
    await batch('2026-11-27', '2026-12-03');
    await expect(run(url, "UPDATE regions SET office_hotlines_json = '{\"a\":1}' WHERE code = '430188'")).rejects.toThrow(/check/);
    await expect(run(url, "UPDATE regions SET office_hotlines_json = 'not json' WHERE code = '430188'")).rejects.toThrow(/check/);
    await run(url, 'UPDATE regions SET office_hotlines_json = \'["12345"]\' WHERE code = \'430188\'');
    // The same GLOBs SQLite would match.
    const sqlite = new BetterSqlite3(':memory:');
    for (const [glob, text] of [['[0-9][0-9][0-9][0-9]-[0-1][0-9]', '2026-11'], ['0.*', '0.123'], ['0.*', '0x1'], ['*[^0-9]*', '12a'], ['*[^0-9A-Za-z-]*', 'A-1'], ['*[^0-9A-Za-z-]*', 'A_1']] as const) {
      const inSqlite = sqlite.prepare('SELECT ? GLOB ? AS m').pluck().get(text, glob);
      const inPostgres = (await run(url, `SELECT '${text}' ~ '${globToRegex(glob)}' AS m`)).rows[0].m as boolean;
      expect(inPostgres, `${text} GLOB ${glob}`).toBe(inSqlite === 1);
    }
    sqlite.close();
  });

  it('is made once when several centres start on an empty database at the same moment', async () => {
    const url = await emptyDatabase();
    const stores = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    expect(new Set(stores.map((s) => s.epoch)).size).toBe(1);
    expect(await centreValue(stores[0]!.db, 'SELECT version FROM jrd_schema')).toBe(latestSchemaVersion);
    for (const s of stores) await s.close();
  });
});

describe('a database the centre refuses, in plain words, changing nothing', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'jrd-refuse-'));

  it('one that cannot be reached, without printing its password', async () => {
    await expect(openCentralStore(dataDir(), { databaseUrl: 'postgres://jrd:secret@127.0.0.1:1/jrd' })).rejects.toThrow(/无法连接中心数据库 postgres:\/\/jrd:\*\*\*@127\.0\.0\.1:1\/jrd/);
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir(), '--database-url', 'postgres://jrd:secret@127.0.0.1:1/jrd'], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^central: 无法连接中心数据库/);
    expect(cli.stderr).not.toMatch(/secret|at .*\.ts:\d+/);
  });

  it('one a newer centre made', async () => {
    const url = await emptyDatabase();
    await (await openPostgresStore(url)).close();
    await run(url, `UPDATE jrd_schema SET version = ${latestSchemaVersion + 1}`);
    await run(url, "INSERT INTO central_meta (key, value) VALUES ('marker', 'kept')");
    await expect(openPostgresStore(url)).rejects.toThrow(new RegExp(`第 ${latestSchemaVersion + 1} 版，由更新版本的中心程序创建`));
    expect((await run(url, 'SELECT version FROM jrd_schema')).rows[0].version).toBe(latestSchemaVersion + 1);
    expect((await run(url, "SELECT value FROM central_meta WHERE key = 'marker'")).rows[0].value).toBe('kept');
  });

  it('one that holds other tables, or a schema left half made', async () => {
    const url = await emptyDatabase();
    await run(url, 'CREATE TABLE regions (code text)');
    await expect(openPostgresStore(url)).rejects.toThrow(/已有 1 张表，但没有联审联批中心的版本记录/);
    expect((await run(url, "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0].n).toBe(1);
  });
});
