// Talking to the central server: HTTPS only (plain HTTP only to this machine), a timeout on every call,
// retries with exponential backoff and jitter on network errors and 5xx, and every answer checked with
// the shared schema before anything uses it. Errors say, in Chinese, what a person can do about them.
import type { z } from 'zod';
import { ErrorBody } from '../../../shared/sync';

export type SyncErrorKind = 'network' | 'server' | 'unauthorized' | 'upgrade' | 'cursor' | 'refused' | 'bad-response' | 'config' | 'limit' | 'throttled';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The server's base URL, refusing anything but HTTPS, or HTTP to this machine. */
export function serverBase(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SyncError('config', `服务器地址不是有效的网址：${url}`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new SyncError('config', '为保护个人信息，只能通过 HTTPS 连接中心服务器（仅本机测试服务器可用 HTTP）');
}

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number; timeoutMs: number };
export const defaultRetry: RetryPolicy = { attempts: 5, baseDelayMs: 400, maxDelayMs: 8000, timeoutMs: 30_000 };

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Full jitter: a random wait up to the exponential bound, so that many clients do not retry in step. */
export function backoff(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** SyncError code of a connection closed under a request (typically an idle kept-alive one). */
const CONNECTION_CLOSED = 'connection-closed';

/** The most the client reads of one answer (a pull page of 5,000 rows is a few MB); beyond it, it stops. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

type Request = { method: 'GET' | 'POST'; path: string; body?: unknown; token?: string; maxBytes?: number };

const megabytes = (n: number) => (n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MB` : `${Math.round(n / 1024)} KB`);

/** The answer's text, refusing one larger than `limit` bytes without reading the rest of it. */
async function readCapped(response: Response, limit: number): Promise<string> {
  const tooLarge = () => new SyncError('bad-response', `中心服务器的回复超过 ${megabytes(limit)} 的上限，已停止接收，本机没有做任何修改`, response.status);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The error an answer that is not 2xx stands for, from its status and its JSON body (if any). */
export function answerError(status: number, json: unknown): SyncError {
  const body = ErrorBody.safeParse(json);
  const code = body.success ? body.data.error.code : undefined;
  const message = body.success ? body.data.error.message : `中心服务器返回错误 ${status}`;
  if (status === 401) return new SyncError('unauthorized', message, 401, code);
  if (status === 426) return new SyncError('upgrade', message, 426, code);
  if (status === 410) return new SyncError('cursor', message, 410, code);
  if (status === 429) return new SyncError('throttled', message, 429, code);
  if (status >= 500) return new SyncError('server', `中心服务器暂时出错（${status}）`, status, code);
  return new SyncError('refused', message, status, code);
}

/** One call, retried while the failure is the network's or the server's; answers parsed with `schema`. */
export async function requestJson<T extends z.ZodType>(base: URL, req: Request, schema: T, policy: RetryPolicy = defaultRetry): Promise<z.output<T>> {
  let last: SyncError | null = null;
  let resent = false;
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    // A kept-alive connection the server had already closed (it happens after any pause of a few
    // seconds, say while a meeting is being held) never carried the request: send it again at once.
    const staleConnection = last?.code === CONNECTION_CLOSED && !resent;
    if (staleConnection) resent = true;
    else if (attempt > 0) await sleep(backoff(attempt, policy));
    try {
      return await once(base, req, schema, policy.timeoutMs);
    } catch (error) {
      if (!(error instanceof SyncError) || (error.kind !== 'network' && error.kind !== 'server')) throw error;
      last = error;
    }
  }
  throw last ?? new SyncError('network', '无法连接中心服务器');
}

async function once<T extends z.ZodType>(base: URL, req: Request, schema: T, timeoutMs: number): Promise<z.output<T>> {
  const url = new URL(req.path, base);
  let response: Response;
  try {
    response = await fetch(url, {
      method: req.method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(req.token ? { authorization: `Bearer ${req.token}` } : {}) },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    const closed = cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET';
    throw new SyncError('network', timedOut ? '连接中心服务器超时，请检查网络' : '无法连接中心服务器，请检查网络或服务器地址', undefined, closed ? CONNECTION_CLOSED : undefined);
  }
  let text: string;
  try {
    text = await readCapped(response, req.maxBytes ?? MAX_RESPONSE_BYTES);
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw new SyncError('network', '与中心服务器的连接中断');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (response.status >= 500) throw new SyncError('server', `中心服务器暂时出错（${response.status}）`, response.status);
    throw new SyncError('bad-response', '中心服务器的回复不完整或不是有效的数据，本机没有做任何修改', response.status);
  }
  if (!response.ok) throw answerError(response.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SyncError('bad-response', '中心服务器的回复格式不对，本机没有做任何修改', response.status);
  return parsed.data;
}
