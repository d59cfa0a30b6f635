import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';
import { installCapture } from '../sync/capture';
import { rebuildStaleSortKeys, registerPinyinKey } from './pinyin-key';
import { applyKey, isCentreStore, keyBeside, restrictToOwner } from './at-rest';
import { encryptInPlace } from './encrypt-in-place';

export type DbHandle = {
  file: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  close(): Promise<void>;
};

export type OpenOptions = {
  /** Path to a better_sqlite3.node built for another ABI (Electron's); Node uses the installed one. */
  nativeBinding?: string;
  busyTimeoutMs?: number;
  /**
   * The database key (32 bytes): Electron main's, kept wrapped by safeStorage. Without one the key file
   * beside the database is used, and made for a database that has none yet (at-rest.ts).
   */
  key?: Buffer;
  /** The centre's store (server/store.ts): a server's disk, not a laptop; kept plain, with no key file. */
  plain?: boolean;
};

/**
 * Opens (creating if needed) a database file with the pragmas the app relies on. New files are
 * created readable by the OS user only and encrypted with the key: they hold personal information (PIPL).
 * A plain file from before encryption is encrypted in place first (encrypt-in-place.ts).
 */
export function openDatabase(file: string, options: OpenOptions = {}): DbHandle {
  const inMemory = file === ':memory:';
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let key: Buffer | null = null;
  if (!inMemory) {
    mkdirSync(dirname(file), { recursive: true });
    if (!options.plain && !isCentreStore(file)) {
      key = options.key ?? keyBeside(file);
      encryptInPlace(file, key, binding);
    }
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    restrictToOwner(file);
  }
  const sqlite = new BetterSqlite3(file, binding);
  if (key) {
    try {
      applyKey(sqlite, key, file);
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // A database already at the sync schema gets its change capture now; a new one after migrating.
  installCapture(sqlite);
  // The cases grid sorts names in pinyin order in SQL (cases/case-window.ts).
  registerPinyinKey(sqlite);
  if (!inMemory) rebuildStaleSortKeys(sqlite);
  return {
    file,
    sqlite,
    db,
    // Kysely's destroy closes the better-sqlite3 handle too.
    close: () => db.destroy(),
  };
}

/** Distinct SQL texts kept prepared; beyond it the cache starts again (lists of ids make many texts). */
const STATEMENT_CACHE = 2000;

/**
 * The connection as kysely sees it, with each SQL text prepared once: kysely prepares every query it runs,
 * and preparing costs more than running a small one (a command at the centre runs some thirty). Safe on
 * one connection: kysely runs a statement to its end (all/run) before the next, and SQLite re-prepares a
 * cached statement itself after a schema change.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}
