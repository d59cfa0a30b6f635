// Whether this desk is locked, kept in the backend and nowhere else: the handler table asks it before
// every call (handlers/registry.ts) and refuses all but the lock's own channels while it is locked, so a
// page that skipped its lock screen still gets no case data. The state is memory only: every start begins
// locked. It unlocks for one roster user; a session that turns into another user (sync adopting the
// centre's account, 退出登录) is locked again. Idleness counts from the last unlock or the last call that
// reported the person at the keyboard (lock.status with active), not from any call: screens that poll
// would otherwise keep an abandoned desk open.
import type { Kysely } from 'kysely';
import { DEFAULT_IDLE_MINUTES } from '../../../shared/lock';
import type { Database } from '../db/schema';
import { anyPin } from './pins';

const IDLE_KEY = 'lock.idleMinutes';

export type LockOptions = {
  /** Milliseconds of the lock's own clock (idle time, throttle waits); default Date.now. */
  now?: () => number;
  /** scrypt cost of new PINs (log2 N); tests use the cheapest the schema allows. */
  cost?: number;
  /**
   * Browser harness only: the session user counts as unlocked (as if the PIN had been entered) until the
   * lock is engaged by lockNow, idleness or 退出登录, so specs that are not about the lock run as before.
   */
  trustSession?: boolean;
};

export class DeskLock {
  readonly now: () => number;
  readonly cost: number | undefined;
  #unlockedAs: string | null = null;
  #lastActivity = 0;
  #idleMinutes: number | null = null;
  #trusting: boolean;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: LockOptions = {}) {
    this.now = options.now ?? Date.now;
    this.cost = options.cost;
    this.#trusting = options.trustSession ?? false;
  }

  async idleMinutes(db: Kysely<Database>): Promise<number> {
    if (this.#idleMinutes === null) {
      const row = await db.selectFrom('settings').select('value_json').where('key', '=', IDLE_KEY).executeTakeFirst();
      const stored = row ? (JSON.parse(row.value_json) as unknown) : null;
      this.#idleMinutes = typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 ? stored : DEFAULT_IDLE_MINUTES;
    }
    return this.#idleMinutes;
  }

  async setIdleMinutes(db: Kysely<Database>, minutes: number, at: string): Promise<void> {
    const value_json = JSON.stringify(minutes);
    await db
      .insertInto('settings')
      .values({ key: IDLE_KEY, value_json, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: at }))
      .execute();
    this.#idleMinutes = minutes;
  }

  /**
   * Whether a call by the session user must be refused. Where nobody is signed in and no PIN was ever set
   * (a new, empty copy before its first sign-in to the centre) there is nothing to protect and nobody who
   * could unlock, so the desk stays open for signing in.
   */
  async isLocked(db: Kysely<Database>, sessionUserId: string | null): Promise<boolean> {
    if (sessionUserId === null) return anyPin(db);
    if (this.#trusting && this.#unlockedAs !== sessionUserId) this.unlockAs(sessionUserId);
    if (this.#unlockedAs !== sessionUserId) return true;
    if (!this.#trusting && this.now() - this.#lastActivity >= (await this.idleMinutes(db)) * 60_000) {
      this.lock();
      return true;
    }
    return false;
  }

  /** The person is at the keyboard: counted only while unlocked, after the idle check (so it cannot revive a lapsed unlock). */
  touch(): void {
    if (this.#unlockedAs !== null) this.#lastActivity = this.now();
  }

  unlockAs(userId: string): void {
    this.#unlockedAs = userId;
    this.#lastActivity = this.now();
  }

  lock(): void {
    this.#unlockedAs = null;
    this.#trusting = false;
  }

  /** Runs PIN checks one at a time, so parallel guesses cannot all read the same count of wrong tries. */
  serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
