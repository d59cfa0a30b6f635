// The one dialog in which a decision is confirmed: outcome, amount (approvals), reason (不同意 / 暂缓),
// votes pre-filled as unanimous, the item's recusals and the discussion notes. The service checks
// quorum, votes, passing and the amount limits; what it refuses is shown here, in the dialog, and the
// dialog stays open so the recorder can correct it.
import { useEffect, useRef, useState } from 'react';
import type { Outcome } from '../../../../shared/domain';
import { outcomeLabels } from '../../../../shared/glossary';
import type { AgendaItemView, MeetingDetail } from '../../../../shared/meeting';
import { formatYuan } from '../../../../shared/money';
import { Dialog, DialogError } from '../../../components/Dialog';
import type { MeetingState } from '../use-meeting';
import { LimitedInput, LimitedTextArea } from '../../../components/LimitedText';

type Props = {
  item: AgendaItemView;
  detail: MeetingDetail;
  meeting: MeetingState;
  outcome: Outcome;
  onClose: () => void;
  onDecided: (fresh: MeetingDetail) => void;
};

const outcomes = Object.keys(outcomeLabels) as Outcome[];
const voteFields = [
  { key: 'for', label: '赞成' },
  { key: 'against', label: '反对' },
  { key: 'abstain', label: '弃权' },
] as const;
type Votes = Record<(typeof voteFields)[number]['key'], string>;

