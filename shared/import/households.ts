// People rows grouped into households by 户主身份证号, with the rules that span rows: one 本人 whose ID is
// the head's, a person once in the file, and the household's own columns (community, category, matter,
// date, income, phone, address) the same on every row of it, as the template asks.
import type { CaseCategory, CaseKind, Relation } from '../domain';
import { MAX_HOUSEHOLD_MEMBERS } from '../intake';
import { maskCitizenId } from '../masking';
import type { ImportField } from './fields';
import type { RowRefusal } from './report';
import type { PersonRow } from './rows';

export type ImportedMember = { row: number; name: string; citizenId: string; relation: Relation };

export type ImportedHousehold = {
  /** The head's row, where refusals about the household as a whole are shown. */
  row: number;
  communityCode: string;
  category: CaseCategory;
  kind: CaseKind;
  appliedOn: string;
  declaredIncomeFen: number;
  phone: string;
  address: string;
  members: ImportedMember[];
};

const householdFields = ['communityCode', 'category', 'kind', 'appliedOn', 'incomeFen', 'phone', 'address'] as const;
const fieldOfHousehold: Record<(typeof householdFields)[number], ImportField> = {
  communityCode: 'communityCode', category: 'category', kind: 'kind', appliedOn: 'appliedOn', incomeFen: 'monthlyIncome', phone: 'phone', address: 'address',
};
const householdFieldWords: Record<(typeof householdFields)[number], string> = {
  communityCode: '社区代码', category: '救助类别', kind: '事项', appliedOn: '申请日期', incomeFen: '家庭月总收入', phone: '联系电话', address: '家庭住址',
};


/** `refusedHeads`: heads whose own row was refused already; their households are not refused again for lacking it. */
export function groupHouseholds(people: readonly PersonRow[], labelOf: (f: ImportField) => string, refusedHeads: ReadonlySet<string> = new Set()): { households: ImportedHousehold[]; refused: RowRefusal[] } {
  const refused: RowRefusal[] = [];
  const firstRowOf = new Map<string, number>();
  const groups = new Map<string, PersonRow[]>();
  for (const p of people) {
    const seen = firstRowOf.get(p.citizenId);
    if (seen !== undefined) {
      refused.push({ row: p.row, column: labelOf('citizenId'), message: `身份证号 ${maskCitizenId(p.citizenId)} 与第 ${seen} 行相同，一个人只能登记一次` });
      continue;
    }
    firstRowOf.set(p.citizenId, p.row);
    const g = groups.get(p.headCitizenId);
    if (g) g.push(p);
    else groups.set(p.headCitizenId, [p]);
  }
  const households: ImportedHousehold[] = [];
  for (const [headId, rows] of groups) {
    const problems: RowRefusal[] = [];
    const selves = rows.filter((p) => p.relation === 'self');
    const head = rows.find((p) => p.citizenId === headId);
    if (selves.length > 1) {
      for (const extra of selves.slice(1)) problems.push({ row: extra.row, column: labelOf('relation'), message: `一户只能有一位户主（本人）：第 ${selves.map((s) => s.row).join('、')} 行都登记为“本人”` });
    }
    if (!head && refusedHeads.has(headId)) continue;
    if (!head) {
      problems.push({ row: rows[0]!.row, column: labelOf('headCitizenId'), message: `户主身份证号 ${maskCitizenId(headId)} 的这一户中没有户主本人的一行（身份证号与户主身份证号相同、与户主关系为“本人”）` });
    } else if (head.relation !== 'self') {
      problems.push({ row: head.row, column: labelOf('relation'), message: '身份证号与户主身份证号相同，与户主关系应为“本人”' });
    }
    // Two 本人 rows are one refusal (at the second); only a lone 本人 with another ID is a second kind.
    for (const s of selves.length === 1 ? selves : []) {
      if (s.citizenId !== headId) problems.push({ row: s.row, column: labelOf('citizenId'), message: '与户主关系为“本人”，但身份证号与户主身份证号不同' });
    }
    if (rows.length > MAX_HOUSEHOLD_MEMBERS) problems.push({ row: rows[MAX_HOUSEHOLD_MEMBERS]!.row, column: labelOf('headCitizenId'), message: `一户最多登记 ${MAX_HOUSEHOLD_MEMBERS} 位成员` });
    const basis = head ?? rows[0]!;
    for (const p of rows) {
      if (p === basis) continue;
      for (const f of householdFields) {
        if (p[f] !== basis[f]) problems.push({ row: p.row, column: labelOf(fieldOfHousehold[f]), message: `${householdFieldWords[f]}与本户户主一行（第 ${basis.row} 行）不一致，同一户应填写相同的${householdFieldWords[f]}` });
      }
    }
    if (problems.length > 0) {
      refused.push(...problems);
      continue;
    }
    households.push({
      row: basis.row,
      communityCode: basis.communityCode,
      category: basis.category,
      kind: basis.kind,
      appliedOn: basis.appliedOn,
      declaredIncomeFen: basis.incomeFen,
      phone: basis.phone,
      address: basis.address,
      // The head first, as intake lists a household.
      members: [basis, ...rows.filter((p) => p !== basis)].map((p) => ({ row: p.row, name: p.name, citizenId: p.citizenId, relation: p.relation })),
    });
  }
  return { households, refused };
}
