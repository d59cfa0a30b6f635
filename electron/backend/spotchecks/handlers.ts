import type { HandlerMap } from '../handlers/registry';
import { currentUser } from '../session/session';
import { drawDetail, listDraws } from './draw-view';
import { drawSpotCheck, extendDraw, freezeFrame } from './draws';
import { exportDraw, writeRecordPdf, writeReportPdf, writeWorksheetPdf } from './documents';
import { assignInspectors, autoAssign, closeCorrection, orderCorrection, recordFinding } from './inspection';

export const spotCheckHandlers: HandlerMap<
  | 'spotchecks.list'
  | 'spotchecks.frame'
  | 'spotchecks.draw'
  | 'spotchecks.get'
  | 'spotchecks.extend'
  | 'spotchecks.assign'
  | 'spotchecks.autoAssign'
  | 'spotchecks.recordFinding'
  | 'spotchecks.orderCorrection'
  | 'spotchecks.closeCorrection'
  | 'spotchecks.export'
  | 'spotchecks.worksheetPdf'
  | 'spotchecks.reportPdf'
  | 'spotchecks.recordPdf'
> = {
  'spotchecks.list': async (_args, ctx) => listDraws(ctx.db, await currentUser(ctx.db)),
  'spotchecks.frame': async (args, ctx) => freezeFrame(ctx, args),
  'spotchecks.draw': async (args, ctx) => drawSpotCheck(ctx, args),
  'spotchecks.get': async (args, ctx) => drawDetail(ctx.db, args.drawId, await currentUser(ctx.db)),
  'spotchecks.extend': async (args, ctx) => extendDraw(ctx, args),
  'spotchecks.assign': async (args, ctx) => assignInspectors(ctx, args),
  'spotchecks.autoAssign': async (args, ctx) => autoAssign(ctx, args),
  'spotchecks.recordFinding': async (args, ctx) => recordFinding(ctx, args),
  'spotchecks.orderCorrection': async (args, ctx) => orderCorrection(ctx, args),
  'spotchecks.closeCorrection': async (args, ctx) => closeCorrection(ctx, args),
  'spotchecks.export': async (args, ctx) => exportDraw(ctx, args.drawId),
  'spotchecks.worksheetPdf': async (args, ctx) => writeWorksheetPdf(ctx, args.drawId, args.streetCode),
  'spotchecks.reportPdf': async (args, ctx) => writeReportPdf(ctx, args.drawId),
  'spotchecks.recordPdf': async (args, ctx) => writeRecordPdf(ctx, args.drawId),
};
