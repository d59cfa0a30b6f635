import type { Kysely, Transaction } from 'kysely';
import { Settings, SettingsPatch, defaultSettings } from '../../../shared/settings';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { Database } from '../db/schema';
import type { Clock } from '../clock';
import { zodMessage } from '../validation';

const SETTINGS_KEY = 'settings';

type Reader = Kysely<Database> | Transaction<Database>;

/** Stored settings over the defaults, so a setting added in a later version has a value at once. */
export async function getSettings(db: Reader): Promise<Settings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return defaultSettings;
  const parsed = Settings.safeParse({ ...defaultSettings, ...(JSON.parse(row.value_json) as object) });
  if (!parsed.success) throw new AppError('validation', `已保存的设置无效，请在“设置”中修正：${zodMessage(parsed.error)}`);
  return parsed.data;
}

export async function updateSettings(db: Kysely<Database>, patch: SettingsPatch, actorId: string | null, clock: Clock): Promise<Settings> {
  const checkedPatch = SettingsPatch.parse(patch);
  return db.transaction().execute(async (trx) => {
    const current = await getSettings(trx);
    const next = Settings.safeParse({ ...current, ...checkedPatch });
    if (!next.success) throw new AppError('validation', `设置未保存：${zodMessage(next.error)}`);
    const at = clock.now();
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value_json: JSON.stringify(next.data), updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(next.data), updated_at: at }))
      .execute();
    await appendAudit(trx, { actorId, action: 'settings.update', entity: 'settings', entityId: null, details: { keys: Object.keys(checkedPatch).sort() } }, at);
    return next.data;
  });
}
