import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';
import { migrateToLatest, schemaVersionOf } from '../../electron/backend/db/migrator';
import { migrations, type Migration } from '../../migrations';
import { AppError } from '../../shared/result';
import { keyFileFor, readKeyFile } from '../../electron/backend/db/at-rest';

const dirs: string[] = [];
const handles: DbHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDb(): { dir: string; file: string; handle: DbHandle } {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-mig-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const handle = openDatabase(file);
  handles.push(handle);
  return { dir, file, handle };
}

const second: Migration = {
  version: 2,
  name: '0002_test_column',
  async up(trx) {
    await sql.raw('ALTER TABLE cases ADD COLUMN test_note TEXT').execute(trx);
  },
};

describe('migrator', () => {
  it('creates the file readable by its owner only', () => {
    const { file } = tempDb();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('migrates an empty file to the latest version without a backup, then does nothing', async () => {
    const { handle, dir } = tempDb();
    const first = await migrateToLatest(handle);
    expect(first).toMatchObject({ from: 0, to: migrations.length, backupFile: null });
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const again = await migrateToLatest(handle);
    expect(again).toMatchObject({ from: migrations.length, to: migrations.length, applied: [] });
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('copies an existing database before migrating it', async () => {
    const { handle, dir } = tempDb();
    await migrateToLatest(handle, { list: [migrations[0]!] });
    handle.sqlite.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', '1', 'now')").run();
    const report = await migrateToLatest(handle, { list: [migrations[0]!, second], backupDir: join(dir, 'backups') });
    expect(report).toMatchObject({ from: 1, to: 2, applied: ['0002_test_column'] });
    expect(report.backupFile).not.toBeNull();
    expect(existsSync(report.backupFile!)).toBe(true);
    // Encrypted with the database's own key (issue 21).
    const backup = openDatabase(report.backupFile!, { key: readKeyFile(keyFileFor(handle.file)) });
    handles.push(backup);
    expect(schemaVersionOf(backup)).toBe(1);
    expect(backup.sqlite.prepare("SELECT value_json FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
  });

  it('rolls a failing migration back completely and names it', async () => {
    const { handle } = tempDb();
    await migrateToLatest(handle, { list: [migrations[0]!] });
    const broken: Migration = {
      version: 2,
      name: '0002_broken',
      async up(trx) {
        await sql.raw('CREATE TABLE half_done (x INTEGER)').execute(trx);
        await sql.raw('ALTER TABLE no_such_table ADD COLUMN y TEXT').execute(trx);
      },
    };
    const error = await migrateToLatest(handle, { list: [migrations[0]!, broken] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('db-migration-failed');
    expect((error as AppError).message).toMatch(/0002_broken/);
    expect(schemaVersionOf(handle)).toBe(1);
    expect(handle.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const { handle, file } = tempDb();
    await migrateToLatest(handle);
    handle.sqlite.pragma('user_version = 99');
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(file);
    const error = await migrateToLatest(handle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('db-newer-version');
    expect((error as AppError).message).toMatch(/更新版本.*没有修改或删除/);
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a migration list with a gap', async () => {
    const { handle } = tempDb();
    await expect(migrateToLatest(handle, { list: [migrations[0]!, { ...second, version: 3 }] })).rejects.toThrow(/expected 2/);
  });
});
