// The family economic investigation (家庭经济状况调查) of every generated case, made of the figures the case
// already carries and held to the rule the investigation command holds a desk to: assessInvestigation, which
// derives the net income, the per-capita income and the proposed amount. The case's own per-capita income and
// proposal must be exactly what the rule derives; a difference is a generator bug and stops the generation.
// (The command's argument schema is run over a generated district by the tests instead: at some 40 µs a
// case it would cost the 46,300-household bench district seconds, and the texts here are fixed tables.)
import {
  assessInvestigation,
  incomeLineOf,
  type AssetLine,
  type ExpenseLine,
  type IncomeLine,
  type IncomeSource,
  type InvestigationBasis,
  type InvestigationArgs,
  type InvestigationConclusion,
} from '../../../../shared/investigation';
import { formatYuan } from '../../../../shared/money';
import { cstInstant, plusSeconds } from './calendar';
import { caseworkerOf, incomeCheckNoteOf } from './cases';
import { standardOf, wholeYuan, type CaseRecord, type CaseRules, type HouseholdCategory, type InvestigationRecord, type Member, type Standards } from './model';
import type { CaseOutcome } from './outcomes';
import { allocate, isSevere } from './people';
import type { Rng } from './rng';
import { DISCREPANCIES } from './texts';

export type InvestigationSetting = {
  standards: Standards;
  rules: CaseRules;
  asOf: string;
  /** The instant of the snapshot: nothing is recorded after it. */
  stamp: string;
  outcomes: ReadonlyMap<CaseRecord, CaseOutcome>;
};

/** What assessInvestigation reads of the command's arguments. */
type AssessedInput = Pick<InvestigationArgs, 'incomes' | 'expenses' | 'assets' | 'singlePerson' | 'conclusion' | 'temporaryAmountFen' | 'netIncomeFen' | 'proposedAmountFen'>;

const NOT_WORKING = new Set(['无业', '失业', '待业', '无（照料家人）', '无', '无（重度残疾）', '在校大学生']);

/** Who the household's income is counted on: its earners as last verified, else who would earn it. */
function payeesOf(members: readonly Member[]): Member[] {
  const earning = members.filter((m) => m.incomeFen > 0);
  if (earning.length > 0) return earning;
  const adults = members.filter((m) => m.age >= 18 && m.age < 60 && !isSevere(m.disability) && m.occupation !== '在校大学生');
  if (adults.length > 0) return adults;
  const old = members.filter((m) => m.age >= 60);
  return old.length > 0 ? old : members.slice(0, 1);
}

/** The net income split over the payees in whole yuan: as the members' incomes where they add up to it. */
function shareOut(netFen: number, payees: readonly Member[]): number[] {
  if (payees.reduce((n, m) => n + m.incomeFen, 0) === netFen) return payees.map((m) => m.incomeFen);
  return allocate(netFen / 100, payees.map((m) => (m.incomeFen > 0 ? m.incomeFen : 1))).map((yuan) => yuan * 100);
}

function sourceOf(m: Member): IncomeSource {
  if (m.age >= 60) return 'transfers';
  return m.occupation === '务农' || m.occupation === '养殖' ? 'business' : 'wages';
}

function incomeNote(m: Member, source: IncomeSource, rural: boolean): string {
  switch (source) {
    case 'transfers':
      return rural ? '城乡居民基本养老金' : '基本养老金';
    case 'business':
      return m.occupation === '养殖' ? '养殖经营净收入' : '种植经营净收入';
    case 'wages':
      return NOT_WORKING.has(m.occupation) || m.occupation === '' ? '零星务工收入' : `${m.occupation}工资性收入`;
    case 'property':
    case 'other':
      return '';
    default: {
      const never: never = source;
      throw new Error(`unknown income source ${String(never)}`);
    }
  }
}

/** 刚性支出: a costly illness (always in a 刚性支出困难 household), now and then a student's college costs. */
function expensesOf(rng: Rng, c: CaseRecord, standard: number): ExpenseLine[] {
  const h = c.household;
  const rigid = h.plannedCategory === 'rigid_expense';
  const lines: ExpenseLine[] = [];
  const ill = h.members.filter((m) => m.health !== null);
  ill.forEach((m, i) => {
    if (rigid ? i === 0 : rng.chance(0.2)) {
      const monthlyFen = wholeYuan(standard * (rigid ? rng.real(0.8, 2.5) : rng.real(0.1, 0.4)));
      lines.push({ kind: 'medical', monthlyFen, note: `${m.name}（${m.health ?? ''}）自付医疗费用`.slice(0, 60) });
    }
  });
  for (const m of h.members) {
    if (m.occupation === '在校大学生' && rng.chance(rigid ? 0.8 : 0.4)) {
      lines.push({ kind: 'education', monthlyFen: wholeYuan(standard * rng.real(0.3, 0.8)), note: `${m.name}就读高校学费及生活费（按月折算）` });
    }
  }
  return lines;
}

