import type { HandlerMap } from '../handlers/registry';
import { exportRosterXlsx, writeRosterPdf } from './roster-files';
import { rosterData } from './roster';
import { rosterReminder } from './roster-send';

/** The roster's channels that read or write files; marking it sent is the command roster.markSent. */
export const rosterHandlers: HandlerMap<'roster.view' | 'roster.pdf' | 'roster.xlsx' | 'roster.reminder'> = {
  'roster.view': async (args, ctx, caller) => (await rosterData(ctx.db, caller.signedIn(), args, ctx.clock.today())).view,
  'roster.pdf': async (args, ctx, caller) => writeRosterPdf(ctx, caller.signedIn(), args),
  'roster.xlsx': async (args, ctx, caller) => exportRosterXlsx(ctx, caller.signedIn(), args),
  'roster.reminder': async (_args, ctx, caller) => rosterReminder(ctx.db, caller.signedIn(), ctx.clock.today()),
};
