// The centre's limits, tried as an attacker would: guessed passwords (growing delays per account, a limit
// per address that still lets a colleague in), unknown usernames costing a password check like known
// ones, scrypt off the request thread, bodies too large, too deep or of the wrong type, and bad numbers.
// And the client's own limits: a page too large, and a sync that stops after its pages or its time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../migrations';
import { AppError } from '../../shared/result';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { SyncError } from '../../electron/backend/sync/http';
import { pullAll } from '../../electron/backend/sync/pull';
import { hashPassword } from '../../server/auth';
import { SignInThrottle } from '../../server/throttle';
import { MAX_BODY_BYTES, MAX_DEPTH } from '../../server/body';
import { centralTemplate, centreBackends, centreRows, centreValue, fastRetry } from '../helpers/central';
import { login, rawClient } from '../helpers/raw-client';
import { differences } from '../helpers/sync-compare';

/** A blocked account stays blocked for the whole test: the first delay is a minute. */
const strict = { accountFreeFailures: 3, firstDelaySeconds: 60, maxDelaySeconds: 900, addressFailures: 20, windowSeconds: 900 };

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  describe('sign-in that resists guessing', () => {
    it('slows one account down without checking its passwords, and lets a colleague at the same address in', async () => {
      const server = await central.server({ throttle: strict });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await login(server.url, 'st001-staff1', `guess-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      const checks = server.auth.passwordChecks;
      // From now on nothing is checked, not even the right password, until the delay has passed.
      for (let i = 0; i < 50; i++) {
        const r = await login(server.url, 'st001-staff1', i === 25 ? server.password('st001-staff1') : `guess-${i}`);
        expect(r.status).toBe(429);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/登录失败次数过多，请 \d+ 秒后再试/);
      }
      expect(server.auth.passwordChecks).toBe(checks);
      // The colleague at the next desk, behind the same address, signs in at once.
      expect((await login(server.url, 'st001-staff2', server.password('st001-staff2'))).status).toBe(200);
      // The desk says so in Chinese, and keeps nothing of the attempt.
      const client = await central.client();
      await expect(signIn(client.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry)).rejects.toThrow(/登录失败次数过多/);
    });

    it('counts every failure when instances fail the same account at the same moment', async () => {
      const server = await central.server({ throttle: strict });
      // Two instances' throttles on one database, each failing the account ten times at once.
      const policy = { ...strict, accountFreeFailures: 1000, addressFailures: 1000 };
      const instances = [0, 1].map(() => new SignInThrottle(server.store.db, policy, () => new Date()));
      await Promise.all(instances.flatMap((t, i) => Array.from({ length: 10 }, (_, k) => t.settle('st001-staff1', `10.0.${i}.${k}`, false))));
      expect(await centreValue(server.store.db, "SELECT failures AS v FROM central_throttle WHERE key = 'account:st001-staff1'")).toBe(20);
      // A success forgets them; the next failure starts again at one.
      await instances[0]!.settle('st001-staff1', '10.0.0.1', true);
      await instances[1]!.settle('st001-staff1', '10.0.0.1', false);
      expect(await centreValue(server.store.db, "SELECT failures AS v FROM central_throttle WHERE key = 'account:st001-staff1'")).toBe(1);
    });

    it('stops password spraying from one address across accounts', async () => {
      const server = await central.server({ throttle: { ...strict, accountFreeFailures: 10, addressFailures: 5 } });
      const users = ['st001-staff1', 'st001-staff2', 'st002-staff1', 'st002-staff2', 'st003-staff1'];
      for (const u of users) expect((await login(server.url, u, 'Password123')).status).toBe(401);
      const checks = server.auth.passwordChecks;
      for (const u of ['st003-staff2', 'st004-staff1', 'bureau-chief']) expect((await login(server.url, u, 'Password123')).status).toBe(429);
      expect(server.auth.passwordChecks).toBe(checks);
    });

    it('checks a password for an unknown username as for a known one, and answers both alike', async () => {
      const server = await central.server({ throttle: strict });
      const before = server.auth.passwordChecks;
      const unknown = await login(server.url, 'nobody-here', 'whatever1');
      const wrong = await login(server.url, 'st005-staff1', 'whatever1');
      expect(server.auth.passwordChecks - before).toBe(2);
      expect([unknown.status, wrong.status]).toEqual([401, 401]);
      expect(await unknown.json()).toEqual(await wrong.json());
      // Unknown names are throttled the same way, so their answers do not tell them apart either.
      for (let i = 0; i < 3; i++) await login(server.url, 'nobody-here', `x${i}`);
      expect((await login(server.url, 'nobody-here', 'x9')).status).toBe(429);
    });

    it('checks passwords off the request thread: other requests are answered meanwhile', async () => {
      const server = await central.server();
      const id = await centreValue<string>(server.store.db, "SELECT id FROM users WHERE username = 'st006-staff1'");
      // A costly hash (64 MB, a few hundred milliseconds), so that a check on the event loop would show.
      await centreRows(server.store.db, 'UPDATE central_credentials SET password_hash = ? WHERE user_id = ?', hashPassword('slow-password', 65536), id);
      const order: string[] = [];
      const slow = login(server.url, 'st006-staff1', 'slow-password').then((r) => order.push(`login ${r.status}`));
      await new Promise((ok) => setTimeout(ok, 20));
      const quick = fetch(`${server.url}/api/v1/sync/pull?schemaVersion=${latestSchemaVersion}`).then((r) => order.push(`pull ${r.status}`));
      await Promise.all([slow, quick]);
      expect(order).toEqual(['pull 401', 'login 200']);
    });
  });

  describe('limits on every body', () => {
    it('refuses the wrong type, a body too large, JSON too deep and bad numbers with 4xx, never 500, and goes on serving', async () => {
      const server = await central.server();
      const client = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
      const post = (path: string, body: string, type = 'application/json') =>
        fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${client.token}` }, body });
      const get = (query: string) => fetch(`${server.url}/api/v1/sync/pull?${query}`, { headers: { authorization: `Bearer ${client.token}` } });

      expect((await post('/auth/login', '{"username":"a","password":"b","deviceName":"c"}', 'text/plain')).status).toBe(415);
      const huge = `{"username":"${'x'.repeat(MAX_BODY_BYTES)}","password":"b","deviceName":"c"}`;
      expect((await post('/auth/login', huge)).status).toBe(413);
      expect((await post('/sync/push', huge)).status).toBe(413);
      const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
      const tooDeep = await post('/sync/push', deep);
      expect(tooDeep.status).toBe(400);
      expect(((await tooDeep.json()) as { error: { message: string } }).error.message).toMatch(/嵌套超过 32 层/);
      // Brackets inside strings are text, not nesting.
      expect((await post('/auth/login', JSON.stringify({ username: '['.repeat(60), password: 'x', deviceName: '' }))).status).toBe(401);

      const v = `schemaVersion=${latestSchemaVersion}`;
      for (const q of [`${v}&limit=abc`, `${v}&limit=1e3`, `${v}&limit=0`, `${v}&limit=-5`, `${v}&limit=99999999999`, `${v}&limit=2.5`, 'schemaVersion=abc', 'schemaVersion=', `schemaVersion=1e400`]) {
        expect((await get(q)).status, q).toBe(400);
      }
      const mutation = (id: number | string) => JSON.stringify({ clientId: client.clientId, schemaVersion: latestSchemaVersion, mutations: [{ id, name: 'meetings.open', args: {}, context: {} }] });
      for (const id of [1.5, 1e300, -1, '1']) expect((await post('/sync/push', mutation(id))).status, String(id)).toBe(400);
      expect((await post('/sync/push', JSON.stringify({ clientId: client.clientId, schemaVersion: 'new', mutations: [] }))).status).toBe(400);
      // Still serving, as it was.
      expect((await get(`${v}&limit=10`)).status).toBe(200);
    });
  });

  describe('the client’s own limits', () => {
    it('stops after its pages or its time, keeps what it took, and the next sync goes on from there', async () => {
      const server = await central.server();
      const client = await central.client();
      const account = await signIn(client.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry);
      const byPages = await syncNow(client.ctx, fastRetry, { pageSize: 50, limits: { maxPages: 3, maxMillis: 600_000, maxPageBytes: 1 << 26 }, snapshot: false }).catch((e: unknown) => e);
      expect(byPages).toBeInstanceOf(AppError);
      expect((byPages as AppError).message).toMatch(/本次同步已接收 3 页、150 条数据，达到单次同步的上限（3 页），已接收的都已保存/);
      const kept = client.ctx.sqlite.prepare('SELECT cursor FROM sync_state').pluck().get();
      expect(kept).not.toBeNull();
      const byTime = await syncNow(client.ctx, fastRetry, { pageSize: 50, limits: { maxPages: 1000, maxMillis: 0, maxPageBytes: 1 << 26 }, snapshot: false }).catch((e: unknown) => e);
      expect((byTime as AppError).message).toMatch(/本次同步已接收 1 页.*上限（0 分钟）/);
      expect(client.ctx.sqlite.prepare('SELECT cursor FROM sync_state').pluck().get()).not.toBe(kept);
      await syncNow(client.ctx, fastRetry);
      expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
    });
  });
});

