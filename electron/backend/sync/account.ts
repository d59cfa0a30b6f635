// Signing in to the central server and calling it as the signed-in user. The tokens stay in the secret
// store of the main process; the database keeps only which server and account this copy syncs with.
// On 401 the access token is refreshed once and the call retried; if that fails too, the tokens are
// dropped and the person is asked to sign in again, while every unsent change stays in the outbox.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { Account, SYNC_API, TokenResponse } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { defaultRetry, requestJson, serverBase, SyncError, type RetryPolicy } from './http';

const LogoutResponse = z.object({ ok: z.literal(true) });
const ACCESS = 'sync.accessToken';
const REFRESH = 'sync.refreshToken';

export type SyncState = { clientId: string; serverUrl: string | null; account: Account | null; cursor: string | null; fullPullDone: boolean; lastPushAt: string | null; lastPullAt: string | null; lastError: string | null };

/** The one sync_state row, made (with a new client id) the first time it is needed. */
export async function syncState(ctx: BackendContext): Promise<SyncState> {
  await sql`INSERT OR IGNORE INTO sync_state (id, client_id) VALUES (1, ${randomUUID()})`.execute(ctx.db);
  const row = await ctx.db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const account = row.account_json ? Account.safeParse(JSON.parse(row.account_json)) : null;
  return {
    clientId: row.client_id,
    serverUrl: row.server_url,
    account: account?.success ? account.data : null,
    cursor: row.cursor,
    fullPullDone: row.full_pull_done === 1,
    lastPushAt: row.last_push_at,
    lastPullAt: row.last_pull_at,
    lastError: row.last_error,
  };
}

async function storeTokens(ctx: BackendContext, tokens: TokenResponse): Promise<void> {
  await ctx.secrets.set(ACCESS, tokens.accessToken);
  await ctx.secrets.set(REFRESH, tokens.refreshToken);
}

async function dropTokens(ctx: BackendContext): Promise<void> {
  await ctx.secrets.delete(ACCESS);
  await ctx.secrets.delete(REFRESH);
}

/** Whether this database may be joined to that server: it is new, or it already syncs with it. */
async function assertJoinable(ctx: BackendContext, state: SyncState, server: string): Promise<void> {
  if (state.serverUrl && state.serverUrl !== server) {
    throw new SyncError('config', `本机数据来自另一个中心服务器（${state.serverUrl}）。请使用新的数据文件，或先重置同步`);
  }
  if (await holdsLocalData(ctx, state)) throw new SyncError('config', '本机数据库已有不是从中心同步来的数据（例如演示数据），不能与中心同步。请使用新的数据文件');
}

/** Data in a copy that never synced did not come from a centre (the demo district, a test): it cannot join one. */
export async function holdsLocalData(ctx: BackendContext, state: SyncState): Promise<boolean> {
  if (state.serverUrl) return false;
  const rows = await ctx.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(rows.n) > 0;
}

export async function signIn(ctx: BackendContext, serverUrl: string, username: string, password: string, deviceName: string, retry: RetryPolicy = defaultRetry): Promise<Account> {
  const base = serverBase(serverUrl);
  const server = base.origin;
  const state = await syncState(ctx);
  await assertJoinable(ctx, state, server);
  const tokens = await requestJson(base, { method: 'POST', path: `${SYNC_API}/auth/login`, body: { username, password, deviceName } }, TokenResponse, retry);
  if (state.account && state.account.id !== tokens.user.id && state.serverUrl) {
    throw new SyncError('config', `本机的数据属于账号 ${state.account.username}，不能用 ${tokens.user.username} 同步。请使用新的数据文件`);
  }
  await storeTokens(ctx, tokens);
  await ctx.db.updateTable('sync_state').set({ server_url: server, account_json: JSON.stringify(tokens.user), last_error: null }).where('id', '=', 1).execute();
  return tokens.user;
}

export async function signOut(ctx: BackendContext): Promise<void> {
  const state = await syncState(ctx);
  const refresh = await ctx.secrets.get(REFRESH);
  if (state.serverUrl && refresh) {
    try {
      await requestJson(serverBase(state.serverUrl), { method: 'POST', path: `${SYNC_API}/auth/logout`, body: { refreshToken: refresh } }, LogoutResponse, { ...defaultRetry, attempts: 1 });
    } catch {
      // Signing out here must work offline too; the server's tokens expire on their own.
    }
  }
  await dropTokens(ctx);
  await ctx.db.updateTable('sync_state').set({ account_json: null }).where('id', '=', 1).execute();
}

/** Calls the server as the signed-in user: one refresh on 401, then "please sign in again". */
export async function authorized<T extends z.ZodType>(
  ctx: BackendContext,
  req: { method: 'GET' | 'POST'; path: string; body?: unknown; maxBytes?: number },
  schema: T,
  retry: RetryPolicy = defaultRetry,
): Promise<z.output<T>> {
  return withAccess(ctx, retry, (base, token) => requestJson(base, { ...req, token }, schema, retry));
}

/**
 * Runs `call` with the signed-in user's access token; when it fails as unauthorized (401), the token is
 * refreshed once and `call` runs again. A failed refresh drops the tokens and asks to sign in again.
 */
export async function withAccess<T>(ctx: BackendContext, retry: RetryPolicy, call: (base: URL, token: string) => Promise<T>): Promise<T> {
  const state = await syncState(ctx);
  if (!state.serverUrl || !state.account) throw new SyncError('unauthorized', '尚未登录中心服务器');
  const base = serverBase(state.serverUrl);
  const access = await ctx.secrets.get(ACCESS);
  if (access) {
    try {
      return await call(base, access);
    } catch (error) {
      if (!(error instanceof SyncError) || error.kind !== 'unauthorized') throw error;
    }
  }
  const refresh = await ctx.secrets.get(REFRESH);
  if (!refresh) throw new SyncError('unauthorized', '请重新登录中心服务器；未同步的修改都保留在本机');
  let tokens: TokenResponse;
  try {
    tokens = await requestJson(base, { method: 'POST', path: `${SYNC_API}/auth/refresh`, body: { refreshToken: refresh } }, TokenResponse, retry);
  } catch (error) {
    if (error instanceof SyncError && (error.kind === 'unauthorized' || error.kind === 'refused')) {
      await dropTokens(ctx);
      throw new SyncError('unauthorized', `${error.message}。未同步的修改都保留在本机，重新登录后会继续上传`);
    }
    throw error;
  }
  await storeTokens(ctx, tokens);
  return call(base, tokens.accessToken);
}
