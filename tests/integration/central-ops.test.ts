// Running the centre (issue 18, item 5): the health endpoint a load balancer asks, the JSON log lines
// with nothing personal in them, a graceful shutdown that lets a push under way finish, and plain HTTP
// refused from anywhere but this machine unless an HTTPS proxy stands in front. Real HTTP throughout:
// the centre in this process, and `server/main.ts` in a child process for the signals and its stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/db/open';
import { latestSchemaVersion } from '../../migrations';
import { createLogger, instanceId } from '../../server/log';
import { clientAddress, isLoopback, transportRefusal } from '../../server/network';
import { SYNC_API } from '../../shared/sync';
import { centralTemplate, centreBackends } from '../helpers/central';
import { contextFor, login, rawClient } from '../helpers/raw-client';

const central = centralTemplate();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await central.cleanup();
});
afterAll(() => central.dispose());

const STREET_USER = 'st001-staff1';

/** This machine's first IPv4 address that is not loopback, or undefined. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

type Answer = { status: number; headers: IncomingMessage['headers']; body: Record<string, unknown> };

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const r = await fetch(url, { headers });
  const got: IncomingMessage['headers'] = {};
  r.headers.forEach((value, name) => (got[name] = value));
  return { status: r.status, headers: got, body: (await r.json()) as Record<string, unknown> };
}

/** A GET on a connection of its own: the status, or the error code (ECONNREFUSED) when none was had. */
function freshGet(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end();
  });
}

/** Reads one HTTP answer (headers and a content-length body) off a raw socket. */
function answerOn(socket: Socket): Promise<{ status: number; head: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      text += d;
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = text.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      const body = text.slice(end + 4);
      if (Buffer.byteLength(body) < length) return;
      resolve({ status: Number(head.split(' ')[1]), head, body: JSON.parse(body) as Record<string, unknown> });
    });
    socket.on('error', reject);
  });
}

/** A pending case of the user's street, read off the centre's own file. */
function pendingCase(dataDir: string): string {
  const handle = openDatabase(`${dataDir}/central.sqlite`);
  try {
    return handle.sqlite.prepare("SELECT id FROM cases WHERE street_code = '430188001' AND status = 'pending' LIMIT 1").pluck().get() as string;
  } finally {
    void handle.close();
  }
}

/** A push of `n` complaints (at most 100, a batch's limit) on one case: a transaction of a second or so. */
function complaintsPush(clientId: string, caseId: string, n: number, marker: string): string {
  const mutations = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: 'cases.recordComplaint',
    args: { caseId, against: 'case', channel: 'hotline_12349', receivedOn: '2026-11-19', complainant: '', content: `${marker} ${i + 1}` },
    context: contextFor(),
  }));
  return JSON.stringify({ clientId, schemaVersion: latestSchemaVersion, mutations });
}

/** Starts a POST of `body` and sends only its first half; `finish()` sends the rest and resolves with the answer. */
function slowPost(url: string, token: string, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), authorization: `Bearer ${token}` } });
  const answered = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
  });
  answered.catch(() => undefined);
  req.write(bytes.subarray(0, half));
  req.flushHeaders();
  return {
    finish: () => {
      req.end(bytes.subarray(half));
      return answered;
    },
    abandon: () => req.destroy(),
    answered,
  };
}

type Centre = { child: ChildProcess; url: string; stderr: () => string; logLines: () => Record<string, unknown>[]; waitForLog(msg: string): Promise<void>; exited: Promise<number | null> };

/** `server/main.ts` in a child process on an existing data folder; resolves once it prints its address. */
async function startCentre(dataDir: string, extra: string[] = []): Promise<Centre> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir, ...extra], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const waiting: { msg: string; ok: () => void }[] = [];
  const lines = () =>
    stderr
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr += d;
    if (!stderr.endsWith('\n')) return;
    for (const w of waiting.splice(0)) {
      if (lines().some((l) => l.msg === w.msg)) w.ok();
      else waiting.push(w);
    }
  });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      stdout += d;
      const m = /^central listening on (\S+)$/m.exec(stdout);
      if (m) ok(m[1]!);
    });
    void exited.then((code) => fail(new Error(`the centre exited ${code}: ${stderr}`)));
  });
  return {
    child,
    url,
    stderr: () => stderr,
    logLines: lines,
    waitForLog: (msg) => (lines().some((l) => l.msg === msg) ? Promise.resolve() : new Promise((ok) => waiting.push({ msg, ok }))),
    exited,
  };
}

