// A modal dialog on the native <dialog> element: the browser traps focus inside it, puts it in the top
// layer above everything (also above the full-screen session view) and closes it on Esc; focus
// returns to the control that opened it. React stays
// in charge of whether it is open: Esc is turned into onClose instead of letting the element close itself.
//
// Enter confirms: plain Enter in any single-line field or select submits the form, Ctrl+Enter (or
// ⌘+Enter) does so from a textarea, where plain Enter is a line break. Enter that only commits a
// Chinese IME composition never submits.
import { useScrolledIntoView } from './LoadError';
import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { captureFocus, rememberFocusReturn } from '../focus-keeper';

export type DialogProps = {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
  /** The footer buttons; one of them should be type="submit". */
  actions: ReactNode;
  /** Focused when the dialog opens; otherwise the first focusable field. */
  initialFocus?: RefObject<HTMLElement | null>;
  testId?: string;
  wide?: boolean;
  large?: boolean;
};

export function Dialog({ title, onClose, onSubmit, children, actions, initialFocus, testId, wide, large }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // Opening and the first focus happen once per mount, whatever the props do afterwards.
  const firstFocus = useRef(initialFocus);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Closing returns focus to the control that opened the dialog, not to <body>.
    const opener = captureFocus();
    if (!dialog.open) dialog.showModal();
    const target = firstFocus.current?.current;
    if (target) {
      target.focus();
      if (target instanceof HTMLInputElement && target.type === 'text') target.select();
    }
    const cancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    // Chromium may close a dialog on a repeated Esc without a cancelable cancel event; React must
    // learn of it, or the screen behind would think a dialog is still open and ignore its keys.
    const closed = () => onCloseRef.current();
    dialog.addEventListener('cancel', cancel);
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      rememberFocusReturn(opener);
    };
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const target = e.target as HTMLElement;
    // A focused button already acts on Enter by itself (cancel must stay cancel).
    if (target instanceof HTMLButtonElement) return;
    if (target instanceof HTMLTextAreaElement && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    formRef.current?.requestSubmit();
  }

  const className = ['dialog', wide ? 'wide' : '', large ? 'large' : ''].filter(Boolean).join(' ');
  return (
    <dialog ref={ref} className={className} aria-label={title} data-testid={testId}>
      <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <h2 className="dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}

/** The error a service (or a pre-check) returned, shown inside the dialog that caused it. */
export function DialogError({ message, testId }: { message: string | null; testId?: string }) {
  const ref = useScrolledIntoView<HTMLDivElement>(message);
  if (!message) return null;
  return (
    <div ref={ref} className="notice error dialog-error" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}
