// PINs and passwords of this desk's roster users: scrypt hashes with a random salt and the cost they were
// made with, compared in constant time. Wrong tries are counted per user in the database, and after
// FREE_TRIES each further try waits (shared/lock.ts lockWaitMs), so neither guessing fast nor restarting
// the app gets more tries. While a user must wait, even the right PIN is refused without being checked.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import { FREE_TRIES, lockWaitMs, secretKind, secretProblem } from '../../../shared/lock';
import type { Database } from '../db/schema';

/** log2 of scrypt's N: 2^15 with r = 8 takes 32 MiB and about 0.1 s, slow enough against guessing a stolen file's PINs. */
export const DEFAULT_COST = 15;

function derive(secret: string, salt: string, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), Buffer.from(salt, 'hex'), 32, { N: 2 ** cost, r: 8, p: 1, maxmem: 256 * 2 ** 20 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hasPin(db: Kysely<Database>, userId: string): Promise<boolean> {
  return (await db.selectFrom('desk_pins').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

export async function anyPin(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('desk_pins').select('user_id').limit(1).executeTakeFirst()) !== undefined;
}

/** Stores a new PIN or password for the user (replacing any), with a clean count of wrong tries. */
export async function storePin(db: Kysely<Database>, userId: string, secret: string, at: string, cost = DEFAULT_COST): Promise<void> {
  const problem = secretProblem(secret);
  if (problem) throw new AppError('validation', problem, { problems: [{ field: 'secret', message: problem }] });
  const salt = randomBytes(16).toString('hex');
  const hash = (await derive(secret, salt, cost)).toString('hex');
  const row = { kind: secretKind(secret), hash, salt, cost, set_at: at, failures: 0, blocked_until: null };
  await db
    .insertInto('desk_pins')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
}

function waitMessage(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 120 ? `错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试` : `错误次数过多，请 ${seconds} 秒后再试`;
}

/**
 * Checks the user's PIN or password at `nowMs`, throwing wrong-secret or throttled; a right one clears the
 * count. The count is written before the answer is given, so a crash or restart cannot forget a wrong try.
 */
export async function verifyPin(db: Kysely<Database>, userId: string, secret: string, nowMs: number): Promise<void> {
  const row = await db.selectFrom('desk_pins').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('not-found', '这个用户还没有在本机设置 PIN');
  if (row.blocked_until !== null && row.blocked_until > nowMs) {
    throw new AppError('throttled', waitMessage(row.blocked_until - nowMs), { retryAfterMs: row.blocked_until - nowMs });
  }
  const expected = Buffer.from(row.hash, 'hex');
  const actual = await derive(secret, row.salt, row.cost);
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
    await db.updateTable('desk_pins').set({ failures: 0, blocked_until: null }).where('user_id', '=', userId).execute();
    return;
  }
  const failures = row.failures + 1;
  const wait = lockWaitMs(failures);
  await db
    .updateTable('desk_pins')
    .set({ failures, blocked_until: wait > 0 ? nowMs + wait : null })
    .where('user_id', '=', userId)
    .execute();
  if (wait > 0) throw new AppError('throttled', `PIN 或密码不正确。${waitMessage(wait)}`, { retryAfterMs: wait });
  const left = FREE_TRIES - failures;
  throw new AppError('wrong-secret', `PIN 或密码不正确，还可以再试 ${left} 次`, { triesLeft: left });
}
