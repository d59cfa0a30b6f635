// The desk's database is encrypted at rest (issue 21): SQLite3MultipleCiphers' SQLCipher scheme, keyed
// with 32 random bytes given raw (x'..'), so no passphrase derivation runs on each open. Pages are
// encrypted before they reach the file, its WAL or a VACUUM INTO copy, so backups share the key.
import { chmodSync, closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { registerPinyinKey } from './pinyin-key';

export const KEY_BYTES = 32;

/**
 * The CLI's and the tests' key: a file beside the database, readable by the OS user only, named after it
 * (demo.sqlite → demo.key; a name without .sqlite gets .key added).
 */
export function keyFileFor(databaseFile: string): string {
  return databaseFile.endsWith('.sqlite') ? `${databaseFile.slice(0, -'.sqlite'.length)}.key` : `${databaseFile}.key`;
}

export function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new AppError('db-key-invalid', `密钥文件 ${path} 的内容不是 64 位十六进制密钥 (the key file does not hold a 64-digit hex key)`);
  restrictToOwner(path);
  return Buffer.from(text, 'hex');
}

/** Writes a new random key; the file is 0600 from its first byte ('wx' also refuses to overwrite a key). */
export function createKeyFile(path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  return key;
}

/**
 * The key for a database opened without one: its key file, or, for a database that holds nothing
 * encrypted yet (new, empty or plain), a new key file. An encrypted database without its key file
 * is refused: a new key could never open it.
 */
export function keyBeside(databaseFile: string): Buffer {
  const keyFile = keyFileFor(databaseFile);
  if (existsSync(keyFile)) return readKeyFile(keyFile);
  if (existsSync(databaseFile) && statSync(databaseFile).size > 0 && !isPlainSqlite(databaseFile) && !existsSync(plainBackupFor(databaseFile))) {
    throw new AppError('db-key-missing', `文件 ${databaseFile} 不是有效的数据库，或是已加密的数据库而旁边没有密钥文件 ${keyFile}（两者无法区分：加密后的文件看上去就是随机数据） (not a database, or an encrypted one whose key file is missing)`);
  }
  return createKeyFile(keyFile);
}

/** Where encrypt-in-place keeps the plain copy until the encrypted file verifies (encrypt-in-place.ts). */
export function plainBackupFor(databaseFile: string): string {
  return `${databaseFile}.plain-backup`;
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its magic string; an encrypted one starts with random-looking bytes. */
export function isPlainSqlite(file: string): boolean {
  if (!existsSync(file) || statSync(file).size < PLAIN_HEADER.length) return false;
  const head = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(PLAIN_HEADER);
}

export function keyPragma(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new AppError('db-key-invalid', `数据库密钥应为 ${KEY_BYTES} 字节 (a database key is ${KEY_BYTES} bytes)`);
  return `"x'${key.toString('hex')}'"`;
}

/**
 * Keys a connection before anything reads a page, then reads one: a wrong key fails here (SQLITE_NOTADB)
 * with a code of ours, not later in some query.
 */
export function applyKey(sqlite: BetterSqlite3.Database, key: Buffer, file: string): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma(`key = ${keyPragma(key)}`);
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('db-key-wrong', `无法用所给的密钥打开数据库 ${file}：密钥不对，或文件不是本程序的数据库 (wrong key, or not a database of ours)`);
    }
    throw error;
  }
}

/** A keyed connection for one job (probes, verification, decrypt); the app's own goes through openDatabase. */
export function openKeyed(file: string, key: Buffer, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, options);
  try {
    applyKey(sqlite, key, file);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  // A VACUUM INTO (decrypt) rebuilds the heads' pinyin index, which needs its function (migration 0011).
  registerPinyinKey(sqlite);
  return sqlite;
}

export function restrictToOwner(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Windows and some network shares have no POSIX modes; the user-profile folder protects the file there.
  }
}

/** A keyed connection with the key file beside the database: for scripts and tests that read a desk file. */
export function openWithKeyBeside(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  return openKeyed(file, readKeyFile(keyFileFor(file)), options);
}

/**
 * A centre's store (it has central_meta, server/central-tables.ts) is kept plain on the office's server:
 * opened by a desk path (a test, a script, the CLI's stats) it is read as it is and never encrypted in place,
 * which would leave the centre unable to open its own file.
 */
export function isCentreStore(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0 || !isPlainSqlite(file)) return false;
  const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return probe.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'central_meta'").get() !== undefined;
  } finally {
    probe.close();
  }
}
