import { useEffect, useRef, type ReactNode } from 'react';

/** A failed load, said plainly, with a retry and any other way out the screen offers. */
export function LoadError({ what, message, onRetry, children }: { what: string; message: string; onRetry: () => void; children?: ReactNode }) {
  return (
    <div className="notice error" role="alert">
      载入{what}失败：{message}
      <button type="button" className="button small" onClick={onRetry}>
        重试
      </button>
      {children}
    </div>
  );
}

/**
 * Brings a message that just appeared into view: a refusal at the top of a long page, or below the fold
 * of a dialog, is otherwise missed, and the button that caused it seems to do nothing.
 */
export function useScrolledIntoView<T extends HTMLElement>(message: string | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'auto' });
  }, [message]);
  return ref;
}

/** An action that failed, said plainly until the person dismisses it. Nothing when there is no error. */
export function ErrorNotice({ error, onDismiss, testId }: { error: string | null; onDismiss: () => void; testId: string }) {
  const ref = useScrolledIntoView<HTMLDivElement>(error);
  if (!error) return null;
  return (
    <div ref={ref} className="notice error" role="alert" data-testid={testId}>
      {error}
      <button type="button" className="button small" onClick={onDismiss}>
        知道了
      </button>
    </div>
  );
}

/**
 * A record page before its record is there: "loading…", or the failure with a retry and the way back to
 * the list. Pages return this while `detail.status !== 'ready'`.
 */
export function RecordPending({ detail, what, onRetry, onBack, back }: { detail: { status: 'loading' } | { status: 'error'; message: string }; what: string; onRetry: () => void; onBack: () => void; back: string }) {
  if (detail.status === 'loading') return <div className="loading">正在载入{what}…</div>;
  return (
    <section className="screen">
      <LoadError what={what} message={detail.message} onRetry={onRetry}>
        <button type="button" className="button small" onClick={onBack}>
          {back}
        </button>
      </LoadError>
    </section>
  );
}
