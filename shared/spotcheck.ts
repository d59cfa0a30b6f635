// District spot checks (抽查, DESIGN.md §6): the frame and its manifest hash shown before any seed, the
// draw, inspection of each sampled case by two inspectors, findings and corrections. Schemas for the
// IPC contract; the sampler itself is shared/sampling.
import { z } from 'zod';
import { CaseCategory, CaseKind, DivisionCodeString, Fen, Finding, InspectionMethod, IsoDate, SeedSource, keysOf } from './domain';
import { AskedCaseKind, CorrectionAnswerView } from './corrections';
import { correctionStatusLabels, drawStatusLabels, sampleOutcomeLabels, sampleReasonLabels } from './glossary';
import { MAX_SEED_DIGITS, MIN_RATE_PERCENT, MIN_SEED_DIGITS } from './sampling/sampler';

export const SampleOutcome = z.enum(keysOf(sampleOutcomeLabels));
export type SampleOutcome = z.infer<typeof SampleOutcome>;
export const SampleReason = z.enum(keysOf(sampleReasonLabels));
export const DrawStatus = z.enum(keysOf(drawStatusLabels));
export type DrawStatus = z.infer<typeof DrawStatus>;
export const CorrectionStatus = z.enum(keysOf(correctionStatusLabels));

const Id = z.string().min(1).max(64);
const StreetCode = z.string().regex(/^\d{9}$/, '街道代码应为 9 位数字');
const Rate = z.number().int('抽查比例必须是整数百分比').min(MIN_RATE_PERCENT, `抽查比例不得低于 ${MIN_RATE_PERCENT}%`).max(100, '抽查比例不能超过 100%');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** What is drawn from: decisions (approve or reject) of these streets taken in this period. */
export const FrameQuery = z
  .object({
    periodStart: IsoDate,
    periodEnd: IsoDate,
    streetCodes: z.array(StreetCode).min(1, '请至少选择一个街道').max(200),
  })
  .strict()
  .refine((q) => q.periodEnd >= q.periodStart, { message: '抽查期间的结束日期不能早于开始日期' })
  .refine((q) => new Set(q.streetCodes).size === q.streetCodes.length, { message: '街道重复' });
export type FrameQuery = z.infer<typeof FrameQuery>;

export const FrameStratum = z.object({
  streetCode: DivisionCodeString,
  streetName: z.string(),
  outcome: SampleOutcome,
  population: z.number().int().nonnegative(),
  mandatory: z.number().int().nonnegative(),
  /** ceil(N·P/100) at the rate asked for. */
  size: z.number().int().nonnegative(),
});
export type FrameStratum = z.infer<typeof FrameStratum>;

/** The frozen frame, shown (hash in large type) before the seed is rolled. */
export const SpotCheckFrame = z.object({
  districtCode: DivisionCodeString,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  rate: z.number().int(),
  strata: z.array(FrameStratum),
  cases: z.number().int().nonnegative(),
  manifestSha256: Sha256,
  manifestBytes: z.number().int().nonnegative(),
});
export type SpotCheckFrame = z.infer<typeof SpotCheckFrame>;

const Seed = z.discriminatedUnion('source', [
  z.object({ source: z.literal('dice'), digits: z.string().regex(new RegExp(`^\\d{${MIN_SEED_DIGITS},${MAX_SEED_DIGITS}}$`), `掷骰得到的随机种子应为 ${MIN_SEED_DIGITS} 位以上的数字`) }).strict(),
  z.object({ source: z.literal('csprng') }).strict(),
]);

const Person = z.object({ id: z.string(), name: z.string() });

export const CorrectionView = z.object({
  id: z.string(),
  requirement: z.string(),
  orderedOn: IsoDate,
  deadline: IsoDate,
  status: CorrectionStatus,
  result: z.string(),
  closedOn: IsoDate.nullable(),
  asksCaseKind: AskedCaseKind.nullable(),
  /** The street's answers, latest last, each with the bureau's verdict. */
  answers: z.array(CorrectionAnswerView),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

export const FindingView = z.object({
  id: z.string(),
  method: InspectionMethod,
  inspectedOn: IsoDate,
  finding: Finding,
  notes: z.string(),
  inspectorA: Person,
  inspectorB: Person,
  correction: CorrectionView.nullable(),
});
export type FindingView = z.infer<typeof FindingView>;

/** A sampled case as the bureau works on it: no ID number, phone or address (they look those up). */
export const SampleItemView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  streetCode: DivisionCodeString,
  streetName: z.string(),
  communityName: z.string(),
  headName: z.string(),
  category: CaseCategory,
  kind: CaseKind,
  outcome: SampleOutcome,
  decidedOn: IsoDate.nullable(),
  amountFen: Fen.nullable(),
  closeRelative: z.boolean(),
  complaint: z.boolean(),
  ticket: z.string(),
  rank: z.number().int().positive(),
  reason: SampleReason,
  inspectorA: Person.nullable(),
  inspectorB: Person.nullable(),
  finding: FindingView.nullable(),
});
export type SampleItemView = z.infer<typeof SampleItemView>;

export const StreetProgress = z.object({
  streetCode: DivisionCodeString,
  streetName: z.string(),
  approved: z.object({ population: z.number().int(), sampled: z.number().int() }),
  rejected: z.object({ population: z.number().int(), sampled: z.number().int() }),
  assigned: z.number().int(),
  inspected: z.number().int(),
  findings: z.record(Finding, z.number().int()),
  correctionsOpen: z.number().int(),
  correctionsDone: z.number().int(),
});
export type StreetProgress = z.infer<typeof StreetProgress>;

