import { describe, expect, it } from 'vitest';
import { reminderMessage, rosterAllowed, rosterBasisDay, rosterChanges, rosterSummary, type RosterEntry } from '../../shared/roster';

const e = (householdId: string, category: RosterEntry['category'], amountFen: number, status: RosterEntry['status'] = 'active', persons = 2): RosterEntry => ({ householdId, category, amountFen, status, persons });

const sum = (xs: readonly RosterEntry[], cat?: string) => xs.filter((x) => !cat || x.category === cat).reduce((n, x) => n + x.amountFen, 0);
const count = (xs: readonly RosterEntry[], cat?: string) => xs.filter((x) => !cat || x.category === cat).length;

describe('rosterChanges', () => {
  const previous = [e('a', 'dibao', 50000), e('b', 'dibao', 60000), e('c', 'dibao', 40000), e('d', 'tekun', 90000), e('e', 'dibao', 30000), e('f', 'dibao', 45000), e('g', 'dibao', 20000)];
  const current = [
    e('a', 'dibao', 50000), // unchanged
    e('b', 'dibao', 70000), // raised
    e('c', 'dibao', 35000), // lowered
    e('d', 'tekun', 90000),
    e('e', 'tekun', 95000), // category changed: stopped in 低保, added in 特困
    e('f', 'dibao', 45000, 'phasing_out'), // phase-out, same amount
    e('h', 'dibao', 55000), // new
    // g stopped
  ];
  const r = rosterChanges(previous, current);

  it('classifies each household once per category it touches', () => {
    const kinds = r.changes.map((c) => `${c.householdId}:${c.category}:${c.kind}`).sort();
    expect(kinds).toEqual(['b:dibao:raised', 'c:dibao:lowered', 'e:dibao:stopped', 'e:tekun:added', 'f:dibao:phasingOut', 'g:dibao:stopped', 'h:dibao:added']);
    expect(r.counts).toEqual({ added: 2, raised: 1, lowered: 1, phasingOut: 1, stopped: 2 });
  });

  it('reconciles households and amounts overall and in every category', () => {
    const s = rosterSummary('2026-12', previous, current);
    expect(s.previous.households + s.changes.added - s.changes.stopped).toBe(s.households);
    for (const cat of ['dibao', 'tekun'] as const) {
      const c = r.byCategory[cat]!;
      expect(count(previous, cat) + c.counts.added - c.counts.stopped).toBe(count(current, cat));
      const delta = Object.values(c.deltaFen).reduce((n, x) => n + x, 0);
      expect(sum(previous, cat) + delta).toBe(sum(current, cat));
    }
    expect(r.byCategory.tekun!.deltaFen.added).toBe(95000);
    expect(r.byCategory.dibao!.deltaFen.stopped).toBe(-50000);
    expect(s.totalFen).toBe(sum(current));
    expect(s.byCategory.dibao).toEqual({ households: 5, persons: 10, totalFen: sum(current, 'dibao') });
  });

  it('a phase-out at a lower amount is a 渐退, not a 减发, and carries its delta', () => {
    const x = rosterChanges([e('p', 'dibao', 60000)], [e('p', 'dibao', 30000, 'phasing_out')]);
    expect(x.changes).toEqual([{ householdId: 'p', kind: 'phasingOut', category: 'dibao', beforeFen: 60000, afterFen: 30000 }]);
    expect(x.byCategory.dibao!.deltaFen.phasingOut).toBe(-30000);
    // still phasing out the next month at the same amount: no change
    expect(rosterChanges([e('p', 'dibao', 30000, 'phasing_out')], [e('p', 'dibao', 30000, 'phasing_out')]).changes).toEqual([]);
  });
});

describe('roster month rules', () => {
  it('the roster of M reads the last day of M−1 and is allowed from the 1st of M', () => {
    expect(rosterBasisDay('2026-12')).toBe('2026-11-30');
    expect(rosterBasisDay('2027-01')).toBe('2026-12-31');
    expect(rosterAllowed('2026-12', '2026-11-30')).toBe(false);
    expect(rosterAllowed('2026-12', '2026-12-01')).toBe(true);
    expect(rosterAllowed('2027-01', '2026-12-15')).toBe(false);
  });
  it('the reminder is overdue after the 5th', () => {
    expect(reminderMessage('2026-12', '2026-12-05')).toEqual({ message: '12月花名册尚未报送财政，应于12月5日前报送', overdue: false });
    expect(reminderMessage('2026-12', '2026-12-06').overdue).toBe(true);
  });
});
