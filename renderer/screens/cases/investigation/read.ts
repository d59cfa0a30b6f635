// Reading the draft: the amounts typed in 元 into fen (shared/money.ts), the choices into the call's
// shape, and the live assessment by shared/investigation.ts, the very function the service runs. The
// form finds only what the service cannot be asked about (text that is no amount, a choice not made);
// every rule of the investigation itself is the shared function's or the service's.
import type { CaseKind } from '../../../../shared/domain';
import {
  assessInvestigation,
  deriveTotals,
  type InvestigationArgs,
  type InvestigationBasis,
  type InvestigationFigures,
  type InvestigationProblem,
} from '../../../../shared/investigation';
import { parseYuan } from '../../../../shared/money';
import { WHOLE_HOUSEHOLD, type Draft } from './draft';

export type Lines = Pick<InvestigationArgs, 'incomes' | 'expenses' | 'assets' | 'singlePerson' | 'temporaryAmountFen'>;

export type Reading = {
  /** Shown at once: text that is no amount, a day after today. */
  wrong: InvestigationProblem[];
  /** Shown once a save was tried: an amount or a choice still to give. */
  missing: InvestigationProblem[];
  /** What the call and the assessment take, when every amount could be read. */
  lines: Lines | null;
};

/** Reads the draft; `kind` decides whether a 临时救助 amount belongs to it. */
export function readDraft(draft: Draft, kind: CaseKind, today: string): Reading {
  const wrong: InvestigationProblem[] = [];
  const missing: InvestigationProblem[] = [];
  let readable = true;
  /** An amount in 元; an empty optional one is 0. */
  const amount = (text: string, field: string, what: string, optional = false): number => {
    if (optional && text.trim() === '') return 0;
    const r = parseYuan(text);
    if (r.ok) return r.fen;
    readable = false;
    if (r.code === 'money-empty') missing.push({ field, message: `请填写${what}` });
    else wrong.push({ field, message: `${what}：${r.message}` });
    return 0;
  };

  if (draft.visitedOn > today) wrong.push({ field: 'visitedOn', message: '调查日期不能晚于今天' });
  const incomes = draft.incomes.map((l, i) => ({
    memberId: l.memberId === WHOLE_HOUSEHOLD ? null : l.memberId,
    source: l.source,
    grossFen: amount(l.gross, `incomes.${i}.grossFen`, '收入金额'),
    exemptFen: amount(l.exempt, `incomes.${i}.exemptFen`, '豁免金额', true),
    workCostFen: amount(l.workCost, `incomes.${i}.workCostFen`, '就业成本扣减', true),
    note: l.note,
  }));
  const expenses = draft.expenses.map((e, i) => ({ kind: e.kind, monthlyFen: amount(e.monthly, `expenses.${i}.monthlyFen`, '支出金额'), note: e.note }));
  const assets = draft.assets.map((a, i) => ({ kind: a.kind, description: a.description, valueFen: amount(a.value, `assets.${i}.valueFen`, '财产价值') }));
  // The 临时救助 amount may be left empty here: the assessment itself asks for it.
  const temporaryAmountFen = kind === 'temporary' && draft.temporaryAmount.trim() !== '' ? amount(draft.temporaryAmount, 'temporaryAmountFen', '拟临时救助金额') : null;
  if (draft.singleBasis !== '' && draft.singleMemberId === '') missing.push({ field: 'singlePerson.memberId', message: '请选择按单人户纳入的成员' });
  if (draft.crossCheck === '') missing.push({ field: 'crossCheck', message: '请选择跨部门信息核对的结果' });
  if (draft.conclusion === '') missing.push({ field: 'conclusion', message: '请选择调查结论' });
  // Only whether there is a 单人户 counts for the figures; the member is checked above and by the service.
  const singlePerson = draft.singleBasis === '' ? null : { basis: draft.singleBasis, memberId: draft.singleMemberId };
  return { wrong, missing, lines: readable ? { incomes, expenses, assets, singlePerson, temporaryAmountFen } : null };
}

export type Assessment = {
  totals: { netIncomeFen: number; proposedAmountFen: number | null };
  /** The shared function's answer for the draft as it stands. */
  result: { ok: true; figures: InvestigationFigures } | { ok: false; problems: InvestigationProblem[] };
  /** No conclusion chosen yet: the figures are tried as “符合条件”, and a problem with that is advice, not an error. */
  trial: boolean;
};

export function assessDraft(basis: InvestigationBasis, lines: Lines, conclusion: Draft['conclusion']): Assessment {
  const input = { ...lines, conclusion: conclusion === '' ? ('eligible' as const) : conclusion };
  const totals = deriveTotals(basis, input);
  return { totals, result: assessInvestigation(basis, { ...input, ...totals }), trial: conclusion === '' };
}

/** The call, when every amount is read and every choice made. */
export function argsOf(caseId: string, draft: Draft, lines: Lines, totals: Assessment['totals']): InvestigationArgs | null {
  if (draft.crossCheck === '' || draft.conclusion === '') return null;
  return {
    caseId,
    visitedOn: draft.visitedOn,
    investigatorIds: draft.investigatorIds,
    visitNote: draft.visitNote,
    ...lines,
    crossCheck: draft.crossCheck,
    crossCheckNote: draft.crossCheckNote,
    conclusion: draft.conclusion,
    conclusionNote: draft.conclusionNote,
    ...totals,
  };
}
