import type { Kysely, Transaction } from 'kysely';
import { Settings, SettingsPatch, defaultSettings, retiredSettingsKeys } from '../../../shared/settings';
import { AppError } from '../../../shared/result';
import { canChangeLocalSettings } from '../../../shared/access';
import { defineCommand, nothing } from '../commands/command';
import type { Database } from '../db/schema';
import { zodMessage } from '../validation';

const SETTINGS_KEY = 'settings';

type Reader = Kysely<Database> | Transaction<Database>;

/** Stored settings over the defaults, so a setting added in a later version has a value at once. */
export async function getSettings(db: Reader): Promise<Settings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return defaultSettings;
  const stored = JSON.parse(row.value_json) as Record<string, unknown>;
  for (const key of retiredSettingsKeys) delete stored[key];
  const parsed = Settings.safeParse({ ...defaultSettings, ...stored });
  if (!parsed.success) throw new AppError('validation', `已保存的设置无效，请在“设置”中修正：${zodMessage(parsed.error)}`);
  return parsed.data;
}

/** This copy's settings, changed as a whole patch and audited; local: nothing of it travels to the centre. */
export const updateSettings = defineCommand({
  name: 'settings.update',
  label: '修改设置',
  args: SettingsPatch,
  local: true,
  load: nothing,
  access: (user) => canChangeLocalSettings(user),
  async run({ trx, at, audit }, patch) {
    const current = await getSettings(trx);
    const next = Settings.safeParse({ ...current, ...patch });
    if (!next.success) throw new AppError('validation', `设置未保存：${zodMessage(next.error)}`);
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value_json: JSON.stringify(next.data), updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(next.data), updated_at: at }))
      .execute();
    audit({ action: 'settings.update', entity: 'settings', entityId: null, details: { keys: Object.keys(patch).sort() } });
    return next.data;
  },
});
