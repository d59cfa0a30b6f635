// Several centres on one PostgreSQL database (issue 18): real centre processes, desks pushing to them at
// once, an observer pulling all the while, instances killed with SIGKILL and started again. Whatever the
// timing, every copy ends equal to the centre, no command is applied twice, and a cursor never skips a
// row that became visible after a later one.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../migrations';
import type { Account } from '../../shared/sync';
import { syncedEntities } from '../../shared/sync';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow, syncStatus } from '../../electron/backend/sync/engine';
import { openPostgresStore } from '../../server/postgres/store';
import type { CentralStore } from '../../server/store';
import { centralTemplate, centreValue, fastRetry, type Client } from '../helpers/central';
import { centreInstance, type Instance } from '../helpers/instances';
import { differences } from '../helpers/sync-compare';

const central = centralTemplate(300, 'postgres');
/** Quick retries, but a whole meeting pushed to a loaded machine may take longer than fastRetry's 5 s answer. */
const patient = { ...fastRetry, timeoutMs: 120_000 };
const running: Instance[] = [];
const stores: CentralStore[] = [];
afterEach(async () => {
  for (const i of running.splice(0)) await i.kill();
  for (const s of stores.splice(0)) await s.close();
  await central.cleanup();
});
afterAll(() => central.dispose());

const random = (() => {
  let s = 20261202;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
})();

/** A seeded database and `n` centre processes on it, plus a connection of the test's own. */
async function instances(n: number) {
  const base = await central.server();
  await base.close();
  const started: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const instance = centreInstance(base.dataDir, base.databaseUrl!);
    running.push(instance);
    started.push(instance);
  }
  await Promise.all(started.map((i) => i.start()));
  const store = await openPostgresStore(base.databaseUrl!);
  stores.push(store);
  return { base, instances: started, db: store.db };
}

type Desk = { client: Client; account: Account; username: string };

async function desk(server: { password(u: string): string }, url: string, username: string): Promise<Desk> {
  const client = await central.client();
  const account = await signIn(client.ctx, url, username, server.password(username), 'test', patient);
  await syncNow(client.ctx, patient);
  return { client, account, username };
}

const pointAt = (d: Desk, i: Instance) => d.client.ctx.sqlite.prepare('UPDATE sync_state SET server_url = ?').run(i.url);

