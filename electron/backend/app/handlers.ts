import { latestSchemaVersion } from '../../../migrations';
import { verifyAuditChain } from '../audit/audit-log';
import type { HandlerMap } from '../handlers/registry';
import { createNewDataFile } from './data-file';

export const appHandlers: HandlerMap<'app.startup' | 'app.info' | 'app.newDataFile' | 'session.current' | 'audit.verify'> = {
  'app.startup': async (_args, ctx) => ({ mode: 'ready', upgradedFrom: ctx.upgrade?.from ?? null, backupFile: ctx.upgrade?.backupFile ?? null }),
  'app.info': async (_args, ctx) => ({
    appVersion: ctx.appVersion,
    schemaVersion: latestSchemaVersion,
    dataDir: ctx.paths.dataDir,
    databaseFile: ctx.databaseFile,
  }),
  'app.newDataFile': async (_args, ctx) => createNewDataFile(ctx),
  'session.current': async (_args, _ctx, caller) => caller.signedIn(),
  'audit.verify': async (_args, ctx) => verifyAuditChain(ctx.db),
};
