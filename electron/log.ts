// The app's log file (user data/logs/main.log, readable by the OS user only, kept to about 2 MB). Log
// lines carry channel names, error codes and messages, never a call's arguments; ID card and mobile
// numbers that slip into a message are masked before anything is written (redact.ts).
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from './redact';

export { redact };

export type Level = 'info' | 'warn' | 'error';
export type Log = { write(level: Level, message: string, error?: unknown): void };

const MAX_BYTES = 1024 * 1024;

export function fileLog(file: string, now: () => Date = () => new Date()): Log {
  mkdirSync(dirname(file), { recursive: true });
  return {
    write(level, message, error) {
      const detail = error === undefined ? '' : ` | ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      const line = `${now().toISOString()} ${level.toUpperCase()} ${redact(message + detail).replace(/\s*\n\s*/g, ' ')}\n`;
      try {
        if (existsSync(file) && statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`);
        appendFileSync(file, line, { mode: 0o600 });
        chmodSync(file, 0o600);
      } catch {
        // A log that cannot be written must never stop the app.
      }
    },
  };
}
