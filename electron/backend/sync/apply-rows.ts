// Writing the central database's rows into this copy, as they are: pulled pages, and the rows of a
// refused mutation put back as the centre has them. Runs inside the caller's transaction with the local
// guards standing aside and foreign keys checked at commit, since the centre's order is its own.
import type BetterSqlite3 from 'better-sqlite3';
import { keyOf, type PulledChange, type SyncedEntity } from '../../../shared/sync';
import { StatementCache, upsertSql } from '../db/statements';
import { SyncError } from './http';
import { queuedCommand } from './outbox';

/** (entity, id) of every row an unsent command wrote, optionally only those after `afterId`. */
export function pendingRows(sqlite: BetterSqlite3.Database, afterId = 0): Set<string> {
  const pending = new Set<string>();
  const rows = sqlite.prepare('SELECT args_json FROM outbox WHERE id > ?').pluck().all(afterId) as string[];
  for (const json of rows) for (const c of queuedCommand(json)?.context.touched ?? []) pending.add(rowId(c.entity, c.id));
  return pending;
}

export const rowId = (entity: SyncedEntity, id: string) => `${entity}\u0000${id}`;

export class RowWriter {
  readonly #statements: StatementCache;
  readonly #plans = new Map<string, { names: string[]; statement: BetterSqlite3.Statement<unknown[]> }>();

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.#statements = new StatementCache(sqlite);
  }

  /** Call inside a transaction: guards aside and foreign keys deferred until its end. */
  begin(): void {
    this.sqlite.pragma('defer_foreign_keys = ON');
    this.sqlite.prepare('UPDATE sync_apply_state SET applying = 1 WHERE id = 1').run();
  }

  end(): void {
    this.sqlite.prepare('UPDATE sync_apply_state SET applying = 0 WHERE id = 1').run();
  }

  write(change: PulledChange): void {
    const key = keyOf(change.entity);
    if (change.op === 'delete') {
      this.#statements.prepare(`DELETE FROM ${change.entity} WHERE ${key} = ?`).run(change.id);
      return;
    }
    // A full pull writes hundreds of thousands of rows of a few shapes: plan each shape once.
    const data = change.data!;
    const fields = Object.keys(data);
    const shape = `${change.entity}\u0000${fields.join(',')}`;
    let plan = this.#plans.get(shape);
    if (!plan) {
      // Columns this build does not know (a newer centre) are left out; the row is otherwise as sent.
      const known = this.#statements.columnsOf(change.entity);
      const names = fields.filter((n) => known.has(n));
      if (!names.includes(key)) throw new SyncError('bad-response', `中心服务器发来的“${change.entity}”记录缺少编号`);
      const statement = this.#statements.prepare(upsertSql(change.entity, names, key));
      plan = { names, statement };
      this.#plans.set(shape, plan);
    }
    const values: unknown[] = new Array(plan.names.length);
    for (let i = 0; i < plan.names.length; i++) values[i] = data[plan.names[i]!] ?? null;
    plan.statement.run(values);
  }
}

/** Refuses a copy whose references dangle: run inside the transaction that would make it so. */
export function assertNoDanglingReferences(sqlite: BetterSqlite3.Database, kept = '最后一页没有写入，本机修改都保留着'): void {
  const dangling = sqlite.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (dangling.length === 0) return;
  const first = dangling[0]!;
  throw new SyncError(
    'bad-response',
    `中心服务器发来的数据不完整：${dangling.length} 条记录引用了本机没有的数据（如“${first.table}”引用的“${first.parent}”），${kept}；请稍后再同步，如仍出现请联系技术支持`,
  );
}
