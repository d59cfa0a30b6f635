import type { HandlerMap } from '../handlers/registry';
import { drawDetail, drawItemsPage, firstPageOf, listDraws } from './draw-view';
import { exportDraw, writeRecordPdf, writeReportPdf, writeWorksheetPdf } from './documents';
import { checkPublished } from './published-check';

type ReadChannels = 'spotchecks.list' | 'spotchecks.get' | 'spotchecks.items' | 'spotchecks.export' | 'spotchecks.verifyPublished' | 'spotchecks.worksheetPdf' | 'spotchecks.reportPdf' | 'spotchecks.recordPdf';

/** The spot-check channels that only read, print, export or check; the writes are the commands of draws.ts and inspection.ts. */
export const spotCheckHandlers: HandlerMap<ReadChannels> = {
  'spotchecks.list': async (_args, ctx, caller) => listDraws(ctx.db, caller.signedIn()),
  'spotchecks.get': async (args, ctx, caller) => firstPageOf(await drawDetail(ctx.db, args.drawId, caller.signedIn())),
  'spotchecks.items': async (args, ctx, caller) => drawItemsPage(ctx.db, args.drawId, args.offset, caller.signedIn()),
  'spotchecks.export': async (args, ctx, caller) => exportDraw(ctx, caller.signedIn(), args.drawId),
  'spotchecks.verifyPublished': async (args, ctx, caller) => checkPublished(ctx, caller.signedIn(), args.drawId),
  'spotchecks.worksheetPdf': async (args, ctx, caller) => writeWorksheetPdf(ctx, caller.signedIn(), args.drawId, args.streetCode),
  'spotchecks.reportPdf': async (args, ctx, caller) => writeReportPdf(ctx, caller.signedIn(), args.drawId),
  'spotchecks.recordPdf': async (args, ctx, caller) => writeRecordPdf(ctx, caller.signedIn(), args.drawId),
};