export function DecisionDialog({ item, detail, meeting, outcome: initial, onClose, onDecided }: Props) {
  const c = item.case;
  const previous = item.decision;
  const [outcome, setOutcome] = useState<Outcome>(initial);
  const [amount, setAmount] = useState(() => {
    const fen = previous?.amountFen ?? c.proposedAmountFen;
    return fen === null ? '' : formatYuan(fen);
  });
  const [reason, setReason] = useState(previous && previous.outcome === initial ? previous.reason : '');
  const [votes, setVotes] = useState<Votes>({ for: String(item.eligibleVoters), against: '0', abstain: '0' });
  const [notes, setNotes] = useState(item.notes);
  // 更正以往决定: this decision may correct one of the household's decisions at a closed earlier meeting.
  const earlier = item.earlierDecisions ?? [];
  const [supersedes, setSupersedes] = useState(previous?.supersedes?.decisionId ?? '');
  // 渐退: the months of the phase-out, at most what the standard in force allows (the longest by default).
  const maxPhaseOut = detail.phaseOutMaxMonths ?? 6;
  const [phaseOutMonths, setPhaseOutMonths] = useState(String(maxPhaseOut));
  const [error, setError] = useState<string | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const needsAmount = outcome === 'approve' && c.amountRule === 'required';
  const needsReason = outcome !== 'approve';
  const needsPhaseOut = outcome === 'approve' && c.kind === 'phase_out';
  // The field the recorder types into first: the reason for 不同意 / 暂缓, else the amount, else confirm.
  useEffect(() => {
    const target = needsReason ? reasonRef.current : needsAmount ? amountRef.current : confirmRef.current;
    target?.focus();
    if (target instanceof HTMLInputElement) target.select();
  }, [needsReason, needsAmount]);

  const counts = voteFields.map((f) => Number(votes[f.key]));
  const countsValid = voteFields.every((f) => /^\d+$/.test(votes[f.key].trim()));
  const sum = counts.reduce((a, b) => a + b, 0);

  async function confirm() {
    if (!countsValid) return setError('票数须为不小于 0 的整数');
    if (needsReason && reason.trim() === '') {
      reasonRef.current?.focus();
      return setError(`${outcomeLabels[outcome]}须写明理由`);
    }
    if (needsPhaseOut && !/^\d+$/.test(phaseOutMonths.trim())) return setError('渐退期应为整月数');
    const [votesFor = 0, votesAgainst = 0, votesAbstain = 0] = counts;
    const r = await meeting.run('meetings.recordDecision', {
      meetingId: detail.id,
      itemId: item.id,
      outcome,
      reason: needsReason ? reason : '',
      amountYuan: needsAmount ? amount : null,
      votesFor,
      votesAgainst,
      votesAbstain,
      notes,
      supersedesDecisionId: supersedes === '' ? null : supersedes,
      phaseOutMonths: needsPhaseOut ? Number(phaseOutMonths.trim()) : null,
    });
    if (r.ok) onDecided(r.detail);
    else setError(r.message);
  }

  return (
    <Dialog
      title={`第 ${item.number} 项 · ${c.headName} · 作出决定`}
      onClose={onClose}
      onSubmit={() => void confirm()}
      testId="decision-dialog"
      large
      actions={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="decision-cancel">
            取消（Esc）
          </button>
          <button ref={confirmRef} type="submit" className="button primary" disabled={meeting.busy} data-testid="decision-confirm">
            确认{outcomeLabels[outcome]}（Enter）
          </button>
        </>
      }
    >
      <div className="segmented outcome-choice" role="radiogroup" aria-label="决定">
        {outcomes.map((o) => (
          <button key={o} type="button" role="radio" aria-checked={o === outcome} className={o === outcome ? `seg on outcome-${o}` : 'seg'} onClick={() => setOutcome(o)} data-testid={`decision-outcome-${o}`}>
            {outcomeLabels[o]}
          </button>
        ))}
      </div>
      {previous && (
        <p className="dialog-note">
          本项已决定“{outcomeLabels[previous.outcome]}”（赞成 {previous.votesFor}、反对 {previous.votesAgainst}、弃权 {previous.votesAbstain}），确认后以本次表决为准。
        </p>
      )}
      {!detail.quorum.met && <p className="warn-text">未达到法定人数，不能作出决定。</p>}

      {outcome === 'approve' && (
        <div className="dialog-row">
          {c.amountRule === 'required' && (
            <label className="field">
              <span>
                金额（元）<span className="muted">拟定 {c.proposedAmountFen === null ? '—' : formatYuan(c.proposedAmountFen)}；允许 {formatYuan(detail.approvalMinFen)}～{formatYuan(detail.approvalMaxFen)}</span>
              </span>
              <input ref={amountRef} type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="decision-amount" />
            </label>
          )}
          {needsPhaseOut && (
            <label className="field">
              <span>
                渐退期（个月）<span className="muted">最长 {maxPhaseOut} 个月，自公示期满次日起计</span>
              </span>
              <input type="number" min={1} max={maxPhaseOut} step={1} value={phaseOutMonths} onChange={(e) => setPhaseOutMonths(e.target.value)} data-testid="decision-phase-out-months" />
            </label>
          )}
          {c.amountRule === 'stop' && <p className="dialog-note">同意后停止发放（金额记为 0）。</p>}
          {c.amountRule === 'none' && <p className="dialog-note">本事项不涉及救助金额。</p>}
        </div>
      )}
      {needsReason && (
        <label className="field">
          <span>{outcomeLabels[outcome]}理由（必填，写入纪要）</span>
          <LimitedInput inputRef={reasonRef} value={reason} maxLength={300} onValue={setReason} testId="decision-reason" />
        </label>
      )}

      <fieldset className="votes">
        <legend>
          表决（可表决 {item.eligibleVoters} 人）
          <span className={countsValid && sum === item.eligibleVoters ? 'muted' : 'warn-text'} data-testid="decision-vote-sum">
            合计 {countsValid ? sum : '—'} 票
          </span>
        </legend>
        {voteFields.map((f) => (
          <label key={f.key} className="field vote">
            <span>{f.label}</span>
            <input type="number" min={0} step={1} value={votes[f.key]} onChange={(e) => setVotes({ ...votes, [f.key]: e.target.value })} data-testid={`decision-votes-${f.key}`} />
          </label>
        ))}
        <p className="muted small">赞成票指赞成“{outcomeLabels[outcome]}”这一决定；{detail.quorum.passingText}。</p>
      </fieldset>

      <div className="dialog-recusals" data-testid="decision-recusals">
        回避：
        {item.recusals.length === 0
          ? '无'
          : item.recusals.map((r) => `${r.name}（${r.reason}${r.leftRoom ? '，已离场' : ''}）`).join('；')}
      </div>

      <label className="field">
        <span>
          讨论情况（写入纪要）<span className="muted">在此处按 Ctrl+Enter 确认</span>
        </span>
        <LimitedTextArea rows={2} value={notes} maxLength={500} onValue={setNotes} testId="decision-notes" />
      </label>
      {/* Last, so the recorder's keyboard path (reason → votes → notes) stays as it was. */}
      {(earlier.length > 0 || previous?.supersedes) && (
        <label className="field">
          <span>更正以往决定（写入纪要）</span>
          <select value={supersedes} onChange={(e) => setSupersedes(e.target.value)} data-testid="decision-supersedes">
            <option value="">不更正以往决定</option>
            {previous?.supersedes && !earlier.some((e) => e.decisionId === previous.supersedes!.decisionId) && <option value={previous.supersedes.decisionId}>{previous.supersedes.label}</option>}
            {earlier.map((e) => (
              <option key={e.decisionId} value={e.decisionId}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <DialogError message={error} testId="decision-error" />
    </Dialog>
  );
}
