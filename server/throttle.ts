// Sign-in throttling (OWASP ASVS 4.0 §2.2.1): growing delays per account, and a limit on evaluated
// failures per address that stops password spraying. A street office sits behind one address, so the
// address limit counts only failures whose password was actually checked: while one account is being
// guessed it answers 429 without checking, the address's count hardly moves, and a colleague at the
// next desk still signs in. Kept in the centre's database, so a restart or a second instance agrees.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../electron/backend/db/schema';

type Reader = Kysely<Database> | Transaction<Database>;

export type ThrottlePolicy = {
  /** Failures an account may have in a window before the delays start. */
  accountFreeFailures: number;
  /** The first delay, in seconds; each further failure doubles it, up to `maxDelaySeconds`. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** Evaluated failures from one address in a window before the address must wait out the window. */
  addressFailures: number;
  windowSeconds: number;
};

export const defaultThrottle: ThrottlePolicy = { accountFreeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 900, addressFailures: 50, windowSeconds: 900 };

type Row = { failures: number; window_start: string; blocked_until: string | null };

export class SignInThrottle {
  /** Accounts whose password is being checked right now: a burst of parallel guesses is one at a time. */
  readonly #checking = new Set<string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: ThrottlePolicy,
    private readonly now: () => Date,
  ) {}

  #key = (kind: 'account' | 'address', value: string) => `${kind}:${kind === 'account' ? value.toLowerCase() : value}`;

  async #row(db: Reader, key: string): Promise<Row | null> {
    const row = (await sql<Row>`SELECT failures, window_start, blocked_until FROM central_throttle WHERE key = ${key}`.execute(db)).rows[0];
    if (!row) return null;
    // Quiet for a whole window since the first failure or the last delay ended: start afresh.
    const quietSince = Math.max(Date.parse(row.window_start), row.blocked_until ? Date.parse(row.blocked_until) : 0);
    if (this.now().getTime() - quietSince > this.policy.windowSeconds * 1000) return null;
    return row;
  }

  #blockedFor(row: Row): number {
    if (!row.blocked_until) return 0;
    return Math.max(0, Math.ceil((Date.parse(row.blocked_until) - this.now().getTime()) / 1000));
  }

  /**
   * Seconds to wait before this sign-in may be checked, 0 when it may be checked now. A 0 must be
   * followed by `settle`, which releases the account for the next attempt. Called under the store's
   * lock, so no other sign-in runs between the reads and the mark.
   */
  async admit(username: string, address: string): Promise<number> {
    const account = this.#key('account', username);
    for (const key of [this.#key('address', address), account]) {
      const row = await this.#row(this.db, key);
      const wait = row ? this.#blockedFor(row) : 0;
      if (wait > 0) return wait;
    }
    if (this.#checking.has(account)) return 1;
    this.#checking.add(account);
    return 0;
  }

  /** Records the outcome of a checked sign-in: a success forgets the account's failures. */
  async settle(username: string, address: string, succeeded: boolean): Promise<void> {
    const account = this.#key('account', username);
    this.#checking.delete(account);
    if (succeeded) {
      await sql`DELETE FROM central_throttle WHERE key = ${account}`.execute(this.db);
      return;
    }
    const now = this.now();
    const p = this.policy;
    await this.db.transaction().execute(async (trx) => {
      const a = await this.#count(trx, account, now);
      const over = a - p.accountFreeFailures;
      if (over > 0) await this.#block(trx, account, now, Math.min(p.maxDelaySeconds, p.firstDelaySeconds * 2 ** (over - 1)));
      // Spraying: the address waits a whole window, and again after each further failure.
      const addressKey = this.#key('address', address);
      if ((await this.#count(trx, addressKey, now)) >= p.addressFailures) await this.#block(trx, addressKey, now, p.windowSeconds);
    });
  }

  /**
   * One more failure, counted in one statement: the row's lock orders concurrent counts, so two instances
   * failing the same account at once count two (a read, then a write, would count one). A row quiet for a
   * whole window (as #row judges it) starts again at one.
   */
  async #count(trx: Reader, key: string, now: Date): Promise<number> {
    const at = now.toISOString();
    const cutoff = new Date(now.getTime() - this.policy.windowSeconds * 1000).toISOString();
    const quiet = sql`(central_throttle.window_start < ${cutoff} AND (central_throttle.blocked_until IS NULL OR central_throttle.blocked_until < ${cutoff}))`;
    const row = (
      await sql<{ failures: number }>`INSERT INTO central_throttle (key, failures, window_start, blocked_until) VALUES (${key}, 1, ${at}, NULL)
      ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN ${quiet} THEN 1 ELSE central_throttle.failures + 1 END,
        window_start = CASE WHEN ${quiet} THEN excluded.window_start ELSE central_throttle.window_start END
      RETURNING failures`.execute(trx)
    ).rows[0]!;
    return Number(row.failures);
  }

  async #block(trx: Reader, key: string, now: Date, seconds: number): Promise<void> {
    await sql`UPDATE central_throttle SET blocked_until = ${new Date(now.getTime() + seconds * 1000).toISOString()} WHERE key = ${key}`.execute(trx);
  }
}
