// 到期: what falls due in the street (re-checks, phase-outs ending, re-checks after a death, temporary-assistance
// follow-ups, applications near their working-day limit). Built in issue 17 (the calendar).
import type { Go } from '../../use-route';

export function DueScreen(_props: { go: Go }) {
  return (
    <section className="screen" aria-labelledby="due-title">
      <h1 id="due-title">到期事项</h1>
    </section>
  );
}
