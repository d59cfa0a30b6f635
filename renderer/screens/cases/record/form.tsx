// How every dialog of the record page shows a refusal: each problem the service named is shown at its
// field (aria-invalid, aria-describedby to the message), the others in an alert above the buttons, and
// nothing the person typed is lost: the dialog stays open with the same values until a write succeeds.
import { useId, useState, type ReactNode } from 'react';
import type { CaseRecordView } from '../../../../shared/case-record';
import { errorMessage, fieldProblems, type FieldProblem } from '../../../api';

export type FieldState = {
  message: string | null;
  /** The message's element id, for aria-describedby. */
  id: string;
  /** Spread on the input or select. */
  input: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
};

export type DialogForm = {
  busy: boolean;
  alert: string | null;
  at: (field: string) => FieldState;
  /** The person changed a field: its refusal concerned the old value and goes. */
  edited: (field: string) => void;
  /** A setter that also lets go of the field's refusal. */
  bind: <T>(field: string, set: (value: T) => void) => (value: T) => void;
  /** Problems found before any call (an amount that is not one). */
  refuse: (problems: readonly FieldProblem[]) => void;
  /** Runs a write; on success `done` gets the fresh record, on refusal the problems are shown. */
  submit: (send: () => Promise<CaseRecordView>, done: (view: CaseRecordView) => void) => Promise<void>;
};

/** `fields` are the argument paths the dialog has inputs for ("reason", "member.citizenId"). */
export function useDialogForm(fields: readonly string[]): DialogForm {
  const base = useId();
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function show(list: readonly FieldProblem[], fallback: string) {
    const atFields = new Map<string, string>();
    const rest: string[] = [];
    for (const p of list) {
      if (fields.includes(p.field)) {
        if (!atFields.has(p.field)) atFields.set(p.field, p.message);
      } else rest.push(p.message);
    }
    setProblems(atFields);
    if (rest.length > 0) setAlert([...new Set(rest)].join('；'));
    else if (atFields.size > 0) setAlert(`有 ${atFields.size} 处需要修改，见各栏下的红字`);
    else setAlert(fallback);
  }

  const at = (field: string): FieldState => {
    const message = problems.get(field) ?? null;
    const id = `${base}-${field.replace(/\W/g, '-')}-error`;
    return { message, id, input: { 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? id : undefined } };
  };

  const edited = (field: string) => {
    if (!problems.has(field)) return;
    const next = new Map(problems);
    next.delete(field);
    setProblems(next);
    if (next.size === 0) setAlert(null);
  };

  return {
    busy,
    alert,
    at,
    edited,
    bind: (field, set) => (value) => {
      edited(field);
      set(value);
    },
    refuse: (list) => show(list, '请检查填写的内容'),
    submit: async (send, done) => {
      setBusy(true);
      setAlert(null);
      setProblems(new Map());
      try {
        const view = await send();
        setBusy(false);
        done(view);
      } catch (error) {
        setBusy(false);
        show(fieldProblems(error), errorMessage(error));
      }
    },
  };
}

/** The refusal under a field, named by the id its input points to. */
export function FieldError({ state }: { state: FieldState }) {
  if (!state.message) return null;
  return (
    <small className="field-error" id={state.id} data-testid="field-error">
      {state.message}
    </small>
  );
}

/** A labelled field with its refusal under it. */
export function Field({ label, state, children, grow }: { label: string; state: FieldState; children: ReactNode; grow?: boolean }) {
  return (
    <label className={`field${grow ? ' grow' : ''}${state.message ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      <FieldError state={state} />
    </label>
  );
}
