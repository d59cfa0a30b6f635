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

export const Settings = z
  .object({
    /** Monthly 低保 standard per person, fen. */
    dibaoStandardUrbanFen: Fen.min(1),
    dibaoStandardRuralFen: Fen.min(1),
    /** 低保边缘: per-capita income below this percentage of the standard (150 = 1.5×). */
    edgeIncomePercent: z.number().int().min(100).max(300),
    /** 渐退期, months. */
    phaseOutMaxMonths: z.number().int().min(1).max(24),
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
  })
  .strict()
  .refine((s) => s.approvalMinFen <= s.approvalMaxFen, { message: '最低金额不能高于最高金额', path: ['approvalMinFen'] })
  .refine((s) => s.quorum.kind !== 'fraction' || s.quorum.numerator <= s.quorum.denominator, {
    message: '法定人数比例不能超过 1',
    path: ['quorum'],
  });
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
};

/** A partial update: each key replaced whole, then the result validated as a whole. */
export const SettingsPatch = z
  .object({
    dibaoStandardUrbanFen: z.number(),
    dibaoStandardRuralFen: z.number(),
    edgeIncomePercent: z.number(),
    phaseOutMaxMonths: z.number(),
    temporaryLimitMonths: z.number(),
    prepaymentLimitFen: z.number(),
    approvalMinFen: z.number(),
    approvalMaxFen: z.number(),
    quorum: QuorumRule,
    passing: PassingRule,
    nameMasking: z.enum(['full', 'middle', 'surname']),
    noticeDays: z.number(),
  })
  .partial()
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
