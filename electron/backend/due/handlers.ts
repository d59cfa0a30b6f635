import type { HandlerMap } from '../handlers/registry';
import { dueList } from './due-list';

/** 到期 only reads; the one-step action is the existing command cases.openReview. */
export const dueHandlers: HandlerMap<'due.list'> = {
  'due.list': async (args, ctx, caller) => dueList(ctx.db, caller.signedIn(), args.streetCode, ctx.clock.today()),
};
