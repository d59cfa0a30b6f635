import type { CaseKind } from '../../../shared/domain';
import { agendaKindOrder } from '../../../shared/meeting-rules';

/** The columns of a case row the order reads, as the database names them. */
type Sortable = { community_code: string; kind: CaseKind; applied_on: string; case_no: string };

/** Code-unit comparison, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The agenda order of DESIGN.md §4: community, then kind, then application date and case number. */
export function agendaSort<T extends Sortable>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      compare(a.community_code, b.community_code) ||
      agendaKindOrder.indexOf(a.kind) - agendaKindOrder.indexOf(b.kind) ||
      compare(a.applied_on, b.applied_on) ||
      compare(a.case_no, b.case_no),
  );
}
