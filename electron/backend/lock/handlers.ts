import type { HandlerMap } from '../handlers/registry';
import { deskLock, lockNow, lockStatus, setPin, signOutHere, unlock } from './lock-service';

export const lockHandlers: HandlerMap<'lock.status' | 'lock.unlock' | 'lock.setPin' | 'lock.lockNow' | 'lock.signOut' | 'lock.setIdleMinutes'> = {
  'lock.status': async (args, ctx) => {
    const status = await lockStatus(ctx);
    if (args.active && !status.locked) ctx.lock?.touch();
    return status;
  },
  'lock.unlock': async (args, ctx) => unlock(ctx, args.userId, args.secret),
  'lock.setPin': async (args, ctx) => setPin(ctx, args.secret, args.current),
  'lock.lockNow': async (_args, ctx) => lockNow(ctx),
  'lock.signOut': async (_args, ctx) => {
    await signOutHere(ctx);
    return lockStatus(ctx);
  },
  'lock.setIdleMinutes': async (args, ctx, caller) => {
    caller.signedIn();
    await deskLock(ctx).setIdleMinutes(ctx.db, args.minutes, ctx.clock.now());
    return lockStatus(ctx);
  },
};
