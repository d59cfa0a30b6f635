// A new copy's first pull as the centre's snapshot (issue 20), against the real centre on loopback, on
// SQLite and PostgreSQL: the same rows as a page-by-page pull, row for row; a street's snapshot without
// the bureau's tables; pushes made while the snapshot streams arrive through the ordinary pulls after it;
// an older centre (404) pulled page by page; and hostile snapshots refused, the copy left as it was.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../migrations';
import { syncedEntities, type Account } from '../../shared/sync';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { holdDemoSpotCheck } from '../../electron/backend/demo/demo-spotcheck';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { pushOutbox } from '../../electron/backend/sync/push';
import { isNewCopy } from '../../electron/backend/sync/snapshot';
import { defaultSnapshotLimits } from '../../electron/backend/sync/snapshot-receive';
import { centralTemplate, centreBackends, fastRetry, type Client } from '../helpers/central';
import { differences } from '../helpers/sync-compare';

const everyRow = (c: Client) => Object.fromEntries(syncedEntities.map((t) => [t, c.ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));

/** The snapshot's lines as the centre sends them to `client`'s account. */
async function rawSnapshot(url: string, client: Client): Promise<string[]> {
  const token = await client.ctx.secrets.get('sync.accessToken');
  const r = await fetch(`${url}/api/v1/sync/snapshot?schemaVersion=${latestSchemaVersion}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/ndjson/);
  return (await r.text()).split('\n').filter((l) => l !== '');
}

/** A stand-in centre on loopback: `handle` answers, or null to pass the request on to the real one. */
async function standIn(real: string, handle: (req: IncomingMessage, res: ServerResponse) => boolean) {
  const fake = createServer((req, res) => {
    if (handle(req, res)) return;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${real}${req.url}`, { method: req.method!, headers: { 'content-type': 'application/json', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) }, ...(body ? { body } : {}) }).then(async (r) => {
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((ok) => fake.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
    close: async () => {
      fake.closeAllConnections();
      await new Promise((ok) => fake.close(ok));
    },
  };
}

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  async function signedIn(server: Awaited<ReturnType<typeof central.server>>, username: string): Promise<{ client: Client; account: Account }> {
    const client = await central.client();
    const account = await signIn(client.ctx, server.url, username, server.password(username), 'test', fastRetry);
    return { client, account };
  }

  it('fills a new copy with exactly the rows a page-by-page pull brings, row for row', async () => {
    const server = await central.server();
    for (const username of ['bureau-chief', 'st001-staff1']) {
      const bulk = await signedIn(server, username);
      const paged = await signedIn(server, username);
      const viaSnapshot = await syncNow(bulk.client.ctx, fastRetry);
      const viaPages = await syncNow(paged.client.ctx, fastRetry, { snapshot: false, pageSize: 500 });
      expect(viaSnapshot).toMatchObject({ snapshot: true, fullPull: true });
      expect(viaPages).toMatchObject({ snapshot: false, fullPull: true });
      expect(viaSnapshot.pulledChanges).toBeGreaterThan(500);
      expect(viaSnapshot.pulledChanges).toBe(viaPages.pulledChanges);
      expect(everyRow(bulk.client)).toEqual(everyRow(paged.client));
      // The indexes set aside during the copy are all back, as the migrations made them.
      const schema = (c: Client) => c.ctx.sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
      expect(schema(bulk.client)).toEqual(schema(paged.client));
      expect(schema(bulk.client).length).toBeGreaterThan(50);
      expect(await differences(server.store.db, bulk.client.ctx.sqlite, bulk.account)).toEqual([]);
      expect(bulk.client.ctx.sqlite.prepare('SELECT full_pull_done FROM sync_state').pluck().get()).toBe(1);
      expect(bulk.client.ctx.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      expect(existsSync(`${bulk.client.file}.snapshot`)).toBe(false);
      // The next sync is an ordinary one from the snapshot's cursor: nothing new, nothing repeated.
      expect(await syncNow(bulk.client.ctx, fastRetry)).toMatchObject({ snapshot: false, fullPull: false, pulledChanges: 0 });
    }
  });

  it('sends a street nothing outside its scope: no bureau table is even named', async () => {
    const server = await central.server();
    // The bureau draws a spot check on the street and sends it: the centre holds bureau-only rows.
    const bureau = await signedIn(server, 'bureau-chief');
    await syncNow(bureau.client.ctx, fastRetry);
    await holdDemoSpotCheck(bureau.client.ctx);
    expect(await pushOutbox(bureau.client.ctx, () => undefined, fastRetry)).toMatchObject({ rejected: 0 });
    const bureauLines = (await rawSnapshot(server.url, bureau.client)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(bureauLines.filter((l) => 'table' in l).map((l) => l.table)).toEqual(expect.arrayContaining(['spot_check_draws', 'spot_check_items']));
    const { client } = await signedIn(server, 'st001-staff1');
    const lines = (await rawSnapshot(server.url, client)).map((l) => JSON.parse(l) as Record<string, unknown>);
    const tables = lines.filter((l) => 'table' in l).map((l) => l.table);
    expect(tables).toContain('cases');
    for (const bureauOnly of ['spot_check_draws', 'spot_check_items', 'spot_check_findings', 'roster_sends']) expect(tables).not.toContain(bureauOnly);
    // Every case sent is the street's own, and the bureau's snapshot of the same moment holds more.
    const caseRows: unknown[][] = [];
    let current: unknown = null;
    for (const l of lines) {
      if ('table' in l) current = l.table;
      else if ('rows' in l && current === 'cases') caseRows.push(...(l.rows as unknown[][]));
    }
    const street = (lines.find((l) => l.table === 'cases')!.columns as string[]).indexOf('street_code');
    expect(caseRows.length).toBeGreaterThan(10);
    expect(new Set(caseRows.map((r) => r[street]))).toEqual(new Set(['430188001']));
    expect(lines.at(-1)).toMatchObject({ end: true });
    const bureauTrailer = bureauLines.at(-1) as { counts: Record<string, number> };
    const streetTrailer = lines.at(-1) as { counts: Record<string, number> };
    expect(bureauTrailer.counts.cases).toBeGreaterThan(streetTrailer.counts.cases!);
    expect(streetTrailer.counts.cases).toBe(caseRows.length);
  });

  it('brings what was pushed while the snapshot streamed through the ordinary pulls after it', async () => {
    const server = await central.server();
    const colleague = await signedIn(server, 'st001-staff1');
    await syncNow(colleague.client.ctx, fastRetry);
    await holdDemoMeeting(colleague.client.ctx, '2026-11');
    const { client, account } = await signedIn(server, 'st001-staff1');
    const colleaguePush: { pushing?: Promise<{ pushed: number; rejected: number }> } = {};
    // The first rows of the snapshot have arrived, so its moment is fixed: the colleague's meeting goes up now.
    const emit = (event: string, payload: { phase?: string }) => {
      if (event === 'sync.progress' && payload.phase === 'pull') colleaguePush.pushing ??= pushOutbox(colleague.client.ctx, () => undefined, fastRetry);
    };
    const ctx = { ...client.ctx, emit: emit as unknown as Client['ctx']['emit'] };
    const first = await syncNow(ctx, fastRetry);
    expect(first.snapshot).toBe(true);
    expect(colleaguePush.pushing).toBeDefined();
    const pushed = await colleaguePush.pushing!;
    expect(pushed.pushed).toBeGreaterThan(0);
    expect(pushed.rejected).toBe(0);
    await syncNow(client.ctx, fastRetry);
    expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
    const decisions = (c: Client) => c.ctx.sqlite.prepare('SELECT id, version FROM decisions ORDER BY id').all();
    expect(decisions(client).length).toBeGreaterThan(0);
    expect(decisions(client).length).toBe(decisions(colleague.client).length);
  });

  it('pulls page by page from a centre without snapshots (404)', async () => {
    const server = await central.server();
    const { client, account } = await signedIn(server, 'st001-staff1');
    let asked = 0;
    const old = await standIn(server.url, (req, res) => {
      if (!req.url?.startsWith('/api/v1/sync/snapshot')) return false;
      asked++;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not-found', message: '没有这个接口' } }));
      return true;
    });
    try {
      client.ctx.sqlite.prepare('UPDATE sync_state SET server_url = ?').run(old.url);
      const report = await syncNow(client.ctx, fastRetry);
      expect(asked).toBe(1);
      expect(report).toMatchObject({ snapshot: false, fullPull: true });
      expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('refuses a malformed, oversized or mismatched snapshot in plain Chinese and leaves the new copy untouched', async () => {
    const server = await central.server();
    const { client, account } = await signedIn(server, 'st001-staff1');
    const good = await rawSnapshot(server.url, client);
    const header = good[0]!;
    const trailer = JSON.parse(good.at(-1)!) as { end: true; counts: Record<string, number> };
    const casesAt = good.findIndex((l) => l.includes('"table":"cases"'));
    const membersAt = good.findIndex((l) => l.includes('"table":"members"'));
    const body = (lines: string[]) => lines.join('\n') + '\n';
    const hostile: [string, string, RegExp][] = [
      ['not NDJSON', '<html>502 Bad Gateway</html>\n', /格式不对/],
      ['another format', body([JSON.stringify({ format: 'sqlite', version: 1, cursor: 'x' }), ...good.slice(1)]), /开头不对/],
      ['cut off before its trailer', body(good.slice(0, -1)), /不完整（没有结束标记/],
      ['cut off mid-line', body(good).slice(0, -20), /不完整/],
      ['counts that do not match', body([...good.slice(0, -1), JSON.stringify({ end: true, counts: { ...trailer.counts, cases: (trailer.counts.cases ?? 0) + 1 } })]), /与结束标记对不上（“cases”表应有/],
      ['a row shorter than its columns', body([...good.slice(0, casesAt + 1), JSON.stringify({ rows: [['c-short', 1]] }), ...good.slice(casesAt + 1)]), /“cases”表有一行与列对不上/],
      ['a table it does not know', body([header, JSON.stringify({ table: 'central_credentials', columns: ['user_id', 'password_hash'] }), ...good.slice(1)]), /不认识的表（central_credentials）/],
      ['a table twice', body([...good.slice(0, -1), good[casesAt]!, good[casesAt + 1]!, good.at(-1)!]), /“cases”表重复或次序不对/],
      ['members without their households', body([header, ...good.slice(membersAt).slice(0, -1), JSON.stringify({ end: true, counts: Object.fromEntries(Object.entries(trailer.counts).filter(([t]) => syncedEntities.indexOf(t as never) >= syncedEntities.indexOf('members'))) })]), /引用了本机没有的数据.*首次同步的数据没有写入/],
      ['anything after its trailer', body([...good, good[casesAt + 1]!]), /在结束标记之后还有内容/],
    ];
    for (const [what, answer, message] of hostile) {
      const fake = await standIn(server.url, (req, res) => {
        if (!req.url?.startsWith('/api/v1/sync/snapshot')) return false;
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.end(answer);
        return true;
      });
      try {
        client.ctx.sqlite.prepare('UPDATE sync_state SET server_url = ?').run(fake.url);
        const error = await syncNow(client.ctx, fastRetry).catch((e: unknown) => e as Error);
        expect(error, what).toBeInstanceOf(Error);
        expect((error as Error).message, what).toMatch(message);
        expect((error as Error).message, what).toMatch(/本机数据没有任何改动/);
        expect(isNewCopy(client.ctx), what).toBe(true);
        expect(existsSync(`${client.file}.snapshot`), what).toBe(false);
      } finally {
        await fake.close();
      }
    }
    // Too large: the real centre's snapshot, read against a small limit.
    client.ctx.sqlite.prepare('UPDATE sync_state SET server_url = ?').run(new URL(server.url).origin);
    const tooLarge = await syncNow(client.ctx, fastRetry, { snapshot: { ...defaultSnapshotLimits, maxBytes: 64 * 1024 } }).catch((e: unknown) => e as Error);
    expect((tooLarge as Error).message).toMatch(/超过 64 KB 的上限/);
    expect(isNewCopy(client.ctx)).toBe(true);
    // And the real one, after all that, fills it.
    expect(await syncNow(client.ctx, fastRetry)).toMatchObject({ snapshot: true });
    expect(await differences(server.store.db, client.ctx.sqlite, account)).toEqual([]);
  });
});
