// A new report or mapping step is what the person looks at next: its heading takes the focus and its
// panel is scrolled to the top of the screen's scrolling body, so at 1366×768 the figures and the refused
// rows are in view rather than below the template. Scrolled by hand: scrollIntoView would also scroll the
// window's frame, and the browser's own focus scroll stops as soon as the heading's line shows.
export function showAtTop(heading: HTMLElement | null): void {
  if (!heading) return;
  const panel = heading.closest<HTMLElement>('.panel') ?? heading;
  const body = panel.closest<HTMLElement>('.imp-body');
  if (body) body.scrollTop += panel.getBoundingClientRect().top - body.getBoundingClientRect().top;
  heading.focus({ preventScroll: true });
}
