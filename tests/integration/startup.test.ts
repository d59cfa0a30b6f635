// Start-up in the packaged path: a new database is created and migrated; an older one is upgraded with a
// backup first; a newer one, or a file that is not a database, puts the app in recovery mode without the
// file changing by a single byte; recovery answers app.startup and refuses everything else.
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../migrations';
import { AppError } from '../../shared/result';
import { StartupState } from '../../shared/startup';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { openDatabase } from '../../electron/backend/db/open';
import { keyFileFor, openKeyed, readKeyFile } from '../../electron/backend/db/at-rest';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { classifyStartupError, startBackend } from '../../electron/backend/startup';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jrd-startup-'));
  dirs.push(d);
  return d;
}
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const options = (dataDir: string) => ({ dataDir, bundledFontsDir: bundledFontsDir(), appVersion: 'test' });

async function startupOf(started: Awaited<ReturnType<typeof startBackend>>) {
  const r = await started.invoker.invoke('app.startup', {});
  if (!r.ok) throw new Error(r.error.message);
  return StartupState.parse(r.value);
}

describe('startBackend', () => {
  it('creates and migrates a new database, readable by its owner only', async () => {
    const dir = tempDir();
    const started = await startBackend(options(dir));
    expect(started.kind).toBe('ready');
    expect(await startupOf(started)).toEqual({ mode: 'ready', upgradedFrom: null, backupFile: null });
    expect(statSync(join(dir, 'jrd.sqlite')).mode & 0o777).toBe(0o600);
    if (started.kind === 'ready') await started.backend.close();
  });

  it('backs an older database up before upgrading it, and says so', async () => {
    const dir = tempDir();
    const handle = openDatabase(join(dir, 'jrd.sqlite'));
    await migrateToLatest(handle, { list: migrations.slice(0, 2) });
    await handle.close();
    const started = await startBackend(options(dir));
    const state = await startupOf(started);
    expect(state).toMatchObject({ mode: 'ready', upgradedFrom: 2 });
    const backup = state.mode === 'ready' ? state.backupFile! : '';
    expect(backup.startsWith(join(dir, 'backups'))).toBe(true);
    // The backup is encrypted with the database's key (issue 21): plain, it is not a database.
    expect(() => new BetterSqlite3(backup, { readonly: true }).pragma('user_version')).toThrow(/not a database/);
    const copy = openKeyed(backup, readKeyFile(keyFileFor(join(dir, 'jrd.sqlite'))), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(2);
    copy.close();
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    if (started.kind === 'ready') {
      expect(started.backend.handle.sqlite.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      await started.backend.close();
    }
  });

  it('refuses a newer database without touching it, in recovery mode', async () => {
    const dir = tempDir();
    const file = join(dir, 'jrd.sqlite');
    const db = new BetterSqlite3(file);
    db.exec(`CREATE TABLE t (x); PRAGMA user_version = ${latestSchemaVersion + 1};`);
    db.close();
    const before = sha(file);
    const started = await startBackend(options(dir));
    expect(started.kind).toBe('recovery');
    const state = await startupOf(started);
    expect(state).toMatchObject({ mode: 'recovery', code: 'db-newer-version', databaseFile: file, backupsDir: join(dir, 'backups') });
    expect(state.mode === 'recovery' && state.message).toMatch(/更新版本/);
    const other = await started.invoker.invoke('cases.list', {});
    expect(other).toMatchObject({ ok: false, error: { code: 'recovery' } });
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []).toEqual([]);
  });

  it('refuses a file that is not a database without touching it', async () => {
    const dir = tempDir();
    const file = join(dir, 'jrd.sqlite');
    writeFileSync(file, 'not a database '.repeat(100));
    const before = sha(file);
    const started = await startBackend(options(dir));
    expect(await startupOf(started)).toMatchObject({ mode: 'recovery', code: 'db-unreadable' });
    expect(sha(file)).toBe(before);
  });
});

describe('classifyStartupError', () => {
  it('maps each failure to a recovery code with a Chinese message', () => {
    expect(classifyStartupError(new AppError('db-migration-failed', '升级失败'))).toEqual({ code: 'db-migration-failed', message: '升级失败' });
    expect(classifyStartupError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })).code).toBe('db-locked');
    expect(classifyStartupError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' })).code).toBe('db-unreadable');
    expect(classifyStartupError(Object.assign(new Error('permission denied'), { code: 'EACCES' })).code).toBe('db-unreadable');
    expect(classifyStartupError(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT_INDEX' }))).toMatchObject({ code: 'db-damaged', message: expect.stringMatching(/已损坏/) });
    expect(classifyStartupError(new AppError('db-damaged', '数据文件已损坏'))).toEqual({ code: 'db-damaged', message: '数据文件已损坏' });
    const unknown = classifyStartupError(new Error('boom'));
    expect(unknown.code).toBe('startup-failed');
    expect(unknown.message).toMatch(/程序启动时出错：boom/);
  });
});
