import type { Kysely } from 'kysely';
import type { SettingChange } from '../../../shared/settings';
import type { Database } from '../db/schema';
import type { HandlerMap } from '../handlers/registry';
import { getSettings } from './settings';

/** Each setting's last change on this copy: the newest settings.update entry of the audit log naming it. */
export async function settingChanges(db: Kysely<Database>): Promise<SettingChange[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.at', 'a.details_json', 'u.name'])
    .where('a.action', '=', 'settings.update')
    .orderBy('a.seq', 'desc')
    .execute();
  const latest = new Map<string, SettingChange>();
  for (const r of rows) {
    const keys = (JSON.parse(r.details_json) as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) continue;
    for (const key of keys) if (typeof key === 'string' && !latest.has(key)) latest.set(key, { key, by: r.name, at: r.at });
  }
  return [...latest.values()];
}

/** Reading the settings; changing them is the local command settings.update. */
export const settingsHandlers: HandlerMap<'settings.get' | 'settings.changes'> = {
  // As they hold today for the signed-in user's district: the standard in force over this copy's own settings.
  'settings.get': async (_args, ctx, caller) => getSettings(ctx.db, caller.user ? { districtCode: caller.user.regionCode.slice(0, 6), on: ctx.clock.today() } : undefined),
  'settings.changes': async (_args, ctx) => settingChanges(ctx.db),
};
