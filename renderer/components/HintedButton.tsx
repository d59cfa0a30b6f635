// A button that cannot act yet and says why. A disabled <button> drops out of the Tab order, so a keyboard
// user never reaches it nor the note beside it; this one stays focusable (aria-disabled), ignores clicks
// while it cannot act, and is described by its reason, which is also shown beside it.
import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'onClick'> & {
  /** Why it cannot act now; null when it can. */
  blockedBy: string | null;
  /** Busy with a call: plainly disabled, no reason needed. */
  busy?: boolean;
  onClick: () => void;
  children: ReactNode;
  testId?: string;
  /** Where the reason is shown. */
  reasonFirst?: boolean;
};

export function HintedButton({ blockedBy, busy = false, onClick, children, testId, reasonFirst = false, className = 'button', type = 'button', ...rest }: Props) {
  const id = useId();
  const reason = blockedBy && (
    <span id={id} className="muted toolbar-note hinted-reason" data-testid={testId ? `${testId}-reason` : undefined}>
      {blockedBy}
    </span>
  );
  return (
    <>
      {reasonFirst && reason}
      <button
        {...rest}
        // A blocked submit button must not submit its form either.
        type={blockedBy ? 'button' : type}
        className={className}
        disabled={busy}
        aria-disabled={blockedBy ? true : undefined}
        aria-describedby={blockedBy ? id : undefined}
        onClick={() => {
          if (!blockedBy && !busy) onClick();
        }}
        data-testid={testId}
      >
        {children}
      </button>
      {!reasonFirst && reason}
    </>
  );
}
