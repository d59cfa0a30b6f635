// Who is using this copy of the app. Until sign-in against the central server exists, the session is a
// user of the local roster chosen when the database was set up (the demo and the harness set it).
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/result';
import type { SessionUser } from '../../../shared/domain';
import type { Database } from '../db/schema';

const SESSION_KEY = 'session.userId';

export async function currentUser(db: Kysely<Database> | Transaction<Database>): Promise<SessionUser> {
  const key = await db.selectFrom('settings').select('value_json').where('key', '=', SESSION_KEY).executeTakeFirst();
  if (!key) throw new AppError('no-session', '尚未选择登录用户');
  const userId = JSON.parse(key.value_json) as string;
  const user = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .select(['users.id', 'users.username', 'users.name', 'users.role', 'users.region_code', 'regions.name as region_name', 'users.active'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1) throw new AppError('no-session', '登录用户不存在或已停用');
  return { id: user.id, username: user.username, name: user.name, role: user.role, regionCode: user.region_code, regionName: user.region_name };
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
