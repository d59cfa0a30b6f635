// 1. 入户调查: the day of the visit, who went (at least two of the street office's people, as the service
// requires) and what they found.
import type { InvestigatorOption } from '../../../../shared/investigation';
import { userRoleLabels } from '../../../../shared/glossary';
import { DateField } from '../../../components/DateField';
import { LimitedTextArea } from '../../../components/LimitedText';
import type { Draft, Edit } from './draft';
import { Field, FieldMessages, type FieldErrors } from './field-problems';

type Props = { draft: Draft; edit: Edit; errors: FieldErrors; investigators: readonly InvestigatorOption[]; today: string; appliedOn: string };

const roleText = (role: string) => (Object.hasOwn(userRoleLabels, role) ? userRoleLabels[role as keyof typeof userRoleLabels] : role);

export function VisitSection({ draft, edit, errors, investigators, today, appliedOn }: Props) {
  const dateProblems = errors.at('visitedOn');
  const toggle = (userId: string, on: boolean) =>
    edit((d) => ({ ...d, investigatorIds: on ? [...d.investigatorIds.filter((x) => x !== userId), userId] : d.investigatorIds.filter((x) => x !== userId) }));

  return (
    <section className="inv-section" aria-labelledby="inv-visit-title">
      <h2 id="inv-visit-title">1. 入户调查</h2>
      <div className="inv-row">
        <DateField
          label="调查日期"
          value={draft.visitedOn}
          onChange={(visitedOn) => edit((d) => ({ ...d, visitedOn }))}
          min={appliedOn}
          max={today}
          testId="inv-visited-on"
          invalid={dateProblems.length > 0}
          hint={dateProblems.length > 0 ? dateProblems.join('；') : '不能晚于今天'}
        />
        <fieldset className="inv-investigators" data-testid="inv-investigators" {...errors.props('investigatorIds')}>
          <legend>调查人（至少两名，本街道工作人员）</legend>
          {investigators.length === 0 && <p className="muted small">本街道没有可选的工作人员账号。</p>}
          <div className="inv-checks">
            {investigators.map((p) => (
              <label className="check" key={p.userId}>
                <input
                  type="checkbox"
                  checked={draft.investigatorIds.includes(p.userId)}
                  onChange={(e) => toggle(p.userId, e.target.checked)}
                  data-testid="inv-investigator"
                  data-user-id={p.userId}
                />
                <span>
                  {p.name}
                  <span className="muted small">（{roleText(p.role)}）</span>
                </span>
              </label>
            ))}
          </div>
          <FieldMessages errors={errors} fields={['investigatorIds']} />
        </fieldset>
      </div>
      <Field id="inv-visit-note" label="入户调查情况" className="inv-wide" errors={errors} fields={['visitNote']}>
        <LimitedTextArea
          id="inv-visit-note"
          value={draft.visitNote}
          onValue={(visitNote) => edit((d) => ({ ...d, visitNote }))}
          maxLength={400}
          rows={3}
          placeholder="居住条件、家庭成员在家情况、生活状况等"
          testId="inv-visit-note"
          {...errors.props('visitNote')}
        />
      </Field>
    </section>
  );
}
