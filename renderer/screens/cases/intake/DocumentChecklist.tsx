// 受理材料: the documents the applicant handed in, ticked off the checklist, each with the day it came in
// (the application day unless changed: most arrive with the application, some are brought later).
import { caseDocumentLabels } from '../../../../shared/glossary';
import { CaseDocumentKind } from '../../../../shared/intake';
import { DateField } from '../../../components/DateField';
import { checkedDocuments, type IntakeDraft } from './draft';
import { FieldProblem, type Problems } from './problems';

type Props = {
  documents: IntakeDraft['documents'];
  appliedOn: string;
  today: string;
  problems: Problems;
  /** The new checklist, and the field edited (its message goes) or, when the list changed, all of it. */
  onChange: (documents: IntakeDraft['documents'], edited: string, wholeList?: boolean) => void;
};

export function DocumentChecklist({ documents, appliedOn, today, problems, onChange }: Props) {
  // Sent in the checklist's order, so the service's "documents.N" is the N-th ticked row.
  const sentIndex = new Map(checkedDocuments({ documents } as IntakeDraft).map((k, i) => [k, i] as const));
  const toggle = (kind: CaseDocumentKind, on: boolean) => {
    const next = { ...documents };
    if (on) next[kind] = null;
    else delete next[kind];
    onChange(next, 'documents', true);
  };

  return (
    <div className="intake-docs">
      <ul className="intake-doc-list">
        {CaseDocumentKind.options.map((kind) => {
          const index = sentIndex.get(kind);
          const field = index === undefined ? null : `documents.${index}.receivedOn`;
          const label = caseDocumentLabels[kind];
          return (
            <li key={kind} className="intake-doc" data-testid={`doc-${kind}`}>
              <label className="check">
                <input type="checkbox" checked={index !== undefined} onChange={(e) => toggle(kind, e.target.checked)} data-testid={`doc-${kind}-check`} />
                {label}
              </label>
              {field !== null && (
                <DateField
                  className="intake-doc-date"
                  label={`${label}收到日期`}
                  value={documents[kind] ?? appliedOn}
                  max={today}
                  onChange={(v) => onChange({ ...documents, [kind]: v }, field)}
                  invalid={problems[field] !== undefined || (documents[kind] ?? appliedOn) > today}
                  hint={problems[field] ?? ((documents[kind] ?? appliedOn) > today ? '收到日期不能晚于今天' : undefined)}
                  testId={`doc-${kind}-date`}
                />
              )}
            </li>
          );
        })}
      </ul>
      <FieldProblem problems={problems} field="documents" />
    </div>
  );
}
