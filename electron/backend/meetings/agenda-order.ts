import type { CaseKind } from '../../../shared/domain';
import { agendaKindOrder } from '../../../shared/meeting-rules';

type Sortable = { communityCode: string; kind: CaseKind; appliedOn: string; caseNo: string };

/** Code-unit comparison, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The agenda order of DESIGN.md §4: community, then kind, then application date and case number. */
export function agendaSort<T extends Sortable>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      compare(a.communityCode, b.communityCode) ||
      agendaKindOrder.indexOf(a.kind) - agendaKindOrder.indexOf(b.kind) ||
      compare(a.appliedOn, b.appliedOn) ||
      compare(a.caseNo, b.caseNo),
  );
}
