// Problems at their fields: each input that has one is marked invalid and described by its messages,
// which are shown beside it. A field is named as the call names it ("incomes.0.exemptFen").
import type { ReactNode } from 'react';
import type { FieldProblem } from '../../../api';

export type FieldErrors = {
  /** The messages of one field. */
  at: (field: string) => string[];
  /** The fields with problems at a path or under it ("incomes.0" → incomes.0, incomes.0.grossFen, …). */
  under: (path: string) => string[];
  /** aria-invalid and aria-describedby for an input that answers for these fields. */
  props: (...fields: string[]) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
};

const idOf = (field: string, n: number) => `inv-problem-${field.replace(/[^A-Za-z0-9]/g, '-')}-${n}`;

/** Keeps one of each message per field, in the order given. */
export function fieldErrors(problems: readonly FieldProblem[]): FieldErrors {
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const list = byField.get(p.field) ?? [];
    if (!list.includes(p.message)) list.push(p.message);
    byField.set(p.field, list);
  }
  const at = (field: string) => byField.get(field) ?? [];
  return {
    at,
    under: (path) => [...byField.keys()].filter((f) => f === path || f.startsWith(`${path}.`)),
    props: (...fields) => {
      const ids = fields.flatMap((f) => at(f).map((_, n) => idOf(f, n)));
      return ids.length === 0 ? {} : { 'aria-invalid': true, 'aria-describedby': ids.join(' ') };
    },
  };
}

/** The messages of the fields, where an input's aria-describedby finds them. */
export function FieldMessages({ errors, fields }: { errors: FieldErrors; fields: string[] }) {
  const shown = fields.flatMap((f) => errors.at(f).map((message, n) => ({ id: idOf(f, n), field: f, message })));
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((m) => (
        <small key={m.id} id={m.id} className="field-error inv-problem" data-field={m.field} data-testid="field-problem">
          {m.message}
        </small>
      ))}
    </>
  );
}

/** A labelled field whose messages sit under the input, outside its label (they are its description, not its name). */
export function Field({ id, label, errors, fields, className, children }: { id: string; label: string; errors: FieldErrors; fields: string[]; className?: string; children: ReactNode }) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldMessages errors={errors} fields={fields} />
    </div>
  );
}
