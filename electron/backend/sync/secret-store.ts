// Where sign-in tokens live: only in the main process, never in the database, never in the renderer.
// The app stores them with Electron's safeStorage (electron/safe-secret-store.ts); tests, the CLI and the
// browser harness use the file-backed store here, readable by the OS user only.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  #read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      // A damaged file holds no usable token: the user signs in again.
      return {};
    }
  }

  #write(values: Record<string, string>): void {
    // Written beside and renamed over, so that a crash never leaves half a file.
    const next = `${this.file}.next`;
    writeFileSync(next, JSON.stringify(values), { mode: 0o600 });
    renameSync(next, this.file);
  }

  async get(key: string): Promise<string | null> {
    return this.#read()[key] ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.#write({ ...this.#read(), [key]: value });
  }

  async delete(key: string): Promise<void> {
    const values = this.#read();
    delete values[key];
    this.#write(values);
  }
}

/** Holds secrets for the life of the process only (a backend opened without a place to keep them). */
export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.#values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }
}
