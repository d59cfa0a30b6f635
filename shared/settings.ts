// Local rules vary by province and county, so thresholds, quorum and passing rules are settings with
// defaults taken from the national texts (see DESIGN.md §2), never constants in the code.
import { z } from 'zod';
import { Fen } from './domain';

export const QuorumRule = z.discriminatedUnion('kind', [
  /** More than half of the voting members of the roster are present (default). */
  z.object({ kind: z.literal('more_than_half') }),
  /** At least numerator/denominator of the voting members are present, e.g. 2/3. */
  z.object({ kind: z.literal('fraction'), numerator: z.number().int().positive(), denominator: z.number().int().positive() }),
]);
export type QuorumRule = z.infer<typeof QuorumRule>;

export const PassingRule = z.object({
  /** Whose votes the threshold is measured against. */
  basis: z.enum(['present_voting', 'all_members']),
  kind: z.enum(['more_than_half', 'two_thirds']),
});
export type PassingRule = z.infer<typeof PassingRule>;

/** The settings' fields, before the rules that tie two of them together (settingRules). */
export const settingsShape = z
  .object({
    /** Monthly 低保 standard per person, fen. */
    dibaoStandardUrbanFen: Fen.min(1),
    dibaoStandardRuralFen: Fen.min(1),
    /** 低保边缘: per-capita income below this percentage of the standard (150 = 1.5×). */
    edgeIncomePercent: z.number().int().min(100).max(300),
    /** Monthly 特困 basic-living standard per person, fen. */
    tekunStandardUrbanFen: Fen.min(1),
    tekunStandardRuralFen: Fen.min(1),
    /** 渐退期, the longest a phase-out may run, months (seed 001 二: 6–12; nationally at most 6 in principle). */
    phaseOutMaxMonths: z.number().int().min(1).max(12),
    /** Street-level approval limit for 临时救助, in months of the 低保 standard. */
    temporaryLimitMonths: z.number().int().min(1).max(24),
    /** 小金额先行救助: the most a street pays first, before the meeting reviews it, fen. */
    prepaymentLimitFen: Fen.min(100).max(10_000_000),
    /** Allowed monthly amount for an approval, fen. */
    approvalMinFen: Fen,
    approvalMaxFen: Fen.min(1),
    quorum: QuorumRule,
    passing: PassingRule,
    nameMasking: z.enum(['full', 'middle', 'surname']),
    noticeDays: z.number().int().min(7).max(30),
    /** 低保办法 art. 31: re-checks of stable households, and of households with irregular income or members able to work. */
    recheckStableMonths: z.number().int().min(1).max(24),
    recheckIrregularMonths: z.number().int().min(1).max(12),
    /** 2022通知: after a member's death the household is re-checked within this many months. */
    deathRecheckMonths: z.number().int().min(1).max(6),
    /** A temporary-assistance household is visited again this many months after the payment. */
    temporaryFollowUpMonths: z.number().int().min(1).max(12),
    /** Working days from 受理 to decision (2022通知 §四(一): 20 where 审核确认 is devolved; 45 in special cases). */
    applicationLimitWorkingDays: z.number().int().min(5).max(60),
    extendedLimitWorkingDays: z.number().int().min(5).max(90),
    /** A limit this many working days away shows as falling due. */
    dueSoonWorkingDays: z.number().int().min(1).max(20),
  })
  .strict();

type Related = Pick<z.infer<typeof settingsShape>, 'approvalMinFen' | 'approvalMaxFen' | 'quorum' | 'applicationLimitWorkingDays' | 'extendedLimitWorkingDays'>;

/** The rules between fields, for the settings and for a standard record's values (shared/standards.ts) alike. */
export function settingRules<S extends z.ZodType<Related>>(schema: S) {
  return schema
    .refine((s) => s.approvalMinFen <= s.approvalMaxFen, { message: '最低金额不能高于最高金额', path: ['approvalMinFen'] })
    .refine((s) => s.quorum.kind !== 'fraction' || s.quorum.numerator <= s.quorum.denominator, {
      message: '法定人数比例不能超过 1',
      path: ['quorum'],
    })
    .refine((s) => s.applicationLimitWorkingDays <= s.extendedLimitWorkingDays, { message: '延长的办理时限不能短于一般时限', path: ['extendedLimitWorkingDays'] });
}

export const Settings = settingRules(settingsShape);
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  dibaoStandardUrbanFen: 80_000,
  dibaoStandardRuralFen: 68_000,
  edgeIncomePercent: 150,
  phaseOutMaxMonths: 6,
  temporaryLimitMonths: 2,
  prepaymentLimitFen: 100_000,
  approvalMinFen: 100,
  approvalMaxFen: 2_000_000,
  quorum: { kind: 'more_than_half' },
  passing: { basis: 'present_voting', kind: 'more_than_half' },
  nameMasking: 'middle',
  noticeDays: 7,
  tekunStandardUrbanFen: 104_000,
  tekunStandardRuralFen: 88_400,
  recheckStableMonths: 12,
  recheckIrregularMonths: 6,
  deathRecheckMonths: 3,
  temporaryFollowUpMonths: 3,
  applicationLimitWorkingDays: 20,
  extendedLimitWorkingDays: 45,
  dueSoonWorkingDays: 5,
};

/** What a district's standards decide, not this copy: every setting but name masking (shared/standards.ts). */
export const standardKeys = (Object.keys(settingsShape.shape) as (keyof Settings)[]).filter((k): k is Exclude<keyof Settings, 'nameMasking'> => k !== 'nameMasking');

/** The refusal of a standard key in a local update: the bureau chief sets them, dated, for the whole district. */
export const standardsNotLocal = '保障标准由区民政局科长统一设定，不能在本机修改';

/**
 * A partial update of this copy's own settings: only name masking is local. A standard key is refused
 * at its field with standardsNotLocal (an older screen or a script may still send one).
 */
export const SettingsPatch = z
  .object({
    nameMasking: z.enum(['full', 'middle', 'surname']).optional(),
    ...(Object.fromEntries(standardKeys.map((k) => [k, z.never({ error: standardsNotLocal }).optional()])) as Record<Exclude<keyof Settings, 'nameMasking'>, z.ZodOptional<z.ZodNever>>),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/**
 * Keys earlier versions kept in the settings and that now live elsewhere: the office name, address and
 * phone are each street's, on its region (shared/office.ts). A stored row that still has them loads.
 */
export const retiredSettingsKeys = ['officeName', 'officeAddress', 'officePhone'] as const;

/** The last change of a setting on this copy, from its audit log: who (null when the user is not known here) and when. */
export const SettingChange = z.object({ key: z.string(), by: z.string().nullable(), at: z.string() });
export type SettingChange = z.infer<typeof SettingChange>;
