// The standards, thresholds, limits and intervals a district sets (低保 and 特困 standards, urban and
// rural; edge threshold; phase-out length; the re-check intervals; the processing limits; the meeting and
// notice rules), as dated records: each holds from `effectiveFrom` to `effectiveTo` (inclusive; open when
// null). The bureau chief sets them, the centre keeps them, every copy of the district receives them, and
// each rule reads the record in force on the day it concerns (seed 001 十: new standards from July).
import { z } from 'zod';
import { IsoDate } from './domain';
import type { Settings } from './settings';

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
