// The standards, thresholds, limits and intervals a district sets (低保 and 特困 standards, urban and
// rural; edge threshold; phase-out length; the re-check intervals; the processing limits; the meeting and
// notice rules), as dated records: each holds from `effectiveFrom` to `effectiveTo` (inclusive; open when
// null). The bureau chief sets them, the centre keeps them, every copy of the district receives them, and
// each rule reads the record in force on the day it concerns (seed 001 十: new standards from July).
import { z } from 'zod';
import { addDays, formatChineseDate } from './dates';
import { IsoDate } from './domain';
import { settingRules, settingsShape, type Settings } from './settings';

/** Everything of the settings except what only changes this copy's printing (name masking). */
export const localSettingKeys = ['nameMasking'] as const;
export type StandardValues = Omit<Settings, (typeof localSettingKeys)[number]>;

/** A dated record as 设置 shows it: when it holds, what it says, and who set it when. */
export const StandardRecordView = z.object({
  id: z.string(),
  districtCode: z.string(),
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
  values: z.record(z.string(), z.unknown()),
  note: z.string(),
  setBy: z.string(),
  setByName: z.string(),
  setAt: z.string(),
});
export type StandardRecordView = z.infer<typeof StandardRecordView>;

/** The record in force on `on` among a district's records, if any. */
export function standardInForce<T extends { effectiveFrom: string; effectiveTo: string | null }>(records: readonly T[], on: string): T | null {
  let found: T | null = null;
  for (const r of records) {
    if (r.effectiveFrom <= on && (r.effectiveTo === null || r.effectiveTo >= on) && (found === null || r.effectiveFrom > found.effectiveFrom)) found = r;
  }
  return found;
}

/** A record's values: every setting but name masking, held to the same rules as the settings. */
export const StandardValues = settingRules(settingsShape.omit({ nameMasking: true }).strict());

/** standards.set: a new dated record for a district, set by its bureau chief. */
export const SetStandardArgs = z
  .object({
    districtCode: z.string().regex(/^\d{6}$/, '区县代码应为 6 位数字'),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
    values: StandardValues,
    /** Why and on what basis (the 民政局 document that sets it), shown beside the record. */
    basisNote: z.string().trim().max(200),
  })
  .strict()
  .refine((a) => a.effectiveTo === null || a.effectiveTo >= a.effectiveFrom, { message: '停止执行日期不能早于开始执行日期', path: ['effectiveTo'] });
export type SetStandardArgs = z.infer<typeof SetStandardArgs>;

/** standards.list: the user's district's records, newest first, and whether this user may set a new one. */
export const StandardList = z.object({
  districtCode: z.string(),
  districtName: z.string(),
  records: z.array(StandardRecordView),
  canSet: z.boolean(),
  /** Why not, for the read-only notice ("由区民政局科长设定"). */
  refusal: z.string().nullable(),
});
export type StandardList = z.infer<typeof StandardList>;

/** What standards.set answers: the new record, the open-ended one it closed (shown to the chief), and the list again. */
export const SetStandardResult = z.object({
  id: z.string(),
  closed: z.object({ id: z.string(), effectiveFrom: IsoDate, effectiveTo: IsoDate }).nullable(),
  list: StandardList,
});
export type SetStandardResult = z.infer<typeof SetStandardResult>;

/** A record as the overlap rule sees it. */
export type DatedRecord = { id: string; effectiveFrom: string; effectiveTo: string | null };

/** Where a new record fits: the open-ended record it closes (at the day before it starts), or the one it clashes with. */
export type Placement<T extends DatedRecord> = { ok: true; closes: { record: T; effectiveTo: string } | null } | { ok: false; clash: T; message: string };

const END = '9999-12-31';

/**
 * A new record [from, to] may not share a day with another record of the district, except that the
 * open-ended record in force before `from` ends at from − 1 (a new standard from July replaces the one
 * from January). Any other shared day is refused with the record it clashes with: the same start, a day
 * inside a closed range, or a later record an open-ended new one would cover.
 */
export function placeStandard<T extends DatedRecord>(existing: readonly T[], from: string, to: string | null): Placement<T> {
  let closes: { record: T; effectiveTo: string } | null = null;
  for (const r of [...existing].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))) {
    const shares = r.effectiveFrom <= (to ?? END) && (r.effectiveTo ?? END) >= from;
    if (!shares) continue;
    if (r.effectiveTo === null && r.effectiveFrom < from) {
      closes = { record: r, effectiveTo: addDays(from, -1) };
      continue;
    }
    return { ok: false, clash: r, message: overlapMessage(r) };
  }
  // Closing an open-ended record with one that itself ends would leave the days after it without any
  // standard (each copy would fall back to its own defaults), unless a later record starts right after.
  if (closes && to !== null && !existing.some((r) => r.effectiveFrom === addDays(to, 1))) {
    return { ok: false, clash: closes.record, message: `设定截止日期后，${formatChineseDate(addDays(to, 1))}起将没有执行的标准：请不填截止日期，或先设定自该日起执行的标准` };
  }
  return { ok: true, closes };
}

export function overlapMessage(r: DatedRecord): string {
  return `与 ${formatChineseDate(r.effectiveFrom)}起执行的标准重叠`;
}

/** The refusal of a record starting before today: amounts already decided rest on the standard then in force. */
export function startsInThePast(from: string, today: string): string | null {
  return from < today ? `开始执行日期不能早于今天（${formatChineseDate(today)}）：已作出的救助金额依据当时执行的标准，不能追溯修改` : null;
}

/** 现行 / 将于…起执行 / 已失效, as 设置 labels a record on `today`. */
export function standardState(r: Pick<DatedRecord, 'effectiveFrom' | 'effectiveTo'>, today: string): 'current' | 'future' | 'expired' {
  if (r.effectiveFrom > today) return 'future';
  if (r.effectiveTo !== null && r.effectiveTo < today) return 'expired';
  return 'current';
}
