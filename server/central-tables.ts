// The tables only the centre has, for either engine. The change log's numbers are taken at the end of a
// push's transaction under the log lock (replay.ts), so they become visible in the order they were taken.
import type { SqlDialect } from '../electron/backend/db/dialect';

export function centralTables(dialect: SqlDialect): string[] {
  const int = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  const serial = dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  return [
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
    'CREATE INDEX IF NOT EXISTS central_tokens_user ON central_tokens(user_id)',
    `CREATE TABLE IF NOT EXISTS central_clients (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  last_mutation_id ${int} NOT NULL DEFAULT 0
)`,
    // One row per applied row change, in commit order: the cursor is a position in this log.
    `CREATE TABLE IF NOT EXISTS change_log (
  seq ${serial},
  entity TEXT NOT NULL,
  row_key TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  version ${int} NOT NULL,
  region_code TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('all', 'bureau'))
)`,
    'CREATE INDEX IF NOT EXISTS change_log_region ON change_log(region_code, seq)',
    // A snapshot (snapshot.ts) asks, row by row, whether the row's version is in the log for the account.
    'CREATE INDEX IF NOT EXISTS change_log_row ON change_log(entity, row_key, version)',
    `CREATE TABLE IF NOT EXISTS central_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    // Failed sign-ins per account and per address, for growing delays (auth.ts).
    `CREATE TABLE IF NOT EXISTS central_throttle (
  key TEXT PRIMARY KEY,
  failures ${int} NOT NULL,
  window_start TEXT NOT NULL,
  blocked_until TEXT
)`,
  ];
}
