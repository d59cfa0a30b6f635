import type { ReactNode } from 'react';

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
