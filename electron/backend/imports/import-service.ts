// The import as the screen and the CLI use it: check a file (plan it, run its parts and keep nothing),
// then import the same checked file by its token; the last reports are kept for the refusal list.
import { randomUUID } from 'node:crypto';
import type { ImportProgress, ImportReport } from '../../../shared/import/report';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { BackendContext } from '../context';
import { planImport, type ImportPlan, type MappingChoice } from './import-plan';
import { runImport } from './import-run';
import { savedMappings } from './mappings';

type Checked = { plan: ImportPlan; report: ImportReport; userId: string };

/** Checked files by token, per backend: a few only (each holds a parsed file). */
const checkedFiles = new WeakMap<BackendContext, Map<string, Checked>>();
const KEEP = 4;

function cacheOf(ctx: BackendContext): Map<string, Checked> {
  let m = checkedFiles.get(ctx);
  if (!m) checkedFiles.set(ctx, (m = new Map()));
  return m;
}

function remember(ctx: BackendContext, token: string, checked: Checked): void {
  const cache = cacheOf(ctx);
  cache.set(token, checked);
  while (cache.size > KEEP) cache.delete(cache.keys().next().value!);
}

export function checkedFile(ctx: BackendContext, user: SessionUser, token: string): Checked {
  const c = cacheOf(ctx).get(token);
  if (!c || c.userId !== user.id) throw new AppError('not-found', '这次检查的结果已不在（程序重新启动过，或之后又检查了别的文件），请重新选择文件检查');
  return c;
}

export type ImportRequest = { fileName: string; bytes: Uint8Array; mapping: MappingChoice };

export async function checkImport(ctx: BackendContext, user: SessionUser, request: ImportRequest, write = false): Promise<ImportReport> {
  const emit = (p: ImportProgress) => ctx.emit('import.progress', p);
  emit({ phase: 'read', done: 0, total: 0 });
  const plan = planImport(request.bytes, request.fileName, request.mapping, await savedMappings(ctx.db), ctx.clock.today());
  const token = randomUUID();
  const report = await runImport(ctx, user, plan, { write, token, onProgress: (p) => emit(p) });
  remember(ctx, token, { plan, report, userId: user.id });
  return report;
}

/** Imports a file checked before, checking it again as it goes (the data may have changed since). */
export async function importChecked(ctx: BackendContext, user: SessionUser, token: string): Promise<ImportReport> {
  const { plan } = checkedFile(ctx, user, token);
  const report = await runImport(ctx, user, plan, { write: true, token, onProgress: (p) => ctx.emit('import.progress', p) });
  remember(ctx, token, { plan, report, userId: user.id });
  return report;
}
