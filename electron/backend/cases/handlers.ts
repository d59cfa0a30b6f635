import type { HandlerMap } from '../handlers/registry';
import { currentUser } from '../session/session';
import { listCases } from './case-list';

export const caseHandlers: HandlerMap<'cases.list'> = {
  'cases.list': async (args, ctx) => listCases(ctx.db, (await currentUser(ctx.db)).regionCode, args),
};
