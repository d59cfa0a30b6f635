// When decisions take effect, and what they do to a household on a day (shared/decision-effects.ts).
import { describe, expect, it } from 'vitest';
import { inEffectByHousehold, type TimedDecision } from '../../electron/backend/cases/assistance';
import { assistanceOn, effectTiming, phaseOutLastDay, type DecisionInEffect, type HouseholdAssistance } from '../../shared/decision-effects';

const active: HouseholdAssistance = { status: 'active', category: 'dibao', monthlyAmountFen: 60_000, assistedSince: '2025-01-01', phaseOutEndsOn: null };
const decision = (over: Partial<DecisionInEffect>): DecisionInEffect => ({
  decisionId: 'd', kind: 'increase', category: 'dibao', outcome: 'approve', amountFen: 70_000, phaseOutMonths: null, effectiveOn: '2026-10-01', decidedAt: '2026-09-20T02:00:00Z', ...over,
});

describe('effect timing', () => {
  it('takes an announced approval into effect the day after a clean notice, never after an objection', () => {
    expect(effectTiming({ kind: 'increase', outcome: 'approve', closedOn: null }, null)).toEqual({ state: 'open' });
    expect(effectTiming({ kind: 'increase', outcome: 'approve', closedOn: '2026-11-20' }, null)).toEqual({ state: 'awaiting_notice' });
    expect(effectTiming({ kind: 'increase', outcome: 'approve', closedOn: '2026-11-20' }, { endDate: '2026-11-29', objected: false })).toEqual({ state: 'from', date: '2026-11-30' });
    expect(effectTiming({ kind: 'increase', outcome: 'approve', closedOn: '2026-11-20' }, { endDate: '2026-11-29', objected: true })).toEqual({ state: 'suspended' });
    // Not announced: from the close.
    expect(effectTiming({ kind: 're_review', outcome: 'approve', closedOn: '2026-11-20' }, null)).toEqual({ state: 'from', date: '2026-11-20' });
    expect(effectTiming({ kind: 'new_application', outcome: 'reject', closedOn: '2026-11-20' }, null)).toEqual({ state: 'from', date: '2026-11-20' });
  });

  it('ends a phase-out the day before its anniversary, or on the last day of a month that has none', () => {
    expect(phaseOutLastDay('2026-03-15', 6)).toBe('2026-09-14');
    expect(phaseOutLastDay('2026-03-31', 6)).toBe('2026-09-30');
    expect(phaseOutLastDay('2026-08-31', 6)).toBe('2027-02-28');
    expect(phaseOutLastDay('2028-01-31', 1)).toBe('2028-02-29');
    expect(phaseOutLastDay('2026-11-01', 12)).toBe('2027-10-31');
  });
});

describe('assistance on a day', () => {
  it('applies the decisions in effect by then, in the order they took effect', () => {
    const up = decision({ decisionId: 'up', amountFen: 70_000, effectiveOn: '2026-10-01' });
    const down = decision({ decisionId: 'down', kind: 'decrease', amountFen: 50_000, effectiveOn: '2026-12-01', decidedAt: '2026-11-20T02:00:00Z' });
    expect(assistanceOn(active, [down, up], '2026-09-30').monthlyAmountFen).toBe(60_000);
    expect(assistanceOn(active, [down, up], '2026-10-01').monthlyAmountFen).toBe(70_000);
    expect(assistanceOn(active, [down, up], '2026-12-01').monthlyAmountFen).toBe(50_000);
  });

  it('stops paying after the last day of a phase-out', () => {
    const phase = decision({ kind: 'phase_out', amountFen: 30_000, phaseOutMonths: 2, effectiveOn: '2026-10-01' });
    expect(assistanceOn(active, [phase], '2026-11-30')).toMatchObject({ status: 'phasing_out', monthlyAmountFen: 30_000, phaseOutEndsOn: '2026-11-30' });
    expect(assistanceOn(active, [phase], '2026-12-01')).toMatchObject({ status: 'terminated', monthlyAmountFen: 0 });
  });
});

describe('a corrected decision', () => {
  const timed = (over: Partial<TimedDecision>): TimedDecision => ({
    decisionId: 'd', caseId: 'c', householdId: 'h', kind: 'increase', category: 'dibao', outcome: 'approve', amountFen: 80_000, phaseOutMonths: null,
    decidedAt: '2026-10-01T02:00:00Z', meetingId: 'm1', closedOn: '2026-10-01', noticeEndDate: null, supersedesId: null, timing: { state: 'from', date: '2026-10-27' }, ...over,
  });
  it('gives way to its correction from the day the correction takes effect, even when its own notice came later', () => {
    const late = timed({ decisionId: 'late' });
    const correction = timed({ decisionId: 'fix', kind: 're_review', amountFen: 50_000, meetingId: 'm2', supersedesId: 'late', timing: { state: 'from', date: '2026-10-15' } });
    const fold = inEffectByHousehold([late, correction]).get('h')!;
    expect(fold.map((d) => d.decisionId)).toEqual(['fix']);
    expect(assistanceOn(active, fold, '2026-12-01').monthlyAmountFen).toBe(50_000);
    // In force before the correction: it held until then, and the correction takes over.
    const earlier = timed({ decisionId: 'early', timing: { state: 'from', date: '2026-10-05' } });
    const after = inEffectByHousehold([earlier, { ...correction, supersedesId: 'early' }]).get('h')!;
    expect(assistanceOn(active, after, '2026-10-10').monthlyAmountFen).toBe(80_000);
    expect(assistanceOn(active, after, '2026-10-15').monthlyAmountFen).toBe(50_000);
  });
});
