// For code that writes rows of many tables by name (sync's row writer, the reference centre's push):
// each SQL text is prepared once per connection and each table's columns are read once, since a pull
// or a meeting's push writes thousands of rows of a few shapes.
import type BetterSqlite3 from 'better-sqlite3';

export class StatementCache {
  readonly #statements = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  readonly #columns = new Map<string, Set<string>>();

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  prepare(sqlText: string): BetterSqlite3.Statement<unknown[]> {
    let s = this.#statements.get(sqlText);
    if (!s) this.#statements.set(sqlText, (s = this.sqlite.prepare<unknown[]>(sqlText)));
    return s;
  }

  columnsOf(table: string): Set<string> {
    let cols = this.#columns.get(table);
    if (!cols) {
      cols = new Set((this.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
      this.#columns.set(table, cols);
    }
    return cols;
  }
}

/** An INSERT of the named columns that updates the row in place when its key is already there. */
export function upsertSql(table: string, names: readonly string[], key: string): string {
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
   ON CONFLICT(${key}) DO UPDATE SET ${names.filter((n) => n !== key).map((n) => `${n} = excluded.${n}`).join(', ')}`;
}
