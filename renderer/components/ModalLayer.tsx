// A full-window layer that is truly modal: rendered outside the app's root, which is made inert while the
// layer is shown, so Tab, Enter and screen readers cannot reach the navigation and buttons hidden behind
// it (the session screen, the ceremony's projector view). Native <dialog>s opened from inside the layer
// stack above it as usual. Focus moves in when it opens and back to the opener when it closes.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { captureFocus, rememberFocusReturn } from '../focus-keeper';

type Props = { label: string; className: string; testId?: string; children: ReactNode };

let open = 0;

const tabbable = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab past the last control comes round to the first (and back), instead of out of the window to <body>. */
function trapTab(e: KeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'Tab' || e.defaultPrevented) return;
  // A <dialog> opened over the layer traps its own focus.
  if (e.target instanceof Element && e.target.closest('dialog')) return;
  const stops = [...e.currentTarget.querySelectorAll<HTMLElement>(tabbable)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) return;
  const at = document.activeElement;
  if (e.shiftKey && (at === first || at === e.currentTarget)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && at === last) {
    e.preventDefault();
    first.focus();
  }
}

export function ModalLayer({ label, className, testId, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = document.getElementById('root');
    const opener = captureFocus();
    open += 1;
    root?.setAttribute('inert', '');
    // The layer itself takes focus (not its first button), so a stray Enter acts on nothing.
    ref.current?.focus();
    return () => {
      open -= 1;
      if (open === 0) root?.removeAttribute('inert');
      rememberFocusReturn(opener);
    };
  }, []);
  return createPortal(
    <div ref={ref} className={className} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1} onKeyDown={trapTab} data-testid={testId}>
      {children}
    </div>,
    document.body,
  );
}
