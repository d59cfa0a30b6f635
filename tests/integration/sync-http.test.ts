// The sync client's HTTP layer against small real servers on loopback: which failures are retried, how
// long it waits (full jitter), timeouts, and a kept-alive connection the server closed while the client
// was busy, which must be sent again at once rather than after a backoff.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoff, requestJson, SyncError, type RetryPolicy } from '../../electron/backend/sync/http';

const Ok = z.object({ ok: z.literal(true) });

/**
 * Node's own HTTP server in a child process: closes idle kept-alive connections after 3 s, and answers
 * each request with how many it has had (/big with 8 MB of padding, like a page of a first pull).
 */
const KEEP_ALIVE_SERVER = `
let requests = 0;
const pad = 'x'.repeat(8 * 1024 * 1024);
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requests, pad: req.url === '/big' ? pad : '' }));
  });
});
server.keepAliveTimeout = 3000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<URL> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const quick: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 };

describe('backoff', () => {
  it('waits a random time up to the exponential bound, capped', () => {
    const policy: RetryPolicy = { attempts: 6, baseDelayMs: 400, maxDelayMs: 8000, timeoutMs: 1000 };
    expect(backoff(1, policy, () => 0)).toBe(0);
    expect(backoff(1, policy, () => 0.5)).toBe(400);
    expect(backoff(3, policy, () => 0.999999)).toBe(3200);
    expect(backoff(10, policy, () => 0.999999)).toBe(8000);
    const waits = Array.from({ length: 200 }, () => backoff(4, policy));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(6400);
    // Jittered: many different waits, not one step every client takes together.
    expect(new Set(waits).size).toBeGreaterThan(50);
  });
});

describe('requestJson', () => {
  it('retries 5xx answers and succeeds when the server recovers', async () => {
    let calls = 0;
    const base = await serve((_req, res) => (++calls < 3 ? json(res, 503, { error: { code: 'busy', message: '忙' } }) : json(res, 200, { ok: true })));
    expect(await requestJson(base, { method: 'GET', path: '/x' }, Ok, quick)).toEqual({ ok: true });
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with the server error', async () => {
    let calls = 0;
    const base = await serve((_req, res) => (calls++, json(res, 500, {})));
    const error = await requestJson(base, { method: 'GET', path: '/x' }, Ok, quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('server');
    expect((error as SyncError).message).toMatch(/中心服务器暂时出错（500）/);
    expect(calls).toBe(quick.attempts);
  });

  it('does not retry a refusal (4xx) and passes on the server’s message', async () => {
    let calls = 0;
    const base = await serve((_req, res) => (calls++, json(res, 403, { error: { code: 'forbidden', message: '此账号不能同步' } })));
    const error = (await requestJson(base, { method: 'POST', path: '/x', body: {} }, Ok, quick).catch((e: unknown) => e)) as SyncError;
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('此账号不能同步');
    expect(calls).toBe(1);
  });

  it('times out a server that never answers', async () => {
    const base = await serve(() => undefined);
    const error = (await requestJson(base, { method: 'GET', path: '/x' }, Ok, { ...quick, attempts: 2, timeoutMs: 150 }).catch((e: unknown) => e)) as SyncError;
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/超时/);
  });

  it('sends again at once on a kept-alive connection the server closed while the client was busy', async () => {
    // Seen in the sync benchmark: a pull, then a meeting held (seconds of synchronous SQLite and PDF
    // work), then the push went out on the connection the server had closed meanwhile.
    const server = spawn(process.execPath, ['-e', KEEP_ALIVE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(server);
    const port = await new Promise<string>((ok) => server.stdout!.once('data', (d: Buffer) => ok(d.toString().trim())));
    const base = new URL(`http://127.0.0.1:${port}`);
    // A backoff here would wait up to a minute: the test would time out.
    const patient: RetryPolicy = { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, timeoutMs: 5000 };
    const Count = z.object({ requests: z.number() });
    expect(await requestJson(base, { method: 'GET', path: '/big' }, Count, patient)).toMatchObject({ requests: 1 });
    expect(await requestJson(base, { method: 'POST', path: '/small', body: {} }, Count, patient)).toMatchObject({ requests: 2 });
    const until = Date.now() + 4500;
    while (Date.now() < until) {
      /* busy past the server's keep-alive timeout */
    }
    const t0 = performance.now();
    const third = await requestJson(base, { method: 'POST', path: '/small', body: {} }, Count, patient);
    expect(performance.now() - t0).toBeLessThan(1000);
    // The request on the closed connection never arrived; the one sent again did.
    expect(third).toMatchObject({ requests: 3 });
  }, 20_000);
});
