import type { HandlerMap } from '../handlers/registry';
import { listCases } from './case-list';
import { windowCases } from './case-window';
import { findHouseholds } from './household-find';
import { investigatorOptions } from './investigation';
import { loadCaseRecordOn } from './record-view';

export const caseHandlers: HandlerMap<'cases.list' | 'cases.page' | 'cases.record' | 'cases.findHousehold' | 'cases.investigators'> = {
  'cases.list': async (args, ctx, caller) => listCases(ctx.db, caller.signedIn().regionCode, args),
  'cases.page': async (args, ctx, caller) => windowCases(ctx.db, caller.signedIn().regionCode, args),
  'cases.record': async (args, ctx, caller) => loadCaseRecordOn(ctx.db, caller.signedIn(), args.caseId, ctx.clock.today()),
  'cases.findHousehold': async (args, ctx, caller) => findHouseholds(ctx.db, caller.signedIn(), args.idOrName),
  'cases.investigators': async (args, ctx, caller) => investigatorOptions(ctx.db, caller.signedIn(), args.caseId),
};
