// One agenda item as the room sees it on the projector: who the household is, what is asked, what the
// income check and the home visit found, the money, the flags, the recusals and the decision if taken.
import type { ReactNode } from 'react';
import { formatChineseDate } from '../../../../shared/dates';
import type { Outcome } from '../../../../shared/domain';
import { caseCategoryLabels, caseKindLabels, outcomeLabels, relationLabels } from '../../../../shared/glossary';
import { formatYuan } from '../../../../shared/money';
import type { AgendaItemView, MeetingDetail } from '../../../../shared/meeting';
import { yuanOrDash } from '../format';
import { relatedMembers } from './related';

type Props = {
  item: AgendaItemView;
  total: number;
  detail: MeetingDetail;
  busy: boolean;
  canEdit: boolean;
  onDecide: (outcome: Outcome) => void;
  onRecuse: () => void;
  onRemoveRecusal: (recusalId: string) => void;
  onClearDecision: () => void;
};

export function SessionItem({ item, total, detail, busy, canEdit, onDecide, onRecuse, onRemoveRecusal, onClearDecision }: Props) {
  const c = item.case;
  const d = item.decision;
  const q = detail.quorum;
  const related = d || !canEdit ? [] : relatedMembers(item, detail);
  return (
    <article
      className="pj-item"
      data-testid="session-item"
      data-item-id={item.id}
      data-head={c.headName}
      data-community={c.communityName}
      data-amount-rule={c.amountRule}
      data-kind={c.kind}
      aria-label={`第 ${item.number} 项，共 ${total} 项`}
    >
      <div className="pj-ident">
        <span className="pj-number">{item.number}</span>
        <h2 className="pj-head" data-testid="session-head">
          {c.headName}
          <span className="pj-size">家庭 {c.householdSize} 人</span>
        </h2>
        <div className="pj-tags">
          <span className="pj-community">{c.communityName}</span>
          <span className="pj-kind">{caseKindLabels[c.kind]}</span>
          {/* 临时救助 is both a kind and a category: say it once. */}
          {caseCategoryLabels[c.category] !== caseKindLabels[c.kind] && <span className="pj-category">{caseCategoryLabels[c.category]}</span>}
          {c.closeRelative && <span className="flag pj-flag">近亲属备案</span>}
          {c.complaint && <span className="flag pj-flag">投诉举报</span>}
        </div>
      </div>

      {!q.met && (
        <div className="pj-banner warn" role="alert" data-testid="no-quorum">
          出席的表决成员 {q.presentVoting} 人，未达到法定人数 {q.required} 人：本项不能作出决定。
        </div>
      )}
      {related.length > 0 && (
        <div className="pj-banner warn" role="alert" data-testid="recusal-hint">
          近亲属备案涉及领导小组成员 {related.map((r) => r.name).join('、')}：应当回避，请按 H 登记回避。
        </div>
      )}
      {q.met && item.eligibleVoters === 0 && (
        <div className="pj-banner warn" role="alert">
          本项没有可参加表决的成员（全部回避），不能作出决定。
        </div>
      )}
      {d ? (
        <div className={`pj-banner decided outcome-${d.outcome}`} data-testid="session-decision" data-outcome={d.outcome}>
          <span className="pj-outcome">已决定：{outcomeLabels[d.outcome]}</span>
          {d.amountFen !== null && <span>金额 {formatYuan(d.amountFen)} 元</span>}
          <span>
            赞成 {d.votesFor} · 反对 {d.votesAgainst} · 弃权 {d.votesAbstain}
          </span>
          {d.reason && <span>理由：{d.reason}</span>}
          {d.supersedes && <span data-testid="decision-supersedes-note">本决定更正了{d.supersedes.label}</span>}
          {canEdit && (
            <button type="button" className="button small-inline" disabled={busy} onClick={onClearDecision} data-testid="clear-decision">
              撤销决定
            </button>
          )}
        </div>
      ) : (
        q.met &&
        canEdit && (
          <div className="pj-actions">
            <button type="button" className="button pj-approve" onClick={() => onDecide('approve')}>
              同意（A）
            </button>
            <button type="button" className="button" onClick={() => onDecide('reject')}>
              不同意（R）
            </button>
            <button type="button" className="button" onClick={() => onDecide('defer')}>
              暂缓（D）
            </button>
          </div>
        )
      )}

      <div className="pj-money">
        <Fact label="人均月收入">{c.perCapitaIncomeFen === null ? '—' : `${formatYuan(c.perCapitaIncomeFen)} 元`}</Fact>
        <Fact label="现发放金额">{c.currentAmountFen === null ? '—' : `${formatYuan(c.currentAmountFen)} 元`}</Fact>
        <Fact label="拟定金额" strong testId="session-proposed">
          {c.amountRule === 'stop' ? '停止发放' : c.proposedAmountFen === null ? '—' : `${formatYuan(c.proposedAmountFen)} 元`}
        </Fact>
        {c.prepaidAmountFen !== null && (
          <Fact label="先行救助（已发放）">
            {formatYuan(c.prepaidAmountFen)} 元{c.prepaidOn ? `（${formatChineseDate(c.prepaidOn)}）` : ''}
          </Fact>
        )}
        <Fact label="申请日期">{formatChineseDate(c.appliedOn)}</Fact>
      </div>

      {c.reason && <Note title="申请事由">{c.reason}</Note>}
      {(c.closeRelative || c.complaint) && (
        <div className="pj-flag-notes">
          {c.closeRelative && <Note title="近亲属备案" warn>{c.closeRelativeNote || '已备案'}</Note>}
          {c.complaint && <Note title="投诉举报" warn>{c.complaintNote || '有投诉举报'}</Note>}
        </div>
      )}

      <table className="pj-members">
        <thead>
          <tr>
            <th>姓名</th>
            <th>与户主关系</th>
            <th className="num">年龄</th>
            <th className="num">月收入（元）</th>
            <th>职业</th>
            <th>健康 / 残疾</th>
          </tr>
        </thead>
        <tbody>
          {c.members.map((m, i) => (
            <tr key={`${m.name}-${i}`}>
              <td>{m.name}</td>
              <td>{relationLabels[m.relation]}</td>
              <td className="num">{m.age}</td>
              <td className="num">{yuanOrDash(m.monthlyIncomeFen)}</td>
              <td>{m.occupation || '—'}</td>
              <td>{[m.health, m.disability].filter(Boolean).join('；') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="pj-notes">
        <Note title="信息核对">{c.incomeCheckNote || '（无记录）'}</Note>
        <Note title="入户调查">{c.homeVisitNote || '（无记录）'}</Note>
      </div>

      <section className="pj-recusals" data-testid="session-recusals">
        <h3>回避</h3>
        {item.recusals.length === 0 && <span className="muted">本项无人回避</span>}
        <ul>
          {item.recusals.map((r) => (
            <li key={r.id} data-testid="recusal-row">
              <strong>{r.name}</strong>（{r.title}）：{r.reason}
              {r.leftRoom ? '，已离场' : '，未离场'}
              {!d && canEdit && (
                <button type="button" className="button small-inline" disabled={busy} onClick={() => onRemoveRecusal(r.id)}>
                  撤销
                </button>
              )}
            </li>
          ))}
        </ul>
        {!canEdit ? null : d ? (
          <span className="muted small">已作出决定；如需更改回避，请先撤销决定。</span>
        ) : (
          <button type="button" className="button" onClick={onRecuse} data-testid="add-recusal">
            登记回避（H）
          </button>
        )}
      </section>
    </article>
  );
}

function Fact({ label, children, strong, testId }: { label: string; children: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <div className={strong ? 'pj-fact strong' : 'pj-fact'} data-testid={testId}>
      <div className="pj-fact-label">{label}</div>
      <div className="pj-fact-value">{children}</div>
    </div>
  );
}

function Note({ title, children, warn }: { title: string; children: ReactNode; warn?: boolean }) {
  return (
    <div className={warn ? 'pj-note warn' : 'pj-note'}>
      <div className="pj-note-title">{title}</div>
      <div>{children}</div>
    </div>
  );
}
