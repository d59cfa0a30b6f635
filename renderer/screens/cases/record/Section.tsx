// One section of the record page: a panel with a heading the bar's links jump to, and its buttons.
import type { ReactNode } from 'react';

type Props = { id: string; title: string; actions?: ReactNode; children: ReactNode; testId: string };

export function Section({ id, title, actions, children, testId }: Props) {
  return (
    <section className="panel cr-section" id={id} aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="panel-head">
        {/* Focusable from the bar's links, so the keyboard lands where the eye does. */}
        <h2 id={`${id}-title`} className="cr-section-title" tabIndex={-1}>
          {title}
        </h2>
        {actions && <div className="row-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