/**
 * Income lines whose net is exactly `netFen`: a line per payee, some with the exemption of a disabled
 * person's earnings or a work-cost deduction, the rigid expenses added back on the first line, and the
 * disability allowances a recipient gets, which the rules leave out entirely.
 */
function incomesOf(rng: Rng, c: CaseRecord, netFen: number, expenseFen: number): IncomeLine[] {
  const h = c.household;
  const lines: IncomeLine[] = [];
  if (netFen > 0) {
    const payees = payeesOf(h.members);
    const shares = shareOut(netFen, payees);
    let expenseLeft = expenseFen;
    payees.forEach((m, i) => {
      const share = shares[i] ?? 0;
      if (share === 0) return;
      const source = sourceOf(m);
      const exemptFen = m.disability !== null && source !== 'transfers' ? wholeYuan(Math.min(share / 4, 30_000)) : 0;
      const workCostFen = source === 'wages' && rng.chance(0.3) ? wholeYuan(Math.min(Math.max(share / 10, 3_000), 20_000)) : 0;
      const note = `${incomeNote(m, source, h.rural)}${exemptFen > 0 ? '（残疾人就业收入部分豁免）' : ''}${workCostFen > 0 ? '（扣除交通等就业成本）' : ''}`;
      lines.push({ memberId: m.id, source, grossFen: share + exemptFen + workCostFen + expenseLeft, exemptFen, workCostFen, note });
      expenseLeft = 0;
    });
  }
  if (h.plannedCategory === 'dibao' || h.plannedCategory === 'tekun') {
    for (const m of h.members) {
      if (m.disability === null || !rng.chance(0.7)) continue;
      const fen = isSevere(m.disability) ? 16_000 : 8_000;
      lines.push({ memberId: m.id, source: 'transfers', grossFen: fen, exemptFen: fen, workCostFen: 0, note: '残疾人两项补贴，按规定不计入家庭收入' });
    }
  }
  return lines;
}

const yuanOf = (rng: Rng, lo: number, hi: number) => rng.int(lo, hi) * 100;

/** What the property check found, as lines: the dwelling, savings, and whatever a discrepancy turned up. */
function assetsOf(rng: Rng, c: CaseRecord, discrepancy: (typeof DISCREPANCIES)[string] | null): AssetLine[] {
  const h = c.household;
  const finding = c.propertyFinding;
  const lines: AssetLine[] = [];
  const ownHome = finding.includes('自住房一套') || discrepancy?.asset?.kind === 'real_estate';
  if (ownHome) lines.push({ kind: 'real_estate', description: h.rural ? '自建住房一处（自住）' : '自住房一套', valueFen: yuanOf(rng, h.rural ? 40_000 : 150_000, h.rural ? 150_000 : 450_000) });
  else if (h.rural && !finding.includes('无房产')) lines.push({ kind: 'real_estate', description: '宅基地自建房一处（自住）', valueFen: yuanOf(rng, 30_000, 120_000) });
  const savings = finding.includes('存款及有价证券') ? yuanOf(rng, 3_000, 20_000) : yuanOf(rng, 0, 6_000);
  if (savings > 0) lines.push({ kind: 'deposit', description: '银行活期存款', valueFen: savings });
  if (finding.includes('有价证券') && rng.chance(0.3)) lines.push({ kind: 'securities', description: '国债', valueFen: yuanOf(rng, 1_000, 10_000) });
  const found = discrepancy?.asset;
  if (found) lines.push({ kind: found.kind, description: found.description, valueFen: yuanOf(rng, found.yuan[0], found.yuan[1]) });
  return lines;
}

function conclusionOf(c: CaseRecord): InvestigationConclusion {
  // A household being phased out or stopped no longer qualifies; everyone else was found below the line.
  return c.kind === 'termination' || c.kind === 'phase_out' ? 'ineligible' : 'eligible';
}

/** The eligible conclusion of a category the rules set no income line for here. */
const CATEGORY_CONCLUSIONS: Record<HouseholdCategory, string> = {
  dibao: '经济状况符合低保条件',
  dibao_edge: '经济状况符合低保边缘家庭认定条件',
  tekun: '无劳动能力、无生活来源，符合特困人员认定条件',
  rigid_expense: '刚性支出较大，符合刚性支出困难家庭认定条件',
  anti_relapse: '存在返贫致贫风险，符合纳入防止返贫监测条件',
  other: '符合纳入低收入人口动态监测条件',
};

function conclusionNoteOf(c: CaseRecord, basis: InvestigationBasis, conclusion: InvestigationConclusion, pci: number, discrepancy: boolean): string {
  const line = incomeLineOf(basis);
  const base =
    c.kind === 'phase_out'
      ? '家庭人均收入超过低保标准，符合渐退条件，建议给予渐退期'
      : c.kind === 'termination'
        ? '家庭不再符合保障条件，建议停发'
        : c.kind === 'temporary'
          ? '困难情形属实，符合临时救助条件'
          : conclusion === 'eligible' && line
            ? `人均月收入${formatYuan(pci)}元，低于${line.name}${formatYuan(line.fen)}元，符合条件`
            : CATEGORY_CONCLUSIONS[c.household.plannedCategory];
  return discrepancy ? `${base}；信息核对发现与申报不符，提请领导小组研究` : base;
}

