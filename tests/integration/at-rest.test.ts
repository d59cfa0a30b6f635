// Issue 21: the desk's database, its WAL and its backups hold no citizen ID or mobile number in plain
// bytes; with the key every one is there. Also the encryption of a plain database from before.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { openDatabase } from '../../electron/backend/db/open';
import { isPlainSqlite, keyFileFor, openKeyed, plainBackupFor, readKeyFile } from '../../electron/backend/db/at-rest';
import { encryptInPlace } from '../../electron/backend/db/encrypt-in-place';
import { migrations } from '../../migrations';
import { decryptCommand } from '../../electron/backend/cli/commands/decrypt';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jrd-at-rest-'));
  dirs.push(d);
  return d;
}

const ID = /\d{17}[\dX]/g;
const MOBILE = /1[3-9]\d{9}/g;
function plainHits(file: string): number {
  const text = readFileSync(file).toString('utf8');
  return (text.match(ID)?.length ?? 0) + (text.match(MOBILE)?.length ?? 0);
}

describe('data at rest', () => {
  it('keeps no ID or mobile number in plain bytes of the database, its WAL or its backups; the key finds every one', async () => {
    const dir = tempDir();
    const file = join(dir, 'jrd.sqlite');
    const handle = openDatabase(file);
    await migrateToLatest(handle, { list: migrations.slice(0, 2) });
    await migrateToLatest(handle, { backupDir: join(dir, 'backups') });
    handle.sqlite.pragma('wal_autocheckpoint = 0');
    generateDistrict(handle, { households: 300 });
    const ids = handle.sqlite.prepare('SELECT citizen_id FROM members').pluck().all() as string[];
    const phones = (handle.sqlite.prepare(`SELECT phone FROM households WHERE phone <> ''`).pluck().all() as string[]).filter((p) => /^1[3-9]\d{9}$/.test(p));
    expect(ids.length).toBeGreaterThan(300);
    expect(phones.length).toBeGreaterThan(100);
    // Before any checkpoint the district's pages are in the WAL: it is scanned as it is.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(100_000);
    const backups = readdirSync(join(dir, 'backups')).map((f) => join(dir, 'backups', f));
    expect(backups.length).toBe(1);
    for (const f of [file, `${file}-wal`, ...backups]) expect(plainHits(f), f).toBe(0);
    await handle.close();
    expect(plainHits(file)).toBe(0);
    expect(statSync(keyFileFor(file)).mode & 0o777).toBe(0o600);

    // Without the key it is not a database; with it, every ID and phone is there.
    expect(() => new BetterSqlite3(file).prepare('SELECT count(*) FROM members').get()).toThrow(/not a database/);
    const keyed = openKeyed(file, readKeyFile(keyFileFor(file)), { readonly: true });
    const found = new Set(keyed.prepare('SELECT citizen_id FROM members').pluck().all() as string[]);
    const foundPhones = new Set(keyed.prepare('SELECT phone FROM households').pluck().all() as string[]);
    keyed.close();
    expect(ids.every((id) => found.has(id))).toBe(true);
    expect(phones.every((p) => foundPhones.has(p))).toBe(true);
  });

  it('refuses a wrong key with its own code', () => {
    const dir = tempDir();
    const file = join(dir, 'a.sqlite');
    openDatabase(file).sqlite.close();
    expect(() => openDatabase(file, { key: Buffer.alloc(32, 7) })).toThrow(expect.objectContaining({ code: 'db-key-wrong' }));
  });

  it('encrypts a plain database from before in place, and removes the plain copy once it verifies', async () => {
    const dir = tempDir();
    const file = join(dir, 'old.sqlite');
    const plain = new BetterSqlite3(file);
    plain.pragma('journal_mode = WAL');
    plain.exec(`CREATE TABLE people (citizen_id TEXT); INSERT INTO people VALUES ('110101199001011234'), ('11010119900101123X')`);
    plain.close();
    expect(isPlainSqlite(file)).toBe(true);
    const handle = openDatabase(file);
    expect(handle.sqlite.prepare('SELECT count(*) FROM people').pluck().get()).toBe(2);
    await handle.close();
    expect(isPlainSqlite(file)).toBe(false);
    expect(plainHits(file)).toBe(0);
    expect(existsSync(plainBackupFor(file))).toBe(false);
  });

  it('leaves the plain data recoverable when the encryption is cut short, and finishes on the next start', async () => {
    const dir = tempDir();
    const file = join(dir, 'old.sqlite');
    const plain = new BetterSqlite3(file);
    plain.exec(`CREATE TABLE people (citizen_id TEXT); INSERT INTO people VALUES ('110101199001011234')`);
    plain.close();
    const key = Buffer.alloc(32, 3);
    // A crash after the rekey: the plain copy stays beside the file.
    expect(() => encryptInPlace(file, key, { afterRekey: () => { throw new Error('crash'); } })).toThrow('crash');
    expect(isPlainSqlite(plainBackupFor(file))).toBe(true);
    // A failed verification (the file damaged after the rekey) puts the plain file back.
    expect(() => encryptInPlace(file, key, { afterRekey: () => rmSync(file) })).toThrow(expect.objectContaining({ code: 'db-encrypt-failed' }));
    expect(isPlainSqlite(file)).toBe(true);
    const handle = openDatabase(file, { key });
    expect(handle.sqlite.prepare('SELECT citizen_id FROM people').pluck().get()).toBe('110101199001011234');
    await handle.close();
    expect(isPlainSqlite(file)).toBe(false);
    expect(existsSync(plainBackupFor(file))).toBe(false);
  });

  it('cli decrypt writes a plain copy readable without the key, and leaves the original encrypted', async () => {
    const dir = tempDir();
    const file = join(dir, 'demo.sqlite');
    const handle = openDatabase(file);
    handle.sqlite.exec(`CREATE TABLE people (citizen_id TEXT); INSERT INTO people VALUES ('110101199001011234')`);
    await handle.close();
    const out = join(dir, 'plain.sqlite');
    const lines: string[] = [];
    await decryptCommand.run(['--db', file, '--key-file', keyFileFor(file), '--out', out], (l) => lines.push(l));
    expect(lines).toEqual([out]);
    expect(isPlainSqlite(out)).toBe(true);
    const plain = new BetterSqlite3(out, { readonly: true });
    expect(plain.prepare('SELECT citizen_id FROM people').pluck().get()).toBe('110101199001011234');
    plain.close();
    expect(isPlainSqlite(file)).toBe(false);
    // A wrong key file writes nothing.
    const wrong = join(dir, 'wrong.key');
    writeFileSync(wrong, '00'.repeat(32));
    await expect(decryptCommand.run(['--db', file, '--key-file', wrong, '--out', join(dir, 'x.sqlite')], () => undefined)).rejects.toMatchObject({ code: 'db-key-wrong' });
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });
});
