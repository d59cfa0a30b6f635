// The investigation form of one open case, with the live 计算 beside it. What is typed is remembered for
// the window under the case's id (a reload or a refusal loses nothing) and forgotten once saved. The
// call carries the totals the panel shows, from the same shared function the service checks them with.
import { useEffect, useRef, useState } from 'react';
import type { CaseRecordView } from '../../../../shared/case-record';
import type { CaseKind } from '../../../../shared/domain';
import type { InvestigationBasis, InvestigatorOption } from '../../../../shared/investigation';
import type { Settings } from '../../../../shared/settings';
import { call, errorMessage, fieldProblems, type FieldProblem } from '../../../api';
import { forgetRemembered, useRemembered } from '../../../use-remembered';
import { CalcPanel } from './CalcPanel';
import { ConclusionSection, CrossCheckSection, SinglePersonSection } from './ConclusionSection';
import { initialDraft, isDraft, valueAt, type Draft, type Edit } from './draft';
import { fieldErrors } from './field-problems';
import { AssetSection, ExpenseSection, IncomeSection } from './LineSections';
import { argsOf, assessDraft, readDraft } from './read';
import { VisitSection } from './VisitSection';

type Props = { record: CaseRecordView; investigators: readonly InvestigatorOption[]; settings: Settings; today: string; onSaved: () => void; onBack: () => void };

/** A refusal and the draft it answered: each of its problems stands until its field is edited. */
type Refusal = { snapshot: Draft; message: string; problems: readonly FieldProblem[] };

export const draftMemory = (caseId: string) => `jrd:investigation:${caseId}:`;

/** Whether the form shows a field the call names; the others are listed above the form. */
function shownOnForm(field: string, draft: Draft, kind: CaseKind): boolean {
  const row = /^(incomes|expenses|assets)(?:\.(\d+))?(?:\.\w+)?$/.exec(field);
  if (row) return row[2] === undefined || Number(row[2]) < draft[row[1] as 'incomes' | 'expenses' | 'assets'].length;
  switch (field) {
    case 'visitedOn':
    case 'investigatorIds':
    case 'visitNote':
    case 'singlePerson':
    case 'singlePerson.basis':
    case 'crossCheck':
    case 'crossCheckNote':
    case 'conclusion':
    case 'conclusionNote':
      return true;
    case 'singlePerson.memberId':
      return draft.singleBasis !== '';
    case 'temporaryAmountFen':
      return kind === 'temporary';
    default:
      return false;
  }
}

export function basisOf(record: CaseRecordView, settings: Settings): InvestigationBasis {
  return {
    kind: record.kind,
    category: record.category,
    standardFen: record.household.areaType === 'urban' ? settings.dibaoStandardUrbanFen : settings.dibaoStandardRuralFen,
    householdSize: record.household.members.length,
    currentAmountFen: record.currentAmountFen,
    temporaryLimitMonths: settings.temporaryLimitMonths,
    edgeIncomePercent: settings.edgeIncomePercent,
  };
}

