import { hostname } from 'node:os';
import type { HandlerMap } from '../handlers/registry';
import { AppError } from '../../../shared/result';
import { signOutHere } from '../lock/lock-service';
import { signIn } from './account';
import { resetSync, resolveRejection, syncNow, syncRejections, syncStatus } from './engine';
import { SyncError } from './http';

/** A sign-in failure as the screen shows it, with the sync error's kind as its code family. */
async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SyncError) throw new AppError(error.kind === 'unauthorized' ? 'no-session' : 'sync-failed', error.message, { kind: error.kind });
    throw error;
  }
}

export const syncHandlers: HandlerMap<'sync.status' | 'sync.signIn' | 'sync.signOut' | 'sync.now' | 'sync.reset' | 'sync.rejections' | 'sync.resolveRejection'> = {
  'sync.status': async (_args, ctx) => syncStatus(ctx),
  'sync.signIn': async (args, ctx) => {
    await translated(() => signIn(ctx, args.serverUrl, args.username, args.password, `联审联批工作台 ${hostname()}`));
    return syncStatus(ctx);
  },
  // 退出登录 on 同步 is the desk's sign-out too: the local session goes with the centre's tokens.
  'sync.signOut': async (_args, ctx) => {
    await signOutHere(ctx);
    return syncStatus(ctx);
  },
  'sync.now': async (_args, ctx) => syncNow(ctx),
  'sync.reset': async (_args, ctx) => {
    await resetSync(ctx);
    return syncStatus(ctx);
  },
  'sync.rejections': async (_args, ctx) => syncRejections(ctx),
  'sync.resolveRejection': async (args, ctx) => {
    await resolveRejection(ctx, args.id);
    return syncRejections(ctx);
  },
};
