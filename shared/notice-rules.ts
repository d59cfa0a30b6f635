// Notice rules the renderer needs as well as the backend, kept free of zod so the renderer bundle
// stays without it (shared/notice.ts builds schemas at load time).
import type { CaseKind } from './domain';

/** Approved changes that are announced: who starts, changes or stops receiving assistance. */
export const noticeableKinds: readonly CaseKind[] = ['new_application', 'increase', 'decrease', 'phase_out', 'termination'];

/** The notice period is 7 days at least: end = start + 6 (DESIGN.md §5). */
export const MIN_NOTICE_DAYS = 7;