/** A seeded data folder of the template's, for a centre in a child process. */
async function dataFolder() {
  const s = await central.server();
  await s.close();
  return s;
}

describe.each(centreBackends)('the health endpoint of the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  it('answers 200 after a round trip to the database, with the engine, its schema version, the instance and the uptime', async () => {
    const server = await central.server();
    const { status, headers, body } = await getJson(`${server.url}${SYNC_API}/health`);
    expect(status).toBe(200);
    expect(headers['cache-control']).toBe('no-store');
    expect(body).toEqual({ ok: true, database: backend, schemaVersion: latestSchemaVersion, instance: instanceId, uptimeSeconds: expect.any(Number) });
    expect(instanceId).toMatch(/^[0-9a-f]{8}$/);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('answers at once while a long push holds the database', async () => {
    const server = await central.server();
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    let started!: () => void;
    const inside = new Promise<void>((ok) => (started = ok));
    // A transaction that keeps the connection (SQLite's only one) until released, as a long push does.
    const push = server.store.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      started();
      await held;
    });
    await inside;
    // Released only after the answer: a check that waited behind the transaction would time out and say 503.
    const { status, body } = await getJson(`${server.url}${SYNC_API}/health`);
    release();
    await push;
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, schemaVersion: latestSchemaVersion });
  });

  it('answers 503 with a reason in Chinese once the database no longer answers', async () => {
    const warnings: string[] = [];
    const server = await central.server({ log: createLogger((l) => warnings.push(l)) });
    await server.store.close();
    const { status, body } = await getJson(`${server.url}${SYNC_API}/health`);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, database: backend, instance: instanceId, message: expect.stringMatching(/[\u4e00-\u9fff]/u) });
    expect(warnings.map((l) => JSON.parse(l) as { msg: string })).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'health check failed' }));
  });
});

describe('shutting down in this process', () => {
  it('lets a push under way finish, answers 503 to a request arriving on an open connection, and takes no new connections', async () => {
    const lines: string[] = [];
    const server = await central.server({ log: createLogger((l) => lines.push(l)) });
    const caseId = pendingCase(server.dataDir);
    const raw = await rawClient(server.url, STREET_USER, server.password(STREET_USER));
    const push = slowPost(`${server.url}${SYNC_API}/sync/push`, raw.token, complaintsPush(raw.clientId, caseId, 40, '停机前的投诉'));
    // A second connection with a request begun but not yet complete: it is not idle, so it stays open.
    const open = connect(server.port, '127.0.0.1');
    await new Promise((ok) => open.once('connect', ok));
    open.write(`GET ${SYNC_API}/sync/pull?schemaVersion=${latestSchemaVersion} HTTP/1.1\r\nHost: central\r\n`);
    await new Promise((ok) => setTimeout(ok, 300));

    const closed = server.close();
    const late = answerOn(open);
    open.write(`Authorization: Bearer ${raw.token}\r\n\r\n`);
    const turnedAway = await late;
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.head).toMatch(/connection: close/i);
    expect(turnedAway.body).toMatchObject({ error: { code: 'shutting-down', message: expect.stringMatching(/[\u4e00-\u9fff]/u) } });
    expect(await freshGet(`${server.url}${SYNC_API}/health`)).toBe('ECONNREFUSED');

    const answered = await push.finish();
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ lastMutationId: 40, rejected: [] });
    await closed;
    const handle = openDatabase(`${server.dataDir}/central.sqlite`);
    try {
      expect(handle.sqlite.prepare("SELECT count(*) FROM complaints WHERE content LIKE '停机前的投诉 %'").pluck().get()).toBe(40);
    } finally {
      await handle.close();
    }
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages.indexOf('shutting down')).toBeGreaterThan(-1);
    expect(messages.at(-1)).toBe('stopped');
  });
});

