// Sign-in tokens encrypted with Electron's safeStorage (DPAPI on Windows, the keyring on Linux), kept in
// a file of the user-data folder readable by the OS user only. Where no real encryption is available
// (a Linux desktop without a keyring falls back to a fixed key), tokens are kept in memory only and the
// person signs in again after a restart: a readable token file would be worse.
import { safeStorage } from 'electron';
import { FileSecretStore, MemorySecretStore, type SecretStore } from './backend/sync/secret-store';

export class SafeStorageSecretStore implements SecretStore {
  readonly #file: FileSecretStore;
  readonly #memory = new MemorySecretStore();

  constructor(file: string) {
    this.#file = new FileSecretStore(file);
  }

  #encrypting(): boolean {
    return safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  }

  async get(key: string): Promise<string | null> {
    if (!this.#encrypting()) return this.#memory.get(key);
    const stored = await this.#file.get(key);
    if (stored === null) return null;
    try {
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      return null;
    }
  }

  async set(key: string, value: string): Promise<void> {
    if (!this.#encrypting()) return this.#memory.set(key, value);
    await this.#file.set(key, safeStorage.encryptString(value).toString('base64'));
  }

  async delete(key: string): Promise<void> {
    await this.#memory.delete(key);
    await this.#file.delete(key);
  }
}
