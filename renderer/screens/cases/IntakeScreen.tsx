// 受理申请: a street clerk takes in an application: the matter, the household (found on file or entered
// with its members), the documents received and the applicant's declaration of close relatives. The
// service checks everything typed (ID numbers to GB 11643, one person on one household, one 户主); its
// refusals are shown at their fields and nothing typed is lost: the draft survives a reload too.
import { useEffect, useMemo, useRef, useState } from 'react';
import { isStreetRole } from '../../../shared/access';
import { caseCategoryLabels, caseKindLabels, relativesDeclarationLabels } from '../../../shared/glossary';
import type { CaseKind } from '../../../shared/domain';
import { RelativesDeclaration } from '../../../shared/intake';
import { call, errorMessage, fieldProblems } from '../../api';
import { DateField } from '../../components/DateField';
import { LimitedTextArea } from '../../components/LimitedText';
import { useApi } from '../../use-api';
import { forgetRemembered, useRemembered } from '../../use-remembered';
import type { Go } from '../../use-route';
import { todayInChina } from '../meetings/format';
import { DocumentChecklist } from './intake/DocumentChecklist';
import { canBeNewHousehold, categoryOf, emptyDraft, fieldsOnScreen, intakeArgsOf, isDraft, unchosen, unreadable, type IntakeDraft, type Problem } from './intake/draft';
import { HouseholdFinder } from './intake/HouseholdFinder';
import { NewHouseholdFields } from './intake/NewHouseholdFields';
import { FieldProblem, invalidProps, placeProblems, without, type Problems } from './intake/problems';
import './intake/intake.css';

const memory = 'jrd:intake:';
const caseList = { screen: 'cases', view: { kind: 'list' } } as const;

export function IntakeScreen({ go }: { go: Go }) {
  const [session] = useApi('session.current', {});
  if (session.status === 'loading') return <div className="loading">正在载入…</div>;
  if (session.status === 'error' || !isStreetRole(session.value.role)) {
    return (
      <section className="screen">
        <h1 className="screen-title">受理申请</h1>
        <div className="notice error" role="alert">
          {session.status === 'error' ? session.message : '只有街道经办人和联审联批领导小组成员可以受理申请。'}
          <button type="button" className="button small" onClick={() => go(caseList)}>
            返回个案列表
          </button>
        </div>
      </section>
    );
  }
  return <IntakeForm go={go} streetCode={session.value.regionCode} streetName={session.value.regionName} />;
}

