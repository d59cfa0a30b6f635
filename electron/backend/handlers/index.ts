import type { BackendContext } from '../context';
import { allCommands } from '../commands/all';
import { appHandlers } from '../app/handlers';
import { caseHandlers } from '../cases/handlers';
import { correctionHandlers } from '../corrections/handlers';
import { dueHandlers } from '../due/handlers';
import { exportHandlers } from '../exports/handlers';
import { importHandlers } from '../imports/handlers';
import { lockHandlers } from '../lock/handlers';
import { meetingHandlers } from '../meetings/handlers';
import { noticeHandlers } from '../notices/handlers';
import { pdfHandlers } from '../pdf/handlers';
import { regionHandlers } from '../regions/handlers';
import { rosterHandlers } from '../roster/handlers';
import { statisticsHandlers } from '../statistics/handlers';
import { settingsHandlers } from '../settings/handlers';
import { standardsHandlers } from '../standards/handlers';
import { spotCheckHandlers } from '../spotchecks/handlers';
import { syncHandlers } from '../sync/handlers';
import { HandlerRegistry, type InvokeOptions } from './registry';

/** The one handler table: Electron's IPC, the browser harness, the CLI's `call` and the tests all call through it. */
export function createHandlerTable(ctx: BackendContext, options: InvokeOptions = {}): HandlerRegistry {
  const registry = new HandlerRegistry(ctx, options);
  for (const map of [appHandlers, caseHandlers, correctionHandlers, dueHandlers, exportHandlers, importHandlers, lockHandlers, meetingHandlers, noticeHandlers, pdfHandlers, regionHandlers, rosterHandlers, settingsHandlers, statisticsHandlers, standardsHandlers, spotCheckHandlers, syncHandlers]) registry.registerAll(map);
  registry.registerCommands(allCommands());
  registry.assertComplete();
  return registry;
}
