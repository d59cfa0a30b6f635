// The session's keyboard: which key does what, and when a key is not a command at all (someone typing
// a reason, an IME composing Chinese, a shortcut of the browser or the system).
import type { Outcome } from '../../../../shared/domain';

export type SessionCommand = { kind: 'next' } | { kind: 'prev' } | { kind: 'decide'; outcome: Outcome } | { kind: 'recuse' } | { kind: 'exit' };

/** True while the key goes into a field: letters typed there must never record a decision. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return false;
}

export function commandFor(e: KeyboardEvent): SessionCommand | null {
  // keyCode 229 is what Chromium reports while an IME is composing.
  if (e.defaultPrevented || e.isComposing || e.keyCode === 229 || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e.target)) return null;
  // A dialog handles its own keys (Enter, Esc); the session must not act behind it.
  if (e.target instanceof Element && e.target.closest('dialog')) return null;
  switch (e.key) {
    // Presentation clickers send PageDown / PageUp, so they move through the agenda too.
    case 'ArrowRight':
    case 'PageDown':
      return { kind: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { kind: 'prev' };
    case 'Escape':
      return { kind: 'exit' };
    default:
      break;
  }
  switch (e.key.toLowerCase()) {
    case 'a':
      return { kind: 'decide', outcome: 'approve' };
    case 'r':
      return { kind: 'decide', outcome: 'reject' };
    case 'd':
      return { kind: 'decide', outcome: 'defer' };
    case 'h':
      return { kind: 'recuse' };
    default:
      return null;
  }
}

/** The footer's reminder; `edits` keys mean nothing to someone who only reads the meeting. */
export const keyLegend: { keys: string; what: string; edits: boolean }[] = [
  { keys: '← →', what: '上一项 / 下一项', edits: false },
  { keys: 'A', what: '同意', edits: true },
  { keys: 'R', what: '不同意', edits: true },
  { keys: 'D', what: '暂缓', edits: true },
  { keys: 'H', what: '登记回避', edits: true },
  { keys: 'Enter', what: '确认', edits: true },
  { keys: 'Esc', what: '关闭 / 返回', edits: false },
];
