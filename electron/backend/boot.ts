// Opens the database, migrates it and builds the handler table: the same start-up for Electron main,
// the CLI and the browser harness.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/api';
import { systemClock, type Clock } from './clock';
import type { BackendContext } from './context';
import { resolveDatabaseFile } from './app/data-file';
import { assertOpenable, migrateToLatest, type MigrationReport } from './db/migrator';
import { openDatabase, type DbHandle } from './db/open';
import { keyFileFor } from './db/at-rest';
import { createHandlerTable } from './handlers';
import type { HandlerRegistry, InvokeOptions } from './handlers/registry';
import { DeskLock, type LockOptions } from './lock/desk-lock';
import type { PdfWorkerSpec } from './pdf/render-job';
import { FileSecretStore, type SecretStore } from './sync/secret-store';

export type BootOptions = {
  dataDir: string;
  /** Defaults to the file named in <dataDir>/current-data-file.json, else <dataDir>/jrd.sqlite. */
  databaseFile?: string;
  bundledFontsDir: string;
  systemFontDirs?: string[];
  /** Render PDFs in a worker thread running this script (see pdf/render-job.ts). */
  pdfWorker?: PdfWorkerSpec;
  exportDir?: string;
  appVersion: string;
  nativeBinding?: string;
  /** The desk's database key (Electron main's, from safeStorage); default: the key file beside the database. */
  databaseKey?: Buffer;
  clock?: Clock;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  invoke?: InvokeOptions;
  /** Where sign-in tokens are kept; default: a file beside the database, readable by the OS user only. */
  secretStore?: SecretStore;
  /** Lock the desk (start locked, ask for a PIN, lock when idle): Electron main and the browser harness. */
  lock?: LockOptions;
  /** See BackendContext.switchDataFile. */
  switchDataFile?: (file: string) => void;
};

export type Backend = { ctx: BackendContext; registry: HandlerRegistry; handle: DbHandle; migration: MigrationReport; close(): Promise<void> };

export async function openBackend(options: BootOptions): Promise<Backend> {
  const databaseFile = options.databaseFile ?? resolveDatabaseFile(options.dataDir);
  // A database that came with its own key file (a copy of the demo, say) opens with that key.
  const key = existsSync(keyFileFor(databaseFile)) ? undefined : options.databaseKey;
  assertOpenable(databaseFile, options.nativeBinding, key);
  const handle = openDatabase(databaseFile, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(key ? { key } : {}) });
  let migration: MigrationReport;
  try {
    migration = await migrateToLatest(handle, { backupDir: join(options.dataDir, 'backups') });
  } catch (error) {
    await handle.close();
    throw error;
  }
  const ctx: BackendContext = {
    db: handle.db,
    sqlite: handle.sqlite,
    secrets: options.secretStore ?? new FileSecretStore(`${databaseFile}.tokens`),
    databaseFile,
    clock: options.clock ?? systemClock,
    appVersion: options.appVersion,
    paths: {
      dataDir: options.dataDir,
      exportDir: options.exportDir ?? join(options.dataDir, 'exports'),
      bundledFontsDir: options.bundledFontsDir,
      ...(options.systemFontDirs ? { systemFontDirs: options.systemFontDirs } : {}),
      ...(options.pdfWorker ? { pdfWorker: options.pdfWorker } : {}),
    },
    emit: options.emit ?? (() => undefined),
    ...(options.switchDataFile ? { switchDataFile: options.switchDataFile } : {}),
    ...(options.lock ? { lock: new DeskLock(options.lock) } : {}),
    ...(options.databaseKey ? { databaseKey: options.databaseKey } : {}),
    ...(migration.applied.length > 0 && migration.from > 0 ? { upgrade: { from: migration.from, backupFile: migration.backupFile } } : {}),
  };
  const registry = createHandlerTable(ctx, options.invoke);
  return { ctx, registry, handle, migration, close: () => handle.close() };
}
