// The rows of an investigation's list (incomes, rigid expenses, assets): add and remove rows, every input
// named for its row and column, and a row's problems on a line of their own under it, where each input
// that has one points to them. Adding a row puts the cursor in it; removing one puts it on 添加.
import { useEffect, useRef, type ReactNode } from 'react';
import { FieldMessages, type FieldErrors } from './field-problems';

/** What an input in a cell carries: its name for a screen reader and, if it has one, its problem. */
export type CellAttrs = { 'aria-label': string; 'aria-invalid'?: true; 'aria-describedby'?: string };

export type Column<T> = {
  head: string;
  /** The call's name of the value in this cell (grossFen), to find its problems. */
  field: string;
  className?: string;
  cell: (row: T, index: number, attrs: CellAttrs) => ReactNode;
};

type Props<T extends { key: string }> = {
  /** The call's name of the list: incomes, expenses, assets. */
  name: string;
  /** One row in words: 收入, 刚性支出, 财产. */
  what: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  errors: FieldErrors;
  onAdd: () => void;
  onRemove: (index: number) => void;
  /** Said when there are no rows. */
  empty: string;
  max: number;
};

export function LineTable<T extends { key: string }>({ name, what, rows, columns, errors, onAdd, onRemove, empty, max }: Props<T>) {
  const body = useRef<HTMLTableSectionElement>(null);
  const add = useRef<HTMLButtonElement>(null);
  const count = useRef(rows.length);
  useEffect(() => {
    // Only a row added here, not a draft read back, takes the cursor.
    if (rows.length > count.current) [...(body.current?.querySelectorAll<HTMLElement>(`tr[data-testid="inv-${name}-row"]`) ?? [])].at(-1)?.querySelector<HTMLElement>('select, input')?.focus();
    count.current = rows.length;
  }, [rows.length, name]);

  const remove = (i: number) => {
    onRemove(i);
    add.current?.focus();
  };

  return (
    <div className="inv-lines" data-testid={`inv-${name}`}>
      {rows.length > 0 && (
        <table className="table inv-table">
          <thead>
            <tr>
              <th className="num">序号</th>
              {columns.map((c) => (
                <th key={c.field} className={c.className}>
                  {c.head}
                </th>
              ))}
              <th>
                <span className="inv-sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.map((row, i) => {
              const fields = errors.under(`${name}.${i}`);
              const hasProblems = fields.length > 0;
              return [
                <tr key={row.key} data-row={i} data-testid={`inv-${name}-row`} className={hasProblems ? 'inv-row-invalid' : undefined}>
                  <td className="num">{i + 1}</td>
                  {columns.map((c) => (
                    <td key={c.field} className={c.className}>
                      {c.cell(row, i, { 'aria-label': `第 ${i + 1} 项${what}：${c.head}`, ...errors.props(`${name}.${i}.${c.field}`, `${name}.${i}`) })}
                    </td>
                  ))}
                  <td>
                    <button type="button" className="button small-inline" onClick={() => remove(i)} aria-label={`删除第 ${i + 1} 项${what}`} data-testid={`inv-${name}-remove`}>
                      删除
                    </button>
                  </td>
                </tr>,
                hasProblems && (
                  <tr key={`${row.key}-problems`} className="inv-row-problems" data-testid={`inv-${name}-problems`} data-row={i}>
                    <td />
                    <td colSpan={columns.length + 1}>
                      <FieldMessages errors={errors} fields={fields} />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
      {rows.length === 0 && <p className="muted small inv-empty">{empty}</p>}
      <FieldMessages errors={errors} fields={[name]} />
      {rows.length < max && (
        <button ref={add} type="button" className="button small-inline inv-add" onClick={onAdd} data-testid={`inv-${name}-add`}>
          添加{what}
        </button>
      )}
    </div>
  );
}
