// The 受理 form's draft (renderer/screens/cases/intake/draft.ts): what it sends is what the contract
// takes, the choices it asks for first, and where each refusal of the service is shown.
import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { intakeArgs } from '../../shared/intake';
import { emptyDraft, fieldsOnScreen, intakeArgsOf, isDraft, newMember, unchosen, unreadable, type IntakeDraft } from '../../renderer/screens/cases/intake/draft';
import { placeProblems, without } from '../../renderer/screens/cases/intake/problems';

const TODAY = '2026-11-20';
const id = (first17: string) => first17 + citizenIdCheckChar(first17);

function filled(): IntakeDraft {
  const d = emptyDraft(TODAY);
  return {
    ...d,
    category: 'dibao',
    communityCode: '430188001001',
    reason: '家庭人均收入低于低保标准',
    householdMode: 'new',
    areaType: 'urban',
    address: '江边路 18 号',
    phone: '13807314562',
    members: [
      { ...d.members[0]!, name: '严冬青', citizenId: id('43018819780512173') },
      { ...newMember('child'), name: '严子航', citizenId: id('43018820090217351'), disabilityType: '肢体', disabilityGrade: '二级' },
    ],
    documents: { id_card: '2026-11-18', application_form: null },
    relativesDeclaration: 'none',
  };
}

describe('the 受理 draft', () => {
  it('starts with one member, the head, and nothing chosen for the applicant', () => {
    const d = emptyDraft(TODAY);
    expect(d.members.map((m) => m.relation)).toEqual(['self']);
    expect(d.appliedOn).toBe(TODAY);
    expect(unchosen(d).map((p) => p.field)).toEqual(['communityCode', 'category', 'household.householdId', 'relativesDeclaration']);
    expect(isDraft(JSON.parse(JSON.stringify(d)))).toBe(true);
    expect(isDraft({ ...d, kind: 'no_such_kind' })).toBe(false);
  });

  it('sends what the contract takes: documents in checklist order, disability composed, dates defaulted', () => {
    const d = filled();
    expect(unchosen(d)).toEqual([]);
    const args = intakeArgsOf(d);
    expect(intakeArgs.apply.safeParse(args).success).toBe(true);
    expect(args.documents).toEqual([
      { kind: 'application_form', receivedOn: TODAY },
      { kind: 'id_card', receivedOn: '2026-11-18' },
    ]);
    expect(args.household.on === 'new' && args.household.members.map((m) => m.disability)).toEqual(['', '肢体残疾二级']);
  });

  it('sends the declared income in fen, null when left empty, and asks again for one that is no amount', () => {
    expect(intakeArgsOf(filled()).declaredIncomeFen).toBeNull();
    expect(intakeArgsOf({ ...filled(), declaredIncome: ' 1,200.5 元' }).declaredIncomeFen).toBe(120050);
    expect(intakeArgsOf({ ...filled(), declaredIncome: '０' }).declaredIncomeFen).toBe(0);
    const wrong = { ...filled(), declaredIncome: '一千二' };
    expect(unreadable(wrong)).toEqual([{ field: 'declaredIncomeFen', message: expect.stringContaining('家庭月总收入') }]);
    expect(unreadable({ ...filled(), declaredIncome: '-5' }).map((p) => p.field)).toEqual(['declaredIncomeFen']);
    expect(() => intakeArgsOf(wrong)).toThrow();
    expect(fieldsOnScreen(wrong).has('declaredIncomeFen')).toBe(true);
    expect(intakeArgs.apply.safeParse(intakeArgsOf({ ...filled(), declaredIncome: '980' })).success).toBe(true);
  });

  it('pairs 临时救助 kind and category, and sends an on-file household for kinds a new one cannot apply for', () => {
    const temporary = intakeArgsOf({ ...filled(), kind: 'temporary', category: 'dibao' });
    expect(temporary.category).toBe('temporary');
    const increase = { ...filled(), kind: 'increase' as const };
    expect(unchosen(increase).map((p) => p.field)).toEqual(['household.householdId']);
    const chosen = { ...increase, onFile: { householdId: 'h1', householdNo: '430188001001-0001', communityCode: '430188001001', communityName: '江滨社区', headName: '刘润义', openCaseNo: null } };
    expect(intakeArgsOf(chosen).household).toEqual({ on: 'file', householdId: 'h1' });
    expect(unchosen({ ...filled(), kind: 'increase', category: 'temporary', onFile: chosen.onFile }).map((p) => p.field)).toEqual(['category']);
  });

  it('asks for each member’s relation and a grade once a disability category is chosen', () => {
    const d = filled();
    d.members.push({ ...newMember(''), disabilityType: '视力' });
    expect(unchosen(d).map((p) => p.field)).toEqual(['household.members.2.relation', 'household.members.2.disability']);
  });

  it('shows each refusal at its field, the rest above the button', () => {
    const d = filled();
    const placed = placeProblems(
      [
        { field: 'household.members.1.citizenId', message: '第 2 位成员的身份证号码有误' },
        { field: 'members.0.relation', message: '户主只能有一位' },
        { field: 'documents.1.kind', message: '材料不对' },
        { field: 'documents.5.receivedOn', message: '没有这一项' },
        { field: '', message: '个案编号已被占用' },
      ],
      fieldsOnScreen(d),
    );
    expect(placed.at).toEqual({
      'household.members.1.citizenId': '第 2 位成员的身份证号码有误',
      'household.members.0.relation': '户主只能有一位',
      'documents.1.receivedOn': '材料不对',
    });
    expect(placed.rest).toEqual(['没有这一项', '个案编号已被占用']);
    expect(Object.keys(without(placed.at, 'household.members', true))).toEqual(['documents.1.receivedOn']);
  });
});
