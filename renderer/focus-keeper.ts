// Keeps keyboard focus where the person was. Chromium drops focus to <body> when the focused control is
// disabled (a button greyed out while its command runs), re-rendered away (a row replaced after a reload)
// or removed with its dialog. Then the next Tab starts again from the top of the page. The keeper notices
// focus on <body> and puts it back on the same control, found again by what it is (its test id and row)
// once it is enabled, or on the control that opened a dialog that just closed.

/** The control, a path to find it again, and failing that its place among controls of its kind. */
type Anchor = { element: HTMLElement; selector: string | null; testId: string | null; index: number };

let last: Anchor | null = null;
/** When focus was first seen on <body> since it was last on a control; the keeper waits this long. */
let lostAt: number | null = null;
const patienceMs = 5000;

/** A CSS path from the nearest identified ancestors (row, panel) to the control, to find it again. */
function selectorOf(el: HTMLElement): string | null {
  const parts: string[] = [];
  for (let node: HTMLElement | null = el; node && parts.length < 3; node = node.parentElement) {
    const id = node.dataset.testid;
    if (!id) continue;
    let part = `[data-testid="${CSS.escape(id)}"]`;
    for (const attr of ['data-name', 'data-item-id', 'data-id', 'data-code', 'data-key']) {
      const v = node.getAttribute(attr);
      if (v) part += `[${attr}="${CSS.escape(v)}"]`;
    }
    parts.unshift(part);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function usable(el: Element | null): el is HTMLElement {
  return el instanceof HTMLElement && el.isConnected && !el.closest('[inert]') && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;
}

function anchorOf(el: HTMLElement): Anchor {
  const testId = el.dataset.testid ?? null;
  const index = testId ? [...document.querySelectorAll(`[data-testid="${CSS.escape(testId)}"]`)].indexOf(el) : -1;
  return { element: el, selector: selectorOf(el), testId, index };
}

function note(el: HTMLElement): void {
  last = anchorOf(el);
}

export type FocusReturn = Anchor;

/** Where focus is now, taken by a dialog or layer as it opens (while the opener and its row still exist). */
export function captureFocus(): FocusReturn | null {
  const el = document.activeElement;
  return el instanceof HTMLElement && el !== document.body ? anchorOf(el) : null;
}

/** The same control again; or, when its row is gone (an item removed), the one that took its place. */
function findAgain(a: Anchor): Element | null {
  if (usable(a.element)) return a.element;
  const same = a.selector ? document.querySelector(a.selector) : null;
  if (usable(same)) return same;
  // Still there but greyed out while its command runs: wait for it rather than jump to a neighbour.
  if ((a.element as HTMLElement).isConnected || same || !a.testId || a.index < 0) return null;
  const kin = [...document.querySelectorAll(`[data-testid="${CSS.escape(a.testId)}"]`)].filter(usable);
  return kin[Math.min(a.index, kin.length - 1)] ?? null;
}

/** Called by a dialog or layer as it closes: focus goes back to the control that opened it. */
export function rememberFocusReturn(opener: FocusReturn | null): void {
  if (!opener) return;
  last = opener;
  lostAt = Date.now();
  restore();
}

function restore(): void {
  const a = last;
  if (!a) return;
  const active = document.activeElement;
  if (active && active !== document.body && active !== document.documentElement) {
    lostAt = null;
    return;
  }
  lostAt ??= Date.now();
  if (Date.now() - lostAt > patienceMs) {
    last = null;
    return;
  }
  const again = findAgain(a);
  if (usable(again)) {
    again.focus({ preventScroll: true });
    if (again !== a.element) note(again);
  }
}

/** Installed once for the window. */
export function installFocusKeeper(): void {
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof HTMLElement && e.target !== document.body) note(e.target);
  });
  // A click on empty page is the person putting focus down; do not pull it back.
  document.addEventListener('pointerdown', (e) => {
    const t = e.target instanceof Element ? e.target.closest('button, a, input, select, textarea, [tabindex]') : null;
    if (!t) last = null;
  });
  // Polling is cheaper and surer than watching every attribute and node: Chromium fires no event when
  // the focused element is disabled or removed.
  window.setInterval(restore, 100);
}