describe('plain HTTP only from this machine', () => {
  it('knows loopback in every spelling, and the client behind a proxy by X-Forwarded-For', () => {
    for (const a of ['127.0.0.1', '127.9.8.7', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'fd00::2', '::', '', undefined, 'localhost']) expect(isLoopback(a), String(a)).toBe(false);
    const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
    expect(transportRefusal(req('192.0.2.9'), false)).toMatch(/HTTPS/);
    expect(transportRefusal(req('::ffff:127.0.0.1'), false)).toBeNull();
    expect(transportRefusal(req('192.0.2.9'), true)).toBeNull();
    expect(transportRefusal(req('192.0.2.9', { 'x-forwarded-proto': 'https' }), true)).toBeNull();
    expect(transportRefusal(req('192.0.2.9', { 'x-forwarded-proto': 'http' }), true)).toMatch(/HTTPS/);
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }), true)).toBe('203.0.113.7');
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }), false)).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', { 'x-forwarded-for': 'not an address' }), true)).toBe('127.0.0.1');
  });

  it.skipIf(!outsideAddress)('refuses a request from another address with https-required before reading its body', async () => {
    const server = await central.server({ host: '0.0.0.0' });
    const outside = `http://${outsideAddress}:${server.port}`;
    const checks = server.auth.passwordChecks;
    const health = await getJson(`${outside}${SYNC_API}/health`);
    expect(health.status).toBe(403);
    expect(health.body).toEqual({ error: { code: 'https-required', message: expect.stringMatching(/^中心只接受本机或 HTTPS 反向代理转来的请求/) } });
    const signIn = await login(outside, STREET_USER, server.password(STREET_USER));
    expect(signIn.status).toBe(403);
    expect(server.auth.passwordChecks).toBe(checks);
    // This machine's own address for itself is loopback still.
    expect((await getJson(`${server.url}${SYNC_API}/health`)).status).toBe(200);
  });

  it.skipIf(!outsideAddress)('behind a proxy takes requests from anywhere, refuses X-Forwarded-Proto: http, and throttles by X-Forwarded-For', async () => {
    const server = await central.server({ host: '0.0.0.0', behindProxy: true, throttle: { addressFailures: 3, accountFreeFailures: 100 } });
    const outside = `http://${outsideAddress}:${server.port}`;
    expect((await getJson(`${outside}${SYNC_API}/health`)).status).toBe(200);
    expect((await getJson(`${outside}${SYNC_API}/health`, { 'x-forwarded-proto': 'https' })).status).toBe(200);
    const plain = await getJson(`${outside}${SYNC_API}/health`, { 'x-forwarded-proto': 'http' });
    expect(plain.status).toBe(403);
    expect(plain.body).toMatchObject({ error: { code: 'https-required' } });

    const signIn = (password: string, from: string) =>
      fetch(`${outside}${SYNC_API}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': `${from}, ${outsideAddress}` },
        body: JSON.stringify({ username: STREET_USER, password, deviceName: 'proxy' }),
      });
    for (let i = 0; i < 3; i++) expect((await signIn(`wrong-${i}`, '203.0.113.7')).status).toBe(401);
    // The sprayer's address waits; a colleague behind the same proxy, at another address, does not.
    expect((await signIn(server.password(STREET_USER), '203.0.113.7')).status).toBe(429);
    expect((await signIn(server.password(STREET_USER), '203.0.113.8')).status).toBe(200);
    const keys = server.store.handle!.sqlite.prepare("SELECT key FROM central_throttle WHERE key LIKE 'address:%'").pluck().all();
    expect(keys).toEqual(['address:203.0.113.7']);
  });
});

describe('the centre as a process', () => {
  it('logs one JSON line per request with no username, password, token or cursor in any line', async () => {
    const data = await dataFolder();
    const centre = await startCentre(data.dataDir, outsideAddress ? ['--host', '0.0.0.0'] : []);
    const password = data.password(STREET_USER);
    const account = data.accounts.find((a) => a.username === STREET_USER)!;
    expect((await login(centre.url, STREET_USER, 'a-wrong-password')).status).toBe(401);
    const signIn = await login(centre.url, STREET_USER, password);
    expect(signIn.status).toBe(200);
    const tokens = (await signIn.json()) as { accessToken: string; refreshToken: string; user: { id: string; name: string } };
    const pull = async (cursor: string | null) => {
      const q = new URLSearchParams({ schemaVersion: String(latestSchemaVersion), limit: '50', ...(cursor ? { cursor } : {}) });
      const r = await fetch(`${centre.url}${SYNC_API}/sync/pull?${q}`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
      expect(r.status).toBe(200);
      return ((await r.json()) as { cursor: string }).cursor;
    };
    const cursor = await pull(null);
    const next = await pull(cursor);
    const refreshed = await fetch(`${centre.url}${SYNC_API}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: tokens.refreshToken }) });
    expect(refreshed.status).toBe(200);
    const newTokens = (await refreshed.json()) as { accessToken: string; refreshToken: string };
    expect((await getJson(`${centre.url}${SYNC_API}/nowhere?who=${STREET_USER}`)).status).toBe(404);
    let requests = 6;
    if (outsideAddress) {
      expect((await login(`http://${outsideAddress}:${new URL(centre.url).port}`, STREET_USER, password)).status).toBe(403);
      requests++;
    }
    centre.child.kill('SIGTERM');
    expect(await centre.exited).toBe(0);

    const lines = centre.logLines(); // each line parses as JSON, or this throws
    expect(lines.length).toBeGreaterThan(requests);
    for (const l of lines) expect(l).toMatchObject({ time: expect.any(String), level: expect.stringMatching(/^(info|warn|error)$/), msg: expect.any(String), instance: lines[0]!.instance });
    const logged = lines.filter((l) => l.msg === 'request');
    expect(logged).toHaveLength(requests);
    for (const l of logged) expect(Object.keys(l).sort()).toEqual(expect.arrayContaining(['method', 'path', 'status', 'ms']));
    expect(logged.map((l) => [l.method, l.path, l.status])).toEqual(
      [
        ['POST', `${SYNC_API}/auth/login`, 401],
        ['POST', `${SYNC_API}/auth/login`, 200],
        ['GET', `${SYNC_API}/sync/pull`, 200],
        ['GET', `${SYNC_API}/sync/pull`, 200],
        ['POST', `${SYNC_API}/auth/refresh`, 200],
        ['GET', `${SYNC_API}/nowhere`, 404],
        ['POST', `${SYNC_API}/auth/login`, 403],
      ].slice(0, requests),
    );
    expect(logged.filter((l) => l.user === account.username)).toEqual([]);
    expect(logged.slice(1, 5).map((l) => l.user)).toEqual([tokens.user.id, tokens.user.id, tokens.user.id, tokens.user.id]);
    const text = centre.stderr();
    for (const secret of [STREET_USER, password, 'a-wrong-password', tokens.accessToken, tokens.refreshToken, newTokens.accessToken, newTokens.refreshToken, cursor, next, tokens.user.name, 'schemaVersion=', '?']) {
      expect(text, `the log holds ${secret}`).not.toContain(secret);
    }
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['started', 'signal received', 'shutting down', 'stopped']));
  });

  it('on SIGTERM answers a push under way, turns new requests away, and exits 0 with the push in its database', async () => {
    const data = await dataFolder();
    const caseId = pendingCase(data.dataDir);
    const centre = await startCentre(data.dataDir);
    const raw = await rawClient(centre.url, STREET_USER, data.password(STREET_USER));
    const push = slowPost(`${centre.url}${SYNC_API}/sync/push`, raw.token, complaintsPush(raw.clientId, caseId, 100, '停机时的投诉'));
    await new Promise((ok) => setTimeout(ok, 300));
    centre.child.kill('SIGTERM');
    await centre.waitForLog('shutting down');
    // The listening socket is closed: a new connection is refused (or, if it slipped in, answered 503).
    expect([503, 'ECONNREFUSED']).toContain(await freshGet(`${centre.url}${SYNC_API}/health`));
    const answered = await push.finish();
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ lastMutationId: 100, rejected: [] });
    expect(await centre.exited).toBe(0);
    expect(centre.logLines().at(-1)).toMatchObject({ msg: 'stopped' });

    // Started again on the same folder: the push is there, once.
    const again = await startCentre(data.dataDir);
    expect((await getJson(`${again.url}${SYNC_API}/health`)).body).toMatchObject({ ok: true });
    const handle = openDatabase(`${data.dataDir}/central.sqlite`);
    try {
      expect(handle.sqlite.prepare("SELECT count(*) FROM complaints WHERE content LIKE '停机时的投诉 %'").pluck().get()).toBe(100);
      expect(handle.sqlite.prepare('SELECT last_mutation_id FROM central_clients WHERE client_id = ?').pluck().get(raw.clientId)).toBe(100);
    } finally {
      await handle.close();
    }
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('exits 1 when a request is still under way at the shutdown deadline', async () => {
    const data = await dataFolder();
    const centre = await startCentre(data.dataDir, ['--shutdown-timeout', '1']);
    const raw = await rawClient(centre.url, STREET_USER, data.password(STREET_USER));
    const stuck = slowPost(`${centre.url}${SYNC_API}/sync/push`, raw.token, complaintsPush(raw.clientId, pendingCase(data.dataDir), 5, '永远发不完'));
    await new Promise((ok) => setTimeout(ok, 300));
    const t0 = performance.now();
    centre.child.kill('SIGTERM');
    expect(await centre.exited).toBe(1);
    expect(performance.now() - t0).toBeGreaterThan(900);
    expect(centre.logLines().at(-1)).toMatchObject({ level: 'error', msg: expect.stringMatching(/shutdown timed out/) });
    stuck.abandon();
  });
});
