import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import { latestSchemaVersion, migrations, type Migration } from '../../../migrations';
import { AppError } from '../../../shared/result';
import type { DbHandle } from './open';
import { installCapture } from '../sync/capture';
import { writeBackup } from './backup';
import { assertIntact } from './integrity';
import { isPlainSqlite, keyFileFor, openKeyed, readKeyFile } from './at-rest';

export type MigrationReport = { from: number; to: number; applied: string[]; backupFile: string | null };

export function schemaVersionOf(handle: DbHandle): number {
  return handle.sqlite.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest schema. A database written by a newer app is refused untouched
 * (never "delete data"); an existing database is copied before the first step; each step and its
 * version bump commit together, so a failure leaves the file at the last good version.
 */
export async function migrateToLatest(
  handle: DbHandle,
  options: { backupDir?: string; list?: readonly Migration[]; now?: () => Date } = {},
): Promise<MigrationReport> {
  const list = options.list ?? migrations;
  assertOrdered(list);
  const latest = list.length === 0 ? 0 : list[list.length - 1]!.version;
  const from = schemaVersionOf(handle);
  if (from > latest) throw newerVersionError(handle.file, from, latest);
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [], backupFile: null };
  const report = await applyMigrations(handle, pending, from, options);
  installCapture(handle.sqlite);
  return report;
}

async function applyMigrations(handle: DbHandle, pending: readonly Migration[], from: number, options: { backupDir?: string; now?: () => Date }): Promise<MigrationReport> {

  let backupFile: string | null = null;
  if (from > 0 && handle.file !== ':memory:') {
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupFile = join(options.backupDir ?? dirname(handle.file), `${basename(handle.file)}.v${from}-${stamp}.bak`);
    writeBackup(handle.sqlite, handle.file, backupFile);
  }

  const applied: string[] = [];
  for (const m of pending) {
    try {
      await handle.db.transaction().execute(async (trx) => {
        await m.up(trx as never);
        await sql.raw(`PRAGMA user_version = ${m.version}`).execute(trx);
      });
    } catch (error) {
      throw new AppError(
        'db-migration-failed',
        `数据库升级到版本 ${m.version}（${m.name}）失败，数据库保持在版本 ${schemaVersionOf(handle)}` +
          (backupFile ? `，升级前的副本在 ${backupFile}` : '') +
          `：${error instanceof Error ? error.message : String(error)}`,
      );
    }
    applied.push(m.name);
  }
  return { from, to: schemaVersionOf(handle), applied, backupFile };
}

function newerVersionError(file: string, found: number, supported: number): AppError {
  return new AppError(
    'db-newer-version',
    `数据库文件由更新版本的联审联批工作台写入（数据结构版本 ${found}，本程序只支持到 ${supported}）。` +
      '请安装最新版本后再打开；本程序没有修改或删除其中任何数据。',
    { file, found, supported },
  );
}

/**
 * Checks an existing file read-only before it is opened for writing, so that a database this build
 * must refuse (a newer version's, or not a database at all) is never touched: opening it read-write
 * would already switch its journal mode. A damaged file (quick_check) is refused here too, before the
 * app, the CLI or a sync reads or writes anything in it.
 */
export function assertOpenable(file: string, nativeBinding?: string, key?: Buffer): void {
  if (file === ':memory:' || !existsSync(file) || statSync(file).size === 0) return;
  const options = { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) };
  // A plain file (before its encryption) is read as it is; an encrypted one needs its key, and one
  // without any key is left for openDatabase to refuse with its own message.
  const keyFile = keyFileFor(file);
  const theKey = key ?? (existsSync(keyFile) ? readKeyFile(keyFile) : null);
  if (!isPlainSqlite(file) && theKey === null) return;
  const probe = isPlainSqlite(file) || theKey === null ? new BetterSqlite3(file, options) : openKeyed(file, theKey, options);
  try {
    const found = probe.pragma('user_version', { simple: true }) as number;
    if (found > latestSchemaVersion) throw newerVersionError(file, found, latestSchemaVersion);
    assertIntact(probe, file);
  } finally {
    probe.close();
  }
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

export { latestSchemaVersion };
