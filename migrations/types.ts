import type { Transaction } from 'kysely';

/**
 * A forward-only schema step. `up` runs inside the migrator's transaction and must use only the
 * handle it is given (kysely serialises SQLite on one connection; the outer handle would deadlock).
 */
export type Migration = {
  version: number;
  name: string;
  up(trx: Transaction<unknown>): Promise<void>;
};
