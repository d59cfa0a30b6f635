// The central server (DESIGN.md §7): real HTTP, its own SQLite by default. Every body is JSON within
// stated limits and checked with the shared zod schemas; every error is JSON with a code.
//   POST /api/v1/auth/login | /auth/refresh | /auth/logout, POST /api/v1/sync/push, GET /api/v1/sync/pull,
//   GET /api/v1/sync/snapshot (a new copy's first pull in bulk, NDJSON), GET /api/v1/health (no sign-in: for a load balancer)
// Plain HTTP from this machine only, or behind an HTTPS reverse proxy (network.ts). `close()` drains: no
// new connections, 503 for new requests on open ones, the requests under way answered, then the store closed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { z } from 'zod';
import { latestSchemaVersion } from '../migrations';
import { LoginRequest, PushRequest, RefreshRequest, SYNC_API, syncErrorCodes } from '../shared/sync';
import { join } from 'node:path';
import { bundledFontsDir, sourcePdfWorker } from '../electron/backend/app-root';
import { Auth, AuthError, ThrottledError } from './auth';
import { BodyError, readJsonBody } from './body';
import { instanceId, log as stderrLog, type Logger } from './log';
import { clientAddress, transportRefusal } from './network';
import { CursorError, pull } from './pull';
import { CommandReplayer, PushError } from './replay';
import { sendSnapshot } from './snapshot';
import { openCentralStore, type CentralStore } from './store';
import { defaultThrottle, type ThrottlePolicy } from './throttle';

export type CentralOptions = {
  dataDir: string;
  /** postgres://… : the centre on PostgreSQL; without it, the SQLite file in `dataDir`. */
  databaseUrl?: string;
  port?: number;
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
  /** Behind an HTTPS reverse proxy: requests from anywhere, the client's address from X-Forwarded-For. */
  behindProxy?: boolean;
  /** Where the JSON log lines go (default stderr). */
  log?: Logger;
  /** Access tokens live this long (default 15 min); tests shorten it. */
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /** The oldest client schema accepted (default: this build's). */
  minSchemaVersion?: number;
  now?: () => Date;
  throttle?: Partial<ThrottlePolicy>;
  /** Folders with official fonts for re-rendering minutes; default the OS's, [] for the bundled ones only. */
  systemFontDirs?: string[];
};

/** `settled()`: resolves when the work commands left for after their commit is done (tests, shutdown). */
export type CentralServer = { url: string; port: number; store: CentralStore; auth: Auth; settled(): Promise<void>; close(): Promise<void> };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_PULL_LIMIT = 5000;

/** Snapshots streamed at once: each holds a connection and a read transaction for some seconds. */
export const MAX_CONCURRENT_SNAPSHOTS = 2;

/** How long the health check waits for the database before it answers 503. */
export const HEALTH_TIMEOUT_MS = 2000;

