import type { HandlerMap } from '../handlers/registry';
import { listCorrections } from './correction-view';

/** The correction channel that only reads; the writes are the commands of corrections.ts. */
export const correctionHandlers: HandlerMap<'corrections.list'> = {
  'corrections.list': async (_args, ctx, caller) => listCorrections(ctx.db, caller.signedIn(), ctx.clock.today()),
};
