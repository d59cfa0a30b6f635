// Always on the projector's right: whether the meeting may decide at all (quorum), the passing rule,
// how many may vote on this item, and who is in the room, on leave, absent, observing or recused.
import { attendanceLabels, committeePositionLabels } from '../../../../shared/glossary';
import type { AgendaItemView, MeetingDetail } from '../../../../shared/meeting';

type Props = { detail: MeetingDetail; item: AgendaItemView | null; decidedCount: number };

export function SessionSidebar({ detail, item, decidedCount }: Props) {
  const q = detail.quorum;
  const members = detail.roster.filter((r) => r.memberId !== null);
  const observers = detail.roster.filter((r) => r.memberId === null);
  const recused = new Set(item?.recusals.map((r) => r.memberId) ?? []);
  const total = detail.items.filter((i) => !i.removed).length;

  return (
    <aside className="pj-side" aria-label="出席与法定人数">
      <div className={q.met ? 'pj-quorum ok' : 'pj-quorum warn'} data-testid="quorum" data-met={q.met}>
        <div className="pj-quorum-figure">
          <strong>{q.presentVoting}</strong>
          <span> / {q.required}</span>
        </div>
        <div>出席表决成员 / 法定人数</div>
        <div className="pj-quorum-state">{q.met ? '已达到法定人数' : '未达到法定人数，不能作出决定'}</div>
        <div className="pj-rule">
          {q.ruleText}；{q.passingText}
        </div>
      </div>
      {item && (
        <div className="pj-voters" data-testid="eligible-voters">
          本项可表决 <strong>{item.eligibleVoters}</strong> 人{item.recusals.length > 0 ? `（回避 ${item.recusals.length} 人）` : ''}
        </div>
      )}
      <div className="pj-progress" data-testid="session-progress">
        已决定 <strong>{decidedCount}</strong> / {total} 项
      </div>
      <h3>领导小组成员</h3>
      <ul className="pj-roster">
        {members.map((m) => {
          const away = m.memberId !== null && recused.has(m.memberId);
          return (
            <li key={m.attendanceId} className={`att-${m.attendance}${away ? ' recused' : ''}`} data-testid="session-attendee">
              <span className="pj-name">
                {m.name}
                <span className="pj-pos">{m.position ? committeePositionLabels[m.position] : ''}</span>
              </span>
              <span className="pj-att">{away ? '本项回避' : attendanceLabels[m.attendance]}</span>
              {m.attendance === 'leave' && m.reason && <span className="pj-reason">{m.reason}</span>}
            </li>
          );
        })}
      </ul>
      {observers.length > 0 && (
        <>
          <h3>列席</h3>
          <ul className="pj-roster">
            {observers.map((o) => (
              <li key={o.attendanceId} className="att-observer">
                <span className="pj-name">{o.name}</span>
                <span className="pj-reason">{o.title}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
