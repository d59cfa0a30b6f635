// Drafting one case file as a caseworker would: the matter, the income check, the home visit and the
// proposed amount computed from the local standard; and what an approval or rejection does to the
// household afterwards.
import { temporaryLimitFen } from '../../../../shared/assistance-amount';
import { addDays, formatChineseDate } from '../../../../shared/dates';
import { effectTiming, householdAfter, phaseOutEnded, type FinalDecision, type HouseholdAssistance } from '../../../../shared/decision-effects';
import type { CaseKind } from '../../../../shared/domain';
import { closeRelationLabels } from '../../../../shared/glossary';
import { formatYuan } from '../../../../shared/money';
import {
  belowIncomeLine,
  dibaoAmountFen,
  paysCash,
  regularAmountFen,
  standardOf,
  wholeYuan,
  type CaseRecord,
  type CaseRules,
  type Household,
  type Standards,
  type User,
} from './model';
import { noticePeriod } from './notices';
import type { Rng } from './rng';
import { rosterSeat } from './staff';
import {
  COMPLAINT_NOTES,
  DECREASE_REASONS,
  INCREASE_REASONS,
  NEW_APPLICATION_REASONS,
  PHASE_OUT_END_REASON,
  PHASE_OUT_REASONS,
  PREPAID_PREFIX,
  PROPERTY_FINDINGS,
  RE_REVIEW_REASONS,
  RURAL_HOUSING,
  TEMPORARY_REASONS,
  TERMINATION_REASONS,
  URBAN_HOUSING,
  VISIT_FINDINGS,
  temporaryVisitFinding,
} from './texts';

export type DraftOptions = {
  prepaid?: boolean;
  complaint?: boolean;
  /** The termination that ends a phase-out period. */
  phaseOutEnd?: boolean;
  /** No investigation can be dated after this day (the meeting's eve, or the as-of day). */
  latest: string;
};

type Amounts = { current: number | null; proposed: number | null; pci: number; reason: string };

/** What the case starts with at 受理, as the intake command sets it: the monthly amount of a household in assistance. */
function currentAmountOf(h: Household): number | null {
  return h.status === 'active' || h.status === 'phasing_out' ? h.amountFen : null;
}

/**
 * The per-capita income the investigation will find and the amount it proposes. The proposal is what the
 * investigation rules derive from that income (regularAmountFen, the shared formulas), so the case's figures
 * and its investigation's are the same numbers.
 */
function amountsFor(rng: Rng, kind: CaseKind, h: Household, standard: number, rules: CaseRules, options: DraftOptions): Amounts {
  const size = h.members.length;
  const category = h.plannedCategory;
  const cash = paysCash(category);
  const current = currentAmountOf(h);
  const eligible = (pci: number) => belowIncomeLine(pci, category, standard, rules.edgeIncomePercent);
  switch (kind) {
    case 'new_application':
      return { current, proposed: cash ? regularAmountFen(category, standard, h.pciFen, size) : null, pci: h.pciFen, reason: rng.pick(NEW_APPLICATION_REASONS[category]) };
    case 'increase': {
      const pci = eligible(wholeYuan(h.pciFen * rng.real(0.2, 0.75)));
      return { current, proposed: dibaoAmountFen(standard, pci, size), pci, reason: rng.pick(INCREASE_REASONS) };
    }
    case 'decrease': {
      const pci = eligible(Math.min(wholeYuan(h.pciFen + standard * rng.real(0.1, 0.35)), wholeYuan(standard * 0.95)));
      return { current, proposed: dibaoAmountFen(standard, pci, size), pci, reason: rng.pick(DECREASE_REASONS) };
    }
    case 'phase_out':
      // 渐退: the household keeps its amount for the phase-out period although its income has risen.
      return { current, proposed: current ?? 0, pci: wholeYuan(standard * rng.real(1.05, 1.4)), reason: rng.pick(PHASE_OUT_REASONS) };
    case 'termination': {
      if (options.phaseOutEnd) return { current, proposed: 0, pci: h.pciFen, reason: PHASE_OUT_END_REASON };
      const reasons = TERMINATION_REASONS[category];
      const reason = rng.pick(reasons);
      const incomeRose = reason === reasons[0] && category !== 'tekun';
      return { current, proposed: 0, pci: incomeRose ? wholeYuan(standard * rng.real(1.2, 2.5)) : h.pciFen, reason };
    }
    case 're_review': {
      const reason = rng.pick(RE_REVIEW_REASONS);
      if (category === 'dibao') {
        const pci = eligible(Math.max(0, Math.min(wholeYuan(h.pciFen * rng.real(0.85, 1.15)), wholeYuan(standard * 0.95))));
        return { current, proposed: dibaoAmountFen(standard, pci, size), pci, reason };
      }
      return { current, proposed: cash ? regularAmountFen(category, standard, h.pciFen, size) : null, pci: h.pciFen, reason };
    }
    case 'temporary': {
      // Street offices may approve 临时救助 up to some months of the standard on their own (the settings').
      const limit = temporaryLimitFen(standard, rules.temporaryLimitMonths);
      const proposed = Math.min(rng.pick([300, 500, 600, 800, 1000, 1200, 1500, 1600]) * 100, limit);
      return { current, proposed, pci: h.pciFen, reason: rng.pick(TEMPORARY_REASONS) };
    }
  }
}

