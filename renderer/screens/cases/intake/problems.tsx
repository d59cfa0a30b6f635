// Refusals of the 受理 form, each shown at the field the service named ("household.members.2.citizenId")
// and the rest in one alert above the 受理 button. A field's message goes once the field is edited: it
// spoke of what was there before.
import type { Problem } from './draft';

export type Problems = Readonly<Record<string, string>>;

/** The id of a field's message, for aria-describedby: one form, so the path alone is unique. */
export const problemId = (field: string) => `intake-problem-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;

/**
 * Sorts the service's problems into those a field on screen shows and the rest. Paths of the members
 * check may come without their "household." prefix; a document's kind is shown at its row's date.
 */
export function placeProblems(problems: readonly Problem[], fields: ReadonlySet<string>): { at: Problems; rest: string[] } {
  const at: Record<string, string> = {};
  const rest: string[] = [];
  for (const p of problems) {
    let field = p.field.startsWith('members') ? `household.${p.field}` : p.field;
    field = field.replace(/^documents\.(\d+)\.kind$/, 'documents.$1.receivedOn');
    if (fields.has(field)) at[field] = at[field] ? `${at[field]}；${p.message}` : p.message;
    else if (!rest.includes(p.message)) rest.push(p.message);
  }
  return { at, rest };
}

/** Without the problems of `field` (and, with `prefix`, of everything under it). */
export function without(problems: Problems, field: string, prefix = false): Problems {
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(problems)) if (k !== field && !(prefix && k.startsWith(`${field}.`))) next[k] = v;
  return next;
}

/** The attributes an input takes when its field was refused. */
export function invalidProps(problems: Problems, field: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problems[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': problemId(field) };
}

export function FieldProblem({ problems, field }: { problems: Problems; field: string }) {
  const message = problems[field];
  if (message === undefined) return null;
  return (
    <small className="field-error" id={problemId(field)} data-testid={problemId(field)}>
      {message}
    </small>
  );
}
