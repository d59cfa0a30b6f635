import type { HandlerMap } from '../handlers/registry';
import { getSettings } from './settings';

/** Reading the settings; changing them is the local command settings.update. */
export const settingsHandlers: HandlerMap<'settings.get'> = {
  'settings.get': async (_args, ctx) => getSettings(ctx.db),
};