function clampDate(date: string, latest: string): string {
  return date > latest ? latest : date;
}

function householdSituation(h: Household): string {
  const disabled = h.members.filter((m) => m.disability !== null).length;
  const ill = h.members.filter((m) => m.health !== null).length;
  const parts = [`${h.members.length}口人`];
  if (disabled > 0) parts.push(`${disabled}人残疾`);
  if (ill > 0) parts.push(`${ill}人患病`);
  return parts.join('，');
}

/** The street's 经办人 for the household's community: each community has one of the street's staff. */
export function caseworkerOf(h: Household): User | undefined {
  const communityIndex = h.street.communities.indexOf(h.community);
  return h.street.staff[Math.max(0, communityIndex) % h.street.staff.length];
}

/** The income check's note: the figures the investigation derives, and what the data check found. */
export function incomeCheckNoteOf(checkedOn: string, pciFen: number, size: number, finding: string): string {
  return `经济状况核对（${formatChineseDate(checkedOn)}）：家庭月可支配收入${formatYuan(pciFen * size)}元，人均${formatYuan(pciFen)}元；${finding}。`;
}

/** The applicant's declaration of a close relative among staff or committee members, as the intake records it. */
function declarationOf(h: Household): Pick<CaseRecord, 'relativesDeclaration' | 'relativesDeclarationNote'> {
  const f = h.filing;
  if (!f) return { relativesDeclaration: 'none', relativesDeclarationNote: '' };
  const member = h.members.find((m) => m.id === f.memberId);
  return { relativesDeclaration: 'declared', relativesDeclarationNote: `${member?.name ?? ''}的${closeRelationLabels[f.relation]}${f.relativeName}任${f.relativePost}` };
}

