// deriveTotals is what the investigation form sends as netIncomeFen and proposedAmountFen: it must be the
// same computation assessInvestigation checks them against, for well-formed and faulty input alike.
import { describe, expect, it } from 'vitest';
import { assessInvestigation, deriveTotals, type IncomeLine, type InvestigationBasis } from '../../shared/investigation';

const basis: InvestigationBasis = { kind: 'new_application', category: 'dibao', standardFen: 80_000, householdSize: 3, currentAmountFen: null, temporaryLimitMonths: 2, edgeIncomePercent: 150 };
const wage = (grossFen: number, exemptFen = 0, workCostFen = 0): IncomeLine => ({ memberId: null, source: 'wages', grossFen, exemptFen, workCostFen, note: '' });
const base = { incomes: [wage(120_000)], expenses: [], assets: [], singlePerson: null, conclusion: 'eligible' as const, temporaryAmountFen: null };

describe('deriveTotals', () => {
  it('gives the totals assessInvestigation accepts, with the arithmetic the form shows', () => {
    const totals = deriveTotals(basis, base);
    expect(totals).toEqual({ netIncomeFen: 120_000, proposedAmountFen: 120_000 });
    const r = assessInvestigation(basis, { ...base, ...totals });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.figures.perCapitaFen).toBe(40_000);
    expect(r.figures.arithmetic).toContain('低保金：（低保标准 800.00 元 − 人均 400.00 元）× 3 人 = 1,200.00 元（取整到元）');
  });

  it('still derives the totals when a line is faulty, so only the faulty line is reported', () => {
    const input = { ...base, incomes: [wage(150_000, 200_000)] };
    const totals = deriveTotals(basis, input);
    expect(totals.netIncomeFen).toBe(0);
    const r = assessInvestigation(basis, { ...input, ...totals });
    expect(r).toEqual({ ok: false, problems: [{ field: 'incomes.0.exemptFen', message: '第 1 项收入的豁免和就业成本扣减共 2,000.00 元，超过了这项收入 1,500.00 元' }] });
  });

  it('counts rigid expenses and proposes nothing for an ineligible conclusion', () => {
    const input = { ...base, expenses: [{ kind: 'medical' as const, monthlyFen: 30_000, note: '' }], conclusion: 'ineligible' as const };
    expect(deriveTotals(basis, input)).toEqual({ netIncomeFen: 90_000, proposedAmountFen: 0 });
  });

  it('takes a temporary case’s proposed amount as typed', () => {
    const temp = { ...basis, kind: 'temporary' as const, category: 'temporary' as const };
    expect(deriveTotals(temp, { ...base, temporaryAmountFen: 50_000 })).toEqual({ netIncomeFen: 120_000, proposedAmountFen: 50_000 });
  });
});
