// 家庭经济状况调查 (低保办法 art. 15–16): a home visit by at least two people, income by source per month
// with exemptions and work-cost deductions, rigid expenses, assets, the cross-department check and a
// conclusion. The proposed amount is derived here from the standard, never typed: the form shows the
// same arithmetic the service checks, and the centre derives it again.
import { z } from 'zod';
import { dibaoAmountFen, dibaoFloorFen, tekunAmountFen, temporaryLimitFen } from './assistance-amount';
import { Fen, IsoDate, keysOf, type CaseCategory, type CaseKind } from './domain';
import {
  assetKindLabels,
  crossCheckLabels,
  incomeSourceLabels,
  investigationConclusionLabels,
  rigidExpenseLabels,
  singlePersonBasisLabels,
} from './glossary';
import { formatYuan } from './money';

const Id = z.string().min(1).max(64);
const Text = (what: string, max: number) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);
const Required = (what: string, max: number) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

export const IncomeSource = z.enum(keysOf(incomeSourceLabels));
export type IncomeSource = z.infer<typeof IncomeSource>;
export const RigidExpenseKind = z.enum(keysOf(rigidExpenseLabels));
export type RigidExpenseKind = z.infer<typeof RigidExpenseKind>;
export const AssetKind = z.enum(keysOf(assetKindLabels));
export type AssetKind = z.infer<typeof AssetKind>;
export const SinglePersonBasis = z.enum(keysOf(singlePersonBasisLabels));
export type SinglePersonBasis = z.infer<typeof SinglePersonBasis>;
export const CrossCheck = z.enum(keysOf(crossCheckLabels));
export type CrossCheck = z.infer<typeof CrossCheck>;
export const InvestigationConclusion = z.enum(keysOf(investigationConclusionLabels));
export type InvestigationConclusion = z.infer<typeof InvestigationConclusion>;

/** One source of income a month, of one member or of the household (memberId null). */
export const IncomeLine = z
  .object({
    memberId: Id.nullable(),
    source: IncomeSource,
    grossFen: Fen,
    /** 收入豁免: income the rules leave out (e.g. part of a disabled person's earnings). */
    exemptFen: Fen,
    /** 就业成本扣减: the cost of working that is deducted. */
    workCostFen: Fen,
    note: Text('收入说明', 60),
  })
  .strict();
export type IncomeLine = z.infer<typeof IncomeLine>;

export const ExpenseLine = z.object({ kind: RigidExpenseKind, monthlyFen: Fen, note: Text('支出说明', 60) }).strict();
export type ExpenseLine = z.infer<typeof ExpenseLine>;

export const AssetLine = z.object({ kind: AssetKind, description: Required('财产说明', 60), valueFen: Fen }).strict();
export type AssetLine = z.infer<typeof AssetLine>;

export const investigationArgs = {
  record: z
    .object({
      caseId: Id,
      visitedOn: IsoDate,
      /** Users of the street's office (its roster of accounts): at least two people visit. */
      investigatorIds: z.array(Id).min(2, '入户调查须由两名以上工作人员进行，请再选一名调查人').max(4, '调查人最多 4 名'),
      visitNote: Required('入户调查情况', 400),
      incomes: z.array(IncomeLine).max(60, '收入最多登记 60 项'),
      expenses: z.array(ExpenseLine).max(20, '刚性支出最多登记 20 项'),
      assets: z.array(AssetLine).max(30, '财产最多登记 30 项'),
      singlePerson: z.object({ basis: SinglePersonBasis, memberId: Id }).strict().nullable(),
      crossCheck: CrossCheck,
      crossCheckNote: Text('核对说明', 300),
      conclusion: InvestigationConclusion,
      conclusionNote: Text('调查结论说明', 300),
      /** 临时救助 only: the amount the investigators propose (the others are derived from the standard). */
      temporaryAmountFen: Fen.nullable(),
      /** What the form showed; the service derives both again and refuses a difference. */
      netIncomeFen: Fen,
      proposedAmountFen: Fen.nullable(),
    })
    .strict(),
} as const;
export type InvestigationArgs = z.output<typeof investigationArgs.record>;

