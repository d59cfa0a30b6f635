import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';
import { installCapture } from '../sync/capture';
import { rebuildStaleSortKeys, registerPinyinKey } from './pinyin-key';

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
};

/**
 * Opens (creating if needed) a database file with the pragmas the app relies on. New files are
 * created readable by the OS user only: they hold personal information (PIPL).
 */
export function openDatabase(file: string, options: OpenOptions = {}): DbHandle {
  const inMemory = file === ':memory:';
  if (!inMemory) {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    restrictToOwner(file);
  }
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
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

function restrictToOwner(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Windows and some network shares have no POSIX modes; the user-profile folder protects the file there.
  }
}