describe('the client’s own limits, without a centre', () => {
  const central = centralTemplate();
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  it('refuses a page over its size limit and changes nothing', async () => {
    const fake = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ changes: [], nextCursor: 'x'.repeat(300_000), hasMore: false }));
    });
    await new Promise<void>((ok) => fake.listen(0, '127.0.0.1', ok));
    try {
      const client = await central.client();
      const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
      client.ctx.sqlite.prepare("INSERT INTO sync_state (id, client_id, server_url, account_json) VALUES (1, '00000000-0000-4000-8000-000000000001', ?, ?)").run(url, JSON.stringify({ id: 'u', username: 'u', name: 'u', role: 'street_staff', regionCode: '430188001' }));
      await client.ctx.secrets.set('sync.accessToken', 'a'.repeat(20));
      const before = JSON.stringify(client.ctx.sqlite.prepare('SELECT * FROM sync_state').all());
      const error = await pullAll(client.ctx, undefined, fastRetry, 100, { maxPages: 10, maxMillis: 60_000, maxPageBytes: 100_000 }, false).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).message).toMatch(/中心服务器的回复超过 98 KB 的上限，已停止接收，本机没有做任何修改/);
      expect(JSON.stringify(client.ctx.sqlite.prepare('SELECT * FROM sync_state').all())).toBe(before);
    } finally {
      fake.closeAllConnections();
      await new Promise((ok) => fake.close(ok));
    }
  });
});
