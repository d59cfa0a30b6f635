// Electron main's database key (electron/database-key.ts): wrapped by safeStorage in the user-data
// folder, never in the clear; absent when the OS has no real encryption or cannot unwrap it, so the
// backend falls back to the key file beside the database. A stand-in safeStorage that really transforms
// the bytes (AES with a key of its own), as DPAPI or the keyring would.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_KEY_FILE, databaseKeyFromOs, type KeyWrapper } from '../../electron/database-key';

function osStorage(available = true, backend = 'gnome_libsecret'): KeyWrapper {
  const secret = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-256-cbc', secret, iv);
      return Buffer.concat([iv, c.update(text, 'utf8'), c.final()]);
    },
    decryptString: (wrapped) => {
      const d = createDecipheriv('aes-256-cbc', secret, wrapped.subarray(0, 16));
      return Buffer.concat([d.update(wrapped.subarray(16)), d.final()]).toString('utf8');
    },
  };
}

const dirs: string[] = [];
const userData = () => {
  const d = mkdtempSync(join(tmpdir(), 'jrd-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the database key kept by the OS', () => {
  it('is made once, kept wrapped (0600, the key nowhere in the clear), and read back the same', () => {
    const dir = userData();
    const storage = osStorage();
    const first = databaseKeyFromOs(storage, dir);
    expect(first.key).not.toBeNull();
    expect(first).toMatchObject({ made: true });
    const file = join(dir, DATABASE_KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = readFileSync(file);
    expect(stored.toString('latin1')).not.toContain(first.key!.toString('hex'));
    expect(stored.includes(first.key!)).toBe(false);
    const again = databaseKeyFromOs(storage, dir);
    expect(again).toMatchObject({ made: false });
    expect(again.key!.equals(first.key!)).toBe(true);
  });

  it('is not made where the OS has no real encryption: the key file beside the database is used instead', () => {
    expect(databaseKeyFromOs(osStorage(false), userData())).toEqual({ key: null, why: 'no-os-encryption' });
    if (process.platform === 'linux') expect(databaseKeyFromOs(osStorage(true, 'basic_text'), userData())).toEqual({ key: null, why: 'no-os-encryption' });
  });

  it('is refused, not replaced, when the OS cannot unwrap it (another user, a reset keyring, a damaged file)', () => {
    const dir = userData();
    databaseKeyFromOs(osStorage(), dir);
    const before = readFileSync(join(dir, DATABASE_KEY_FILE));
    // Another keyring: its own secret cannot unwrap this file.
    expect(databaseKeyFromOs(osStorage(), dir)).toEqual({ key: null, why: 'unwrap-failed' });
    writeFileSync(join(dir, DATABASE_KEY_FILE), Buffer.from('not a wrapped key'));
    expect(databaseKeyFromOs(osStorage(), dir)).toEqual({ key: null, why: 'unwrap-failed' });
    expect(before.length).toBeGreaterThan(16);
  });
});