/** Every synced table of two copies, row for row. */
function sameCopies(a: Client, b: Client): string[] {
  const dump = (c: Client, t: string) => JSON.stringify(c.ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
  return syncedEntities.filter((t) => dump(a, t) !== dump(b, t));
}

/** No row version reached the log twice, and the audit chain of all instances together holds. */
async function appliedOnce(db: CentralStore['db']) {
  expect(await centreValue(db, "SELECT count(*) FROM (SELECT entity, row_key, version FROM change_log WHERE op = 'upsert' GROUP BY entity, row_key, version HAVING count(*) > 1) d")).toBe(0);
  expect((await verifyAuditChain(db)).ok).toBe(true);
}

describe('several centres on one PostgreSQL database', () => {
  it('runs a batch sent to two centres at the same moment once', async () => {
    const { base, instances: [a, b], db } = await instances(2);
    const d = await desk(base, a!.url, 'st001-staff1');
    const held = await holdDemoMeeting(d.client.ctx, '2026-11');
    const outbox = d.client.ctx.sqlite.prepare('SELECT id, name, args_json FROM outbox ORDER BY id').all() as { id: number; name: string; args_json: string }[];
    const body = JSON.stringify({ clientId: (await syncStatus(d.client.ctx)).clientId, schemaVersion: latestSchemaVersion, mutations: outbox.map((m) => ({ id: m.id, name: m.name, ...(JSON.parse(m.args_json) as object) })) });
    const token = await d.client.ctx.secrets.get('sync.accessToken');
    const send = (i: Instance) => fetch(`${i.url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }).then((r) => r.json());
    const answers = await Promise.all([send(a!), send(b!)]);
    // Both answer that everything is done, and neither found anything to refuse: the second ran nothing.
    for (const answer of answers) expect(answer).toEqual({ lastMutationId: outbox.at(-1)!.id, rejected: [] });
    expect(await centreValue(db, 'SELECT count(*) FROM decisions WHERE meeting_id = ?', held.meeting.id)).toBe(held.meeting.items.filter((i) => !i.removed).length);
    d.client.ctx.sqlite.prepare('DELETE FROM outbox').run();
    await syncNow(d.client.ctx, patient);
    expect(await differences(db, d.client.ctx.sqlite, d.account)).toEqual([]);
    await appliedOnce(db);
  }, 120_000);

  it('lets a refresh token presented to two centres at the same moment work once, and then ends that sign-in', async () => {
    const { base, instances: [a, b] } = await instances(2);
    const post = (i: Instance, path: string, body: object) =>
      fetch(`${i.url}/api/v1/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { refreshToken?: string; accessToken?: string } }));
    const login = await post(a!, 'login', { username: 'st001-staff1', password: base.password('st001-staff1'), deviceName: 'test' });
    expect(login.status).toBe(200);
    const answers = await Promise.all([post(a!, 'refresh', { refreshToken: login.body.refreshToken }), post(b!, 'refresh', { refreshToken: login.body.refreshToken })]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 401]);
    // The copy that won is revoked with the rest of the sign-in: somebody held a second copy of the token.
    const winner = answers.find((x) => x.status === 200)!;
    const pull = await fetch(`${b!.url}/api/v1/sync/pull?schemaVersion=${latestSchemaVersion}`, { headers: { authorization: `Bearer ${winner.body.accessToken}` } });
    expect(pull.status).toBe(401);
  }, 120_000);

  it('three centres, six desks pushing at once, a bureau pulling all the while: it misses no row', async () => {
    const { base, instances: three, db } = await instances(3);
    const usernames = ['st001-staff1', 'st001-staff2', 'st002-staff1', 'st003-staff1', 'st004-staff1', 'st005-staff1'];
    const desks: Desk[] = [];
    for (const [i, u] of usernames.entries()) desks.push(await desk(base, three[i % 3]!.url, u));
    // A month's meetings held offline; the two desks of 430188001 hold the same one (their cases conflict).
    for (const d of desks) await holdDemoMeeting(d.client.ctx, '2026-11');
    const observer = await desk(base, three[0]!.url, 'bureau-chief');
    let pushing = true;
    const seen: number[] = [];
    const pulling = (async () => {
      while (pushing) {
        pointAt(observer, three[Math.floor(random() * 3)]!);
        seen.push((await syncNow(observer.client.ctx, patient, { pageSize: 40 })).pulledChanges);
      }
    })();
    // Each desk pushes in batches of three, to its own centre; the batches of all desks cross.
    const reports = await Promise.all(desks.map((d) => syncNow(d.client.ctx, patient, { batchSize: 3 })));
    pushing = false;
    await pulling;
    await syncNow(observer.client.ctx, patient);
    expect(reports.reduce((n, r) => n + r.pushed, 0)).toBeGreaterThan(150);
    // One of the two desks of the same street lost its conflicting commands; all others went through.
    expect(reports.filter((r) => r.rejected > 0).length).toBeLessThanOrEqual(1);
    // The observer pulled while the pushes ran, and received changes in more than one of those pulls.
    expect(seen.filter((n) => n > 0).length).toBeGreaterThan(1);
    const fresh = await desk(base, three[2]!.url, 'bureau-chief');
    expect(sameCopies(observer.client, fresh.client)).toEqual([]);
    expect(await differences(db, observer.client.ctx.sqlite, observer.account)).toEqual([]);
    for (const d of desks) {
      await syncNow(d.client.ctx, patient);
      expect(await differences(db, d.client.ctx.sqlite, d.account)).toEqual([]);
    }
    await appliedOnce(db);
  }, 240_000);

  it('two centres killed with SIGKILL and started again at random during the pushes: nothing lost or applied twice', async () => {
    const { base, instances: two, db } = await instances(2);
    const usernames = ['st002-staff1', 'st003-staff1', 'st004-staff1', 'st005-staff1'];
    const desks: Desk[] = [];
    for (const [i, u] of usernames.entries()) desks.push(await desk(base, two[i % 2]!.url, u));
    for (const d of desks) await holdDemoMeeting(d.client.ctx, '2026-11');
    const outboxTop = desks.map((d) => d.client.ctx.sqlite.prepare('SELECT max(id) FROM outbox').pluck().get() as number);
    let pushing = true;
    let kills = 0;
    const restarts: Promise<void>[] = [];
    const killing = (async () => {
      // Six kills at most: on a loaded machine a restart takes seconds, and endless kills would leave no centre up.
      while (pushing && kills < 6) {
        await new Promise((ok) => setTimeout(ok, 150 + random() * 350));
        if (!pushing) break;
        const victim = two[Math.floor(random() * 2)]!;
        if (!victim.child) continue; // still starting again
        await victim.kill();
        kills++;
        // Started again in the background: the other may be killed meanwhile, and then none answers for a while.
        restarts.push(new Promise((ok) => setTimeout(ok, random() * 300)).then(() => victim.start()));
      }
    })();
    const quickRetry = { attempts: 2, baseDelayMs: 20, maxDelayMs: 50, timeoutMs: 5000 };
    await Promise.all(
      desks.map(async (d) => {
        // One command per batch, each sync to whichever centre; a sync cut short is simply run again.
        // Bounded by time, not by a count of tries: how many tries fit depends on the machine's load.
        const deadline = Date.now() + 200_000;
        while (Date.now() < deadline && (await syncStatus(d.client.ctx)).pending > 0) {
          pointAt(d, two[Math.floor(random() * 2)]!);
          await syncNow(d.client.ctx, quickRetry, { batchSize: 1 }).catch(() => new Promise((ok) => setTimeout(ok, 100)));
        }
      }),
    );
    pushing = false;
    await killing;
    await Promise.all(restarts);
    expect(kills).toBeGreaterThanOrEqual(3);
    for (const [i, d] of desks.entries()) {
      expect((await syncStatus(d.client.ctx)).pending).toBe(0);
      pointAt(d, two[0]!);
      const report = await syncNow(d.client.ctx, patient);
      expect(report.rejected).toBe(0);
      expect(await differences(db, d.client.ctx.sqlite, d.account)).toEqual([]);
      expect(await centreValue(db, 'SELECT c.last_mutation_id FROM central_clients c JOIN users u ON u.id = c.user_id WHERE u.username = ?', d.username)).toBe(outboxTop[i]);
      expect(d.client.ctx.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
    }
    await appliedOnce(db);
  }, 300_000);
});
