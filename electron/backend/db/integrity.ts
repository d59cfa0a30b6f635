// SQLite's quick_check, run before the app trusts a file: at start, before a backup copies it and before a
// sync sends from it or writes into it. A damaged page otherwise goes unnoticed until a query happens to
// read it (count(*) and the audit chain may never do), and a sync would keep writing into the damage.
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/result';

/** How many of quick_check's findings the error keeps: the first few say enough, a wreck lists thousands. */
const SHOWN = 3;

/** quick_check's findings; empty when the file is sound. */
export function integrityProblems(sqlite: BetterSqlite3.Database): string[] {
  // quick_check (not integrity_check): it checks every page's structure but not that indexes match
  // their tables, at a fraction of the cost on a large file.
  const rows = sqlite.pragma(`quick_check(${SHOWN})`) as { quick_check: string }[];
  const found = rows.map((r) => r.quick_check);
  return found.length === 1 && found[0] === 'ok' ? [] : found;
}

/** Throws `db-damaged` when quick_check finds damage, or when reading the file for it fails as corrupt. */
export function assertIntact(sqlite: BetterSqlite3.Database, file: string): void {
  let problems: string[];
  try {
    problems = integrityProblems(sqlite);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw error;
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length > 0) throw damagedError(file, problems);
}

export function damagedError(file: string, problems: readonly string[]): AppError {
  return new AppError(
    'db-damaged',
    `数据文件已损坏，完整性检查未通过（${problems.slice(0, SHOWN).join('；')}）。` + `程序没有读写其中的数据；请从备份文件夹中的副本恢复或联系技术支持。文件：${file}`,
    { file, problems: problems.slice(0, SHOWN) },
  );
}