function IntakeForm({ go, streetCode, streetName }: { go: Go; streetCode: string; streetName: string }) {
  const [regions] = useApi('regions.list', {});
  const today = todayInChina();
  const [draft, setDraft] = useRemembered<IntakeDraft>(`${memory}draft`, () => emptyDraft(today), isDraft);
  const [problems, setProblems] = useState<Problems>({});
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const communities = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'community' && r.parentCode === streetCode) : []), [regions, streetCode]);
  const onFile = draft.householdMode === 'file' || !canBeNewHousehold(draft.kind);

  /** Changes the draft; the message of the field edited no longer stands. */
  const edit = (patch: Partial<IntakeDraft>, field: string, prefix = false) => {
    setDraft((d) => ({ ...d, ...patch }));
    setProblems((p) => without(p, field, prefix));
  };

  // After a refusal, the first field refused takes the focus (a date or radio group: its first control),
  // or the alert when no field on screen was named.
  useEffect(() => {
    if (refusals === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = first?.matches('fieldset') ? first.querySelector<HTMLElement>('select, input') : first;
    const where = target ?? alertRef.current;
    if (!where || !formRef.current) return;
    // Centred in the form by hand: scrollIntoView would scroll the window's frame too when the field is
    // near the foot, and the browser's own focus scroll leaves it at the very edge, its neighbours hidden.
    const box = formRef.current.getBoundingClientRect();
    const at = where.getBoundingClientRect();
    formRef.current.scrollTop += at.top - box.top - (box.height - at.height) / 2;
    where.focus({ preventScroll: true });
  }, [refusals]);

  function show(list: readonly Problem[]) {
    const placed = placeProblems(list, fieldsOnScreen(draft));
    setProblems(placed.at);
    setUnplaced(placed.rest);
    setRefusals((n) => n + 1);
  }

  async function submit() {
    if (busy) return;
    const missing = [...unchosen(draft), ...unreadable(draft)];
    if (missing.length > 0) return show(missing);
    setBusy(true);
    try {
      const done = await call('cases.intake', intakeArgsOf(draft));
      forgetRemembered(memory);
      go({ screen: 'cases', view: { kind: 'record', caseId: done.caseId, section: null } });
    } catch (error) {
      const named = fieldProblems(error);
      show(named.length > 0 ? named : [{ field: '', message: errorMessage(error) }]);
      setBusy(false);
    }
  }

  function chooseKind(kind: CaseKind) {
    // 临时救助 is both a kind and a category: leaving the kind lets go of the category too.
    const category = kind === 'temporary' ? 'temporary' : draft.category === 'temporary' ? '' : draft.category;
    edit({ kind, category, householdMode: canBeNewHousehold(kind) ? draft.householdMode : 'file' }, 'kind');
    setProblems((p) => without(without(p, 'category'), 'household', true));
  }

  function startOver() {
    forgetRemembered(memory);
    setDraft(emptyDraft(today));
    setProblems({});
    setUnplaced([]);
  }

  const appliedLate = draft.appliedOn > today;
  return (
    <section className="screen intake">
      <div className="screen-head">
        <h1 className="screen-title">受理申请</h1>
        <p className="screen-sub">{streetName}：登记申请事项、申请家庭和收到的材料，受理后进入个案页面</p>
        <div className="intake-head-actions">
          <button type="button" className="button" onClick={() => go(caseList)} title="已填写的内容会保留，回来时接着填">
            返回个案列表
          </button>
          <button type="button" className="button" onClick={startOver} data-testid="intake-clear">
            清空重填
          </button>
        </div>
      </div>
      <form
        ref={formRef}
        className="intake-form"
        noValidate
        aria-label="受理申请"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <section className="panel" aria-labelledby="intake-matter">
          <h2 id="intake-matter">一、申请事项</h2>
          <div className="intake-row">
            <label className="field">
              <span>事项</span>
              <select value={draft.kind} onChange={(e) => chooseKind(e.target.value as CaseKind)} {...invalidProps(problems, 'kind')} data-testid="intake-kind">
                {Object.entries(caseKindLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <FieldProblem problems={problems} field="kind" />
            </label>
            <label className="field">
              <span>救助类别</span>
              <select value={categoryOf(draft)} disabled={draft.kind === 'temporary'} onChange={(e) => edit({ category: e.target.value as IntakeDraft['category'] }, 'category')} {...invalidProps(problems, 'category')} data-testid="intake-category">
                {draft.kind === 'temporary' ? (
                  <option value="temporary">{caseCategoryLabels.temporary}</option>
                ) : (
                  <>
                    <option value="">请选择</option>
                    {Object.entries(caseCategoryLabels)
                      .filter(([value]) => value !== 'temporary')
                      .map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                  </>
                )}
              </select>
              <FieldProblem problems={problems} field="category" />
            </label>
            <label className="field">
              <span>社区（村）</span>
              <select value={draft.communityCode} onChange={(e) => edit({ communityCode: e.target.value }, 'communityCode')} {...invalidProps(problems, 'communityCode')} data-testid="intake-community">
                <option value="">{regions.status === 'loading' ? '正在载入…' : '请选择'}</option>
                {communities.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
              <FieldProblem problems={problems} field="communityCode" />
              {regions.status === 'error' && <small className="field-error">载入社区（村）失败：{regions.message}</small>}
            </label>
            <DateField
              label="申请日期"
              value={draft.appliedOn}
              max={today}
              onChange={(appliedOn) => edit({ appliedOn }, 'appliedOn')}
              invalid={problems.appliedOn !== undefined || appliedLate}
              hint={problems.appliedOn ?? (appliedLate ? '申请日期不能晚于今天' : undefined)}
              testId="intake-applied-on"
            />
          </div>
          <label className="field intake-reason">
            <span>申请事由</span>
            <LimitedTextArea rows={3} value={draft.reason} maxLength={300} placeholder="申请人陈述的困难情况和申请救助的理由" onValue={(reason) => edit({ reason }, 'reason')} {...invalidProps(problems, 'reason')} testId="intake-reason" />
            <FieldProblem problems={problems} field="reason" />
          </label>
          <label className="field intake-income">
            <span>家庭月总收入（申报，元）</span>
            <input
              type="text"
              inputMode="decimal"
              value={draft.declaredIncome}
              maxLength={20}
              placeholder="如 1200 或 1,200.50"
              onChange={(e) => edit({ declaredIncome: e.target.value }, 'declaredIncomeFen')}
              aria-invalid={problems.declaredIncomeFen === undefined ? undefined : true}
              aria-describedby={[invalidProps(problems, 'declaredIncomeFen')['aria-describedby'], 'intake-income-hint'].filter(Boolean).join(' ')}
              data-testid="intake-declared-income"
            />
            <small className="field-hint" id="intake-income-hint">
              选填。申请人自己申报的数额，入户调查核实后以调查结果为准。
            </small>
            <FieldProblem problems={problems} field="declaredIncomeFen" />
          </label>
        </section>

        <section className="panel" aria-labelledby="intake-household">
          <h2 id="intake-household">二、申请家庭</h2>
          <div className="intake-row">
            <div className="segmented" role="radiogroup" aria-label="申请家庭">
              <label className={onFile ? 'seg on' : 'seg'}>
                <input type="radio" name="intake-household" checked={onFile} onChange={() => edit({ householdMode: 'file' }, 'household', true)} data-testid="intake-mode-file" />
                查找已登记家庭
              </label>
              <label className={onFile ? 'seg' : 'seg on'} aria-disabled={!canBeNewHousehold(draft.kind) || undefined}>
                <input type="radio" name="intake-household" checked={!onFile} disabled={!canBeNewHousehold(draft.kind)} onChange={() => edit({ householdMode: 'new' }, 'household', true)} data-testid="intake-mode-new" />
                新家庭
              </label>
            </div>
            <span className="muted small" data-testid="intake-mode-note">
              {canBeNewHousehold(draft.kind) ? '先按身份证号码或姓名查找，本街道没有登记的家庭再选“新家庭”登记。' : `“${caseKindLabels[draft.kind]}”只能为已登记的家庭办理，请查找该家庭（只有新申请和临时救助可以登记新家庭）。`}
            </span>
          </div>
          {onFile ? (
            <HouseholdFinder
              chosen={draft.onFile}
              problems={problems}
              onChoose={(h) => edit(h ? { onFile: h, communityCode: h.communityCode } : { onFile: null }, 'household', true)}
            />
          ) : (
            <NewHouseholdFields draft={draft} problems={problems} today={today} onChange={edit} />
          )}
        </section>

        <section className="panel" aria-labelledby="intake-docs">
          <h2 id="intake-docs">三、受理材料</h2>
          <p className="muted small">勾选申请人交来的材料，并核对收到日期（默认为申请日期）。</p>
          <DocumentChecklist documents={draft.documents} appliedOn={draft.appliedOn} today={today} problems={problems} onChange={(documents, field, all) => edit({ documents }, field, all)} />
        </section>

        <section className="panel" aria-labelledby="intake-relatives">
          <h2 id="intake-relatives">四、近亲属申报</h2>
          <fieldset className="intake-declaration" {...invalidProps(problems, 'relativesDeclaration')} data-testid="intake-declaration">
            <legend>申请人对其近亲属在民政部门或村（居）委会任职情况的申报</legend>
            {RelativesDeclaration.options.map((value) => (
              <label key={value} className="check">
                <input type="radio" name="intake-declaration" checked={draft.relativesDeclaration === value} onChange={() => edit({ relativesDeclaration: value }, 'relativesDeclaration')} data-testid={`intake-declaration-${value}`} />
                {relativesDeclarationLabels[value]}
              </label>
            ))}
            <FieldProblem problems={problems} field="relativesDeclaration" />
          </fieldset>
          {draft.relativesDeclaration === 'declared' && (
            <label className="field intake-reason">
              <span>申报说明（亲属姓名、任职单位和职务、与申请人的关系）</span>
              <LimitedTextArea rows={2} value={draft.relativesDeclarationNote} maxLength={200} onValue={(relativesDeclarationNote) => edit({ relativesDeclarationNote }, 'relativesDeclarationNote')} {...invalidProps(problems, 'relativesDeclarationNote')} testId="intake-declaration-note" />
              <FieldProblem problems={problems} field="relativesDeclarationNote" />
            </label>
          )}
          <p className="muted small">申报有近亲属的，受理后请在个案页面逐人办理近亲属备案；审议时该个案单独标注，相关人员回避。</p>
        </section>

        <div className="intake-submit">
          {unplaced.length > 0 && (
            <div ref={alertRef} tabIndex={-1} className="notice error" role="alert" data-testid="intake-alert">
              {unplaced.length === 1 ? unplaced[0] : (
                <ul>
                  {unplaced.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {Object.keys(problems).length > 0 && (
            <p className="warn-text" data-testid="intake-problem-count">
              有 {Object.keys(problems).length} 处需要修改，已在对应的栏目下标出。
            </p>
          )}
          <button type="submit" className="button primary intake-submit-button" disabled={busy} data-testid="intake-submit">
            {busy ? '正在受理…' : '受理'}
          </button>
        </div>
      </form>
    </section>
  );
}
