// `npm run central -- accounts …` as an administrator runs it: a child process against the SQLite centre
// and against PostgreSQL, with a real centre answering sign-ins over loopback meanwhile. Accounts made by
// it sign in; only hashes are stored; a disabled account's live session ends at its next request; a reset
// password replaces the old one; every change is in the audit chain and in the change log the desks pull;
// each refusal is in Chinese and changes nothing. The PostgreSQL half needs a server (JRD_TEST_POSTGRES_URL,
// or the one on 127.0.0.1:55432) and fails, rather than skips, without one.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../migrations';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import type { PullResponse, TokenResponse } from '../../shared/sync';
import type { AccountListing } from '../../server/accounts';
import { startCentralServer, type CentralServer } from '../../server/server';
import { openCentralStore } from '../../server/store';

const root = fileURLToPath(new URL('../..', import.meta.url));
const adminUrl = process.env.JRD_TEST_POSTGRES_URL || 'postgres://jrd@127.0.0.1:55432/postgres';
const dir = mkdtempSync(join(tmpdir(), 'jrd-accounts-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number | null; stdout: string; stderr: string };

/** The command as a person types it, in a child process (not spawnSync: the two engines' runs go side by side). */
function accounts(target: string[], ...args: string[]): Promise<Run> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'accounts', ...args, ...target], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

function passwordFile(name: string, content: string, mode = 0o600): string {
  const file = join(dir, name);
  writeFileSync(file, content, { mode });
  chmodSync(file, mode);
  return file;
}

type Backend = {
  name: string;
  /** The flags that name the centre's database, as the server takes them. */
  target: string[];
  server: CentralServer;
  /** Every stored text of the database, for a search for a plain password. */
  storedText(): Promise<string>;
};

/** A district, one of its streets and one of that street's communities: where accounts can be made. */
async function withRegions(dataDir: string, databaseUrl?: string): Promise<void> {
  const store = await openCentralStore(dataDir, databaseUrl ? { databaseUrl } : {});
  const at = '2026-01-01T00:00:00.000Z';
  await store.db
    .insertInto('regions')
    .values([
      { code: '110101', name: '测试区', level: 'district', parent_code: null, code_vintage: 2023, updated_at: at },
      { code: '110101001', name: '测试街道', level: 'street', parent_code: '110101', code_vintage: 2023, updated_at: at },
      { code: '110101001001', name: '测试社区', level: 'community', parent_code: '110101001', code_vintage: 2023, updated_at: at },
    ])
    .execute();
  await store.close();
}

async function sqliteBackend(): Promise<Backend> {
  const dataDir = mkdtempSync(join(dir, 'sqlite-'));
  await withRegions(dataDir);
  const server = await startCentralServer({ dataDir });
  cleanups.push(() => server.close());
  const file = join(dataDir, 'central.sqlite');
  // The file and its write-ahead log, byte for byte (the passwords are ASCII).
  const bytes = (f: string) => {
    try {
      return readFileSync(f).toString('latin1');
    } catch {
      return '';
    }
  };
  return { name: 'SQLite', target: ['--data', dataDir], server, storedText: async () => bytes(file) + bytes(`${file}-wal`) };
}

async function postgresBackend(): Promise<Backend> {
  const name = `acct_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for the accounts test is not reachable at ${adminUrl} (set JRD_TEST_POSTGRES_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(join(dir, 'pg-'));
  await withRegions(dataDir, databaseUrl);
  const server = await startCentralServer({ dataDir, databaseUrl });
  cleanups.push(async () => {
    await server.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const storedText = async () => {
    const db = server.store.db;
    const columns = (
      await sql<{ table_name: string; column_name: string }>`SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(db)
    ).rows;
    // At least the tables an account is written to.
    for (const t of ['users', 'central_credentials', 'audit_log']) expect(columns.some((c) => c.table_name === t)).toBe(true);
    const texts: string[] = [];
    for (const c of columns) {
      const rows = (await sql<{ v: string | null }>`SELECT ${sql.ref(c.column_name)}::text AS v FROM ${sql.table(c.table_name)}`.execute(db)).rows;
      texts.push(...rows.map((r) => r.v ?? ''));
    }
    return texts.join('\n');
  };
  return { name: 'PostgreSQL', target: ['--database-url', databaseUrl], server, storedText };
}

