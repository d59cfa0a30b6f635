import type { HandlerMap } from '../handlers/registry';
import { listOffices } from './offices';
import { listRegions } from './regions';

export const regionHandlers: HandlerMap<'regions.list' | 'regions.offices'> = {
  'regions.list': async (args, ctx, caller) => listRegions(ctx.db, caller.signedIn().regionCode, args.under),
  'regions.offices': async (_args, ctx, caller) => listOffices(ctx.db, caller.signedIn()),
};
