// 受理材料: the checklist of documents received with the application, each with the day it came in.
import type { CaseRecordView } from '../../../../shared/case-record';
import { caseDocumentLabels } from '../../../../shared/glossary';
import { dateText } from './format';
import { Section } from './Section';

export function DocumentsSection({ view }: { view: CaseRecordView }) {
  return (
    <Section id="cr-documents" title="受理材料" testId="record-documents">
      {view.documents.length === 0 ? (
        <p className="muted">未登记受理材料。</p>
      ) : (
        <ul className="cr-documents">
          {view.documents.map((d, i) => (
            <li key={`${d.kind}-${i}`} data-testid="document">
              <span className="strong">{caseDocumentLabels[d.kind]}</span>
              <span className="muted">{dateText(d.receivedOn)} 收到</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
