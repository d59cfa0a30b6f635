// The envelope every API call answers with (as Signal's SQL channel does): a failed call is a value,
// never an exception crossing the process boundary.

/** String codes, stable across versions: the UI maps them to help text, logs carry them verbatim. */
export type ErrorCode =
  | 'invalid-args'
  | 'unknown-channel'
  | 'not-found'
  | 'forbidden'
  | 'no-session'
  | 'validation'
  | 'conflict'
  /** Allowed, but only once the person confirmed it (a second meeting in a month, a meeting held on another day). */
  | 'unconfirmed'
  /** The centre derived something else than the desk claimed (a sample, a minutes hash, an amount). */
  | 'mismatch'
  | 'db-newer-version'
  | 'db-migration-failed'
  /** SQLite's quick_check found damage: the file is refused before anything reads or writes it. */
  | 'db-damaged'
  /** The database's key (issue 21): malformed, missing beside an encrypted file, or not this file's. */
  | 'db-key-invalid'
  | 'db-key-missing'
  | 'db-key-wrong'
  /** A plain database did not verify after its encryption; it was put back as it was. */
  | 'db-encrypt-failed'
  | 'pdf-failed'
  | 'font-missing'
  | 'manifest-invalid'
  | 'seed-invalid'
  | 'rate-invalid'
  | 'sync-failed'
  /** The desk is locked: only the lock's own channels answer (shared/lock.ts). */
  | 'locked'
  /** A wrong PIN or password at the lock. */
  | 'wrong-secret'
  /** Too many wrong tries: the next must wait (details.retryAfterMs). */
  | 'throttled'
  /** The database could not be opened: only app.startup answers (see shared/startup.ts). */
  | 'recovery'
  | 'internal';

export type ApiError = { code: ErrorCode; message: string; details?: unknown };
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): ApiResult<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** An error a service throws on purpose; the registry turns it into `{ ok: false }` with its code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** For exhaustive switches: the compiler proves this is unreachable, the runtime names the stray value. */
export function missingCase(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
