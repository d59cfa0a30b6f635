import type { HandlerMap } from '../handlers/registry';
import { statisticsView } from './figures';

/** The statistics screen's channels; the report files are statistics.pdf and statistics.xlsx. */
export const statisticsHandlers: HandlerMap<'statistics.view'> = {
  'statistics.view': async (args, ctx, caller) => statisticsView(ctx.db, caller.signedIn(), args, ctx.clock.today()),
};
