// The desk database's key kept by the OS (issue 21), as Signal Desktop keeps its SQLCipher key: 32 random
// bytes wrapped by safeStorage (DPAPI on Windows, the Keychain on macOS, the keyring on Linux) in
// database-key.bin of the user-data folder, 0600 from its first byte. The key itself is never written in
// the clear. Where safeStorage has no real encryption (a Linux desktop without a keyring stores "basic
// text"), or the wrapped key cannot be unwrapped (another OS user, a reset keyring), null: the backend
// then uses the 0600 key file beside the database, as the CLI does (electron/backend/db/at-rest.ts), and a
// database encrypted with the lost key opens the recovery page rather than anything being overwritten.
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The part of Electron's safeStorage used here (tests/shell give a stand-in). */
export type KeyWrapper = {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(wrapped: Buffer): string;
};

export const DATABASE_KEY_FILE = 'database-key.bin';

function encrypting(storage: KeyWrapper): boolean {
  return storage.isEncryptionAvailable() && (process.platform !== 'linux' || storage.getSelectedStorageBackend?.() !== 'basic_text');
}

export type DatabaseKey = { key: Buffer; made: boolean } | { key: null; why: 'no-os-encryption' | 'unwrap-failed' };

export function databaseKeyFromOs(storage: KeyWrapper, userData: string): DatabaseKey {
  if (!encrypting(storage)) return { key: null, why: 'no-os-encryption' };
  const file = join(userData, DATABASE_KEY_FILE);
  if (existsSync(file)) {
    try {
      const hex = storage.decryptString(readFileSync(file));
      if (!/^[0-9a-f]{64}$/.test(hex)) return { key: null, why: 'unwrap-failed' };
      return { key: Buffer.from(hex, 'hex'), made: false };
    } catch {
      return { key: null, why: 'unwrap-failed' };
    }
  }
  const key = randomBytes(32);
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, storage.encryptString(key.toString('hex')));
  } finally {
    closeSync(fd);
  }
  return { key, made: true };
}
