// A new centre holds the generated district: every row in the change log (so a first pull brings it
// all), and a password for every account. The demo passwords are kept in the data folder (mode 0600)
// so that the same accounts print on every start. On PostgreSQL the district is generated into a
// SQLite centre first (the generator writes SQLite) and copied over in one transaction.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { UserRole } from '../shared/domain';
import { syncedEntities } from '../shared/sync';
import { generateDistrict, type GenerateOptions } from '../electron/backend/demo/generator';
import { hashPassword } from './auth';
import { copySqliteToPostgres } from './postgres/copy';
import { audienceOf, scopeSelect } from './scope';
import { openCentralStore, type CentralStore } from './store';

export type DemoAccount = { username: string; password: string; role: UserRole; regionCode: string };
export type SeedOptions = GenerateOptions & { scryptCost?: number };

/** Generates the district into an empty centre; does nothing to one that has data. */
export async function seedCentral(store: CentralStore, dataDir: string, options: SeedOptions = {}): Promise<DemoAccount[]> {
  const file = join(dataDir, 'demo-accounts.json');
  const regions = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM regions`.execute(store.db)).rows[0]!.n);
  if (regions > 0) return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[]) : [];
  let accounts: DemoAccount[];
  if (store.handle) accounts = seedSqlite(store, options);
  else {
    const staging = mkdtempSync(join(tmpdir(), 'jrd-seed-'));
    try {
      const sqliteStore = await openCentralStore(staging);
      accounts = seedSqlite(sqliteStore, options);
      await copySqliteToPostgres(sqliteStore.handle!.sqlite, store.db);
      await sqliteStore.close();
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  writeFileSync(file, JSON.stringify(accounts, null, 1), { mode: 0o600 });
  return accounts;
}

function seedSqlite(store: CentralStore, options: SeedOptions): DemoAccount[] {
  const handle = store.handle!;
  const sqlite = handle.sqlite;
  generateDistrict(handle, options);
  const users = sqlite.prepare('SELECT id, username, role, region_code AS regionCode FROM users ORDER BY username').all() as { id: string; username: string; role: UserRole; regionCode: string }[];
  const accounts: DemoAccount[] = [];
  sqlite.transaction(() => {
    const credential = sqlite.prepare('INSERT INTO central_credentials (user_id, password_hash) VALUES (?, ?)');
    for (const u of users) {
      const password = randomBytes(9).toString('base64url');
      credential.run(u.id, hashPassword(password, options.scryptCost ?? 16384));
      accounts.push({ username: u.username, password, role: u.role, regionCode: u.regionCode });
    }
    // Every row as it stands, in an order where each table follows the tables it refers to, and within a
    // table in the order the rows were written (as a live centre's log would have them).
    for (const entity of syncedEntities) {
      sqlite
        .prepare(`INSERT INTO change_log (entity, row_key, op, version, region_code, audience) SELECT ?, k, 'upsert', v, r, ? FROM (${scopeSelect(entity, ', x.rowid AS o')}) ORDER BY o`)
        .run(entity, audienceOf(entity));
    }
  })();
  // Seeding leaves a WAL as large as the database; fold it in now rather than in the first push.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return accounts;
}
