// The app lock (issue 21 item 3): who may unlock this desk, what a PIN or password must be, and how long
// the desk waits before it locks itself. The rules live here so the lock screen can say what is wrong
// before it asks the backend, which checks them again.
import { z } from 'zod';
import { UserRole } from './domain';

/** A PIN is 6–12 digits; anything else is a password of 8–64 characters. */
export const PIN_DIGITS = { min: 6, max: 12 } as const;
export const PASSWORD_LENGTH = { min: 8, max: 64 } as const;
/** Wrong tries allowed before each further one must wait (see lockWaitMs). */
export const FREE_TRIES = 5;
export const idleMinuteChoices = [1, 5, 10, 15, 30, 60] as const;
export const DEFAULT_IDLE_MINUTES = 10;

export type SecretKind = 'pin' | 'password';

export function secretKind(secret: string): SecretKind {
  return /^\d+$/.test(secret) ? 'pin' : 'password';
}

/** Why a new PIN or password is refused, in Chinese, or null when it is acceptable. */
export function secretProblem(secret: string): string | null {
  if (secretKind(secret) === 'pin') {
    if (secret.length < PIN_DIGITS.min || secret.length > PIN_DIGITS.max) return `PIN 须为 ${PIN_DIGITS.min}–${PIN_DIGITS.max} 位数字（或使用至少 ${PASSWORD_LENGTH.min} 个字符的密码）`;
    if (/^(\d)\1+$/.test(secret)) return 'PIN 不能是同一个数字重复';
    const steps = new Set([...secret].slice(1).map((c, i) => (Number(c) - Number(secret[i]) + 10) % 10));
    if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'PIN 不能是连续的数字（如 123456）';
    return null;
  }
  const length = [...secret].length;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) return `密码须为 ${PASSWORD_LENGTH.min}–${PASSWORD_LENGTH.max} 个字符`;
  if (secret.trim() !== secret) return '密码首尾不能是空格';
  return null;
}

/** How long the next try must wait after `failures` wrong tries in a row: none for the first few, then doubling from 30 s up to an hour. */
export function lockWaitMs(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(30_000 * 2 ** (failures - FREE_TRIES), 3_600_000);
}

const Secret = z.string().min(1, '请输入锁屏密码').max(PASSWORD_LENGTH.max * 4);

export const lockArgs = {
  /** `active`: the person used the keyboard or mouse since the last call (keeps the desk from locking for idleness). */
  status: z.object({ active: z.boolean().optional() }).strict(),
  unlock: z.object({ userId: z.string().min(1).max(64), secret: Secret }).strict(),
  /** `current`: the PIN being replaced; needed whenever the user already has one. */
  setPin: z.object({ secret: Secret, current: Secret.optional() }).strict(),
  lockNow: z.object({}).strict(),
  signOut: z.object({}).strict(),
  setIdleMinutes: z.object({ minutes: z.number().int().min(1).max(120) }).strict(),
};

export const LockUser = z.object({ id: z.string(), name: z.string(), role: UserRole, regionName: z.string(), hasPin: z.boolean() });
export type LockUser = z.infer<typeof LockUser>;

export const LockStatus = z.object({
  /** False where this backend runs without a lock (the CLI, tests of other services). */
  enabled: z.boolean(),
  locked: z.boolean(),
  idleMinutes: z.number().int(),
  /** The user this desk is signed in as, or null after 退出登录. */
  session: LockUser.nullable(),
  /** Locked, and the session user has no PIN on this desk yet: the lock screen asks for a new one. */
  mustSetPin: z.boolean(),
  /** Serving roster users with a PIN on this desk: whom the lock screen offers to unlock as. */
  users: z.array(LockUser),
});
export type LockStatus = z.infer<typeof LockStatus>;

/** Channels answered while the desk is locked: none of them returns case or household data. */
export const openWhileLocked = ['app.startup', 'lock.status', 'lock.unlock', 'lock.setPin', 'lock.lockNow'] as const;

export const lockedMessage = '工作台已锁定：请输入 PIN 或密码解锁';
