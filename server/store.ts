// The central server's database: the app's own schema (same migrations, so the same CHECKs, foreign keys
// and guards run here too) plus the tables only the centre has: password hashes, tokens, sign-in
// throttling, clients' last mutation ids, and the change log that pulls read.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../electron/backend/db/open';
import { migrateToLatest } from '../electron/backend/db/migrator';
import { installCapture } from '../electron/backend/sync/capture';
import { regionOf } from './scope';

const centralTables = [
  `CREATE TABLE IF NOT EXISTS central_credentials (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  password_hash TEXT NOT NULL
)`,
  `CREATE TABLE IF NOT EXISTS central_tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  user_id TEXT NOT NULL REFERENCES users(id),
  family_id TEXT NOT NULL,
  device TEXT NOT NULL DEFAULT '',
  expires_at TEXT NOT NULL,
  used_at TEXT,
  revoked_at TEXT
)`,
  'CREATE INDEX IF NOT EXISTS central_tokens_family ON central_tokens(family_id)',
  `CREATE TABLE IF NOT EXISTS central_clients (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  last_mutation_id INTEGER NOT NULL DEFAULT 0
)`,
  // One row per applied row change, in commit order: the cursor is a position in this log.
  `CREATE TABLE IF NOT EXISTS change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  row_key TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  version INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('all', 'bureau'))
)`,
  'CREATE INDEX IF NOT EXISTS change_log_region ON change_log(region_code, seq)',
  `CREATE TABLE IF NOT EXISTS central_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  // Failed sign-ins per account and per address, for growing delays (auth.ts).
  `CREATE TABLE IF NOT EXISTS central_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  blocked_until TEXT
)`,
];

/**
 * `exclusive` runs one piece of database work at a time: a command's transaction awaits between its
 * statements, and another request's statements on the same connection must not land inside it.
 */
export type CentralStore = { handle: DbHandle; epoch: string; exclusive<T>(work: () => Promise<T> | T): Promise<T>; close(): Promise<void> };

/** Opens (creating if needed) the centre's database in `dataDir`. */
export async function openCentralStore(dataDir: string): Promise<CentralStore> {
  const handle = openDatabase(join(dataDir, 'central.sqlite'));
  await migrateToLatest(handle, { backupDir: join(dataDir, 'backups') });
  for (const statement of centralTables) handle.sqlite.prepare(statement).run();
  // A deleted row's division code is noted as it goes, for the change log.
  installCapture(handle.sqlite, (entity, row) => regionOf[entity](row));
  // The epoch names this database: a cursor from another (a reset centre) is unknown here.
  handle.sqlite.prepare("INSERT OR IGNORE INTO central_meta (key, value) VALUES ('epoch', ?)").run(randomUUID().slice(0, 8));
  const epoch = (handle.sqlite.prepare("SELECT value FROM central_meta WHERE key = 'epoch'").get() as { value: string }).value;
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  return { handle, epoch, exclusive, close: () => exclusive(() => handle.close()) };
}

export async function lastSeq(store: CentralStore): Promise<number> {
  const r = await sql<{ seq: number | null }>`SELECT max(seq) AS seq FROM change_log`.execute(store.handle.db);
  return r.rows[0]?.seq ?? 0;
}
