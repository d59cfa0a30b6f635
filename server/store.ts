// The central server's database: the app's own schema (same migrations, so the same CHECKs, foreign keys
// and guards run here too) plus the tables only the centre has: password hashes, tokens, sign-in
// throttling, clients' last mutation ids, and the change log that pulls read. SQLite (one file, one
// process: a district trying the desk) by default; PostgreSQL for a city (server/postgres/store.ts).
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../electron/backend/db/open';
import { migrateToLatest } from '../electron/backend/db/migrator';
import { installCapture } from '../electron/backend/sync/capture';
import { centralTables } from './central-tables';
import { regionOf } from './scope';
import { ensureEpoch, type CentralStore } from './central-store';

export type { CentralStore } from './central-store';
export { ensureEpoch } from './central-store';

export type StoreOptions = { databaseUrl?: string };

/** Opens (creating and migrating if needed) the centre's database: the SQLite file in `dataDir`, or `databaseUrl`. */
export async function openCentralStore(dataDir: string, options: StoreOptions = {}): Promise<CentralStore> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/store');
    return openPostgresStore(options.databaseUrl);
  }
  const handle = openDatabase(join(dataDir, 'central.sqlite'), { plain: true });
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

export async function lastSeq(store: CentralStore): Promise<number> {
  const r = await sql<{ seq: number | null }>`SELECT max(seq) AS seq FROM change_log`.execute(store.db);
  return Number(r.rows[0]?.seq ?? 0);
}
