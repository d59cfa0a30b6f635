// Placeholder until its branch lands (issue 15).
import type { Go } from '../../use-route';

export function CaseRecordScreen(props: { caseId: string; go: Go }) {
  void props;
  return (
    <section className="screen">
      <h1>个案</h1>
    </section>
  );
}