export function draftCase(rng: Rng, h: Household, kind: CaseKind, monthIndex: number, appliedOn: string, standards: Standards, rules: CaseRules, options: DraftOptions): CaseRecord {
  const standard = standardOf(standards, h.rural);
  const { current, proposed: drafted, pci, reason } = amountsFor(rng, kind, h, standard, rules, options);
  let proposed = drafted;
  let prepaidAmountFen: number | null = null;
  let prepaidOn: string | null = null;
  let caseReason = reason;
  if (kind === 'temporary' && options.prepaid) {
    // 小金额先行救助: the community paid first; the leading group now reviews it after the fact. Never more
    // than the settings let a street pay first, nor than the street may grant on its own.
    const ceiling = Math.min(rules.prepaymentLimitFen, temporaryLimitFen(standard, rules.temporaryLimitMonths));
    prepaidAmountFen = Math.min(rng.pick([300, 500, 500, 800, 1000]) * 100, ceiling);
    prepaidOn = addDays(appliedOn, -rng.int(1, 12));
    proposed = rng.chance(0.85) ? prepaidAmountFen : Math.min(prepaidAmountFen + rng.pick([200, 300, 500]) * 100, Math.max(prepaidAmountFen, proposed ?? 0));
    caseReason = PREPAID_PREFIX + reason;
  }
  const size = h.members.length;
  const checkedOn = clampDate(addDays(appliedOn, rng.int(1, 5)), options.latest);
  const visitedOn = clampDate(addDays(appliedOn, rng.int(1, 7)), options.latest);
  const caseworker = caseworkerOf(h)?.name ?? '';
  const complaint = options.complaint ?? rng.chance(0.015);
  const housing = rng.pick(h.rural ? RURAL_HOUSING : URBAN_HOUSING);
  const visitFinding = (kind === 'temporary' ? temporaryVisitFinding(reason) : null) ?? rng.pick(VISIT_FINDINGS[kind]);
  // Drawn in this order (id, finding, note) since before the structured investigation: same seed, same district.
  const id = rng.uuid();
  const propertyFinding = rng.pick(PROPERTY_FINDINGS);
  const complaintNote = complaint ? rng.pick(COMPLAINT_NOTES) : '';
  const visitNote = `${housing}，${householdSituation(h)}；${visitFinding}。`;
  return {
    id,
    caseNo: '',
    household: h,
    category: kind === 'temporary' ? 'temporary' : h.plannedCategory,
    kind,
    status: 'pending',
    monthIndex,
    appliedOn,
    createdAt: '',
    reason: caseReason,
    currentAmountFen: current,
    proposedAmountFen: proposed,
    perCapitaIncomeFen: pci,
    incomeCheckNote: incomeCheckNoteOf(checkedOn, pci, size, propertyFinding),
    homeVisitNote: `${formatChineseDate(visitedOn)}，${caseworker}等2人入户调查：${visitNote}`,
    prepaidAmountFen,
    prepaidOn,
    prepaidReason: prepaidAmountFen === null ? '' : reason,
    prepaidApprovedBy: prepaidAmountFen === null ? '' : rosterSeat(h.street, 'chair').name,
    closeRelative: h.filing ? 1 : 0,
    complaint: complaint ? 1 : 0,
    complaintNote,
    caseworker,
    checkedOn,
    visitedOn,
    visitNote,
    propertyFinding,
    ...declarationOf(h),
    followedUpOn: null,
    followUpNote: '',
  };
}

const assistanceOf = (h: Household): HouseholdAssistance => ({ status: h.status, category: h.category, monthlyAmountFen: h.amountFen, assistedSince: h.assistedSince, phaseOutEndsOn: h.phaseOutEndsOn });

function setAssistance(h: Household, a: HouseholdAssistance): void {
  h.status = a.status;
  h.category = a.category;
  h.amountFen = a.monthlyAmountFen;
  h.assistedSince = a.assistedSince;
  h.phaseOutEndsOn = a.phaseOutEndsOn ?? null;
}

/**
 * What a final decision does to the household: the shared rules, from the day it takes effect (the
 * shared timing: the day after its notice for an announced approval, else the meeting's day; the
 * generator makes no objections), then the generator's own bookkeeping for the months that follow. A
 * deferral changes nothing yet. The state before the first decision is kept as the household's opening
 * state, which is what its row holds.
 */
export function applyDecision(c: CaseRecord, decision: FinalDecision, decidedOn: string, monthIndex: number, noticeDays: number): void {
  const h = c.household;
  if (decision.outcome === 'defer') return;
  h.openCase = false;
  if (c.kind === 're_review') h.lastReviewMonth = monthIndex;
  h.opening ??= { status: h.status, category: h.category, amountFen: h.amountFen, assistedSince: h.assistedSince };
  const timing = effectTiming({ kind: c.kind, outcome: decision.outcome, closedOn: decidedOn }, { endDate: noticePeriod(decidedOn, noticeDays).endDate, objected: false });
  if (timing.state !== 'from') throw new Error(`decision on ${c.caseNo} of a closed meeting has no effect day`);
  h.settlesOn = timing.date;
  setAssistance(h, householdAfter(c, decision, assistanceOf(h), timing.date));
  if (decision.outcome === 'reject' || c.kind === 'temporary') return;
  h.pciFen = c.perCapitaIncomeFen ?? h.pciFen;
  if (c.kind === 'new_application') h.lastReviewMonth = monthIndex;
  if (c.kind === 'phase_out') h.phaseOutMonth = monthIndex;
  if (c.kind === 'termination') h.phaseOutMonth = null;
}

/** A phase-out that has run out by `firstOfMonth` leaves the household unpaid, by the shared fold's rule. */
export function expirePhaseOut(h: Household, firstOfMonth: string): void {
  const after = phaseOutEnded(assistanceOf(h), firstOfMonth);
  if (after.status === h.status) return;
  setAssistance(h, { ...after, phaseOutEndsOn: null });
  h.phaseOutMonth = null;
}
