import type { HandlerMap } from '../handlers/registry';
import { statisticsView } from './figures';
import { exportStatisticsXlsx, writeStatisticsPdf } from './report-files';

/** The statistics screen's channels, and the report (月度工作报表) as PDF and .xlsx. */
export const statisticsHandlers: HandlerMap<'statistics.view' | 'statistics.pdf' | 'statistics.xlsx'> = {
  'statistics.view': async (args, ctx, caller) => statisticsView(ctx.db, caller.signedIn(), args, ctx.clock.today()),
  'statistics.pdf': async (args, ctx, caller) => writeStatisticsPdf(ctx, caller.signedIn(), args),
  'statistics.xlsx': async (args, ctx, caller) => exportStatisticsXlsx(ctx, caller.signedIn(), args),
};
