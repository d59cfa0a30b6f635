import type { Kysely, Transaction } from 'kysely';
import { Settings, SettingsPatch, defaultSettings, retiredSettingsKeys } from '../../../shared/settings';
import { AppError } from '../../../shared/result';
import { canChangeLocalSettings } from '../../../shared/access';
import { defineCommand, nothing } from '../commands/command';
import type { Database } from '../db/schema';
import { zodMessage } from '../validation';
import { chinaDateOf } from '../../../shared/dates';
import { localSettingKeys, standardInForce } from '../../../shared/standards';

const SETTINGS_KEY = 'settings';

type Reader = Kysely<Database> | Transaction<Database>;

/** Which district's standards, on which day: a rule reads the record in force on the day it concerns. */
export type StandardsOn = { districtCode: string; on: string };

/**
 * The settings that hold for a district on a day: the defaults, under this copy's stored settings, under
 * the district's standard record in force that day (shared/standards.ts), so a setting added in a later
 * version has a value at once and the bureau's dated standards win wherever they exist.
 */
export async function getSettings(db: Reader, where?: StandardsOn): Promise<Settings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const stored = row ? (JSON.parse(row.value_json) as Record<string, unknown>) : {};
  for (const key of retiredSettingsKeys) delete stored[key];
  const standard = where ? await standardValuesOn(db, where) : {};
  if (!row && !where) return defaultSettings;
  let parsed = Settings.safeParse({ ...defaultSettings, ...stored, ...standard });
  // A value an earlier version let this copy store that this one no longer accepts (a phase-out of up to
  // 24 months, say, where the rules now allow 12) gives way to the default or the district's record,
  // instead of stopping every screen that reads the settings; this copy's own settings cannot hold them
  // any more. A few passes, since the rules across keys are checked only once each key is valid.
  for (let pass = 0; pass < 3 && !parsed.success; pass++) {
    let dropped = false;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string' && key in stored && !(key in standard)) dropped = delete stored[key];
    }
    if (!dropped) break;
    parsed = Settings.safeParse({ ...defaultSettings, ...stored, ...standard });
  }
  if (!parsed.success) throw new AppError('validation', `设置无效：${zodMessage(parsed.error)}`);
  return parsed.data;
}

/** The settings for a row of a division (a case's street, a meeting's street) on a day: its district's standard then. */
export function settingsOfRegion(db: Reader, regionCode: string, on: string): Promise<Settings> {
  return getSettings(db, { districtCode: regionCode.slice(0, 6), on });
}

/**
 * The settings a meeting's page shows (quorum, passing rule, approval limits): for a closed meeting those
 * of its day, for an open one those of `today`, the day its decisions would be recorded.
 */
export async function settingsOfMeeting(db: Reader, meetingId: string, today: string): Promise<Settings> {
  const m = await db.selectFrom('meetings').select(['street_code', 'status', 'scheduled_at']).where('id', '=', meetingId).executeTakeFirst();
  if (!m) return getSettings(db);
  return settingsOfRegion(db, m.street_code, m.status === 'closed' ? chinaDateOf(m.scheduled_at) : today);
}

/** The values of the district's record in force on the day, or none. */
async function standardValuesOn(db: Reader, where: StandardsOn): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('standards')
    .select(['effective_from', 'effective_to', 'values_json'])
    .where('district_code', '=', where.districtCode)
    .where('effective_from', '<=', where.on)
    .orderBy('effective_from', 'desc')
    .execute();
  const found = standardInForce(rows.map((r) => ({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to, values: r.values_json })), where.on);
  if (!found) return {};
  const values = JSON.parse(found.values) as Record<string, unknown>;
  for (const key of localSettingKeys) delete values[key];
  return values;
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
