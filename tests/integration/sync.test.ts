// Sync against the reference central server over real loopback HTTP: sign-in, the first pull, pushing a
// whole meeting, duplicates, conflicts, token refresh and revocation, a server restarted mid-sync, and
// broken answers that must change nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../migrations';
import { AppError } from '../../shared/result';
import type { Account } from '../../shared/sync';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow, syncRejections, syncStatus, resetSync } from '../../electron/backend/sync/engine';
import { SyncError } from '../../electron/backend/sync/http';
import { pushOutbox } from '../../electron/backend/sync/push';
import { api } from '../helpers/api';
import { centralTemplate, centreBackends, centreValue, fastRetry, type Client } from '../helpers/central';
import { differences } from '../helpers/sync-compare';

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  const dump = (c: Client) => JSON.stringify(['cases', 'meetings', 'decisions', 'outbox', 'sync_state'].map((t) => c.ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));

  async function signedIn(server: Awaited<ReturnType<typeof central.server>>, username: string): Promise<{ client: Client; account: Account }> {
    const client = await central.client();
    const account = await signIn(client.ctx, server.url, username, server.password(username), 'test', fastRetry);
    return { client, account };
  }

  describe('sign-in and the first pull', () => {
    it('brings exactly the rows of the user’s jurisdiction and makes the account this copy’s user', async () => {
      const server = await central.server();
      const { client, account } = await signedIn(server, 'st001-staff1');
      expect(account).toMatchObject({ username: 'st001-staff1', role: 'street_staff', regionCode: '430188001' });
      const report = await syncNow(client.ctx, fastRetry);
      expect(report.fullPull).toBe(true);
      expect(report.pulledChanges).toBeGreaterThan(500);
      expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
      // Ancestors of the street come too; other streets and the bureau's spot checks do not.
      expect(client.ctx.sqlite.prepare("SELECT count(*) FROM regions WHERE code = '430188'").pluck().get()).toBe(1);
      expect(client.ctx.sqlite.prepare("SELECT count(*) FROM cases WHERE street_code <> '430188001'").pluck().get()).toBe(0);
      const status = await syncStatus(client.ctx);
      expect(status).toMatchObject({ signedIn: true, pending: 0, fullPullDone: true, lastError: null });
      const session = await api(client.ctx).call('session.current', {});
      expect(session.username).toBe('st001-staff1');
      expect(client.ctx.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    });

    it('refuses a wrong password, plain HTTP to another host, and a database holding data from elsewhere', async () => {
      const server = await central.server();
      const client = await central.client();
      await expect(signIn(client.ctx, server.url, 'st001-staff1', 'wrong', 'test', fastRetry)).rejects.toThrow(/用户名或密码不正确/);
      await expect(signIn(client.ctx, 'http://central.example.cn', 'st001-staff1', 'x', 'test', fastRetry)).rejects.toThrow(/HTTPS/);
      client.ctx.sqlite.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430199', '别区', 'district', NULL, 2024, 'x')").run();
      await expect(signIn(client.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry)).rejects.toThrow(/不是从中心同步来的数据/);
    });
  });

  describe('push', () => {
    it('sends a whole meeting held offline; the centre has every decision once and another device receives it', async () => {
      const server = await central.server();
      const { client, account } = await signedIn(server, 'st001-staff1');
      await syncNow(client.ctx, fastRetry);
      const held = await holdDemoMeeting(client.ctx, '2026-11');
      const pending = (await syncStatus(client.ctx)).pending;
      expect(pending).toBeGreaterThan(20);
      const report = await syncNow(client.ctx, fastRetry);
      expect(report).toMatchObject({ pushed: pending, rejected: 0 });
      expect(await centreValue(server.store.db, 'SELECT status FROM meetings WHERE id = ?', held.meeting.id)).toBe('closed');
      expect(await centreValue(server.store.db, 'SELECT count(*) FROM decisions WHERE meeting_id = ?', held.meeting.id)).toBe(held.meeting.items.filter((i) => !i.removed).length);
      expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
      // The same meeting on a colleague's machine, in small pages: the log has the agenda before the cases
      // it refers to (the close changed them later), so references are whole only at the end of the pull.
      const { client: other, account: colleague } = await signedIn(server, 'st001-staff2');
      await syncNow(other.ctx, fastRetry, { pageSize: 7 });
      expect(other.ctx.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(other.ctx.sqlite.prepare('SELECT minutes_sha256 FROM meetings WHERE id = ?').pluck().get(held.meeting.id)).toBe(held.minutes.sha256);
      expect(await differences(server.store.db, other.ctx.sqlite, colleague)).toEqual([]);
    });

    it('applies a batch sent twice only once', async () => {
      const server = await central.server();
      const { client } = await signedIn(server, 'st001-staff1');
      await syncNow(client.ctx, fastRetry);
      await holdDemoMeeting(client.ctx, '2026-11');
      const outbox = client.ctx.sqlite.prepare('SELECT id, name, args_json FROM outbox ORDER BY id LIMIT 5').all() as { id: number; name: string; args_json: string }[];
      const body = { clientId: (await syncStatus(client.ctx)).clientId, schemaVersion: latestSchemaVersion, mutations: outbox.map((m) => ({ id: m.id, name: m.name, ...(JSON.parse(m.args_json) as object) })) };
      const token = await client.ctx.secrets.get('sync.accessToken');
      const send = () => fetch(`${server.url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }).then((r) => r.json());
      const log = () => centreValue<number>(server.store.db, 'SELECT count(*) FROM change_log');
      expect(await send()).toEqual({ lastMutationId: outbox.at(-1)!.id, rejected: [] });
      const after = await log();
      expect(await send()).toEqual({ lastMutationId: outbox.at(-1)!.id, rejected: [] });
      expect(await log()).toBe(after);
      // The client then pushes the rest; the first five are skipped as duplicates, nothing is applied twice.
      await syncNow(client.ctx, fastRetry);
      expect((await syncStatus(client.ctx)).pending).toBe(0);
      // A gap after what the centre has processed is an error, and nothing of that batch is applied.
      const gap = { ...body, mutations: [{ ...body.mutations[0]!, id: 100000 }] };
      const r = await fetch(`${server.url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(gap) });
      expect(r.status).toBe(409);
    });

    it('rejects a change made against an older version, shows it, keeps the rest going, and the pull restores the centre’s row', async () => {
      const server = await central.server();
      const first = await signedIn(server, 'st001-staff1');
      const second = await signedIn(server, 'st001-staff2');
      await syncNow(first.client.ctx, fastRetry);
      await syncNow(second.client.ctx, fastRetry);
      // Both devices hold the street's November meeting offline over the same pending cases: the first to
      // sync wins; the second finds the cases changed at the centre since it last pulled.
      await holdDemoMeeting(first.client.ctx, '2026-11');
      await syncNow(first.client.ctx, fastRetry);
      await holdDemoMeeting(second.client.ctx, '2026-11');
      const report = await syncNow(second.client.ctx, fastRetry);
      expect(report.rejected).toBeGreaterThan(0);
      const rejections = await syncRejections(second.client.ctx);
      expect(rejections.length).toBe(report.rejected);
      expect(rejections[0]!.message).toMatch(/已被他人修改|已不存在|不能|拒绝/);
      // Each says what it was about, so a person can find it: at least the case numbers it touched.
      for (const r of rejections) expect(r.subject, r.name).toMatch(/个案 430188001-\d{6}-\d{3}|第\d+期会议/);
      // Nothing blocks: the outbox is empty, and after the pull the second device shows the centre's rows.
      const status = await syncStatus(second.client.ctx);
      expect(status.pending).toBe(0);
      expect(status.rejections).toBe(report.rejected);
      await syncNow(second.client.ctx, fastRetry);
      expect(await differences(server.store.db, second.client.ctx.sqlite, second.account)).toEqual([]);
      expect(rejections.some((r) => r.code === 'conflict' && /已被他人修改/.test(r.message))).toBe(true);
      // The refused commands are kept whole, arguments and all, for a person to redo.
      const kept = second.client.ctx.sqlite.prepare('SELECT args_json FROM sync_rejections ORDER BY id LIMIT 1').pluck().get() as string;
      expect((JSON.parse(kept) as { args: { month: string } }).args.month).toBe('2026-11');
    });
  });

  describe('tokens', () => {
    it('refreshes an expired access token once and goes on', async () => {
      let now = new Date('2026-11-20T02:00:00Z');
      const server = await central.server({ now: () => now, accessTtlSeconds: 60 });
      const { client } = await signedIn(server, 'st001-staff1');
      const before = await client.ctx.secrets.get('sync.refreshToken');
      now = new Date(now.getTime() + 120_000);
      await syncNow(client.ctx, fastRetry);
      expect(await client.ctx.secrets.get('sync.refreshToken')).not.toBe(before);
      // The old refresh token, presented again, revokes the whole sign-in.
      const reuse = await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: before }) });
      expect(reuse.status).toBe(401);
      now = new Date(now.getTime() + 120_000);
      await holdDemoMeeting(client.ctx, '2026-11');
      const pending = (await syncStatus(client.ctx)).pending;
      const failure = await syncNow(client.ctx, fastRetry).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('no-session');
      expect((failure as AppError).message).toMatch(/重新登录/);
      // Nothing lost: every change is still waiting, and signing in again sends it.
      const status = await syncStatus(client.ctx);
      expect(status).toMatchObject({ pending, signedIn: false });
      expect(status.lastError).toMatch(/重新登录/);
      await signIn(client.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry);
      expect((await syncNow(client.ctx, fastRetry)).pushed).toBe(pending);
    });
  });

  describe('failures that must change nothing', () => {
    it('survives the centre restarting in the middle of a sync', async () => {
      const server = await central.server();
      const { client, account } = await signedIn(server, 'st001-staff1');
      await server.close();
      const slowRetry = { attempts: 20, baseDelayMs: 100, maxDelayMs: 200, timeoutMs: 5000 };
      const syncing = syncNow(client.ctx, slowRetry);
      await new Promise((ok) => setTimeout(ok, 300));
      const again = await central.server({ dataDir: server.dataDir, port: server.port, ...(server.databaseUrl ? { databaseUrl: server.databaseUrl } : {}) });
      await syncing;
      expect(await differences(again.store.db, client.ctx.sqlite, account)).toEqual([]);
    });

    it('gives a clear error for a truncated or malformed answer and leaves the database as it was', async () => {
      const server = await central.server();
      const { client } = await signedIn(server, 'st001-staff1');
      await syncNow(client.ctx, fastRetry);
      await holdDemoMeeting(client.ctx, '2026-11');
      const before = dump(client);
      const answers = [
        '{"changes":[{"entity":"cases","op":"upsert","id":"x","version":1,"data":{"id":"x"',
        '{"changes":[{"entity":"nonsense","op":"upsert","id":"x","version":1,"data":{}}],"nextCursor":"a","hasMore":false}',
        '{"lastMutationId":"many","rejected":[]}',
        '{"changes":[{"entity":"cases","op":"upsert","id":"x","version":1,"data":{"id":"x","case_no":null}}],"nextCursor":"YQ","hasMore":false}',
        // Well formed, but it refers to a household nobody sent: refused when the pull ends.
        JSON.stringify({
          changes: [{ entity: 'members', op: 'upsert', id: 'm-dangling', version: 1, data: { id: 'm-dangling', household_id: 'nowhere', name: '某某', citizen_id: '430188199001010011', gender: 'male', birth_date: '1990-01-01', relation: 'self', version: 1, updated_at: '2026-11-20T02:00:00.000Z' } }],
          nextCursor: 'YQ',
          hasMore: false,
        }),
      ];
      for (const answer of answers) {
        const fake = createServer((req, res) => {
          if (req.url?.includes('/auth/refresh')) {
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(JSON.stringify({ accessToken: 'a'.repeat(20), accessExpiresAt: 'x', refreshToken: 'r'.repeat(20), user: { id: 'u', username: 'st001-staff1', name: 'x', role: 'street_staff', regionCode: '430188001' } }));
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(answer);
        });
        await new Promise<void>((ok) => fake.listen(0, '127.0.0.1', ok));
        client.ctx.sqlite.prepare('UPDATE sync_state SET server_url = ?').run(`http://127.0.0.1:${(fake.address() as AddressInfo).port}`);
        const error = await pushOutboxOrPull(client).catch((e: unknown) => e);
        expect(error, answer).toBeInstanceOf(SyncError);
        expect((error as SyncError).message, answer).toMatch(/中心服务器的回复|中心服务器发来的数据|确认的进度/);
        if (answer.includes('m-dangling')) expect((error as SyncError).message).toMatch(/1 条记录引用了本机没有的数据（如“members”引用的“households”）/);
        fake.closeAllConnections();
        await new Promise((ok) => fake.close(ok));
        client.ctx.sqlite.prepare('UPDATE sync_state SET server_url = ?').run(new URL(server.url).origin);
        expect(dump(client), answer).toBe(before);
        expect(client.ctx.sqlite.prepare("SELECT count(*) FROM members WHERE id = 'm-dangling'").pluck().get()).toBe(0);
      }
    });

    it('starts again from the beginning on an unknown cursor, keeping unsent changes; reset does the same', async () => {
      const server = await central.server();
      const { client, account } = await signedIn(server, 'st001-staff1');
      await syncNow(client.ctx, fastRetry);
      client.ctx.sqlite.prepare("UPDATE sync_state SET cursor = 'bm9wZTox'").run();
      const report = await syncNow(client.ctx, fastRetry);
      expect(report.fullPull).toBe(true);
      await resetSync(client.ctx);
      expect((await syncStatus(client.ctx)).fullPullDone).toBe(false);
      await syncNow(client.ctx, fastRetry);
      expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
    });

    it('answers 426 to a client with an older schema', async () => {
      const server = await central.server();
      const { client } = await signedIn(server, 'st001-staff1');
      const token = await client.ctx.secrets.get('sync.accessToken');
      const r = await fetch(`${server.url}/api/v1/sync/pull?schemaVersion=${latestSchemaVersion - 1}`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(426);
      expect(await r.json()).toMatchObject({ error: { code: 'upgrade-required' } });
    });
  });

  /** A push when something is pending, else a pull: whichever the broken answer is aimed at. */
  async function pushOutboxOrPull(client: Client) {
    const { pullAll } = await import('../../electron/backend/sync/pull');
    if ((await syncStatus(client.ctx)).pending > 0) {
      try {
        await pushOutbox(client.ctx, undefined, fastRetry);
      } catch (error) {
        if (!(error instanceof SyncError) || !/回复/.test(error.message)) throw error;
      }
    }
    return pullAll(client.ctx, undefined, fastRetry);
  }
});
