// The 受理 form's draft: what the clerk has typed and chosen, as plain JSON so that a reload of the window
// keeps it (use-remembered.ts). Choices start unmade ('') where a default would put words in the
// applicant's mouth (the category, the relation to the head, the declaration); the form asks for them
// before it calls the service, and the service decides everything typed.
import type { ArgsOf } from '../../../../shared/api';
import { AreaType, CaseCategory, CaseKind, Relation } from '../../../../shared/domain';
import { caseDocumentLabels } from '../../../../shared/glossary';
import { CaseDocumentKind, RelativesDeclaration, newHouseholdKinds } from '../../../../shared/intake';
import type { HouseholdMatch } from '../../../../shared/case-record';
import { parseYuan } from '../../../../shared/money';

export type MemberDraft = {
  /** For React only: a row keeps its inputs when another row is removed. */
  key: string;
  name: string;
  citizenId: string;
  relation: Relation | '';
  occupation: string;
  health: string;
  /** 残疾类别 and 等级, composed into the stored text ("肢体残疾二级"); '' for none. */
  disabilityType: string;
  disabilityGrade: string;
};

/** The household found on file, with what the form shows of it once chosen. */
export type ChosenHousehold = Pick<HouseholdMatch, 'householdId' | 'householdNo' | 'communityCode' | 'communityName' | 'headName' | 'openCaseNo'>;

export type IntakeDraft = {
  kind: CaseKind;
  category: CaseCategory | '';
  communityCode: string;
  appliedOn: string;
  reason: string;
  /** 家庭月总收入 as the applicant declares it, in 元 as typed; '' when not declared (it is optional). */
  declaredIncome: string;
  householdMode: 'file' | 'new';
  onFile: ChosenHousehold | null;
  areaType: AreaType | '';
  address: string;
  phone: string;
  members: MemberDraft[];
  /** Documents ticked, each with its day received; null follows the application date. */
  documents: Partial<Record<CaseDocumentKind, string | null>>;
  relativesDeclaration: RelativesDeclaration | '';
  relativesDeclarationNote: string;
};

export const disabilityTypes = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;
export const disabilityGrades = ['一级', '二级', '三级', '四级'] as const;

let counter = 0;
export function newMember(relation: Relation | ''): MemberDraft {
  counter += 1;
  return { key: `m${Date.now().toString(36)}${counter}`, name: '', citizenId: '', relation, occupation: '', health: '', disabilityType: '', disabilityGrade: '' };
}

export function emptyDraft(today: string): IntakeDraft {
  return {
    kind: 'new_application',
    category: '',
    communityCode: '',
    appliedOn: today,
    reason: '',
    declaredIncome: '',
    householdMode: 'file',
    onFile: null,
    areaType: '',
    address: '',
    phone: '',
    members: [newMember('self')],
    documents: {},
    relativesDeclaration: '',
    relativesDeclarationNote: '',
  };
}

/** "肢体残疾二级", or '' when the member has none. */
export function disabilityText(m: Pick<MemberDraft, 'disabilityType' | 'disabilityGrade'>): string {
  return m.disabilityType === '' ? '' : `${m.disabilityType}残疾${m.disabilityGrade}`;
}

/** The ticked documents in the checklist's order: the order they are sent in, so `documents.N` names one. */
export function checkedDocuments(draft: IntakeDraft): CaseDocumentKind[] {
  return CaseDocumentKind.options.filter((k) => k in draft.documents);
}

export const canBeNewHousehold = (kind: CaseKind) => newHouseholdKinds.includes(kind);

/** The category sent: 临时救助 goes with the 临时救助 kind and only with it. */
export function categoryOf(draft: IntakeDraft): CaseCategory | '' {
  return draft.kind === 'temporary' ? 'temporary' : draft.category === 'temporary' ? '' : draft.category;
}

export type Problem = { field: string; message: string };

/** What the person has not chosen yet: asked before the call, each at its field. */
export function unchosen(draft: IntakeDraft): Problem[] {
  const problems: Problem[] = [];
  if (draft.communityCode === '') problems.push({ field: 'communityCode', message: '请选择申请人所在的社区（村）' });
  if (categoryOf(draft) === '') problems.push({ field: 'category', message: '请选择救助类别' });
  if (draft.householdMode === 'file' || !canBeNewHousehold(draft.kind)) {
    if (draft.onFile === null) problems.push({ field: 'household.householdId', message: '请先查找并选择申请的家庭' });
  } else {
    if (draft.areaType === '') problems.push({ field: 'household.areaType', message: '请选择城乡类别' });
    draft.members.forEach((m, i) => {
      if (m.relation === '') problems.push({ field: `household.members.${i}.relation`, message: `请选择第 ${i + 1} 位成员与户主的关系` });
      if (m.disabilityType !== '' && m.disabilityGrade === '') problems.push({ field: `household.members.${i}.disability`, message: `请选择第 ${i + 1} 位成员的残疾等级` });
    });
  }
  if (draft.relativesDeclaration === '') problems.push({ field: 'relativesDeclaration', message: '请选择申请人的近亲属申报情况' });
  return problems;
}

