import type { HandlerMap } from '../handlers/registry';
import { currentUser } from '../session/session';
import { getSettings, updateSettings } from './settings';

export const settingsHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': async (_args, ctx) => getSettings(ctx.db),
  'settings.update': async (args, ctx) => updateSettings(ctx.db, args, (await currentUser(ctx.db)).id, ctx.clock),
};
