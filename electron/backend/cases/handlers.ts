import type { HandlerMap } from '../handlers/registry';
import { listCases } from './case-list';

export const caseHandlers: HandlerMap<'cases.list'> = {
  'cases.list': async (args, ctx, caller) => listCases(ctx.db, caller.signedIn().regionCode, args),
};