/** What the rules need to know about the case besides the investigation itself. */
export type InvestigationBasis = {
  kind: CaseKind;
  category: CaseCategory;
  /** The household's monthly 低保 standard per person (urban or rural), fen. */
  standardFen: number;
  householdSize: number;
  currentAmountFen: number | null;
  temporaryLimitMonths: number;
  edgeIncomePercent: number;
};

export type InvestigationFigures = {
  grossFen: number;
  exemptFen: number;
  workCostFen: number;
  expenseFen: number;
  netFen: number;
  assetFen: number;
  countedSize: number;
  perCapitaFen: number;
  proposedFen: number | null;
  /** The arithmetic, one line each, as the form, the case page and the agenda show it. */
  arithmetic: string[];
};

export type InvestigationProblem = { field: string; message: string };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const yuan = (fen: number) => `${formatYuan(fen)} 元`;

/** Who is counted: the whole household, or one person included alone (单人户). */
function countedSize(basis: InvestigationBasis, singlePerson: InvestigationArgs['singlePerson']): number {
  return singlePerson ? 1 : basis.householdSize;
}

/** The proposed monthly amount and its line of arithmetic; null where the category pays no regular cash. */
function proposal(basis: InvestigationBasis, input: Pick<InvestigationArgs, 'conclusion' | 'temporaryAmountFen'>, perCapitaFen: number, size: number): { fen: number | null; line: string | null } {
  const s = basis.standardFen;
  switch (basis.kind) {
    case 'termination':
      return { fen: 0, line: '停保：拟停发，月救助金额 0.00 元' };
    case 'phase_out':
      return { fen: basis.currentAmountFen ?? 0, line: `渐退：渐退期内按原金额 ${yuan(basis.currentAmountFen ?? 0)} 发放` };
    case 'temporary':
      return { fen: input.temporaryAmountFen, line: input.temporaryAmountFen === null ? null : `临时救助：拟救助 ${yuan(input.temporaryAmountFen)}（街道审批限额 ${yuan(temporaryLimitFen(s, basis.temporaryLimitMonths))}）` };
    case 'new_application':
    case 'increase':
    case 'decrease':
    case 're_review':
      break;
    default: {
      const never: never = basis.kind;
      throw new Error(`unknown case kind ${String(never)}`);
    }
  }
  if (input.conclusion === 'ineligible') return { fen: 0, line: '调查结论为不符合条件：拟不予救助' };
  switch (basis.category) {
    case 'dibao': {
      const fen = dibaoAmountFen(s, perCapitaFen, size);
      const gap = s - perCapitaFen;
      return gap >= dibaoFloorFen(s)
        ? { fen, line: `低保金：（低保标准 ${yuan(s)} − 人均 ${yuan(perCapitaFen)}）× ${size} 人 = ${yuan(fen)}（取整到元）` }
        : { fen, line: `低保金：差额不足标准的 10%，按保底 ${yuan(dibaoFloorFen(s))} × ${size} 人 = ${yuan(fen)}（取整到元）` };
    }
    case 'tekun': {
      const fen = tekunAmountFen(s, size);
      return { fen, line: `特困供养：低保标准 ${yuan(s)} × 1.3 × ${size} 人 = ${yuan(fen)}（取整到元）` };
    }
    case 'dibao_edge':
    case 'rigid_expense':
    case 'anti_relapse':
    case 'other':
    case 'temporary':
      return { fen: null, line: '该类别不按月发放救助金' };
    default: {
      const never: never = basis.category;
      throw new Error(`unknown category ${String(never)}`);
    }
  }
}

