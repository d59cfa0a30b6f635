// 会中: the projector screen. It covers the whole window (the app's own navigation means nothing to the
// room) as a modal layer, shows one agenda item, keeps attendance and quorum in view, and is driven from the keyboard:
// → ← move, A R D open the decision dialog with that outcome, H registers a recusal, Esc leaves.
// After a decision is confirmed it moves on to the next item still without one.
import { useEffect, useRef, useState } from 'react';
import type { Outcome } from '../../../../shared/domain';
import type { AgendaItemView, MeetingDetail } from '../../../../shared/meeting';
import { ModalLayer } from '../../../components/ModalLayer';
import { issueText, meetingTitle } from '../format';
import type { MeetingState } from '../use-meeting';
import { DecisionDialog } from './DecisionDialog';
import { commandFor, keyLegend, type SessionCommand } from './keys';
import { RecusalDialog } from './RecusalDialog';
import { SessionItem } from './SessionItem';
import { SessionSidebar } from './SessionSidebar';

type Props = {
  detail: MeetingDetail;
  meeting: MeetingState;
  itemId: string | null;
  onItem: (itemId: string) => void;
  onExit: () => void;
};

type DialogState = { kind: 'decision'; outcome: Outcome } | { kind: 'recusal' } | null;

/** The first item without a decision after `from` (wrapping round), or null when all are decided. */
function nextUndecided(items: AgendaItemView[], from: number): AgendaItemView | null {
  for (let step = 1; step <= items.length; step++) {
    const item = items[(from + step) % items.length];
    if (item && item.decision === null) return item;
  }
  return null;
}

export function SessionView({ detail, meeting, itemId, onItem, onExit }: Props) {
  const live = detail.items.filter((i) => !i.removed);
  const found = live.findIndex((i) => i.id === itemId);
  // Entering the session without a chosen item starts at the first one still to be decided.
  const index = found >= 0 ? found : Math.max(0, live.findIndex((i) => i.decision === null));
  const item = live[index];
  const [dialog, setDialog] = useState<DialogState>(null);
  const [error, setError] = useState<string | null>(null);

  function go(to: number) {
    const next = live[Math.max(0, Math.min(live.length - 1, to))];
    if (next) onItem(next.id);
    setError(null);
  }

  function perform(cmd: SessionCommand) {
    switch (cmd.kind) {
      case 'next':
        return go(index + 1);
      case 'prev':
        return go(index - 1);
      case 'decide':
        return setDialog({ kind: 'decision', outcome: cmd.outcome });
      case 'recuse':
        return setDialog({ kind: 'recusal' });
      case 'exit':
        return onExit();
      default: {
        const never: never = cmd;
        throw new Error(`unknown session command ${String(never)}`);
      }
    }
  }

  // One listener for the life of the screen; it always calls the latest render's handler.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    if (dialog !== null || !item) return;
    const cmd = commandFor(e);
    if (!cmd || (!meeting.canEdit && (cmd.kind === 'decide' || cmd.kind === 'recuse'))) return;
    e.preventDefault();
    perform(cmd);
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  function decided(fresh: MeetingDetail) {
    setDialog(null);
    const items = fresh.items.filter((i) => !i.removed);
    const at = items.findIndex((i) => i.id === item?.id);
    const next = nextUndecided(items, at);
    if (next) onItem(next.id);
  }

  async function act(p: Promise<{ ok: true } | { ok: false; message: string }>) {
    const r = await p;
    setError(r.ok ? null : r.message);
  }

  const decidedCount = live.filter((i) => i.decision !== null).length;
  return (
    <ModalLayer className="projector" label={`会中：${meetingTitle(detail)}`} testId="session-screen">
      <header className="pj-top">
        <div className="pj-title">
          {meetingTitle(detail)} {issueText(detail.issueNo)}
        </div>
        <div className="pj-position" data-testid="session-position">
          第 <strong>{item?.number ?? 0}</strong> / {live.length} 项
        </div>
        <nav className="pj-strip" aria-label="议题">
          {live.map((i, n) => (
            <button
              key={i.id}
              type="button"
              tabIndex={-1}
              className={['pj-dot', n === index ? 'current' : '', i.decision ? `done outcome-${i.decision.outcome}` : ''].join(' ')}
              title={`第 ${i.number} 项 ${i.case.headName}`}
              aria-current={n === index ? 'step' : undefined}
              onClick={() => go(n)}
            >
              {i.number}
            </button>
          ))}
        </nav>
        <div className="pj-nav">
          <button type="button" className="button" onClick={() => go(index - 1)} disabled={index === 0}>
            ← 上一项
          </button>
          <button type="button" className="button" onClick={() => go(index + 1)} disabled={index >= live.length - 1}>
            下一项 →
          </button>
          <button type="button" className="button" onClick={onExit} data-testid="session-exit">
            退出（Esc）
          </button>
        </div>
      </header>
      <main className="pj-main">
        {error && (
          <div className="notice error pj-error" role="alert" data-testid="session-error">
            {error}
          </div>
        )}
        {item ? (
          <SessionItem
            item={item}
            total={live.length}
            detail={detail}
            busy={meeting.busy}
            canEdit={meeting.canEdit}
            onDecide={(outcome) => setDialog({ kind: 'decision', outcome })}
            onRecuse={() => setDialog({ kind: 'recusal' })}
            onRemoveRecusal={(recusalId) => void act(meeting.run('meetings.removeRecusal', { meetingId: detail.id, recusalId }))}
            onClearDecision={() => void act(meeting.run('meetings.clearDecision', { meetingId: detail.id, itemId: item.id }))}
          />
        ) : (
          <div className="planned">议程中没有议题。</div>
        )}
      </main>
      <SessionSidebar detail={detail} item={item ?? null} decidedCount={decidedCount} />
      <footer className="pj-keys" aria-label="快捷键">
        {keyLegend
          .filter((k) => meeting.canEdit || !k.edits)
          .map((k) => (
            <span key={k.keys}>
              <kbd>{k.keys}</kbd> {k.what}
            </span>
          ))}
        {decidedCount === live.length && live.length > 0 && <span className="pj-all-done">全部议题已作出决定，可按 Esc 到“纪要”结束会议</span>}
      </footer>
      {dialog?.kind === 'decision' && item && (
        <DecisionDialog key={`${item.id}-${dialog.outcome}`} item={item} detail={detail} meeting={meeting} outcome={dialog.outcome} onClose={() => setDialog(null)} onDecided={decided} />
      )}
      {dialog?.kind === 'recusal' && item && <RecusalDialog item={item} detail={detail} meeting={meeting} onClose={() => setDialog(null)} />}
    </ModalLayer>
  );
}