const SHUTTING_DOWN = '中心正在停止服务，请稍后重试';

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, syncErrorCodes.badRequest, `请求格式不对：${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
  return r.data;
}

/** A whole number from the query string, or 400: never NaN, a fraction, an exponent or a huge value. */
function queryInteger(url: URL, name: string, fallback: number | null, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') {
    if (fallback === null) throw new HttpError(400, syncErrorCodes.badRequest, `缺少参数 ${name}`);
    return fallback;
  }
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new HttpError(400, syncErrorCodes.badRequest, `参数 ${name} 应为 ${min}～${max} 的整数`);
  return Number(raw);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export async function startCentralServer(options: CentralOptions): Promise<CentralServer> {
  const started = Date.now();
  const log = options.log ?? stderrLog;
  const behindProxy = options.behindProxy ?? false;
  const store = await openCentralStore(options.dataDir, options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  const now = options.now ?? (() => new Date());
  const throttle = { ...defaultThrottle, ...options.throttle };
  const auth = new Auth(store.db, { accessTtlSeconds: options.accessTtlSeconds ?? 900, refreshTtlSeconds: options.refreshTtlSeconds ?? 30 * 86400, now, throttle });
  const env = {
    paths: {
      dataDir: options.dataDir,
      exportDir: join(options.dataDir, 'exports'),
      bundledFontsDir: bundledFontsDir(),
      pdfWorker: sourcePdfWorker(),
      ...(options.systemFontDirs ? { systemFontDirs: options.systemFontDirs } : {}),
    },
    emit: () => undefined,
  };
  const replayer = new CommandReplayer(store, { env, now, log: (m, e) => log.error(m, e) });
  const exclusive = store.exclusive;
  const minSchema = options.minSchemaVersion ?? latestSchemaVersion;
  const checkSchema = (v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new HttpError(400, syncErrorCodes.badRequest, '缺少 schemaVersion');
    if (v < minSchema) throw new HttpError(426, syncErrorCodes.upgradeRequired, `本机程序版本过旧（数据结构 ${v}），中心要求至少 ${minSchema}，请升级后再同步`);
  };

  /** Shutting down: new requests are turned away, the ones under way finish. */
  let draining = false;
  let snapshotsRunning = 0;
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | null = null;
  let closing: Promise<void> | null = null;

  /** A real round trip to the database, within HEALTH_TIMEOUT_MS: the schema version it is at. */
  async function health(res: ServerResponse): Promise<void> {
    const base = { database: store.dialect, instance: instanceId, uptimeSeconds: Math.floor((Date.now() - started) / 1000) };
    if (draining) return send(res, 503, { ok: false, ...base, message: SHUTTING_DOWN });
    let timer: NodeJS.Timeout | undefined;
    try {
      const query = store.dialect === 'postgres' ? sql<{ v: number }>`SELECT version AS v FROM jrd_schema` : sql<{ v: number }>`SELECT user_version AS v FROM pragma_user_version`;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS)));
      // SQLite has one connection, which a push holds for its whole transaction: kysely's queue would make
      // the check wait behind it (503 after HEALTH_TIMEOUT_MS). better-sqlite3 reads the pragma on that same
      // connection at once, inside whatever transaction is open, which is all a liveness check needs.
      const read = store.dialect === 'sqlite' && store.handle ? Promise.resolve([{ v: store.handle.sqlite.pragma('user_version', { simple: true }) as number }]) : query.execute(store.db).then((r) => r.rows);
      const rows = await Promise.race([read, timeout]);
      return send(res, 200, { ok: true, ...base, schemaVersion: Number(rows[0]?.v) });
    } catch (error) {
      log.warn('health check failed', { error: error instanceof Error ? error.message : String(error) });
      return send(res, 503, { ok: false, ...base, message: '中心数据库没有响应' });
    } finally {
      clearTimeout(timer);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, seen: { user?: string }): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://central');
    const path = url.pathname;
    if (req.method === 'GET' && path === `${SYNC_API}/health`) return health(res);
    if (req.method === 'POST' && path === `${SYNC_API}/auth/login`) {
      const body = parse(LoginRequest, await readJsonBody(req));
      const tokens = await auth.login(body.username, body.password, body.deviceName, clientAddress(req, behindProxy), exclusive);
      seen.user = tokens.user.id;
      return send(res, 200, tokens);
    }
    if (req.method === 'POST' && path === `${SYNC_API}/auth/refresh`) {
      const body = parse(RefreshRequest, await readJsonBody(req));
      const tokens = await exclusive(() => auth.refresh(body.refreshToken));
      seen.user = tokens.user.id;
      return send(res, 200, tokens);
    }
    if (req.method === 'POST' && path === `${SYNC_API}/auth/logout`) {
      const body = parse(RefreshRequest, await readJsonBody(req));
      await exclusive(() => auth.logout(body.refreshToken));
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === `${SYNC_API}/sync/push`) {
      // Who is asking is settled before the body is read: nobody unknown gets to send megabytes.
      const user = await exclusive(() => auth.authenticate(req.headers.authorization));
      seen.user = user.id;
      const raw = await readJsonBody(req);
      checkSchema((raw as { schemaVersion?: unknown } | null)?.schemaVersion);
      const body = parse(PushRequest, raw);
      return send(res, 200, await exclusive(() => replayer.push(user, body)));
    }
    if (req.method === 'GET' && path === `${SYNC_API}/sync/pull`) {
      const user = await exclusive(() => auth.authenticate(req.headers.authorization));
      seen.user = user.id;
      checkSchema(queryInteger(url, 'schemaVersion', null, 1, 1_000_000));
      const limit = queryInteger(url, 'limit', 1000, 1, MAX_PULL_LIMIT);
      const cursor = url.searchParams.get('cursor') || null;
      return send(res, 200, await exclusive(() => pull(store.db, store.epoch, user, cursor, limit)));
    }
    if (req.method === 'GET' && path === `${SYNC_API}/sync/snapshot`) {
      const user = await exclusive(() => auth.authenticate(req.headers.authorization));
      seen.user = user.id;
      checkSchema(queryInteger(url, 'schemaVersion', null, 1, 1_000_000));
      // The desk then pulls page by page instead, so a busy centre only slows new copies down.
      if (snapshotsRunning >= MAX_CONCURRENT_SNAPSHOTS) throw new HttpError(429, syncErrorCodes.throttled, '中心服务器正在为其他电脑准备首次同步的数据，请稍后再试');
      snapshotsRunning++;
      try {
        return await sendSnapshot(res, store, user, (error) => log.error('snapshot failed', error, { user: user.id }));
      } finally {
        snapshotsRunning--;
      }
    }
    throw new HttpError(404, 'not-found', `没有这个接口：${req.method} ${path}`);
  }

  const server: Server = createServer((req, res) => {
    const t0 = performance.now();
    const seen: { user?: string } = {};
    // One line per request, when its answer is sent or its connection dropped: never the query string.
    res.on('close', () => {
      const path = (req.url ?? '/').split('?')[0]!.slice(0, 200);
      log.info('request', { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - t0), user: seen.user, ...(res.writableFinished ? {} : { aborted: true }) });
    });
    const refusal = transportRefusal(req, behindProxy);
    // Not a byte of the body is read: the connection closes after the answer.
    if (refusal) return send(res, 403, { error: { code: 'https-required', message: refusal } }, { connection: 'close' });
    if (draining) {
      res.setHeader('connection', 'close');
      if (req.method === 'GET' && req.url?.split('?')[0] === `${SYNC_API}/health`) return void health(res);
      return send(res, 503, { error: { code: 'shutting-down', message: SHUTTING_DOWN } }, { 'retry-after': '5' });
    }
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) drained?.();
    });
    route(req, res, seen).catch((error: unknown) => {
      if (error instanceof HttpError || error instanceof PushError) return send(res, error.status, { error: { code: error.code, message: error.message } });
      if (error instanceof BodyError) return send(res, error.status, { error: { code: syncErrorCodes.badRequest, message: error.message } });
      if (error instanceof ThrottledError) return send(res, 429, { error: { code: syncErrorCodes.throttled, message: error.message } }, { 'retry-after': String(error.retryAfterSeconds) });
      if (error instanceof AuthError) return send(res, 401, { error: { code: error.code, message: error.message } });
      if (error instanceof CursorError) return send(res, 410, { error: { code: syncErrorCodes.cursorUnknown, message: '同步位置未知，需要重新完整同步' } });
      log.error('internal error', error, { method: req.method, path: (req.url ?? '/').split('?')[0] });
      send(res, 500, { error: { code: 'internal', message: '中心服务器内部错误' } });
    });
  });
  // Node closes an idle keep-alive connection after 5 s, about when a desk that paused (a meeting held between
  // two requests) sends its next request on it: the request meets a closed socket (ECONNRESET). 30 s makes
  // that race rare; the desk retries network errors anyway. Headers must still arrive within 60 s.
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // The address clients on this machine use: a wildcard listens on loopback too.
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  log.info('started', { database: store.dialect, host, port, behindProxy, schemaVersion: latestSchemaVersion, pid: process.pid });

  /** Stops taking requests, lets the ones under way answer, waits for their after-commit work, closes the store. */
  async function drain(): Promise<void> {
    draining = true;
    const stopped = new Promise<void>((ok) => server.close(() => ok()));
    log.info('shutting down', { inFlight: inFlight.size });
    // Kept-alive connections with no request on them close now; those with one close after its answer.
    server.closeIdleConnections();
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    if (inFlight.size > 0) await new Promise<void>((ok) => (drained = ok));
    server.closeAllConnections();
    await stopped;
    await replayer.settled();
    await store.close();
    log.info('stopped', { uptimeSeconds: Math.floor((Date.now() - started) / 1000) });
  }

  return {
    url: `http://${shown}:${port}`,
    port,
    store,
    auth,
    settled: () => replayer.settled(),
    close: () => (closing ??= drain()),
  };
}