/** What the totals rest on: the lines, the 单人户 choice, the conclusion and a 临时救助 amount. */
type TotalsInput = Pick<InvestigationArgs, 'incomes' | 'expenses' | 'singlePerson' | 'conclusion' | 'temporaryAmountFen'>;

/** The sums and the proposal, computed one way for the form, the service and the centre. */
function derive(basis: InvestigationBasis, input: TotalsInput) {
  const grossFen = sum(input.incomes.map((l) => l.grossFen));
  const exemptFen = sum(input.incomes.map((l) => l.exemptFen));
  const workCostFen = sum(input.incomes.map((l) => l.workCostFen));
  const expenseFen = sum(input.expenses.map((e) => e.monthlyFen));
  // Rigid expenses lower the income counted, never below nothing.
  const netFen = Math.max(0, grossFen - exemptFen - workCostFen - expenseFen);
  const size = countedSize(basis, input.singlePerson);
  const perCapitaFen = Math.floor(netFen / Math.max(1, basis.householdSize));
  const offer = proposal(basis, input, perCapitaFen, size);
  return { grossFen, exemptFen, workCostFen, expenseFen, netFen, size, perCapitaFen, offer };
}

/**
 * The two totals a recordInvestigation call carries (月可支配收入 and 拟救助金额), derived as
 * assessInvestigation derives them, so a form sends what it shows even while the panel lists problems.
 */
export function deriveTotals(basis: InvestigationBasis, input: TotalsInput): { netIncomeFen: number; proposedAmountFen: number | null } {
  const d = derive(basis, input);
  return { netIncomeFen: d.netFen, proposedAmountFen: d.offer.fen };
}

/**
 * Derives the figures of an investigation and checks that they add up: every line's exemptions and
 * deductions within its income, the totals the form showed equal to the sum, a 单人户 only in a household
 * of more than one, and an "eligible" conclusion only below the income line of the category.
 */
