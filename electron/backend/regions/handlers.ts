import type { HandlerMap } from '../handlers/registry';
import { listRegions } from './regions';

export const regionHandlers: HandlerMap<'regions.list'> = {
  'regions.list': async (args, ctx, caller) => listRegions(ctx.db, caller.signedIn().regionCode, args.under),
};
