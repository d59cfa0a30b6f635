// The centre's accounts, kept by its administrator (`npm run central -- accounts …`, accounts-cli.ts):
// add, disable, enable, reset a password, list. Through kysely and its sql template only, so the same code
// runs on the SQLite centre and on PostgreSQL. Each change is one transaction, taken under the log lock
// (several centres may share one PostgreSQL database): the users row, its change-log row (users is a
// synced table: the desks pull the change) and the audit entry commit together or not at all. Passwords
// are kept only as scrypt hashes; audit details hold codes, never a name or a password.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../electron/backend/audit/audit-log';
import { lockLogs } from '../electron/backend/db/dialect';
import type { Database } from '../electron/backend/db/schema';
import { isBureauRole } from '../shared/access';
import { UserRole } from '../shared/domain';
import { userRoleLabels } from '../shared/glossary';
import { hashPassword } from './auth';
import { audienceOf } from './scope';
import type { CentralStore } from './store';

/** A refusal an administrator should read: nothing was changed. The CLI exits 1 with its message. */
export class AccountRefusal extends Error {
  override name = 'AccountRefusal';
}

export type AccountListing = { username: string; name: string; role: UserRole; regionCode: string; active: boolean; hasPassword: boolean };

export type NewAccount = { username: string; name: string; role: string; regionCode: string; password: string };

type Trx = Transaction<Database>;
type UserRow = { id: string; role: UserRole; region_code: string; active: number; version: number };

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;
const levelLabels = { district: '区（县）', street: '街道（乡镇）', community: '社区（村）' } as const;

/** A strong password for an account made without one: 144 random bits, 24 characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Refuses a password too short or too long to use (the sign-in form takes at most 256 characters). */
export function checkPassword(password: string, username?: string): void {
  const length = [...password].length;
  if (password.trim() === '') throw new AccountRefusal('密码为空');
  if (length < MIN_PASSWORD_LENGTH) throw new AccountRefusal(`密码太短：至少 ${MIN_PASSWORD_LENGTH} 个字符，收到 ${length} 个`);
  if (length > MAX_PASSWORD_LENGTH) throw new AccountRefusal(`密码太长：至多 ${MAX_PASSWORD_LENGTH} 个字符`);
  if (username !== undefined && password === username) throw new AccountRefusal('密码不能与用户名相同');
}

/** Refuses a username the sign-in form would not take, or one a person could misread. */
export function checkUsername(username: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/.test(username))
    throw new AccountRefusal(`用户名“${username}”不合规范：2～64 个字符，只用英文字母、数字和 . _ -，以字母或数字开头`);
}

function checkRole(role: string): UserRole {
  const parsed = UserRole.safeParse(role);
  if (!parsed.success) throw new AccountRefusal(`角色“${role}”不存在：应为 ${UserRole.options.map((r) => `${r}（${userRoleLabels[r]}）`).join('、')}`);
  return parsed.data;
}

/** Validates a new account's fields before anything is opened or written. */
export function checkNewAccount(input: NewAccount): UserRole {
  checkUsername(input.username);
  const name = input.name.trim();
  if (name === '' || name.length > 50) throw new AccountRefusal('姓名不能为空，且至多 50 个字');
  const role = checkRole(input.role);
  if (!/^\d{6}(\d{3}){0,2}$/.test(input.regionCode)) throw new AccountRefusal(`区划代码“${input.regionCode}”不合规范：区（县）为 6 位数字，街道（乡镇）为 9 位数字`);
  checkPassword(input.password, input.username);
  return role;
}

/**
 * Runs one change in a transaction under the log lock. On SQLite a centre running beside this process may
 * write between this transaction's first read and its first write (SQLITE_BUSY_SNAPSHOT, answered at once,
 * not after the busy timeout): the whole change is then tried again, as it is a fresh one.
 */
async function change<T>(store: CentralStore, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.exclusive(() =>
        store.db.transaction().execute(async (trx) => {
          await lockLogs(trx);
          return work(trx);
        }),
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || attempt >= 5) throw error;
      await new Promise((ok) => setTimeout(ok, 50 * attempt));
    }
  }
}

async function userNamed(trx: Trx, username: string): Promise<UserRow> {
  const row = (await sql<UserRow>`SELECT id, role, region_code, active, version FROM users WHERE username = ${username}`.execute(trx)).rows[0];
  if (!row) throw new AccountRefusal(`账号“${username}”不存在`);
  return { ...row, active: Number(row.active), version: Number(row.version) };
}

/** The users row changed in this transaction goes to the change log, as a push's would (replay.ts). */
async function logUser(trx: Trx, id: string, version: number, regionCode: string): Promise<void> {
  await sql`INSERT INTO change_log (entity, row_key, op, version, region_code, audience) VALUES ('users', ${id}, 'upsert', ${version}, ${regionCode}, ${audienceOf('users')})`.execute(trx);
}

