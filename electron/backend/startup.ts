// Start-up for the app (Electron main and the browser harness): the backend, or, when its database
// cannot be opened, a recovery mode in which the page learns what went wrong and where the data is.
// Nothing here deletes, moves or rewrites the database: recovery only explains.
import { join } from 'node:path';
import { fail, type ApiResult, AppError } from '../../shared/result';
import type { RecoveryCode, StartupState } from '../../shared/startup';
import { resolveDatabaseFile } from './app/data-file';
import { openBackend, type Backend, type BootOptions } from './boot';

/** What the IPC layer calls: the handler table, or its stand-in while in recovery. */
export type Invoker = { invoke(name: string, args: unknown): Promise<ApiResult<unknown>> };

export type Started = { kind: 'ready'; backend: Backend; invoker: Invoker } | { kind: 'recovery'; problem: Extract<StartupState, { mode: 'recovery' }>; invoker: Invoker };

export async function startBackend(options: BootOptions): Promise<Started> {
  const databaseFile = options.databaseFile ?? resolveDatabaseFile(options.dataDir);
  try {
    const backend = await openBackend(options);
    return { kind: 'ready', backend, invoker: backend.registry };
  } catch (error) {
    const { code, message } = classifyStartupError(error);
    const problem = { mode: 'recovery' as const, code, message, databaseFile, backupsDir: join(options.dataDir, 'backups') };
    return { kind: 'recovery', problem, invoker: recoveryInvoker(problem) };
  }
}

/** Answers app.startup with the problem and refuses everything else, plainly. */
export function recoveryInvoker(problem: Extract<StartupState, { mode: 'recovery' }>): Invoker {
  return {
    async invoke(name) {
      if (name === 'app.startup') return { ok: true, value: problem };
      return fail('recovery', '数据文件没有打开，程序处于恢复模式；请按恢复页面的说明处理');
    },
  };
}

const sqliteCodes: Record<string, RecoveryCode> = {
  SQLITE_NOTADB: 'db-unreadable',
  SQLITE_CORRUPT: 'db-damaged',
  SQLITE_CANTOPEN: 'db-unreadable',
  SQLITE_READONLY: 'db-unreadable',
  SQLITE_PERM: 'db-unreadable',
  SQLITE_IOERR: 'db-unreadable',
  SQLITE_BUSY: 'db-locked',
  SQLITE_LOCKED: 'db-locked',
};

export function classifyStartupError(error: unknown): { code: RecoveryCode; message: string } {
  if (error instanceof AppError && (error.code === 'db-newer-version' || error.code === 'db-migration-failed' || error.code === 'db-damaged')) return { code: error.code, message: error.message };
  // The key's problems say themselves what is wrong; the file was not changed (or was put back).
  if (error instanceof AppError && (error.code === 'db-key-invalid' || error.code === 'db-key-missing' || error.code === 'db-key-wrong' || error.code === 'db-encrypt-failed')) return { code: 'db-unreadable', message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  // Extended SQLite codes (SQLITE_IOERR_READ) count as their primary code (SQLITE_IOERR).
  const primary = typeof code === 'string' ? (/^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code) : undefined;
  const known = primary === undefined ? undefined : (sqliteCodes[primary] ?? (primary === 'EACCES' || primary === 'EPERM' ? 'db-unreadable' : undefined));
  switch (known) {
    case 'db-unreadable':
      return { code: known, message: `数据文件不是有效的数据库、已损坏或没有读写权限（${detail}）。程序没有修改它；请从备份恢复或联系技术支持。` };
    case 'db-damaged':
      return { code: known, message: `数据文件已损坏（${detail}）。程序没有继续读写它；请从备份文件夹中的副本恢复或联系技术支持。` };
    case 'db-locked':
      return { code: known, message: `数据文件正被另一个程序使用（${detail}）。请关闭其他打开它的程序后重新启动。` };
    case undefined:
    case 'db-newer-version':
    case 'db-migration-failed':
    case 'startup-failed':
      return { code: 'startup-failed', message: `程序启动时出错：${detail}。数据文件没有被修改。` };
    default: {
      const never: never = known;
      return never;
    }
  }
}
