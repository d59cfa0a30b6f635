// The data rows of a sheet read as people, each cell through its field's rule. Blank rows are skipped; so
// is a totals row (合计, 总计, 小计) and, after it, rows with no one in them (制表人：…). Every refusal
// names the row as the spreadsheet numbers it and the column by its header in the file.
import { IntakeMember, NewHousehold } from '../intake';
import type { CaseCategory, CaseKind, Relation } from '../domain';
import type { ImportField } from './fields';
import type { SheetLayout } from './layout';
import type { RowRefusal } from './report';
import { cellAt, cellText, isBlank, type SheetGrid, type SheetRow } from './sheet';
import { categoryOf, citizenIdOf, communityCodeOf, dateOf, kindOf, relationOf, requiredText, yuanOf, type Read } from './values';

export type PersonRow = {
  row: number;
  communityCode: string;
  headCitizenId: string;
  name: string;
  citizenId: string;
  relation: Relation;
  category: CaseCategory;
  kind: CaseKind;
  appliedOn: string;
  incomeFen: number;
  phone: string;
  address: string;
};

/** The largest import: a street office's whole roll, with room; more is refused before anything is read. */
export const MAX_IMPORT_ROWS = 50_000;

const totals = /^(合\s*计|总\s*计|小\s*计|共\s*计)/;

function zodText(schema: { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } } }, value: string): Read<string> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: String(r.data) } : { ok: false, message: r.error.issues[0]?.message ?? '内容无效' };
}

/** `heads`: each row's 户主身份证号 as read, or its raw text where it cannot be, to count the file's households. */
export type ReadRows = { people: PersonRow[]; refused: RowRefusal[]; rows: number; heads: Set<string>; refusedHeads: Set<string> };

export function readPeople(grid: SheetGrid, layout: SheetLayout, today: string): ReadRows {
  const col = layout.columnOf as Record<ImportField, number>;
  const label = (f: ImportField) => layout.labels[col[f]] ?? '';
  const people: PersonRow[] = [];
  const refused: RowRefusal[] = [];
  const heads = new Set<string>();
  const refusedHeads = new Set<string>();
  let rows = 0;
  let pastTotals = false;
  const mapped = Object.values(col);
  for (const r of grid.rows.slice(layout.firstDataIndex)) {
    if (mapped.every((c) => isBlank(cellAt(r, c)))) continue;
    if (isTotalsRow(r)) {
      pastTotals = true;
      continue;
    }
    const nobody = (['name', 'citizenId', 'headCitizenId'] as const).every((f) => isBlank(cellAt(r, col[f])));
    if (nobody && (pastTotals || r.cells.filter((c) => !isBlank(c)).length <= 2)) continue;
    rows += 1;
    const problems: RowRefusal[] = [];
    const take = <T>(f: ImportField, read: Read<T>): T | undefined => {
      if (read.ok) return read.value;
      problems.push({ row: r.row, column: label(f), message: read.message });
      return undefined;
    };
    const cell = (f: ImportField) => cellAt(r, col[f]);
    const nameText = take('name', requiredText(cell('name'), '姓名'));
    const person = {
      row: r.row,
      communityCode: take('communityCode', communityCodeOf(cell('communityCode'))),
      headCitizenId: take('headCitizenId', citizenIdOf(cell('headCitizenId'), today)),
      name: nameText === undefined ? undefined : take('name', zodText(IntakeMember.shape.name, nameText)),
      citizenId: take('citizenId', citizenIdOf(cell('citizenId'), today)),
      relation: take('relation', relationOf(cell('relation'))),
      category: take('category', categoryOf(cell('category'))),
      kind: take('kind', kindOf(cell('kind'))),
      appliedOn: take('appliedOn', dateOf(cell('appliedOn'))),
      incomeFen: take('monthlyIncome', yuanOf(cell('monthlyIncome'))),
      phone: textField(take, 'phone', cell('phone'), '联系电话', NewHousehold.shape.phone),
      address: textField(take, 'address', cell('address'), '家庭住址', NewHousehold.shape.address),
    };
    const headCell = cell('headCitizenId');
    heads.add(person.headCitizenId ?? (headCell.kind === 'number' ? String(headCell.value) : cellText(headCell)));
    if (problems.length > 0 && person.citizenId !== undefined && person.citizenId === person.headCitizenId) refusedHeads.add(person.citizenId);
    if (problems.length > 0) refused.push(...problems);
    else people.push(person as PersonRow);
  }
  return { people, refused, rows, heads, refusedHeads };
}

function textField(
  take: <T>(f: ImportField, read: Read<T>) => T | undefined,
  field: ImportField,
  cell: ReturnType<typeof cellAt>,
  what: string,
  schema: Parameters<typeof zodText>[0],
): string | undefined {
  const t = take(field, requiredText(cell, what));
  return t === undefined ? undefined : take(field, zodText(schema, t));
}

function isTotalsRow(r: SheetRow): boolean {
  return r.cells.slice(0, 4).some((c) => totals.test(cellText(c)));
}
