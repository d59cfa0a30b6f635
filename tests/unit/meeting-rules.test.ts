import { describe, expect, it } from 'vitest';
import { approvalAmountRule, checkVotes, itemVoters, passingVerdict, quorumRequired, quorumStatus } from '../../shared/meeting-rules';
import type { PassingRule, QuorumRule } from '../../shared/settings';

const half: QuorumRule = { kind: 'more_than_half' };
const twoThirds: QuorumRule = { kind: 'fraction', numerator: 2, denominator: 3 };

describe('quorum', () => {
  it.each([
    // rule, voting roster, present, required, met
    [half, 7, 4, 4, true],
    [half, 7, 3, 4, false],
    [half, 8, 4, 5, false], // exactly half is not more than half
    [half, 8, 5, 5, true],
    [half, 1, 1, 1, true],
    [half, 0, 0, 1, false], // no roster, no meeting
    [twoThirds, 9, 6, 6, true], // exact fraction needs no rounding up
    [twoThirds, 9, 5, 6, false],
    [twoThirds, 7, 5, 5, true], // 14/3 = 4.67 → 5
    [twoThirds, 7, 4, 5, false],
    [{ kind: 'fraction', numerator: 1, denominator: 2 } as QuorumRule, 8, 4, 4, true], // "at least half" differs from "more than half"
  ] as const)('%j with %i voting members and %i present → needs %i, met %s', (rule, roster, present, required, met) => {
    expect(quorumRequired(rule, roster)).toBe(required);
    expect(quorumStatus(rule, roster, present)).toEqual({ votingRoster: roster, presentVoting: present, required, met });
  });
});

describe('eligible voters and recusal', () => {
  const roster = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  it.each([
    // present, recused, eligible, recused-and-present, all members minus recused
    [['a', 'b', 'c', 'd', 'e'], [], 5, 0, 7],
    [['a', 'b', 'c', 'd', 'e'], ['c'], 4, 1, 6],
    [['a', 'b', 'c', 'd', 'e'], ['c', 'g'], 4, 1, 5], // g recused but absent: not subtracted twice
    [['a', 'b'], ['a', 'b'], 0, 2, 5],
  ] as const)('present %j, recused %j → %i eligible', (present, recused, eligible, recusedPresent, allMembers) => {
    expect(itemVoters(present, roster, recused)).toEqual({ present: present.length, recused: recusedPresent, eligible, allMembers });
  });
});

describe('votes must add up to the eligible voters', () => {
  const voters = itemVoters(['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'd', 'e', 'f', 'g'], ['f']);
  it.each([
    [{ votesFor: 5, votesAgainst: 0, votesAbstain: 0 }, null],
    [{ votesFor: 3, votesAgainst: 1, votesAbstain: 1 }, null],
    [{ votesFor: 6, votesAgainst: 0, votesAbstain: 0 }, 'votes-exceed-voters'], // the recused member voted
    [{ votesFor: 4, votesAgainst: 0, votesAbstain: 0 }, 'votes-short-of-voters'],
    [{ votesFor: 4.5, votesAgainst: 0.5, votesAbstain: 0 }, 'votes-not-integers'],
    [{ votesFor: -1, votesAgainst: 6, votesAbstain: 0 }, 'votes-not-integers'],
    [{ votesFor: Number.NaN, votesAgainst: 0, votesAbstain: 0 }, 'votes-not-integers'],
  ] as const)('%j → %s', (votes, code) => {
    expect(checkVotes(votes, voters)?.code ?? null).toBe(code);
  });
  it('names the recusal when votes exceed the voters', () => {
    expect(checkVotes({ votesFor: 6, votesAgainst: 0, votesAbstain: 0 }, voters)?.message).toContain('回避的成员不得参加表决');
  });
  it('refuses a vote when everyone present is recused', () => {
    expect(checkVotes({ votesFor: 0, votesAgainst: 0, votesAbstain: 0 }, itemVoters(['a'], ['a', 'b'], ['a']))?.code).toBe('no-voters');
  });
});

describe('passing rule', () => {
  const presentHalf: PassingRule = { basis: 'present_voting', kind: 'more_than_half' };
  const allHalf: PassingRule = { basis: 'all_members', kind: 'more_than_half' };
  const presentTwoThirds: PassingRule = { basis: 'present_voting', kind: 'two_thirds' };
  const roster = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const five = itemVoters(['a', 'b', 'c', 'd', 'e'], roster, []);
  const six = itemVoters(['a', 'b', 'c', 'd', 'e', 'f'], roster, []);
  it.each([
    [presentHalf, five, 3, true, 3],
    [presentHalf, five, 2, false, 3],
    [presentHalf, six, 3, false, 4], // a tie does not pass
    [presentHalf, six, 4, true, 4],
    [allHalf, five, 4, false, 5], // 9 members: 5 needed even if only 5 are present
    [allHalf, five, 5, true, 5],
    [presentTwoThirds, six, 4, true, 4],
    [presentTwoThirds, six, 3, false, 4],
    [presentTwoThirds, five, 4, true, 4], // 10/3 = 3.33 → 4
  ] as const)('%j: %i in favour → passed %s (needs %i)', (rule, voters, votesFor, passed, required) => {
    const verdict = passingVerdict(rule, { votesFor, votesAgainst: voters.eligible - votesFor, votesAbstain: 0 }, voters);
    expect(verdict.passed).toBe(passed);
    expect(verdict.required).toBe(required);
  });
  it('measures against eligible voters, so a recusal lowers the bar', () => {
    const withRecusal = itemVoters(['a', 'b', 'c', 'd', 'e', 'f'], roster, ['f']);
    expect(passingVerdict(presentHalf, { votesFor: 3, votesAgainst: 2, votesAbstain: 0 }, withRecusal)).toEqual({ passed: true, required: 3, basis: 5 });
  });
});

describe('approval amount rule', () => {
  it.each([
    [{ kind: 'new_application', proposedAmountFen: 52000 }, 'required'],
    [{ kind: 'temporary', proposedAmountFen: 100000 }, 'required'],
    [{ kind: 'new_application', proposedAmountFen: null }, 'none'],
    [{ kind: 'termination', proposedAmountFen: 0 }, 'stop'],
    [{ kind: 'termination', proposedAmountFen: null }, 'stop'],
  ] as const)('%j → %s', (c, rule) => {
    expect(approvalAmountRule(c)).toBe(rule);
  });
});
