// The investigation form as the person typed it: amounts as text in 元 (parsed only when read), choices
// that may still be unmade (''), and a key on every row so React and the refusals follow a row, not its
// position. The draft is remembered for the window (a reload loses nothing) and checked when read back.
import {
  assetKindLabels,
  crossCheckLabels,
  incomeSourceLabels,
  investigationConclusionLabels,
  rigidExpenseLabels,
  singlePersonBasisLabels,
} from '../../../../shared/glossary';
import type { AssetKind, CrossCheck, IncomeSource, InvestigationConclusion, InvestigationView, RigidExpenseKind, SinglePersonBasis } from '../../../../shared/investigation';
import { formatYuan } from '../../../../shared/money';

export type IncomeDraft = { key: string; memberId: string; source: IncomeSource; gross: string; exempt: string; workCost: string; note: string };
export type ExpenseDraft = { key: string; kind: RigidExpenseKind; monthly: string; note: string };
export type AssetDraft = { key: string; kind: AssetKind; description: string; value: string };

export type Draft = {
  visitedOn: string;
  investigatorIds: string[];
  visitNote: string;
  incomes: IncomeDraft[];
  expenses: ExpenseDraft[];
  assets: AssetDraft[];
  /** '' = not a 单人户. */
  singleBasis: SinglePersonBasis | '';
  singleMemberId: string;
  /** '' until the person chooses: the form never answers these for them. */
  crossCheck: CrossCheck | '';
  crossCheckNote: string;
  conclusion: InvestigationConclusion | '';
  conclusionNote: string;
  /** 临时救助 only. */
  temporaryAmount: string;
};

/** The 全家 choice of an income row's member (memberId null in the call). */
export const WHOLE_HOUSEHOLD = '';

let counter = 0;
const rowKey = () => `row-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const blankIncome = (): IncomeDraft => ({ key: rowKey(), memberId: WHOLE_HOUSEHOLD, source: 'wages', gross: '', exempt: '', workCost: '', note: '' });
export const blankExpense = (): ExpenseDraft => ({ key: rowKey(), kind: 'medical', monthly: '', note: '' });
export const blankAsset = (): AssetDraft => ({ key: rowKey(), kind: 'deposit', description: '', value: '' });

/** A fresh form, or the last investigation of the case to start a re-investigation from. */
export function initialDraft(previous: InvestigationView | null, today: string): Draft {
  if (!previous) {
    return {
      visitedOn: today,
      investigatorIds: [],
      visitNote: '',
      incomes: [],
      expenses: [],
      assets: [],
      singleBasis: '',
      singleMemberId: '',
      crossCheck: '',
      crossCheckNote: '',
      conclusion: '',
      conclusionNote: '',
      temporaryAmount: '',
    };
  }
  const yuan = (fen: number) => formatYuan(fen);
  return {
    // A re-investigation is a new visit: the day is today's, the rest is where the last one left off.
    visitedOn: today,
    investigatorIds: previous.investigators.map((i) => i.userId),
    visitNote: previous.visitNote,
    incomes: previous.incomes.map((l) => ({ key: rowKey(), memberId: l.memberId ?? WHOLE_HOUSEHOLD, source: l.source, gross: yuan(l.grossFen), exempt: yuan(l.exemptFen), workCost: yuan(l.workCostFen), note: l.note })),
    expenses: previous.expenses.map((e) => ({ key: rowKey(), kind: e.kind, monthly: yuan(e.monthlyFen), note: e.note })),
    assets: previous.assets.map((a) => ({ key: rowKey(), kind: a.kind, description: a.description, value: yuan(a.valueFen) })),
    singleBasis: previous.singlePerson?.basis ?? '',
    singleMemberId: previous.singlePerson?.memberId ?? '',
    crossCheck: previous.crossCheck,
    crossCheckNote: previous.crossCheckNote,
    conclusion: previous.conclusion,
    conclusionNote: previous.conclusionNote,
    temporaryAmount: '',
  };
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (labels: Record<string, string>, allowBlank = false) => (v: unknown) => isText(v) && ((allowBlank && v === '') || Object.hasOwn(labels, v));
const rowsOf = (v: unknown, check: Record<string, (x: unknown) => boolean>) =>
  Array.isArray(v) && v.every((r) => isObject(r) && Object.entries(check).every(([k, ok]) => ok(r[k])));

/** Whether a remembered value is still a draft this form can show (an older shape is dropped). */
export function isDraft(v: unknown): v is Draft {
  if (!isObject(v)) return false;
  const texts = ['visitedOn', 'visitNote', 'singleMemberId', 'crossCheckNote', 'conclusionNote', 'temporaryAmount'];
  return (
    texts.every((k) => isText(v[k])) &&
    Array.isArray(v.investigatorIds) &&
    v.investigatorIds.every(isText) &&
    rowsOf(v.incomes, { key: isText, memberId: isText, source: oneOf(incomeSourceLabels), gross: isText, exempt: isText, workCost: isText, note: isText }) &&
    rowsOf(v.expenses, { key: isText, kind: oneOf(rigidExpenseLabels), monthly: isText, note: isText }) &&
    rowsOf(v.assets, { key: isText, kind: oneOf(assetKindLabels), description: isText, value: isText }) &&
    oneOf(singlePersonBasisLabels, true)(v.singleBasis) &&
    oneOf(crossCheckLabels, true)(v.crossCheck) &&
    oneOf(investigationConclusionLabels, true)(v.conclusion)
  );
}

// The call's names for the draft's amounts.
const draftName: Record<string, string> = { grossFen: 'gross', exemptFen: 'exempt', workCostFen: 'workCost', monthlyFen: 'monthly', valueFen: 'value', temporaryAmountFen: 'temporaryAmount' };

/**
 * What a field of the call (as a refusal names it) was in the draft: a refusal stands while this is
 * unchanged. A row's problems go with the whole row (its key included), so editing any cell of it, or
 * removing a row above it, lets them go; a field the form does not show goes with the whole draft.
 */
export function valueAt(draft: Draft, field: string): string {
  const [head, index] = field.split('.');
  switch (head) {
    case 'incomes':
    case 'expenses':
    case 'assets':
      return JSON.stringify(index === undefined ? draft[head] : (draft[head][Number(index)] ?? null));
    case 'singlePerson':
      return JSON.stringify([draft.singleBasis, draft.singleMemberId]);
    case 'visitedOn':
    case 'investigatorIds':
    case 'visitNote':
    case 'crossCheck':
    case 'crossCheckNote':
    case 'conclusion':
    case 'conclusionNote':
    case 'temporaryAmountFen':
      return JSON.stringify(draft[(draftName[head] ?? head) as keyof Draft]);
    default:
      return JSON.stringify(draft);
  }
}

/** How a section changes the draft. */
export type Edit = (change: (draft: Draft) => Draft) => void;