/** Revokes every live token of the account (access and refresh): its sessions end at their next request. */
async function revokeTokens(trx: Trx, userId: string, at: string): Promise<number> {
  const r = await sql`UPDATE central_tokens SET revoked_at = ${at} WHERE user_id = ${userId} AND revoked_at IS NULL`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** The region must exist and be of the level the role works at: bureaus at a district, streets at a street. */
async function checkRegion(trx: Trx, role: UserRole, regionCode: string): Promise<void> {
  const region = (await sql<{ level: keyof typeof levelLabels }>`SELECT level FROM regions WHERE code = ${regionCode}`.execute(trx)).rows[0];
  if (!region) throw new AccountRefusal(`区划代码 ${regionCode} 在中心数据库中不存在`);
  const wanted = isBureauRole(role) ? 'district' : 'street';
  if (region.level !== wanted)
    throw new AccountRefusal(
      `角色“${userRoleLabels[role]}”（${role}）的账号须设在${levelLabels[wanted]}一级（${wanted === 'district' ? 6 : 9} 位区划代码），${regionCode} 是${levelLabels[region.level]}`,
    );
}

/** Creates the account and its password hash; answers the new user's id. */
export async function addAccount(store: CentralStore, input: NewAccount, now: Date): Promise<string> {
  const role = checkNewAccount(input);
  const hash = hashPassword(input.password);
  const at = now.toISOString();
  const id = randomUUID();
  return change(store, async (trx) => {
    const taken = (await sql<{ n: number }>`SELECT count(*) AS n FROM users WHERE username = ${input.username}`.execute(trx)).rows[0]!;
    if (Number(taken.n) > 0) throw new AccountRefusal(`用户名“${input.username}”已被占用`);
    await checkRegion(trx, role, input.regionCode);
    await sql`INSERT INTO users (id, username, name, role, region_code, active, version, updated_at) VALUES (${id}, ${input.username}, ${input.name.trim()}, ${role}, ${input.regionCode}, 1, 1, ${at})`.execute(trx);
    await sql`INSERT INTO central_credentials (user_id, password_hash) VALUES (${id}, ${hash})`.execute(trx);
    await logUser(trx, id, 1, input.regionCode);
    await appendAudit(trx, { actorId: null, action: 'account.add', entity: 'user', entityId: id, details: { role, regionCode: input.regionCode } }, at);
    return id;
  });
}

/**
 * Disables (`active` false) or enables the account. Disabling revokes every token it holds, so a desk
 * signed in with it is refused at its next request. Answers false when it already was so (nothing written).
 */
export async function setAccountActive(store: CentralStore, username: string, active: boolean, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return change(store, async (trx) => {
    const user = await userNamed(trx, username);
    if ((user.active === 1) === active) return false;
    const version = user.version + 1;
    await sql`UPDATE users SET active = ${active ? 1 : 0}, version = ${version}, updated_at = ${at} WHERE id = ${user.id}`.execute(trx);
    const tokensRevoked = active ? 0 : await revokeTokens(trx, user.id, at);
    await logUser(trx, user.id, version, user.region_code);
    const details = active ? {} : { tokensRevoked };
    await appendAudit(trx, { actorId: null, action: active ? 'account.enable' : 'account.disable', entity: 'user', entityId: user.id, details }, at);
    return true;
  });
}

/** A new password hash; every token of the account is revoked, so each of its desks signs in again. */
export async function resetPassword(store: CentralStore, username: string, password: string, now: Date): Promise<void> {
  checkPassword(password, username);
  const hash = hashPassword(password);
  const at = now.toISOString();
  await change(store, async (trx) => {
    const user = await userNamed(trx, username);
    await sql`DELETE FROM central_credentials WHERE user_id = ${user.id}`.execute(trx);
    await sql`INSERT INTO central_credentials (user_id, password_hash) VALUES (${user.id}, ${hash})`.execute(trx);
    const tokensRevoked = await revokeTokens(trx, user.id, at);
    // The users row itself is unchanged (the hash is the centre's own table): nothing for the change log.
    await appendAudit(trx, { actorId: null, action: 'account.reset-password', entity: 'user', entityId: user.id, details: { tokensRevoked } }, at);
  });
}

/** Every account, by username (compared as code units, the same on both engines whatever their collation). */
export async function listAccounts(store: CentralStore): Promise<AccountListing[]> {
  type Row = { username: string; name: string; role: UserRole; region_code: string; active: number; has_password: number };
  const rows = (
    await sql<Row>`SELECT u.username, u.name, u.role, u.region_code, u.active, CASE WHEN c.user_id IS NULL THEN 0 ELSE 1 END AS has_password
      FROM users u LEFT JOIN central_credentials c ON c.user_id = u.id`.execute(store.db)
  ).rows;
  return rows
    .map((r) => ({ username: r.username, name: r.name, role: r.role, regionCode: r.region_code, active: Number(r.active) === 1, hasPassword: Number(r.has_password) === 1 }))
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}
