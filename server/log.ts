// The centre's log: one JSON object per line on stderr, `{"time","level","msg","instance",…}`, for a
// log collector to read. No personal data goes in: a request is its method, its path without the query
// string (a pull's cursor is there), its status, its time and the account's user id; never a username, a
// name, a token, a password or a body. An error is its message and stack.
import { randomBytes } from 'node:crypto';

/** Names this process in every line and in the health answer: which of several centres said it. */
export const instanceId = randomBytes(4).toString('hex');

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export type Logger = {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  /** `error` is logged as its message and stack only (a database error's detail may quote row values). */
  error(msg: string, error?: unknown, fields?: LogFields): void;
};

export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return error === undefined ? {} : { error: String(error) };
}

const levels = { info: 0, warn: 1, error: 2 } as const;
export type LogLevel = keyof typeof levels;

/** A logger writing to `write` (stderr by default) the lines at `least` or above; tests pass their own `write`. */
export function createLogger(write: (line: string) => void = (line) => process.stderr.write(line), least: LogLevel = 'info'): Logger {
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (levels[level] < levels[least]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, instance: instanceId, ...fields })}\n`);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, error, fields) => emit('error', msg, { ...fields, ...errorFields(error) }),
  };
}

export const log = createLogger();