const post = (b: Backend, path: string, body: unknown) =>
  fetch(`${b.server.url}/api/v1/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const login = (b: Backend, username: string, password: string) => post(b, 'login', { username, password, deviceName: 'accounts-test' });
const pullWith = (b: Backend, token: string) =>
  fetch(`${b.server.url}/api/v1/sync/pull?schemaVersion=${latestSchemaVersion}`, { headers: { authorization: `Bearer ${token}` } });

async function signIn(b: Backend, username: string, password: string): Promise<TokenResponse> {
  const r = await login(b, username, password);
  expect(r.status, `${username} signs in`).toBe(200);
  return (await r.json()) as TokenResponse;
}

/** What an account command may change: compared before and after a refusal. */
async function state(b: Backend): Promise<string> {
  const db = b.server.store.db;
  const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
  const credentials = (await sql`SELECT * FROM central_credentials ORDER BY user_id`.execute(db)).rows;
  const tokens = (await sql`SELECT token_hash, revoked_at FROM central_tokens ORDER BY token_hash`.execute(db)).rows;
  const log = (await sql`SELECT * FROM change_log ORDER BY seq`.execute(db)).rows;
  const audit = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute();
  return JSON.stringify({ users, credentials, tokens, log, audit });
}

const chinese = /[\u4e00-\u9fff]/;
const generatedPassword = (r: Run) => /^password: (\S+)$/m.exec(r.stdout)?.[1];

/**
 * The whole story on one engine. `everything`: also the refusals that are decided before the database is
 * opened (the same code on either engine), which run on one engine only, since each run is a process.
 */
async function story(b: Backend, everything: boolean): Promise<void> {
  const t = b.target;
  const chiefPassword = `Chief-${randomBytes(6).toString('hex')}`;

  // add: a street's staff with a generated password, printed once; the bureau's chief from a file.
  const staff = await accounts(t, 'add', '--username', 'st-wang', '--name', '王小明', '--role', 'street_staff', '--region', '110101001');
  expect(staff.code, staff.stderr).toBe(0);
  const staffPassword = generatedPassword(staff)!;
  expect(staffPassword.length).toBeGreaterThanOrEqual(20);
  expect(staff.stdout.match(/password: /g)).toHaveLength(1);
  const chief = await accounts(t, 'add', '--username', 'bureau-li', '--name', '李科长', '--role', 'bureau_chief', '--region', '110101', '--password-file', passwordFile(`${b.name}-chief`, `${chiefPassword}\nignored second line\n`));
  expect(chief.code, chief.stderr).toBe(0);
  expect(chief.stdout).not.toMatch(/password:/);
  expect(chief.stdout).not.toContain(chiefPassword);

  // Both sign in over HTTP to the running centre, as who they were made.
  const staffSession = await signIn(b, 'st-wang', staffPassword);
  expect(staffSession.user).toMatchObject({ username: 'st-wang', name: '王小明', role: 'street_staff', regionCode: '110101001' });
  const chiefSession = await signIn(b, 'bureau-li', chiefPassword);
  expect(chiefSession.user).toMatchObject({ role: 'bureau_chief', regionCode: '110101' });

  // Only hashes are kept: neither password is anywhere in the database.
  const stored = await b.storedText();
  expect(stored).toContain('scrypt$16384$8$1$');
  expect(stored).not.toContain(staffPassword);
  expect(stored).not.toContain(chiefPassword);

  // list, as text and as JSON, by username.
  const text = everything ? await accounts(t, 'list') : null;
  if (text) expect(text.stdout.trim().split('\n'), text.stderr).toEqual(['用户名\t姓名\t角色\t区划\t状态\t密码', 'bureau-li\t李科长\tbureau_chief\t110101\t启用\t已设', 'st-wang\t王小明\tstreet_staff\t110101001\t启用\t已设']);
  const listed = JSON.parse((await accounts(t, 'list', '--json')).stdout) as AccountListing[];
  expect(listed).toEqual([
    { username: 'bureau-li', name: '李科长', role: 'bureau_chief', regionCode: '110101', active: true, hasPassword: true },
    { username: 'st-wang', name: '王小明', role: 'street_staff', regionCode: '110101001', active: true, hasPassword: true },
  ]);

  // Refusals: exit 1 (2 for the command line), a Chinese reason, nothing changed.
  const before = await state(b);
  const zhao = ['add', '--username', 'st-zhao', '--name', '赵', '--role'];
  const file = (name: string, content: string, mode?: number) => ['--password-file', passwordFile(`${b.name}-${name}`, content, mode)];
  const refusals: [string[], number, RegExp][] = [
    [['add', '--username', 'st-wang', '--name', '重名', '--role', 'street_staff', '--region', '110101001'], 1, /用户名“st-wang”已被占用/],
    [[...zhao, 'street_staff', '--region', '110101009'], 1, /区划代码 110101009 在中心数据库中不存在/],
    [[...zhao, 'bureau_chief', '--region', '110101001'], 1, /须设在区（县）一级.*110101001 是街道（乡镇）/],
    [[...zhao, 'group_member', '--region', '110101'], 1, /须设在街道（乡镇）一级.*110101 是区（县）/],
    [['disable', '--username', 'nobody'], 1, /账号“nobody”不存在/],
  ];
  if (everything)
    refusals.push(
      [[...zhao, 'street_staff', '--region', '110101001001'], 1, /110101001001 是社区（村）/],
      [[...zhao, 'admin', '--region', '110101001'], 1, /角色“admin”不存在/],
      [[...zhao, 'street_staff', '--region', '110101001', ...file('short', 'short1234\n')], 1, /密码太短：至少 10 个字符/],
      [[...zhao, 'street_staff', '--region', '110101001', ...file('empty', '\n')], 1, /密码为空/],
      [[...zhao, 'street_staff', '--region', '110101001', ...file('open', 'long-enough-password\n', 0o644)], 1, /chmod 600/],
      [['reset-password', '--username', 'st-wang', ...file('short2', 'abc')], 1, /密码太短/],
      [['add', '--name', '赵', '--role', 'street_staff', '--region', '110101001'], 2, /缺少选项 --username/],
      [['frobnicate'], 2, /不认识的子命令“frobnicate”/],
    );
  const results = await Promise.all(refusals.map(([args]) => accounts(t, ...args)));
  refusals.forEach(([args, code, message], i) => {
    const r = results[i]!;
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(chinese);
    expect(r.stdout).not.toMatch(/password:/);
  });
  expect(await state(b)).toBe(before);

  // disable: the session signed in before is refused at its very next request, and cannot be refreshed.
  expect((await pullWith(b, staffSession.accessToken)).status).toBe(200);
  const disabled = await accounts(t, 'disable', '--username', 'st-wang');
  expect(disabled.code, disabled.stderr).toBe(0);
  expect((await pullWith(b, staffSession.accessToken)).status).toBe(401);
  const refreshed = await post(b, 'refresh', { refreshToken: staffSession.refreshToken });
  expect(refreshed.status).toBe(401);
  expect((await login(b, 'st-wang', staffPassword)).status).toBe(401);
  if (everything) expect((await accounts(t, 'disable', '--username', 'st-wang')).stdout).toMatch(/本已停用，未作改动/);
  // The bureau's desk pulls the change: the account, inactive, at its new version.
  const pulled = (await (await pullWith(b, chiefSession.accessToken)).json()) as PullResponse;
  const staffRow = pulled.changes.find((c) => c.entity === 'users' && c.data?.username === 'st-wang');
  expect(staffRow).toMatchObject({ op: 'upsert', version: 2, data: { active: 0, version: 2 } });
  if (everything) expect((await accounts(t, 'list', '--json')).stdout).toContain('"active": false');

  // enable: signing in works again; the old session stays ended.
  expect((await accounts(t, 'enable', '--username', 'st-wang')).code).toBe(0);
  const again = await signIn(b, 'st-wang', staffPassword);
  expect((await pullWith(b, staffSession.accessToken)).status).toBe(401);

  // reset-password: the old password is refused, the new one works, and sessions made before end.
  const newPassword = `New-${randomBytes(8).toString('hex')}`;
  const reset = await accounts(t, 'reset-password', '--username', 'st-wang', '--password-file', passwordFile(`${b.name}-new`, `${newPassword}\r\n`));
  expect(reset.code, reset.stderr).toBe(0);
  expect((await pullWith(b, again.accessToken)).status).toBe(401);
  expect((await login(b, 'st-wang', staffPassword)).status).toBe(401);
  await signIn(b, 'st-wang', newPassword);
  const generated = await accounts(t, 'reset-password', '--username', 'bureau-li');
  expect(generated.code, generated.stderr).toBe(0);
  await signIn(b, 'bureau-li', generatedPassword(generated)!);
  expect((await login(b, 'bureau-li', chiefPassword)).status).toBe(401);
  const finalText = await b.storedText();
  for (const p of [newPassword, generatedPassword(generated)!, staffPassword, chiefPassword]) expect(finalText).not.toContain(p);

  // The audit chain holds each change, without a name or a password, and is intact.
  const db = b.server.store.db;
  const ids = Object.fromEntries((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const audit = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  expect(audit.map((a) => [a.action, a.entity, a.entity_id, a.actor_id])).toEqual([
    ['account.add', 'user', ids['st-wang'], null],
    ['account.add', 'user', ids['bureau-li'], null],
    ['account.disable', 'user', ids['st-wang'], null],
    ['account.enable', 'user', ids['st-wang'], null],
    ['account.reset-password', 'user', ids['st-wang'], null],
    ['account.reset-password', 'user', ids['bureau-li'], null],
  ]);
  expect(JSON.parse(audit[0]!.details_json)).toEqual({ role: 'street_staff', regionCode: '110101001' });
  expect(JSON.parse(audit[2]!.details_json)).toEqual({ tokensRevoked: 2 });
  for (const a of audit) expect(a.details_json).not.toMatch(/王小明|李科长|st-wang|bureau-li/);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true, rows: 6 });

  // The change log has each version of the users rows the desks are to pull.
  const log = (await sql<{ row_key: string; op: string; version: number; region_code: string; audience: string }>`SELECT row_key, op, version, region_code, audience FROM change_log WHERE entity = 'users' ORDER BY seq`.execute(db)).rows;
  expect(log.map((l) => ({ ...l, version: Number(l.version) }))).toEqual([
    { row_key: ids['st-wang'], op: 'upsert', version: 1, region_code: '110101001', audience: 'all' },
    { row_key: ids['bureau-li'], op: 'upsert', version: 1, region_code: '110101', audience: 'all' },
    { row_key: ids['st-wang'], op: 'upsert', version: 2, region_code: '110101001', audience: 'all' },
    { row_key: ids['st-wang'], op: 'upsert', version: 3, region_code: '110101001', audience: 'all' },
  ]);
  expect(await db.selectFrom('users').select(['username', 'version', 'active']).orderBy('username').execute()).toEqual([
    { username: 'bureau-li', version: 1, active: 1 },
    { username: 'st-wang', version: 3, active: 1 },
  ]);
}

// The two engines' stories run side by side (each is a string of child processes), with time to spare on
// a busy machine: about 20 s on two idle cores.
describe.concurrent('npm run central -- accounts', { timeout: 120_000 }, () => {
  it('adds, lists, refuses, disables, enables and resets accounts on the SQLite centre', async () => {
    await story(await sqliteBackend(), true);
  });

  it('does the same on PostgreSQL', async () => {
    await story(await postgresBackend(), false);
  });
});
