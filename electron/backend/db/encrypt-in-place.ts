// A desk that ran before issue 21 has a plain database. On the first start with a key it is encrypted
// where it lies: a plain copy first, then SQLite3MultipleCiphers' rekey, then a check that the encrypted
// file holds what the copy holds; only then is the copy removed. The copy is the truth until that point:
// a start that finds it (a crash, or a check that failed) puts it back and begins again.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { isPlainSqlite, keyPragma, openKeyed, plainBackupFor, restrictToOwner } from './at-rest';
import { registerPinyinKey } from './pinyin-key';

type Opts = { nativeBinding?: string; /** Tests: runs between rekey and verification (a crash, a damaged file). */ afterRekey?: () => void };

/** What the verification compares: the schema version, every table's row count. */
type Census = { userVersion: number; counts: Record<string, number> };

/** Restores a plain copy left by an unfinished encryption; true if there was one. */
export function restoreUnfinished(file: string): boolean {
  const backup = plainBackupFor(file);
  if (!existsSync(backup)) return false;
  const temp = `${file}.restoring`;
  copyFileSync(backup, temp);
  syncFile(temp);
  for (const s of ['-wal', '-shm', '-journal']) rmSync(file + s, { force: true });
  renameSync(temp, file);
  return true;
}

/** Encrypts a plain database file in place with `key`; a file that is not plain is left alone. */
export function encryptInPlace(file: string, key: Buffer, options: Opts = {}): boolean {
  restoreUnfinished(file);
  if (!isPlainSqlite(file)) return false;
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const plain = new BetterSqlite3(file, binding);
  let before: Census;
  try {
    // Rekey works on a rollback journal only; leaving WAL folds the WAL into the file first.
    plain.pragma('journal_mode = DELETE');
    before = census(plain);
  } finally {
    plain.close();
  }
  const backup = plainBackupFor(file);
  const temp = `${backup}.tmp`;
  copyFileSync(file, temp);
  restrictToOwner(temp);
  syncFile(temp);
  // Complete or absent: a half-written copy is never taken for the truth.
  renameSync(temp, backup);

  const rekeying = new BetterSqlite3(file, binding);
  // Rekeying rewrites every page, the heads' pinyin index (migration 0011) with its function.
  registerPinyinKey(rekeying);
  try {
    rekeying.pragma(`cipher = 'sqlcipher'`);
    rekeying.pragma(`rekey = ${keyPragma(key)}`);
  } finally {
    rekeying.close();
  }
  options.afterRekey?.();
  verify(file, key, before, binding);
  rmSync(backup);
  return true;
}

function verify(file: string, key: Buffer, before: Census, binding: BetterSqlite3.Options): void {
  let problem: string | null = null;
  try {
    if (isPlainSqlite(file)) problem = '文件仍是明文';
    else {
      const sqlite = openKeyed(file, key, binding);
      try {
        const check = sqlite.pragma('quick_check', { simple: true });
        const after = census(sqlite);
        if (check !== 'ok') problem = `完整性检查未通过（${String(check)}）`;
        else if (JSON.stringify(after) !== JSON.stringify(before)) problem = '加密后的行数与加密前不一致';
      } finally {
        sqlite.close();
      }
    }
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem === null) return;
  restoreUnfinished(file);
  rmSync(plainBackupFor(file), { force: true });
  throw new AppError('db-encrypt-failed', `数据库 ${file} 加密后校验失败（${problem}），已恢复为加密前的文件，数据没有丢失 (encryption did not verify; the plain file was put back)`);
}

function census(sqlite: BetterSqlite3.Database): Census {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = sqlite.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number;
  return { userVersion: sqlite.pragma('user_version', { simple: true }) as number, counts };
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