export function assessInvestigation(
  basis: InvestigationBasis,
  input: Pick<InvestigationArgs, 'incomes' | 'expenses' | 'assets' | 'singlePerson' | 'conclusion' | 'temporaryAmountFen' | 'netIncomeFen' | 'proposedAmountFen'>,
): { ok: true; figures: InvestigationFigures } | { ok: false; problems: InvestigationProblem[] } {
  const problems: InvestigationProblem[] = [];
  input.incomes.forEach((l, i) => {
    if (l.exemptFen + l.workCostFen > l.grossFen) {
      problems.push({ field: `incomes.${i}.exemptFen`, message: `第 ${i + 1} 项收入的豁免和就业成本扣减共 ${yuan(l.exemptFen + l.workCostFen)}，超过了这项收入 ${yuan(l.grossFen)}` });
    }
  });
  const { grossFen, exemptFen, workCostFen, expenseFen, netFen, size, perCapitaFen, offer } = derive(basis, input);
  const assetFen = sum(input.assets.map((a) => a.valueFen));
  if (input.singlePerson && basis.householdSize < 2) problems.push({ field: 'singlePerson', message: '只有一口人的家庭本来就是单人户，无需按“单人户”纳入' });
  if (basis.kind === 'temporary' && input.temporaryAmountFen === null) problems.push({ field: 'temporaryAmountFen', message: '请填写拟临时救助金额' });
  if (basis.kind === 'temporary' && input.temporaryAmountFen !== null) {
    const limit = temporaryLimitFen(basis.standardFen, basis.temporaryLimitMonths);
    if (input.temporaryAmountFen > limit) problems.push({ field: 'temporaryAmountFen', message: `拟临时救助金额 ${yuan(input.temporaryAmountFen)} 超过街道审批限额 ${yuan(limit)}` });
  }
  if (basis.kind !== 'temporary' && input.temporaryAmountFen !== null) problems.push({ field: 'temporaryAmountFen', message: '只有临时救助填写拟救助金额，其他事项的金额按标准计算' });
  if (input.conclusion === 'eligible') {
    const line = incomeLineOf(basis);
    if (line && perCapitaFen >= line.fen) problems.push({ field: 'conclusion', message: `人均月收入 ${yuan(perCapitaFen)} 不低于${line.name} ${yuan(line.fen)}，结论不能为“符合条件”` });
  }
  const arithmetic = [
    `家庭月收入 ${yuan(grossFen)} − 收入豁免 ${yuan(exemptFen)} − 就业成本扣减 ${yuan(workCostFen)} − 刚性支出 ${yuan(expenseFen)} = 月可支配收入 ${yuan(netFen)}`,
    `人均月收入：${yuan(netFen)} ÷ ${basis.householdSize} 人 = ${yuan(perCapitaFen)}（不足 1 分舍去）`,
    ...(input.singlePerson ? [`按单人户纳入：计 1 人`] : []),
    ...(offer.line ? [offer.line] : []),
  ];
  if (input.netIncomeFen !== netFen) problems.push({ field: 'netIncomeFen', message: `月可支配收入应为 ${yuan(netFen)}（各项相加），表上为 ${yuan(input.netIncomeFen)}，收入合计与各项不符` });
  if (problems.length === 0 && input.proposedAmountFen !== offer.fen) {
    problems.push({ field: 'proposedAmountFen', message: `拟救助金额按标准应为 ${offer.fen === null ? '不发放' : yuan(offer.fen)}，表上为 ${input.proposedAmountFen === null ? '不发放' : yuan(input.proposedAmountFen)}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, figures: { grossFen, exemptFen, workCostFen, expenseFen, netFen, assetFen, countedSize: size, perCapitaFen, proposedFen: offer.fen, arithmetic } };
}

/** The income line below which a household of the category qualifies; null where the rules set none here. */
export function incomeLineOf(basis: Pick<InvestigationBasis, 'category' | 'standardFen' | 'edgeIncomePercent'>): { name: string; fen: number } | null {
  switch (basis.category) {
    case 'dibao':
      return { name: '低保标准', fen: basis.standardFen };
    case 'dibao_edge':
      return { name: `低保边缘标准（低保标准的 ${basis.edgeIncomePercent}%）`, fen: Math.floor((basis.standardFen * basis.edgeIncomePercent) / 100) };
    case 'tekun':
    case 'rigid_expense':
    case 'anti_relapse':
    case 'other':
    case 'temporary':
      return null;
    default: {
      const never: never = basis.category;
      throw new Error(`unknown category ${String(never)}`);
    }
  }
}

/** An investigation as a record page and the agenda show it. */
export const InvestigationView = z.object({
  id: z.string(),
  visitedOn: z.string(),
  investigators: z.array(z.object({ userId: z.string(), name: z.string() })),
  visitNote: z.string(),
  incomes: z.array(IncomeLine.extend({ memberName: z.string().nullable() })),
  expenses: z.array(ExpenseLine),
  assets: z.array(AssetLine),
  singlePerson: z.object({ basis: SinglePersonBasis, memberId: z.string(), memberName: z.string() }).nullable(),
  crossCheck: CrossCheck,
  crossCheckNote: z.string(),
  conclusion: InvestigationConclusion,
  conclusionNote: z.string(),
  standardFen: z.number(),
  householdSize: z.number(),
  countedSize: z.number(),
  grossFen: z.number(),
  exemptFen: z.number(),
  workCostFen: z.number(),
  expenseFen: z.number(),
  netFen: z.number(),
  assetFen: z.number(),
  perCapitaFen: z.number(),
  proposedFen: z.number().nullable(),
  arithmetic: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type InvestigationView = z.infer<typeof InvestigationView>;

/** Who may be chosen as an investigator: the street office's people. */
export const InvestigatorOption = z.object({ userId: z.string(), name: z.string(), role: z.string() });
export type InvestigatorOption = z.infer<typeof InvestigatorOption>;