export function InvestigationForm({ record, investigators, settings, today, onSaved, onBack }: Props) {
  const memory = draftMemory(record.id);
  const [draft, setDraft] = useRemembered<Draft>(memory + 'draft', () => initialDraft(record.investigation, today), isDraft);
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** A save was stopped here, before the call, for what the form itself finds. */
  const [blocked, setBlocked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const notice = useRef<HTMLDivElement>(null);

  const edit: Edit = (change) => {
    // A refusal that named no field (a conflict, a closed case) concerned the draft as it was.
    setRefusal((r) => (r && r.problems.length === 0 ? null : r));
    setDraft(change);
  };
  const basis = basisOf(record, settings);
  const reading = readDraft(draft, record.kind, today);
  const assessment = reading.lines ? assessDraft(basis, reading.lines, draft.conclusion) : null;
  // Before a conclusion is chosen, that "符合条件" cannot be chosen is advice in the panel, not an error at the field.
  const assessed = assessment && !assessment.result.ok ? assessment.result.problems.filter((p) => !(assessment.trial && p.field === 'conclusion')) : [];
  const standing = refusal ? refusal.problems.filter((p) => valueAt(draft, p.field) === valueAt(refusal.snapshot, p.field)) : [];
  const all = [...reading.wrong, ...(tried ? reading.missing : []), ...assessed, ...standing];
  const errors = fieldErrors(all.filter((p) => shownOnForm(p.field, draft, record.kind)));
  const elsewhere = standing.filter((p) => !shownOnForm(p.field, draft, record.kind));

  // After a save that did not go through, the first marked field takes the cursor (a group's first input).
  useEffect(() => {
    if (focusToken === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = first && (first.matches('fieldset') ? first.querySelector<HTMLElement>('input, select') : first);
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    } else notice.current?.scrollIntoView({ block: 'nearest' });
  }, [focusToken]);

  async function save() {
    setTried(true);
    setRefusal(null);
    const args = assessment && reading.lines && reading.wrong.length === 0 && reading.missing.length === 0 ? argsOf(record.id, draft, reading.lines, assessment.totals) : null;
    if (!args) {
      setBlocked(true);
      setFocusToken((t) => t + 1);
      return;
    }
    setBlocked(false);
    setBusy(true);
    try {
      await call('cases.recordInvestigation', args);
      forgetRemembered(memory);
      onSaved();
    } catch (e) {
      setRefusal({ snapshot: draft, message: errorMessage(e), problems: fieldProblems(e) });
      setBusy(false);
      setFocusToken((t) => t + 1);
    }
  }

  const onForm = new Set(all.filter((p) => shownOnForm(p.field, draft, record.kind)).map((p) => `${p.field}\n${p.message}`)).size;
  // After a save that did not go through: what the refusal said if it named no field, else how many
  // places are marked (each says what is wrong there) and what the form has no place for. It goes
  // once they are all dealt with.
  const headline =
    refusal && refusal.problems.length === 0
      ? `未保存：${refusal.message}`
      : (blocked || refusal) && (onForm > 0 || elsewhere.length > 0)
        ? `未保存：${onForm > 0 ? `有 ${onForm} 处需要填写或改正，已在表中相应位置标出` : '请处理以下问题'}`
        : null;
  return (
    <>
      {headline && (
        <div ref={notice} className="notice error" role="alert" data-testid="inv-refusal">
          {headline}
          {elsewhere.length > 0 && (
            <ul className="inv-elsewhere">
              {elsewhere.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="inv-layout">
        <form ref={form} className="inv-form" noValidate onSubmit={(e) => e.preventDefault()} aria-label="家庭经济状况调查" data-testid="inv-form">
          <VisitSection draft={draft} edit={edit} errors={errors} investigators={investigators} today={today} appliedOn={record.appliedOn} />
          <IncomeSection draft={draft} edit={edit} errors={errors} members={record.household.members} />
          <ExpenseSection draft={draft} edit={edit} errors={errors} />
          <AssetSection draft={draft} edit={edit} errors={errors} />
          <SinglePersonSection draft={draft} edit={edit} errors={errors} members={record.household.members} />
          <CrossCheckSection draft={draft} edit={edit} errors={errors} />
          <ConclusionSection draft={draft} edit={edit} errors={errors} kind={record.kind} />
          <div className="inv-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void save()} data-testid="inv-save">
              {busy ? '正在保存…' : '保存调查'}
            </button>
            <button type="button" className="button" onClick={onBack}>
              返回个案
            </button>
            <span className="muted small">未保存的内容会保留在本窗口中，直到保存或关闭程序。</span>
          </div>
        </form>
        <CalcPanel basis={basis} areaType={record.household.areaType} assessment={assessment} unreadable={[...reading.wrong, ...reading.missing].filter((p) => p.field !== 'visitedOn' && /Fen$/.test(p.field))} />
      </div>
    </>
  );
}