/** The moment the investigation was entered: the afternoon of the visit, after the case was registered and before the snapshot. */
function recordedAtOf(rng: Rng, c: CaseRecord, setting: InvestigationSetting): string {
  if (c.visitedOn === setting.asOf) {
    const from = c.createdAt > cstInstant(setting.asOf, 8, 30) ? c.createdAt : cstInstant(setting.asOf, 8, 30);
    const at = plusSeconds(from, rng.int(300, 1200));
    return at < setting.stamp ? at : plusSeconds(setting.stamp, -30);
  }
  const at = cstInstant(c.visitedOn, 15, rng.int(0, 179), rng.int(0, 59));
  return at > c.createdAt ? at : plusSeconds(c.createdAt, rng.int(600, 2400));
}

export function buildInvestigation(rng: Rng, c: CaseRecord, setting: InvestigationSetting): InvestigationRecord {
  const h = c.household;
  const size = h.members.length;
  const standard = standardOf(setting.standards, h.rural);
  const pci = c.perCapitaIncomeFen;
  if (pci === null || pci % 100 !== 0) throw new Error(`generated case ${c.caseNo} has a per-capita income of ${String(pci)} fen, not whole yuan`);
  const lead = caseworkerOf(h);
  const second = h.street.staff.find((u) => u !== lead);
  if (!lead || !second) throw new Error(`street ${h.street.code} needs two staff for a home visit`);

  const outcome = setting.outcomes.get(c);
  const discrepancy = outcome?.outcome === 'reject' ? (DISCREPANCIES[outcome.reason] ?? null) : null;
  if (discrepancy) c.incomeCheckNote = incomeCheckNoteOf(c.checkedOn, pci, size, discrepancy.note);
  const basis: InvestigationBasis = {
    kind: c.kind,
    category: c.category,
    standardFen: standard,
    householdSize: size,
    currentAmountFen: c.currentAmountFen,
    temporaryLimitMonths: setting.rules.temporaryLimitMonths,
    edgeIncomePercent: setting.rules.edgeIncomePercent,
  };
  const expenses = expensesOf(rng, c, standard);
  const netFen = pci * size;
  const incomes = incomesOf(rng, c, netFen, expenses.reduce((n, e) => n + e.monthlyFen, 0));
  const assets = assetsOf(rng, c, discrepancy);
  const conclusion = conclusionOf(c);
  const args: AssessedInput = {
    incomes,
    expenses,
    assets,
    singlePerson: null,
    conclusion,
    temporaryAmountFen: c.kind === 'temporary' ? c.proposedAmountFen : null,
    netIncomeFen: netFen,
    proposedAmountFen: c.proposedAmountFen,
  };
  const assessed = assessInvestigation(basis, args);
  if (!assessed.ok) throw new Error(`generated case ${c.caseNo} (${c.kind}, ${c.category}) is refused by assessInvestigation: ${assessed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  const f = assessed.figures;
  if (f.perCapitaFen !== pci || f.proposedFen !== c.proposedAmountFen) {
    throw new Error(`generated case ${c.caseNo}: the investigation derives ${f.perCapitaFen}/${String(f.proposedFen)}, the case carries ${pci}/${String(c.proposedAmountFen)}`);
  }
  if (c.visitedOn < c.appliedOn || c.visitedOn > setting.asOf) throw new Error(`generated case ${c.caseNo} was visited on ${c.visitedOn}, outside its time`);
  return {
    id: rng.uuid(),
    caseRecord: c,
    visitedOn: c.visitedOn,
    investigators: [lead, second].map((u) => ({ userId: u.id, name: u.name })),
    visitNote: c.visitNote,
    incomes,
    expenses,
    assets,
    crossCheck: discrepancy ? 'discrepancy' : 'consistent',
    crossCheckNote: discrepancy ? discrepancy.note : `经民政、人社、公安、不动产、车管、市场监管等部门信息核对：${c.propertyFinding}`,
    conclusion,
    conclusionNote: conclusionNoteOf(c, basis, conclusion, pci, discrepancy !== null),
    standardFen: standard,
    householdSize: size,
    countedSize: f.countedSize,
    grossFen: f.grossFen,
    exemptFen: f.exemptFen,
    workCostFen: f.workCostFen,
    expenseFen: f.expenseFen,
    netFen: f.netFen,
    perCapitaFen: f.perCapitaFen,
    assetFen: f.assetFen,
    proposedFen: f.proposedFen,
    arithmetic: f.arithmetic,
    recordedBy: c.caseworker,
    recordedAt: recordedAtOf(rng, c, setting),
  };
}
