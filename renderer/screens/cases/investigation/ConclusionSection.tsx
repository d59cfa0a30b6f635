// 5. 单人户, 6. 跨部门信息核对, 7. 调查结论 (and, for 临时救助, the amount the investigators propose).
import type { MemberView } from '../../../../shared/case-record';
import type { CaseKind } from '../../../../shared/domain';
import { crossCheckLabels, investigationConclusionLabels, relationLabels, singlePersonBasisLabels } from '../../../../shared/glossary';
import type { SinglePersonBasis } from '../../../../shared/investigation';
import { LimitedTextArea } from '../../../components/LimitedText';
import type { Draft, Edit } from './draft';
import { Field, FieldMessages, type FieldErrors } from './field-problems';

type Props = { draft: Draft; edit: Edit; errors: FieldErrors; members: readonly MemberView[]; kind: CaseKind };

/** One choice of a glossary's labels as radio buttons, in a named group that carries its problems. */
function Radios<K extends string>(p: { legend: string; name: string; labels: Record<K, string>; value: K | ''; onValue: (v: K) => void; errors: FieldErrors; field: string }) {
  return (
    <fieldset className="inv-radios" data-testid={`inv-${p.name}`} {...p.errors.props(p.field)}>
      <legend>{p.legend}</legend>
      <div className="inv-checks">
        {(Object.entries(p.labels) as [K, string][]).map(([k, label]) => (
          <label className="check" key={k}>
            <input type="radio" name={`inv-${p.name}`} value={k} checked={p.value === k} onChange={() => p.onValue(k)} data-testid={`inv-${p.name}-${k}`} />
            <span>{label}</span>
          </label>
        ))}
      </div>
      <FieldMessages errors={p.errors} fields={[p.field]} />
    </fieldset>
  );
}

export function SinglePersonSection({ draft, edit, errors, members }: Omit<Props, 'kind'>) {
  return (
    <section className="inv-section" aria-labelledby="inv-single-title">
      <h2 id="inv-single-title">
        5. 单人户 <span className="muted small">低保边缘家庭中的重度残疾人、重病患者可按单人户纳入</span>
      </h2>
      <div className="inv-row">
        <Field id="inv-single-basis" label="是否按单人户纳入" errors={errors} fields={['singlePerson', 'singlePerson.basis']}>
          <select
            id="inv-single-basis"
            value={draft.singleBasis}
            onChange={(e) => edit((d) => ({ ...d, singleBasis: e.target.value as SinglePersonBasis | '', singleMemberId: e.target.value === '' ? '' : d.singleMemberId }))}
            data-testid="inv-single-basis"
            {...errors.props('singlePerson', 'singlePerson.basis')}
          >
            <option value="">否，按全户计算</option>
            {(Object.entries(singlePersonBasisLabels) as [SinglePersonBasis, string][]).map(([k, label]) => (
              <option key={k} value={k}>
                是：{label}
              </option>
            ))}
          </select>
        </Field>
        {draft.singleBasis !== '' && (
          <Field id="inv-single-member" label="按单人户纳入的成员" errors={errors} fields={['singlePerson.memberId']}>
            <select id="inv-single-member" value={draft.singleMemberId} onChange={(e) => edit((d) => ({ ...d, singleMemberId: e.target.value }))} data-testid="inv-single-member" {...errors.props('singlePerson.memberId')}>
              <option value="">请选择</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}（{relationLabels[m.relation]}）
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
    </section>
  );
}

export function CrossCheckSection({ draft, edit, errors }: Omit<Props, 'kind' | 'members'>) {
  return (
    <section className="inv-section" aria-labelledby="inv-cross-title">
      <h2 id="inv-cross-title">6. 跨部门信息核对</h2>
      <Radios legend="核对结果" name="cross-check" labels={crossCheckLabels} value={draft.crossCheck} onValue={(crossCheck) => edit((d) => ({ ...d, crossCheck }))} errors={errors} field="crossCheck" />
      <Field id="inv-cross-check-note" label="核对说明" className="inv-wide" errors={errors} fields={['crossCheckNote']}>
        <LimitedTextArea
          id="inv-cross-check-note"
          value={draft.crossCheckNote}
          onValue={(crossCheckNote) => edit((d) => ({ ...d, crossCheckNote }))}
          maxLength={300}
          rows={2}
          placeholder="核对了哪些部门的信息，发现的不符之处"
          testId="inv-cross-check-note"
          {...errors.props('crossCheckNote')}
        />
      </Field>
    </section>
  );
}

export function ConclusionSection({ draft, edit, errors, kind }: Omit<Props, 'members'>) {
  return (
    <section className="inv-section" aria-labelledby="inv-conclusion-title">
      <h2 id="inv-conclusion-title">7. 调查结论</h2>
      <Radios legend="结论" name="conclusion" labels={investigationConclusionLabels} value={draft.conclusion} onValue={(conclusion) => edit((d) => ({ ...d, conclusion }))} errors={errors} field="conclusion" />
      {kind === 'temporary' && (
        <Field id="inv-temporary-amount" label="拟临时救助金额（元）" errors={errors} fields={['temporaryAmountFen']}>
          <input
            id="inv-temporary-amount"
            type="text"
            inputMode="decimal"
            className="inv-money"
            value={draft.temporaryAmount}
            placeholder="0.00"
            onChange={(e) => edit((d) => ({ ...d, temporaryAmount: e.target.value }))}
            data-testid="inv-temporary-amount"
            {...errors.props('temporaryAmountFen')}
          />
        </Field>
      )}
      <Field id="inv-conclusion-note" label="结论说明" className="inv-wide" errors={errors} fields={['conclusionNote']}>
        <LimitedTextArea
          id="inv-conclusion-note"
          value={draft.conclusionNote}
          onValue={(conclusionNote) => edit((d) => ({ ...d, conclusionNote }))}
          maxLength={300}
          rows={2}
          testId="inv-conclusion-note"
          {...errors.props('conclusionNote')}
        />
      </Field>
    </section>
  );
}
