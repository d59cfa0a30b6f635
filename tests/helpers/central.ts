// A reference central server on loopback for a test, seeded with a small generated district once per
// file (its data folder is copied for each test), and client databases that sync with it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import type { BackendContext } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/clock';
import { FileSecretStore } from '../../electron/backend/sync/secret-store';
import type { RetryPolicy } from '../../electron/backend/sync/http';
import { openCentralStore } from '../../server/store';
import { createLogger } from '../../server/log';
import { seedCentral, type DemoAccount } from '../../server/seed';
import { startCentralServer, type CentralOptions, type CentralServer } from '../../server/server';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../electron/backend/db/schema';
import { copySqliteToPostgres } from '../../server/postgres/copy';
import { NOW, testContext } from './minimal';
import { createDatabase, databaseUrl, dropDatabase } from './postgres';

/** The engines a centre runs on; the sync suite runs against each. */
export const centreBackends = ['sqlite', 'postgres'] as const;
export type CentreBackend = (typeof centreBackends)[number];

/** Runs `text` with `?` placeholders on either engine; the rows as the engine gives them. */
export async function centreRows<T>(db: Kysely<Database>, text: string, ...params: unknown[]): Promise<T[]> {
  const parts = text.split('?');
  let query = sql.raw(parts[0]!);
  parts.slice(1).forEach((part, i) => (query = sql`${query}${params[i]}${sql.raw(part)}`));
  return (await query.execute(db)).rows as T[];
}

/** The first column of the first row. */
export async function centreValue<T>(db: Kysely<Database>, text: string, ...params: unknown[]): Promise<T> {
  const row = (await centreRows<Record<string, unknown>>(db, text, ...params))[0];
  return (row ? Object.values(row)[0] : undefined) as T;
}

/** Quick retries: tests that need the network to fail must not wait seconds for it. */
export const fastRetry: RetryPolicy = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 5000 };

const quiet = createLogger(undefined, 'warn');

export type Client = { ctx: BackendContext; file: string; dir: string; close(): Promise<void> };

export function centralTemplate(households = 300, backend: CentreBackend = 'sqlite') {
  let template: { dir: string; accounts: DemoAccount[]; database: string | null } | null = null;
  const cleanups: (() => Promise<void>)[] = [];

  async function ensureTemplate() {
    if (!template) {
      const dir = mkdtempSync(join(tmpdir(), 'jrd-central-template-'));
      const store = await openCentralStore(dir);
      const accounts = await seedCentral(store, dir, { households, scryptCost: 1024 });
      store.handle!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      let database: string | null = null;
      if (backend === 'postgres') {
        // The same seeded rows, copied into a template database that each test's database is cloned from.
        database = await createDatabase('jrd_template');
        const pgStore = await openCentralStore(dir, { databaseUrl: databaseUrl(database) });
        await copySqliteToPostgres(store.handle!.sqlite, pgStore.db);
        await pgStore.close();
      }
      await store.close();
      template = { dir, accounts, database };
    }
    return template;
  }

  return {
    /** A running centre with its own copy of the seeded data. */
    async server(options: Partial<CentralOptions> = {}): Promise<CentralServer & { dataDir: string; databaseUrl?: string; accounts: DemoAccount[]; password(username: string): string }> {
      const t = await ensureTemplate();
      const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jrd-central-'));
      let fresh: string | null = null;
      if (!options.dataDir) {
        cpSync(t.dir, dataDir, { recursive: true });
        if (t.database) fresh = await createDatabase('jrd_test', t.database);
      }
      // A restarted centre (same dataDir) is given its database again by the test.
      const url = options.databaseUrl ?? (fresh ? databaseUrl(fresh) : undefined);
      // Warnings and errors only: a line per request would bury a test's own output.
      const server = await startCentralServer({ log: quiet, ...options, dataDir, ...(url ? { databaseUrl: url } : {}) });
      cleanups.push(async () => {
        await server.close().catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
        if (fresh) await dropDatabase(fresh);
      });
      const password = (username: string) => t.accounts.find((a) => a.username === username)!.password;
      return { ...server, dataDir, ...(url ? { databaseUrl: url } : {}), accounts: t.accounts, password };
    },
    /** An empty client database, migrated, with its tokens in a file beside it. */
    async client(now = NOW): Promise<Client> {
      const dir = mkdtempSync(join(tmpdir(), 'jrd-client-'));
      const file = join(dir, 'client.sqlite');
      const handle = openDatabase(file);
      await migrateToLatest(handle);
      const ctx = { ...testContext(handle, dir), clock: fixedClock(now), secrets: new FileSecretStore(`${file}.tokens`) };
      const close = async () => {
        await handle.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      };
      cleanups.push(close);
      return { ctx, file, dir, close };
    },
    async cleanup(): Promise<void> {
      for (const c of cleanups.splice(0).reverse()) await c();
    },
    async dispose(): Promise<void> {
      if (template) rmSync(template.dir, { recursive: true, force: true });
      if (template?.database) await dropDatabase(template.database);
    },
  };
}
