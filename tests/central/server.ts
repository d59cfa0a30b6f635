// The reference central server (DESIGN.md §7) for tests and the demo: real HTTP on loopback, its own
// SQLite. Every body is checked with the shared zod schemas; every error is JSON with a code.
//   POST /api/v1/auth/login | /auth/refresh | /auth/logout, POST /api/v1/sync/push, GET /api/v1/sync/pull
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { latestSchemaVersion } from '../../migrations';
import { LoginRequest, PushRequest, RefreshRequest, SYNC_API, syncErrorCodes } from '../../shared/sync';
import { PushApplier, PushError } from './apply';
import { Auth, AuthError } from './auth';
import { CursorError, pull } from './pull';
import { openCentralStore, type CentralStore } from './store';

export type CentralOptions = {
  dataDir: string;
  port?: number;
  /** Access tokens live this long (default 15 min); tests shorten it. */
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /** The oldest client schema accepted (default: this build's). */
  minSchemaVersion?: number;
  now?: () => Date;
};

export type CentralServer = { url: string; port: number; store: CentralStore; close(): Promise<void> };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 20 * 1024 * 1024;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, syncErrorCodes.badRequest, '请求过大'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, syncErrorCodes.badRequest, '请求不是有效的 JSON'));
      }
    });
    req.on('error', reject);
  });
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, syncErrorCodes.badRequest, `请求格式不对：${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
  return r.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startCentralServer(options: CentralOptions): Promise<CentralServer> {
  const store = await openCentralStore(options.dataDir);
  const sqlite = store.handle.sqlite;
  const now = options.now ?? (() => new Date());
  const auth = new Auth(sqlite, { accessTtlSeconds: options.accessTtlSeconds ?? 900, refreshTtlSeconds: options.refreshTtlSeconds ?? 30 * 86400, now });
  const applier = new PushApplier(sqlite);
  const minSchema = options.minSchemaVersion ?? latestSchemaVersion;
  const checkSchema = (v: number | undefined) => {
    if (v === undefined || !Number.isInteger(v)) throw new HttpError(400, syncErrorCodes.badRequest, '缺少 schemaVersion');
    if (v < minSchema) throw new HttpError(426, syncErrorCodes.upgradeRequired, `本机程序版本过旧（数据结构 ${v}），中心要求至少 ${minSchema}，请升级后再同步`);
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://central');
    const path = url.pathname;
    if (req.method === 'POST' && path === `${SYNC_API}/auth/login`) {
      const body = parse(LoginRequest, await readJson(req));
      return send(res, 200, auth.login(body.username, body.password, body.deviceName));
    }
    if (req.method === 'POST' && path === `${SYNC_API}/auth/refresh`) {
      return send(res, 200, auth.refresh(parse(RefreshRequest, await readJson(req)).refreshToken));
    }
    if (req.method === 'POST' && path === `${SYNC_API}/auth/logout`) {
      auth.logout(parse(RefreshRequest, await readJson(req)).refreshToken);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === `${SYNC_API}/sync/push`) {
      const user = auth.authenticate(req.headers.authorization);
      const raw = await readJson(req);
      checkSchema((raw as { schemaVersion?: number } | null)?.schemaVersion);
      return send(res, 200, applier.push(user, parse(PushRequest, raw)));
    }
    if (req.method === 'GET' && path === `${SYNC_API}/sync/pull`) {
      const user = auth.authenticate(req.headers.authorization);
      checkSchema(Number(url.searchParams.get('schemaVersion') ?? NaN));
      const limit = Math.min(5000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
      const cursor = url.searchParams.get('cursor') || null;
      return send(res, 200, pull(sqlite, store.epoch, user, cursor, limit));
    }
    throw new HttpError(404, 'not-found', `没有这个接口：${req.method} ${path}`);
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError || error instanceof PushError) return send(res, error.status, { error: { code: error.code, message: error.message } });
      if (error instanceof AuthError) return send(res, 401, { error: { code: error.code, message: error.message } });
      if (error instanceof CursorError) return send(res, 410, { error: { code: syncErrorCodes.cursorUnknown, message: '同步位置未知，需要重新完整同步' } });
      console.error('central: internal error', error);
      send(res, 500, { error: { code: 'internal', message: '中心服务器内部错误' } });
    });
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await store.close();
    },
  };
}
