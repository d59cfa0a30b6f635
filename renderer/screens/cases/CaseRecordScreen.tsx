// One case and its household (#/cases/ID): the case's facts, the household and its members, the
// investigation, documents, 近亲属备案, 投诉举报, 先行救助 and the household's whole history. Every write
// here answers with the fresh record, which replaces the one shown; the page never patches its copy.
import type { CaseRecordView } from '../../../shared/case-record';
import { call } from '../../api';
import { ErrorNotice, RecordPending } from '../../components/LoadError';
import { useRecord } from '../../use-record';
import type { Go } from '../../use-route';
import { ComplaintsSection } from './record/ComplaintsSection';
import { DocumentsSection } from './record/DocumentsSection';
import { FilingsSection } from './record/FilingsSection';
import { HistorySection } from './record/HistorySection';
import { HouseholdSection } from './record/HouseholdSection';
import { InvestigationSection } from './record/InvestigationSection';
import { PrepaymentSection } from './record/PrepaymentSection';
import { CaseFacts, RecordBar, type SectionLink } from './record/RecordHeader';
import { useReveals } from './record/reveal';
import './record/record.css';

type Props = { caseId: string; go: Go };

/** A new case is a new page: nothing revealed or typed on the last one carries over. */
export function CaseRecordScreen({ caseId, go }: Props) {
  return <RecordPage key={caseId} caseId={caseId} go={go} />;
}

function sectionsOf(view: CaseRecordView): SectionLink[] {
  return [
    { id: 'cr-household', label: '家庭' },
    { id: 'cr-investigation', label: '调查' },
    { id: 'cr-documents', label: '受理材料' },
    { id: 'cr-filings', label: '近亲属备案' },
    { id: 'cr-complaints', label: '投诉举报' },
    ...(view.kind === 'temporary' ? [{ id: 'cr-prepayment', label: '先行救助' }] : []),
    { id: 'cr-history', label: '历史' },
  ];
}

function RecordPage({ caseId, go }: Props) {
  const record = useRecord(() => call('cases.record', { caseId }), caseId);
  const reveals = useReveals(caseId);
  const back = () => go({ screen: 'cases', view: { kind: 'list' } });

  if (record.detail.status !== 'ready') return <RecordPending detail={record.detail} what="个案" onRetry={record.reload} onBack={back} back="返回个案列表" />;
  const view = record.detail.value;
  // An edit of the household may change what a value shown in full now is: show it masked again.
  const householdChanged = (next: CaseRecordView) => {
    reveals.forget();
    record.replace(next);
  };

  return (
    <section className="screen cr-page" data-testid="case-record" data-case-id={view.id} data-writable={view.writable}>
      <RecordBar view={view} sections={sectionsOf(view)} onBack={back} />
      <ErrorNotice error={reveals.error} onDismiss={reveals.dismiss} testId="reveal-error" />
      <div className="cr-body">
        <CaseFacts view={view} />
        <HouseholdSection view={view} reveals={reveals} onChanged={householdChanged} />
        <InvestigationSection view={view} onInvestigate={() => go({ screen: 'cases', view: { kind: 'record', caseId: view.id, section: 'investigation' } })} />
        <DocumentsSection view={view} />
        <FilingsSection view={view} onChanged={record.replace} />
        <ComplaintsSection view={view} onChanged={record.replace} />
        {view.kind === 'temporary' && <PrepaymentSection view={view} onChanged={record.replace} />}
        <HistorySection view={view} />
      </div>
    </section>
  );
}
