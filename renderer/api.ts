// The renderer's only door to the backend: the typed window.api from the preload (or the browser
// harness), with failures turned into ApiCallError so screens can show the message.
import type { ArgsOf, RendererApi, ResultOf } from '../shared/api';
import type { ChannelName } from '../shared/channels';
import type { DesktopChannelName } from '../shared/desktop-channels';
import type { DesktopArgs, DesktopResult, RendererDesktop } from '../shared/desktop';
import type { ErrorCode } from '../shared/result';

declare global {
  interface Window {
    api: RendererApi;
    /** The desktop shell's channels; absent in the browser harness. */
    desktop?: RendererDesktop;
  }
}

/** One refused field, as the service names it ("household.members.1.citizenId"), for the form to show at that field. */
export type FieldProblem = { field: string; message: string };

export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field refusals where the service gave them (argument checks, intake and investigation rules). */
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

function problemsOf(details: unknown): FieldProblem[] {
  if (typeof details !== 'object' || details === null || !('problems' in details) || !Array.isArray(details.problems)) return [];
  return details.problems.filter((p): p is FieldProblem => typeof p === 'object' && p !== null && typeof (p as FieldProblem).field === 'string' && typeof (p as FieldProblem).message === 'string');
}

/** The problems a failed call named, by field: a form shows each at its input and the rest above it. */
export function fieldProblems(error: unknown): readonly FieldProblem[] {
  return error instanceof ApiCallError ? error.problems : [];
}

export async function call<K extends ChannelName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  if (!window.api) throw new ApiCallError('internal', '应用接口未加载（window.api 不存在）');
  const fn = window.api[name] as (a: ArgsOf<K>) => Promise<{ ok: true; value: ResultOf<K> } | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } }>;
  const result = await fn(args);
  if (!result.ok) {
    // The backend locked the desk (idle time, another window's 锁定): the lock gate takes the screen away.
    if (result.error.code === 'locked') window.dispatchEvent(new Event(LOCKED_EVENT));
    throw new ApiCallError(result.error.code, result.error.message, problemsOf(result.error.details));
  }
  return result.value;
}

/** Dispatched on window whenever a call was refused because the desk is locked (see LockGate). */
export const LOCKED_EVENT = 'jrd-locked';

/** The desktop shell's channels (open, save as, print, show folder), answered the same way. */
export async function desktopCall<K extends DesktopChannelName>(name: K, args: DesktopArgs<K>): Promise<DesktopResult<K>> {
  if (!window.desktop) throw new ApiCallError('internal', '只有桌面程序能打开文件');
  const fn = window.desktop[name] as (a: DesktopArgs<K>) => Promise<{ ok: true; value: DesktopResult<K> } | { ok: false; error: { code: ErrorCode; message: string } }>;
  const result = await fn(args);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value;
}

/** The message to show for a failed call (an ApiCallError's Chinese message, or whatever was thrown). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
