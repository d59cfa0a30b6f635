// What the lock's channels do: the status the lock screen shows, unlocking as a roster user, setting or
// changing a PIN, locking at once, and 退出登录, which signs out of the centre, forgets who this desk is
// signed in as (the session row, not only the screen) and locks.
import type { Kysely } from 'kysely';
import type { LockStatus, LockUser } from '../../../shared/lock';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { clearCurrentUser, rosterUserNamed, sessionUser, setCurrentUser } from '../session/session';
import { signOut } from '../sync/account';
import type { DeskLock } from './desk-lock';
import { hasPin, storePin, verifyPin } from './pins';

async function lockUsers(db: Kysely<Database>, where: { id: string } | { withPin: true }): Promise<LockUser[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .leftJoin('desk_pins', 'desk_pins.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.role', 'regions.name as regionName', 'desk_pins.user_id as pinOf'])
    .where('users.active', '=', 1);
  q = 'id' in where ? q.where('users.id', '=', where.id) : q.where('desk_pins.user_id', 'is not', null);
  const rows = await q.orderBy('users.name').orderBy('users.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, regionName: r.regionName, hasPin: r.pinOf !== null }));
}

export function deskLock(ctx: BackendContext): DeskLock {
  if (!ctx.lock) throw new AppError('forbidden', '本机程序未启用锁屏');
  return ctx.lock;
}

/** Whether the lock holds for whoever this desk is signed in as (the shell's own channels ask it too). */
export async function deskIsLocked(ctx: BackendContext): Promise<boolean> {
  return ctx.lock ? ctx.lock.isLocked(ctx.db, (await sessionUser(ctx.db))?.id ?? null) : false;
}

export async function lockStatus(ctx: BackendContext): Promise<LockStatus> {
  const lock = ctx.lock;
  const current = await sessionUser(ctx.db);
  const session = current ? ((await lockUsers(ctx.db, { id: current.id }))[0] ?? null) : null;
  const locked = lock ? await lock.isLocked(ctx.db, current?.id ?? null) : false;
  return {
    enabled: lock !== undefined,
    locked,
    idleMinutes: lock ? await lock.idleMinutes(ctx.db) : 0,
    session,
    mustSetPin: locked && session !== null && !session.hasPin,
    users: await lockUsers(ctx.db, { withPin: true }),
  };
}

/** Unlocks as a serving roster user with a PIN here; that user becomes this desk's session (the local sign-in). */
export async function unlock(ctx: BackendContext, userId: string, secret: string): Promise<LockStatus> {
  const lock = deskLock(ctx);
  const [user] = await lockUsers(ctx.db, { id: userId });
  if (!user?.hasPin) throw new AppError('not-found', '这个用户不在本机可解锁的名单上');
  await lock.serially(() => verifyPin(ctx.db, userId, secret, lock.now()));
  await setCurrentUser(ctx.db, userId, ctx.clock.now());
  lock.unlockAs(userId);
  return lockStatus(ctx);
}

/**
 * Sets the session user's PIN. Locked, this is the first-time step only: the user this desk is signed in
 * as has no PIN yet. Unlocked, a user who has one must give it (a desk left open is not a way to take
 * over its PIN); that check counts wrong tries like unlocking does.
 */
export async function setPin(ctx: BackendContext, secret: string, current: string | undefined): Promise<LockStatus> {
  const lock = deskLock(ctx);
  const user = await sessionUser(ctx.db);
  if (!user) throw new AppError('no-session', '尚未登录，不能设置 PIN');
  const locked = await lock.isLocked(ctx.db, user.id);
  const existing = await hasPin(ctx.db, user.id);
  await lock.serially(async () => {
    if (existing) {
      if (locked) throw new AppError('locked', '工作台已锁定：请先解锁，再修改 PIN');
      if (current === undefined) throw new AppError('validation', '请输入现在的 PIN 或密码', { problems: [{ field: 'current', message: '请输入现在的 PIN 或密码' }] });
      await verifyPin(ctx.db, user.id, current, lock.now());
    }
    await storePin(ctx.db, user.id, secret, ctx.clock.now(), lock.cost);
    await appendAudit(ctx.db, { actorId: user.id, action: existing ? 'lock.pinChanged' : 'lock.pinSet', entity: 'user', entityId: user.id }, ctx.clock.now());
  });
  lock.unlockAs(user.id);
  return lockStatus(ctx);
}

export async function lockNow(ctx: BackendContext): Promise<LockStatus> {
  deskLock(ctx).lock();
  return lockStatus(ctx);
}

/** 退出登录: the centre's tokens dropped (offline too), the local session forgotten, the desk locked. */
export async function signOutHere(ctx: BackendContext): Promise<void> {
  const user = await sessionUser(ctx.db);
  if (user) await appendAudit(ctx.db, { actorId: user.id, action: 'lock.signOut', entity: 'user', entityId: user.id }, ctx.clock.now());
  await signOut(ctx);
  await clearCurrentUser(ctx.db);
  ctx.lock?.lock();
}

/**
 * A forgotten PIN, from the machine's own shell (the CLI's pin-reset): the user's PIN and wrong tries are
 * removed and the desk is signed in as them, so the lock screen asks them to choose a new PIN. Whoever can
 * run this can read the database file anyway; the lock guards the screen, not the file.
 */
export async function resetPin(ctx: BackendContext, username: string): Promise<{ userId: string; hadPin: boolean }> {
  const user = await rosterUserNamed(ctx.db, username);
  const removed = await ctx.db.deleteFrom('desk_pins').where('user_id', '=', user.id).executeTakeFirst();
  await setCurrentUser(ctx.db, user.id, ctx.clock.now());
  await appendAudit(ctx.db, { actorId: null, action: 'lock.pinReset', entity: 'user', entityId: user.id }, ctx.clock.now());
  return { userId: user.id, hadPin: Number(removed.numDeletedRows) > 0 };
}
