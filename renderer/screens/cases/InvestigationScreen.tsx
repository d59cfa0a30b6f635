// Placeholder until its branch lands (issue 15).
import type { Go } from '../../use-route';

export function InvestigationScreen(props: { caseId: string; go: Go }) {
  void props;
  return (
    <section className="screen">
      <h1>家庭经济状况调查</h1>
    </section>
  );
}
