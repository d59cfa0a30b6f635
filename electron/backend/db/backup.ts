// A consistent copy of the open database (before an upgrade), checked first and private from its first
// byte: the copy holds the same personal information as the file.
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { assertIntact } from './integrity';

/**
 * Writes `target` from `sqlite` with VACUUM INTO. A damaged file is refused before anything is written
 * (a copy of damage is no backup). The file is made empty with mode 0600 first and SQLite then writes into
 * it, keeping that mode, so there is no moment at which another user could open it; `wx` refuses to reuse
 * a file someone else made there.
 */
export function writeBackup(sqlite: BetterSqlite3.Database, source: string, target: string): void {
  assertIntact(sqlite, source);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  closeSync(openSync(target, 'wx', 0o600));
  try {
    // VACUUM INTO writes a consistent copy even in WAL mode, where copying the file alone could miss pages.
    sqlite.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}