/** The declared income in fen: null when left empty, or why what was typed is no amount. */
function declaredIncomeOf(draft: IntakeDraft): { ok: true; fen: number | null } | { ok: false; message: string } {
  if (draft.declaredIncome.trim() === '') return { ok: true, fen: null };
  const r = parseYuan(draft.declaredIncome);
  return r.ok ? r : { ok: false, message: `家庭月总收入：${r.message}` };
}

/** What was typed that cannot be sent as it is (an income that is no amount): asked before the call too. */
export function unreadable(draft: IntakeDraft): Problem[] {
  const income = declaredIncomeOf(draft);
  return income.ok ? [] : [{ field: 'declaredIncomeFen', message: income.message }];
}

/** The call's arguments; only once `unchosen(draft)` and `unreadable(draft)` are empty. */
export function intakeArgsOf(draft: IntakeDraft): ArgsOf<'cases.intake'> {
  const category = categoryOf(draft);
  const declaration = draft.relativesDeclaration;
  const income = declaredIncomeOf(draft);
  if (category === '' || declaration === '' || !income.ok) throw new Error('intakeArgsOf before every choice was made and every amount read');
  const household: ArgsOf<'cases.intake'>['household'] =
    draft.householdMode === 'file' || !canBeNewHousehold(draft.kind)
      ? { on: 'file', householdId: draft.onFile?.householdId ?? '' }
      : {
          on: 'new',
          areaType: draft.areaType === '' ? 'urban' : draft.areaType,
          address: draft.address,
          phone: draft.phone,
          members: draft.members.map((m) => ({
            name: m.name,
            citizenId: m.citizenId,
            relation: m.relation === '' ? 'other' : m.relation,
            occupation: m.occupation,
            health: m.health,
            disability: disabilityText(m),
          })),
        };
  return {
    communityCode: draft.communityCode,
    kind: draft.kind,
    category,
    appliedOn: draft.appliedOn,
    reason: draft.reason,
    declaredIncomeFen: income.fen,
    documents: checkedDocuments(draft).map((kind) => ({ kind, receivedOn: draft.documents[kind] ?? draft.appliedOn })),
    relativesDeclaration: declaration,
    relativesDeclarationNote: declaration === 'declared' ? draft.relativesDeclarationNote : '',
    household,
  };
}

// A draft read back from storage is checked field by field: one from an older version is dropped.
const isText = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const choiceOf = (schema: { safeParse: (v: unknown) => { success: boolean } }) => (v: unknown) => v === '' || schema.safeParse(v).success;

function isMember(v: unknown): v is MemberDraft {
  if (!isRecord(v)) return false;
  return ['key', 'name', 'citizenId', 'occupation', 'health', 'disabilityType', 'disabilityGrade'].every((k) => isText(v[k])) && choiceOf(Relation)(v.relation);
}

function isChosen(v: unknown): v is ChosenHousehold | null {
  if (v === null) return true;
  return isRecord(v) && ['householdId', 'householdNo', 'communityCode', 'communityName', 'headName'].every((k) => isText(v[k])) && (v.openCaseNo === null || isText(v.openCaseNo));
}

export function isDraft(v: unknown): v is IntakeDraft {
  if (!isRecord(v)) return false;
  const texts = ['communityCode', 'appliedOn', 'reason', 'declaredIncome', 'address', 'phone', 'relativesDeclarationNote'].every((k) => isText(v[k]));
  const documents = isRecord(v.documents) && Object.entries(v.documents).every(([k, d]) => k in caseDocumentLabels && (d === null || isText(d)));
  return (
    texts &&
    documents &&
    CaseKind.safeParse(v.kind).success &&
    choiceOf(CaseCategory)(v.category) &&
    choiceOf(AreaType)(v.areaType) &&
    choiceOf(RelativesDeclaration)(v.relativesDeclaration) &&
    (v.householdMode === 'file' || v.householdMode === 'new') &&
    isChosen(v.onFile) &&
    Array.isArray(v.members) &&
    v.members.length > 0 &&
    v.members.every(isMember)
  );
}

const memberFields = ['name', 'citizenId', 'relation', 'occupation', 'health', 'disability'] as const;

/** Every field path the form shows a message at, as the draft stands. */
export function fieldsOnScreen(draft: IntakeDraft): Set<string> {
  const fields = ['communityCode', 'kind', 'category', 'appliedOn', 'reason', 'declaredIncomeFen', 'documents', 'relativesDeclaration'];
  if (draft.relativesDeclaration === 'declared') fields.push('relativesDeclarationNote');
  checkedDocuments(draft).forEach((_, i) => fields.push(`documents.${i}.receivedOn`));
  if (draft.householdMode === 'file' || !canBeNewHousehold(draft.kind)) fields.push('household.householdId');
  else {
    fields.push('household.areaType', 'household.address', 'household.phone', 'household.members');
    draft.members.forEach((_, i) => memberFields.forEach((f) => fields.push(`household.members.${i}.${f}`)));
  }
  return new Set(fields);
}
