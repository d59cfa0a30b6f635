import type { HandlerMap } from '../handlers/registry';
import { currentUser } from '../session/session';
import { listRegions } from './regions';

export const regionHandlers: HandlerMap<'regions.list'> = {
  'regions.list': async (args, ctx) => listRegions(ctx.db, (await currentUser(ctx.db)).regionCode, args.under),
};
