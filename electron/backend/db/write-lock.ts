// One writer at a time on a database connection, across kysely and better-sqlite3. Kysely queues its own
// queries behind an open transaction, but sync writes through better-sqlite3 directly (settling a push,
// applying a pulled page): arriving while an import's long transaction waits between parts, such a write
// would be nested inside it and rolled back with it. Desk transactions and those writes take this turn.

const turns = new WeakMap<object, Promise<unknown>>();

/** Runs `work` once every earlier holder of `connection` has finished (whether it succeeded or not). */
export function withWriteTurn<T>(connection: object, work: () => Promise<T> | T): Promise<T> {
  const before = turns.get(connection) ?? Promise.resolve();
  const mine = before.then(work, work);
  turns.set(connection, mine.catch(() => undefined));
  return mine;
}
