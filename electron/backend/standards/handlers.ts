import type { HandlerMap } from '../handlers/registry';
import { listStandards } from './standards';

/** Reading the district's standards; setting one is the command standards.set. */
export const standardsHandlers: HandlerMap<'standards.list'> = {
  'standards.list': async (_args, ctx, caller) => listStandards(ctx.db, caller.signedIn()),
};
