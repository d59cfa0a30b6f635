import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/api';
import type { Clock } from './clock';
import type { Database } from './db/schema';
import type { DeskLock } from './lock/desk-lock';
import type { PdfWorkerSpec } from './pdf/render-job';
import type { SecretStore } from './sync/secret-store';

export type BackendPaths = {
  /** Where the database and generated files live. */
  dataDir: string;
  /** Where generated PDFs and exports are written. */
  exportDir: string;
  /** templates/fonts, or its copy in the packaged app's resources. */
  bundledFontsDir: string;
  /** Folders searched for official fonts; undefined = the OS defaults, [] = bundled fonts only. */
  systemFontDirs?: string[];
  /** The PDF worker thread's script; undefined renders in this thread. */
  pdfWorker?: PdfWorkerSpec;
};

/** Everything a handler may touch. Main, the CLI, the browser harness and tests each build one. */
export type BackendContext = {
  db: Kysely<Database>;
  /** The same connection without kysely, for bulk work (applying pulled pages). */
  sqlite: BetterSqlite3.Database;
  /** Sign-in tokens for the central server. */
  secrets: SecretStore;
  databaseFile: string;
  clock: Clock;
  paths: BackendPaths;
  appVersion: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The app lock, where a person sits at this backend (Electron main, the browser harness); absent for the CLI and service tests. */
  lock?: DeskLock;
  /** What opening the database did to it at start-up (absent where nothing migrated it, as in tests). */
  upgrade?: { from: number; backupFile: string | null };
  /**
   * The host's way to go on with another database file (app.newDataFile): Electron restarts on it, the
   * browser harness reopens its backend. Called after the file exists; the host answers the call first.
   */
  switchDataFile?: (file: string) => void;
  /** The key new data files are encrypted with (Electron main's); absent: a key file beside each. */
  databaseKey?: Buffer;
};
