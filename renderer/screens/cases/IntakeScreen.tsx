// Placeholder until its branch lands (issue 15).
import type { Go } from '../../use-route';

export function IntakeScreen(props: { go: Go }) {
  void props;
  return (
    <section className="screen">
      <h1>受理申请</h1>
    </section>
  );
}
