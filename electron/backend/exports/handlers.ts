import { join } from 'node:path';
import type { HandlerMap } from '../handlers/registry';
import { exportCases } from './cases-export';
import { exportDecisions } from './decisions-export';
import { IMPORT_TEMPLATE_FILE, writeImportTemplate } from './import-template';
import { exportNotice } from './notice-export';
import { exportSample } from './sample-export';

/** The spreadsheet exports, each answered with the file written to the export folder. */
export const exportHandlers: HandlerMap<'exports.cases' | 'exports.decisions' | 'exports.notice' | 'exports.sample' | 'imports.template'> = {
  'exports.cases': async (args, ctx, caller) => exportCases(ctx, caller.signedIn(), args),
  'exports.decisions': async (args, ctx, caller) => exportDecisions(ctx, caller.signedIn(), args.meetingId),
  'exports.notice': async (args, ctx, caller) => exportNotice(ctx, caller.signedIn(), args.batchId),
  'exports.sample': async (args, ctx, caller) => exportSample(ctx, caller.signedIn(), args.drawId),
  // The template holds no one's data: anyone at the desk may write it.
  'imports.template': async (_args, ctx) => writeImportTemplate(join(ctx.paths.exportDir, IMPORT_TEMPLATE_FILE)),
};
