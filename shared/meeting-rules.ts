// The leading group's voting rules (DESIGN.md §2, §4), pure so the service, the session screen and the
// tests all compute the same quorum, the same eligible voters and the same verdict on a vote.
import { caseKindLabels } from './glossary';
import type { CaseKind, CaseStatus } from './domain';
import type { PassingRule, QuorumRule } from './settings';
import { missingCase } from './result';

/** Cases that go on an agenda: new, deferred at an earlier meeting, or back from re-investigation. */
export const agendaCaseStatuses: readonly CaseStatus[] = ['pending', 'deferred', 'reinvestigating'];

/** Agenda order within a community, as in DESIGN.md §4 (community, then kind). */
export const agendaKindOrder: readonly CaseKind[] = Object.keys(caseKindLabels) as CaseKind[];

export type QuorumStatus = {
  /** Voting members of the roster (列席 and non-voting recorders excluded). */
  votingRoster: number;
  presentVoting: number;
  required: number;
  met: boolean;
};

/** Smallest number of present voting members that satisfies the rule. */
export function quorumRequired(rule: QuorumRule, votingRoster: number): number {
  switch (rule.kind) {
    case 'more_than_half':
      return Math.floor(votingRoster / 2) + 1;
    case 'fraction':
      // Integer arithmetic: ceil(n × num / den) without floating-point surprises at exact fractions.
      return Math.max(1, Math.ceil((votingRoster * rule.numerator) / rule.denominator));
    default:
      return missingCase(rule, 'quorum rule');
  }
}

export function quorumStatus(rule: QuorumRule, votingRoster: number, presentVoting: number): QuorumStatus {
  const required = quorumRequired(rule, votingRoster);
  return { votingRoster, presentVoting, required, met: votingRoster > 0 && presentVoting >= required };
}

export function quorumRuleText(rule: QuorumRule): string {
  switch (rule.kind) {
    case 'more_than_half':
      return '超过半数成员出席';
    case 'fraction':
      return `不少于${rule.numerator}/${rule.denominator}的成员出席`;
    default:
      return missingCase(rule, 'quorum rule');
  }
}

export type VoteCount = { votesFor: number; votesAgainst: number; votesAbstain: number };

/**
 * Who may vote on one item: present voting members who have not recused themselves. `allMembers` is the
 * voting roster minus the recused, the basis of an `all_members` passing rule.
 */
export type ItemVoters = { present: number; recused: number; eligible: number; allMembers: number };

export function itemVoters(presentVoting: readonly string[], votingRoster: readonly string[], recusedMemberIds: readonly string[]): ItemVoters {
  const recused = new Set(recusedMemberIds);
  const eligible = presentVoting.filter((id) => !recused.has(id)).length;
  return {
    present: presentVoting.length,
    recused: presentVoting.filter((id) => recused.has(id)).length,
    eligible,
    allMembers: votingRoster.filter((id) => !recused.has(id)).length,
  };
}

export type VoteProblem =
  | { code: 'votes-not-integers'; message: string }
  | { code: 'votes-exceed-voters'; message: string }
  | { code: 'votes-short-of-voters'; message: string }
  | { code: 'no-voters'; message: string };

/**
 * Every present member who has not recused casts one vote (an abstention counts as a vote cast), so
 * the three counts must add up to the eligible voters exactly.
 */
export function checkVotes(votes: VoteCount, voters: ItemVoters): VoteProblem | null {
  const counts = [votes.votesFor, votes.votesAgainst, votes.votesAbstain];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) return { code: 'votes-not-integers', message: '票数必须是不小于 0 的整数' };
  if (voters.eligible === 0) return { code: 'no-voters', message: '本议题没有可参加表决的成员' };
  const total = counts.reduce((a, b) => a + b, 0);
  const who = voters.recused > 0 ? `出席成员 ${voters.present} 人，回避 ${voters.recused} 人，可表决 ${voters.eligible} 人` : `可表决 ${voters.eligible} 人`;
  if (total > voters.eligible) {
    const extra = voters.recused > 0 ? '；回避的成员不得参加表决' : '';
    return { code: 'votes-exceed-voters', message: `表决票数合计 ${total} 票，超过可表决人数（${who}）${extra}` };
  }
  if (total < voters.eligible) {
    return { code: 'votes-short-of-voters', message: `表决票数合计 ${total} 票，少于可表决人数（${who}）；未表态的请记为弃权` };
  }
  return null;
}

export type PassingVerdict = { passed: boolean; required: number; basis: number };

/** Votes in favour needed for the recorded outcome to stand. */
export function passingVerdict(rule: PassingRule, votes: VoteCount, voters: ItemVoters): PassingVerdict {
  const basis = rule.basis === 'present_voting' ? voters.eligible : voters.allMembers;
  let required: number;
  switch (rule.kind) {
    case 'more_than_half':
      required = Math.floor(basis / 2) + 1;
      break;
    case 'two_thirds':
      required = Math.ceil((basis * 2) / 3);
      break;
    default:
      return missingCase(rule.kind, 'passing rule');
  }
  return { passed: basis > 0 && votes.votesFor >= required, required, basis };
}

export function passingRuleText(rule: PassingRule): string {
  const basis = rule.basis === 'present_voting' ? '出席且参加表决成员' : '全体有表决权成员';
  const share = rule.kind === 'more_than_half' ? '过半数' : '三分之二以上';
  return `${basis}${share}同意`;
}

export type AmountRule = 'required' | 'stop' | 'none';

/**
 * Whether approving a case needs an amount: a termination stops payment, a case drafted without a
 * proposed amount is a recognition without cash, everything else is paid and needs the amount.
 */
export function approvalAmountRule(c: { kind: CaseKind; proposedAmountFen: number | null }): AmountRule {
  if (c.kind === 'termination') return 'stop';
  return c.proposedAmountFen === null ? 'none' : 'required';
}

/**
 * What must be on file before a case may be approved, or null: a case whose household has a 近亲属 filing
 * (低保办法 art. 11) is approved only after its home visit is recorded, whatever else it has.
 */
export function approvalBlocker(c: { closeRelative: boolean; homeVisitOn: string | null }): string | null {
  if (c.closeRelative && c.homeVisitOn === null) return '该个案已作近亲属备案，须先登记入户调查（家庭经济状况调查），才能作出同意的决定';
  return null;
}

/**
 * Whether a case can be put on an agenda: its family economic investigation is complete, or it is a
 * 小金额先行救助 already paid, which the meeting reviews after the fact even before the file is complete.
 */
export function readyForAgenda(c: { investigated: boolean; prepaid: boolean; openedFor?: string | null }): boolean {
  // A 复核 or 停保 opened from a due item or a correction goes straight onto the next agenda (issue 17).
  return c.investigated || c.prepaid || Boolean(c.openedFor);
}
