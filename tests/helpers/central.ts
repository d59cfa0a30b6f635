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
import { NOW, testContext } from './minimal';

/** Quick retries: tests that need the network to fail must not wait seconds for it. */
export const fastRetry: RetryPolicy = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 5000 };

const quiet = createLogger(undefined, 'warn');

export type Client = { ctx: BackendContext; file: string; dir: string; close(): Promise<void> };

export function centralTemplate(households = 300) {
  let template: { dir: string; accounts: DemoAccount[] } | null = null;
  const cleanups: (() => Promise<void>)[] = [];

  async function ensureTemplate() {
    if (!template) {
      const dir = mkdtempSync(join(tmpdir(), 'jrd-central-template-'));
      const store = await openCentralStore(dir);
      const accounts = await seedCentral(store, dir, { households, scryptCost: 1024 });
      store.handle!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await store.close();
      template = { dir, accounts };
    }
    return template;
  }

  return {
    /** A running centre with its own copy of the seeded data. */
    async server(options: Partial<CentralOptions> = {}): Promise<CentralServer & { dataDir: string; accounts: DemoAccount[]; password(username: string): string }> {
      const t = await ensureTemplate();
      const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jrd-central-'));
      if (!options.dataDir) cpSync(t.dir, dataDir, { recursive: true });
      // Warnings and errors only: a line per request would bury a test's own output.
      const server = await startCentralServer({ log: quiet, ...options, dataDir });
      cleanups.push(async () => {
        await server.close().catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
      });
      const password = (username: string) => t.accounts.find((a) => a.username === username)!.password;
      return { ...server, dataDir, accounts: t.accounts, password };
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
    dispose(): void {
      if (template) rmSync(template.dir, { recursive: true, force: true });
    },
  };
}
