// An investigation row as the record page and the agenda read it: its JSON lines parsed back, member
// names put to the lines, and the arithmetic as the investigators saw it when they recorded it.
import type { Selectable } from 'kysely';
import { AssetLine, ExpenseLine, IncomeLine, type InvestigationView } from '../../../shared/investigation';
import type { InvestigationsTable } from '../db/schema';

type Row = Selectable<InvestigationsTable>;

const parsed = <T>(json: string, parse: (v: unknown) => T): T[] => (JSON.parse(json) as unknown[]).map(parse);

export function investigationView(row: Row, names: ReadonlyMap<string, string>): InvestigationView {
  const incomes = parsed(row.incomes_json, (v) => IncomeLine.parse(v));
  return {
    id: row.id,
    visitedOn: row.visited_on,
    investigators: JSON.parse(row.investigators_json) as { userId: string; name: string }[],
    visitNote: row.visit_note,
    incomes: incomes.map((l) => ({ ...l, memberName: l.memberId === null ? null : (names.get(l.memberId) ?? '（已移出的成员）') })),
    expenses: parsed(row.expenses_json, (v) => ExpenseLine.parse(v)),
    assets: parsed(row.assets_json, (v) => AssetLine.parse(v)),
    singlePerson:
      row.single_person_basis && row.single_person_member_id
        ? { basis: row.single_person_basis, memberId: row.single_person_member_id, memberName: names.get(row.single_person_member_id) ?? '（已移出的成员）' }
        : null,
    crossCheck: row.cross_check,
    crossCheckNote: row.cross_check_note,
    conclusion: row.conclusion,
    conclusionNote: row.conclusion_note,
    standardFen: row.standard_fen,
    householdSize: row.household_size,
    countedSize: row.counted_size,
    grossFen: row.gross_income_fen,
    exemptFen: row.exempt_fen,
    workCostFen: row.work_cost_fen,
    expenseFen: row.rigid_expense_fen,
    netFen: row.net_income_fen,
    assetFen: row.asset_total_fen,
    perCapitaFen: row.per_capita_income_fen,
    proposedFen: row.proposed_amount_fen,
    arithmetic: JSON.parse(row.arithmetic_json) as string[],
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
