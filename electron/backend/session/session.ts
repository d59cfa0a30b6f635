// Who is using this copy of the app. Until sign-in against the central server exists, the session is a
// user of the local roster chosen when the database was set up (the demo and the harness set it).
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/result';
import type { SessionUser } from '../../../shared/domain';
import type { Database } from '../db/schema';

const SESSION_KEY = 'session.userId';

type Reader = Kysely<Database> | Transaction<Database>;

async function rosterUser(db: Reader, where: { id: string } | { username: string }): Promise<(SessionUser & { active: boolean }) | null> {
  let q = db
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .select(['users.id', 'users.username', 'users.name', 'users.role', 'users.region_code', 'regions.name as region_name', 'users.active']);
  q = 'id' in where ? q.where('users.id', '=', where.id) : q.where('users.username', '=', where.username);
  const u = await q.executeTakeFirst();
  return u ? { id: u.id, username: u.username, name: u.name, role: u.role, regionCode: u.region_code, regionName: u.region_name, active: u.active === 1 } : null;
}

const asSession = ({ active: _active, ...user }: SessionUser & { active: boolean }): SessionUser => user;

/** The user this copy is signed in as, or null: the handler table resolves it once per call. */
export async function sessionUser(db: Reader): Promise<SessionUser | null> {
  const key = await db.selectFrom('settings').select('value_json').where('key', '=', SESSION_KEY).executeTakeFirst();
  if (!key) return null;
  const user = await rosterUser(db, { id: JSON.parse(key.value_json) as string });
  return user?.active ? asSession(user) : null;
}

/** The signed-in user, or no-session: for the CLI's commands that act as the database's user. */
export async function currentUser(db: Reader): Promise<SessionUser> {
  const user = await sessionUser(db);
  if (!user) throw new AppError('no-session', '尚未选择登录用户，或登录用户不存在、已停用');
  return user;
}

/** A serving roster user by username: the CLI's --as, the demo's and the harness's users. */
export async function rosterUserNamed(db: Reader, username: string): Promise<SessionUser> {
  const user = await rosterUser(db, { username });
  if (!user) throw new AppError('not-found', `用户 ${username} 不存在`);
  if (!user.active) throw new AppError('forbidden', `用户 ${username} 已停用`);
  return asSession(user);
}

export async function setCurrentUser(db: Kysely<Database>, userId: string, at: string): Promise<void> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('not-found', `用户 ${userId} 不存在`);
  await db
    .insertInto('settings')
    .values({ key: SESSION_KEY, value_json: JSON.stringify(userId), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(userId), updated_at: at }))
    .execute();
}

/** Signs in a roster user by username (the demo, the browser harness and benchmarks pick users this way). */
export async function setCurrentUserByUsername(db: Kysely<Database>, username: string, at: string): Promise<void> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!row) throw new AppError('not-found', `用户 ${username} 不存在`);
  await setCurrentUser(db, row.id, at);
}

/** 退出登录: this copy is signed in as nobody until someone unlocks it with their PIN. */
export async function clearCurrentUser(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', SESSION_KEY).execute();
}