export const DrawSummary = z.object({
  id: z.string(),
  districtCode: DivisionCodeString,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  streetCodes: z.array(DivisionCodeString),
  rate: z.number().int(),
  seedSource: SeedSource,
  manifestSha256: Sha256,
  algorithm: z.string(),
  drawnAt: z.string(),
  drawnBy: z.string(),
  status: DrawStatus,
  redrawOfId: z.string().nullable(),
  redrawReason: z.string(),
  sampled: z.number().int(),
  inspected: z.number().int(),
});
export type DrawSummary = z.infer<typeof DrawSummary>;

/**
 * Most sampled cases one answer holds (about 530 bytes each): a district's month at 100,000 cases samples
 * some 1,900, a year ten times that, so a draw comes in pages and no single answer nears 1 MB.
 */
export const DRAW_ITEMS_PAGE = 800;

export const DrawDetail = DrawSummary.extend({
  seed: z.string(),
  strata: z.array(FrameStratum),
  /** The first DRAW_ITEMS_PAGE sampled cases in their order (street, outcome, rank); the rest through spotchecks.items. */
  items: z.array(SampleItemView),
  /** Every sampled case of the draw; sampled, inspected and progress count them all. */
  itemsTotal: z.number().int().nonnegative(),
  progress: z.array(StreetProgress),
  /** Bureau staff who can be sent to inspect. */
  inspectors: z.array(Person),
});
export type DrawDetail = z.infer<typeof DrawDetail>;

/** One page of a draw's sampled cases, from `offset` in the same order as DrawDetail.items. */
export const DrawItemsPage = z.object({ offset: z.number().int().nonnegative(), total: z.number().int().nonnegative(), items: z.array(SampleItemView) });
export type DrawItemsPage = z.infer<typeof DrawItemsPage>;

export const ExportedFile = z.object({ fileName: z.string(), path: z.string(), bytes: z.number().int().nonnegative(), sha256: Sha256 });
export const DrawExport = z.object({ files: z.array(ExportedFile) });
export type DrawExport = z.infer<typeof DrawExport>;

/** The desk's 验证 of the published files: the verdict verify.html and the CLI give, and what was read. */
export const PublishedCheck = z.object({
  result: z.discriminatedUnion('verdict', [
    z.object({ verdict: z.literal('match'), manifestSha256: Sha256 }),
    z.object({ verdict: z.literal('differs'), manifestSha256: Sha256, difference: z.string() }),
    z.object({ verdict: z.literal('unverifiable'), message: z.string() }),
  ]),
  /** The rate the draw recorded, which the check used. */
  rate: z.number().int(),
  files: z.array(ExportedFile),
});
export type PublishedCheck = z.infer<typeof PublishedCheck>;

const DrawRef = { drawId: Id };

export const spotCheckArgs = {
  list: z.object({}).strict(),
  frame: z.object({ query: FrameQuery, rate: Rate }).strict(),
  draw: z
    .object({
      query: FrameQuery,
      rate: Rate,
      /** The hash shown to the witnesses; the draw is refused if the frame has changed since. */
      manifestSha256: Sha256,
      seed: Seed,
      redraw: z.object({ drawId: Id, reason: z.string().trim().min(4, '请写明重新抽取的理由（至少 4 个字）').max(500) }).strict().optional(),
    })
    .strict(),
  get: z.object(DrawRef).strict(),
  items: z.object({ ...DrawRef, offset: z.number().int().nonnegative().max(10_000_000) }).strict(),
  extend: z.object({ ...DrawRef, rate: Rate }).strict(),
  assign: z
    .object({ ...DrawRef, itemIds: z.array(Id).min(1, '请选择要分配的个案').max(2000, '一次最多分配 2000 件'), inspectorAId: Id, inspectorBId: Id })
    .strict()
    .refine((a) => a.inspectorAId !== a.inspectorBId, { message: '两名抽查人员不能是同一人' }),
  autoAssign: z.object(DrawRef).strict(),
  recordFinding: z
    .object({
      itemId: Id,
      method: InspectionMethod,
      inspectedOn: IsoDate,
      finding: Finding,
      notes: z.string().trim().max(1000, '核查情况不能超过 1000 字'),
    })
    .strict()
    .refine((f) => f.finding === 'compliant' || f.notes.length > 0, { message: '发现问题时请写明核查情况' }),
  orderCorrection: z
    .object({ findingId: Id, requirement: z.string().trim().min(1, '请写明整改要求').max(500), orderedOn: IsoDate, deadline: IsoDate, asksCaseKind: AskedCaseKind.nullable().optional() })
    .strict()
    .refine((c) => c.deadline >= c.orderedOn, { message: '整改期限不能早于下达日期' }),
  setDeadline: z
    .object({ correctionId: Id, deadline: IsoDate, reason: z.string().trim().min(1, '请写明改期的理由').max(200, '改期理由不能超过 200 字') })
    .strict(),
  closeCorrection: z
    .object({ correctionId: Id, result: z.string().trim().min(1, '请写明整改结果').max(500), closedOn: IsoDate })
    .strict(),
  exportDraw: z.object(DrawRef).strict(),
  verifyPublished: z.object(DrawRef).strict(),
  worksheetPdf: z.object({ ...DrawRef, streetCode: StreetCode.optional() }).strict(),
  reportPdf: z.object(DrawRef).strict(),
  recordPdf: z.object(DrawRef).strict(),
} as const;
export type SpotCheckArgs = { [K in keyof typeof spotCheckArgs]: z.output<(typeof spotCheckArgs)[K]> };
