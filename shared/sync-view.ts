// What the 同步 screen is told about sync: never a token, only who is signed in where, how far sync has
// got and what still needs a person.
import { z } from 'zod';
import { Account } from './sync';

export const SyncStatus = z.object({
  serverUrl: z.string().nullable(),
  account: Account.nullable(),
  /** Signed in with a refresh token in the secret store (the account alone may remain after sign-out). */
  signedIn: z.boolean(),
  clientId: z.string(),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  lastError: z.string().nullable(),
  pending: z.number().int().nonnegative(),
  rejections: z.number().int().nonnegative(),
  fullPullDone: z.boolean(),
  /**
   * This copy holds data that did not come from a centre (the demo district): it cannot sign in, and the
   * 同步 screen says so before anyone types a password, offering a new data file instead.
   */
  localData: z.boolean(),
  /** The database file this copy has open. */
  databaseFile: z.string(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** `subject`: what the change was about (meeting, community's notice, case numbers), for a person to find it. */
/** `label`: the command's name as a person reads it (新建会议), from the command's own definition. */
export const SyncRejectionView = z.object({ id: z.number().int(), mutationId: z.number().int(), name: z.string(), label: z.string(), subject: z.string(), code: z.string(), message: z.string(), rejectedAt: z.string() });
export type SyncRejectionView = z.infer<typeof SyncRejectionView>;

export const SyncReport = z.object({ pushed: z.number().int(), rejected: z.number().int(), pulledChanges: z.number().int(), pages: z.number().int(), fullPull: z.boolean() });

export const syncArgs = {
  status: z.object({}).strict(),
  signIn: z
    .object({
      serverUrl: z.string().trim().min(1, '请填写中心服务器地址').max(300),
      username: z.string().trim().min(1, '请填写用户名').max(64),
      password: z.string().min(1, '请填写密码').max(256),
    })
    .strict(),
  signOut: z.object({}).strict(),
  now: z.object({}).strict(),
  reset: z.object({}).strict(),
  rejections: z.object({}).strict(),
  resolveRejection: z.object({ id: z.number().int().positive() }).strict(),
} as const;
