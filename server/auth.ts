// Sign-in at the centre: scrypt password hashes checked off the request thread, throttled per account
// and per address (throttle.ts), short-lived opaque access tokens, and refresh tokens that rotate on
// every use. A refresh token presented a second time means it was copied: its whole family (every token
// descended from the same sign-in) is revoked. Tokens are stored only as SHA-256 hashes.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../electron/backend/db/schema';
import type { Account, TokenResponse } from '../shared/sync';
import type { CentralStore } from './store';
import { SignInThrottle, type ThrottlePolicy } from './throttle';

// Through kysely and its sql template only, so the same queries run on the centre's SQLite file and, with
// issue 18, on PostgreSQL (placeholders and transactions are the dialect's).
type Db = Kysely<Database>;
type Reader = Db | Transaction<Database>;

export type AuthOptions = { accessTtlSeconds: number; refreshTtlSeconds: number; now: () => Date; throttle: ThrottlePolicy };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** "scrypt$N$r$p$salt$hash", so that hashes made with another cost still verify. */
export function hashPassword(password: string, cost = 16384): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: cost, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  return `scrypt$${cost}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against a stored hash in libuv's thread pool, so the centre keeps answering meanwhile. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve, reject) => {
    scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 }, (error, actual) => {
      if (error) reject(error);
      else resolve(timingSafeEqual(actual, expected));
    });
  });
}

export class AuthError extends Error {
  constructor(
    readonly code: 'invalid-credentials' | 'unauthorized' | 'refresh-revoked',
    message: string,
  ) {
    super(message);
  }
}

/** Too many failed sign-ins: answered 429 with Retry-After, the password not even checked. */
export class ThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`登录失败次数过多，请 ${retryAfterSeconds} 秒后再试`);
  }
}

export class Auth {
  readonly #throttle: SignInThrottle;
  readonly #dummies = new Map<string, string>();
  /** Passwords checked so far (a known account's or the dummy's): tests count the work done per sign-in. */
  passwordChecks = 0;

  constructor(
    private readonly db: Db,
    private readonly options: AuthOptions,
  ) {
    this.#throttle = new SignInThrottle(db, options.throttle, options.now);
  }

  /**
   * A hash to check an unknown username against, with the same cost as the accounts' own, so that an
   * unknown name takes as long to refuse as a wrong password.
   */
  async #dummyHash(): Promise<string> {
    const sample = (await sql<{ password_hash: string }>`SELECT password_hash FROM central_credentials LIMIT 1`.execute(this.db)).rows[0]?.password_hash;
    const cost = Number(sample?.split('$')[1]) || 16384;
    const key = String(cost);
    let dummy = this.#dummies.get(key);
    if (!dummy) this.#dummies.set(key, (dummy = hashPassword(randomBytes(12).toString('base64url'), cost)));
    return dummy;
  }

  async account(userId: string, db: Reader = this.db): Promise<Account> {
    const u = (await sql<Account>`SELECT id, username, name, role, region_code AS "regionCode" FROM users WHERE id = ${userId} AND active = 1`.execute(db)).rows[0];
    if (!u) throw new AuthError('unauthorized', '账号不存在或已停用');
    return u;
  }

  async #issue(trx: Reader, userId: string, familyId: string, device: string): Promise<TokenResponse> {
    const now = this.options.now().getTime();
    const access = newToken();
    const refresh = newToken();
    const accessExpiresAt = new Date(now + this.options.accessTtlSeconds * 1000).toISOString();
    const refreshExpiresAt = new Date(now + this.options.refreshTtlSeconds * 1000).toISOString();
    await sql`INSERT INTO central_tokens (token_hash, kind, user_id, family_id, device, expires_at)
      VALUES (${hashToken(access)}, 'access', ${userId}, ${familyId}, ${device}, ${accessExpiresAt}),
             (${hashToken(refresh)}, 'refresh', ${userId}, ${familyId}, ${device}, ${refreshExpiresAt})`.execute(trx);
    return { accessToken: access, accessExpiresAt, refreshToken: refresh, user: await this.account(userId, trx) };
  }

  /**
   * Signs in from `address`. `exclusive` runs database work one piece at a time (the store's lock); the
   * password is checked outside it, in the thread pool.
   */
  async login(username: string, password: string, device: string, address: string, exclusive: CentralStore['exclusive']): Promise<TokenResponse> {
    const admitted = await exclusive(async () => {
      const wait = await this.#throttle.admit(username, address);
      if (wait > 0) return { wait };
      const row = (
        await sql<{ id: string; password_hash: string }>`SELECT u.id, c.password_hash FROM users u JOIN central_credentials c ON c.user_id = u.id WHERE u.username = ${username} AND u.active = 1`.execute(this.db)
      ).rows[0];
      return { wait: 0, userId: row?.id ?? null, hash: row?.password_hash ?? (await this.#dummyHash()) };
    });
    if (admitted.wait > 0) throw new ThrottledError(admitted.wait);
    let ok = false;
    try {
      this.passwordChecks++;
      ok = (await verifyPassword(password, admitted.hash!)) && admitted.userId !== null;
    } finally {
      await exclusive(() => this.#throttle.settle(username, address, ok));
    }
    // The same answer for an unknown user and a wrong password.
    if (!ok) throw new AuthError('invalid-credentials', '用户名或密码不正确');
    return exclusive(() => this.db.transaction().execute((trx) => this.#issue(trx, admitted.userId!, randomBytes(12).toString('hex'), device)));
  }

  async refresh(token: string): Promise<TokenResponse> {
    const result = await this.db.transaction().execute(async (trx): Promise<TokenResponse | AuthError> => {
      type Row = { user_id: string; family_id: string; device: string; expires_at: string; used_at: string | null; revoked_at: string | null };
      const row = (await sql<Row>`SELECT user_id, family_id, device, expires_at, used_at, revoked_at FROM central_tokens WHERE token_hash = ${hashToken(token)} AND kind = 'refresh'`.execute(trx)).rows[0];
      if (!row) return new AuthError('refresh-revoked', '登录已失效，请重新登录');
      const now = this.options.now().toISOString();
      if (row.used_at !== null || row.revoked_at !== null) {
        // A used refresh token came back: somebody holds a copy. Nobody keeps this sign-in.
        // Returned, not thrown: the revocation must commit.
        await sql`UPDATE central_tokens SET revoked_at = coalesce(revoked_at, ${now}) WHERE family_id = ${row.family_id}`.execute(trx);
        return new AuthError('refresh-revoked', '登录凭据已被重复使用，为安全起见已注销该次登录，请重新登录');
      }
      if (row.expires_at <= now) return new AuthError('refresh-revoked', '登录已过期，请重新登录');
      // Only while still unused: another centre on the same database may be using it at this moment, and
      // then this one waits for its commit and finds it used, as if the token had come back twice.
      const taken = await sql`UPDATE central_tokens SET used_at = ${now} WHERE token_hash = ${hashToken(token)} AND used_at IS NULL AND revoked_at IS NULL`.execute(trx);
      if (Number(taken.numAffectedRows ?? 0) === 0) {
        await sql`UPDATE central_tokens SET revoked_at = coalesce(revoked_at, ${now}) WHERE family_id = ${row.family_id}`.execute(trx);
        return new AuthError('refresh-revoked', '登录凭据已被重复使用，为安全起见已注销该次登录，请重新登录');
      }
      return this.#issue(trx, row.user_id, row.family_id, row.device);
    });
    if (result instanceof AuthError) throw result;
    return result;
  }

  async logout(token: string): Promise<void> {
    const row = (await sql<{ family_id: string }>`SELECT family_id FROM central_tokens WHERE token_hash = ${hashToken(token)}`.execute(this.db)).rows[0];
    if (row) await sql`UPDATE central_tokens SET revoked_at = coalesce(revoked_at, ${this.options.now().toISOString()}) WHERE family_id = ${row.family_id}`.execute(this.db);
  }

  /** The account behind a bearer access token, or an AuthError. */
  async authenticate(header: string | undefined): Promise<Account> {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    if (!token) throw new AuthError('unauthorized', '缺少登录凭据');
    const row = (
      await sql<{ user_id: string; expires_at: string; revoked_at: string | null }>`SELECT user_id, expires_at, revoked_at FROM central_tokens WHERE token_hash = ${hashToken(token)} AND kind = 'access'`.execute(this.db)
    ).rows[0];
    if (!row || row.revoked_at !== null || row.expires_at <= this.options.now().toISOString()) throw new AuthError('unauthorized', '登录凭据无效或已过期');
    return this.account(row.user_id);
  }
}
