// The central server's database: the app's own schema (same migrations, so the same CHECKs, foreign keys
// and guards run here too) plus the tables only the centre has: password hashes, tokens, sign-in
// throttling, clients' last mutation ids, and the change log that pulls read. SQLite (one file, one
// process: a district trying the desk) by default; PostgreSQL for a city (server/postgres/store.ts).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DbHandle } from '../electron/backend/db/open';
import { migrateToLatest } from '../electron/backend/db/migrator';
import type { SqlDialect } from '../electron/backend/db/dialect';
import type { Database } from '../electron/backend/db/schema';
import { installCapture } from '../electron/backend/sync/capture';
import { centralTables } from './central-tables';
import { regionOf } from './scope';

/**
 * `exclusive` runs one piece of database work at a time on SQLite's one connection: a command's
 * transaction awaits between its statements, and another request's statements must not land inside it.
 * On PostgreSQL every transaction has a connection of its own and `exclusive` simply runs the work.
 * `handle` is the SQLite file (null on PostgreSQL).
 */
export type CentralStore = {
  dialect: SqlDialect;
  db: Kysely<Database>;
  handle: DbHandle | null;
  epoch: string;
  exclusive<T>(work: () => Promise<T> | T): Promise<T>;
  close(): Promise<void>;
};

export type StoreOptions = { databaseUrl?: string };

/** Opens (creating and migrating if needed) the centre's database: the SQLite file in `dataDir`, or `databaseUrl`. */
export async function openCentralStore(dataDir: string, options: StoreOptions = {}): Promise<CentralStore> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/store');
    return openPostgresStore(options.databaseUrl);
  }
  const handle = openDatabase(join(dataDir, 'central.sqlite'));
  await migrateToLatest(handle, { backupDir: join(dataDir, 'backups') });
  for (const statement of centralTables('sqlite')) handle.sqlite.prepare(statement).run();
  // A deleted row's division code is noted as it goes, for the change log.
  installCapture(handle.sqlite, (entity, row) => regionOf[entity](row));
  const epoch = await ensureEpoch(handle.db);
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  return { dialect: 'sqlite', db: handle.db, handle, epoch, exclusive, close: () => exclusive(() => handle.close()) };
}

/** The epoch names this database: a cursor from another (a reset centre) is unknown here. */
export async function ensureEpoch(db: Kysely<Database>): Promise<string> {
  await sql`INSERT INTO central_meta (key, value) VALUES ('epoch', ${randomUUID().slice(0, 8)}) ON CONFLICT (key) DO NOTHING`.execute(db);
  return (await sql<{ value: string }>`SELECT value FROM central_meta WHERE key = 'epoch'`.execute(db)).rows[0]!.value;
}

export async function lastSeq(store: CentralStore): Promise<number> {
  const r = await sql<{ seq: number | null }>`SELECT max(seq) AS seq FROM change_log`.execute(store.db);
  return Number(r.rows[0]?.seq ?? 0);
}
