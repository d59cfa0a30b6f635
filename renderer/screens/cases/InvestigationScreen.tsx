// 家庭经济状况调查 of one case (#/cases/ID/investigation): the form while the case waits for a decision
// and the person works for its street; otherwise a notice of why it cannot be recorded here, with the
// investigation on file if there is one.
import type { CaseRecordView } from '../../../shared/case-record';
import { caseStatusLabels } from '../../../shared/glossary';
import { chinaDateOf, formatChineseDate } from '../../../shared/dates';
import { LoadError, RecordPending } from '../../components/LoadError';
import { useApi } from '../../use-api';
import type { Go } from '../../use-route';
import { matterText } from './investigation/CalcPanel';
import { InvestigationForm } from './investigation/InvestigationForm';

export function InvestigationScreen({ caseId, go }: { caseId: string; go: Go }) {
  const [record, reloadRecord] = useApi('cases.record', { caseId }, caseId);
  const back = () => go({ screen: 'cases', view: { kind: 'record', caseId, section: null } });
  // Saved: the record page takes the form's place, so Back does not return to a form already done.
  const saved = () => go({ screen: 'cases', view: { kind: 'record', caseId, section: null } }, { replace: true });
  if (record.status !== 'ready') return <RecordPending detail={record} what="个案" onRetry={reloadRecord} onBack={back} back="返回个案" />;
  const r = record.value;
  return (
    <section className="screen inv-screen" data-testid="investigation-screen" data-case-id={caseId}>
      <div className="screen-head">
        <h1 className="screen-title">家庭经济状况调查</h1>
        <p className="screen-sub" data-testid="inv-case">
          {r.caseNo} · {headName(r)}户 · {r.household.communityName} · {matterText(r)} · {r.household.members.length} 人
        </p>
        <button type="button" className="button inv-back" onClick={back}>
          返回个案
        </button>
      </div>
      {r.open && r.writable ? <Editable record={r} onBack={back} onSaved={saved} /> : <ReadOnly record={r} />}
    </section>
  );
}

const headName = (r: CaseRecordView) => r.household.members.find((m) => m.relation === 'self')?.name ?? r.household.members[0]?.name ?? '';

/** The investigators and the standard are loaded only for a case that can be investigated here. */
function Editable({ record, onBack, onSaved }: { record: CaseRecordView; onBack: () => void; onSaved: () => void }) {
  const [investigators, reloadInvestigators] = useApi('cases.investigators', { caseId: record.id }, record.id);
  const [settings, reloadSettings] = useApi('settings.get', {});
  if (investigators.status === 'error') return <LoadError what="调查人名单" message={investigators.message} onRetry={reloadInvestigators} />;
  if (settings.status === 'error') return <LoadError what="低保标准" message={settings.message} onRetry={reloadSettings} />;
  if (investigators.status === 'loading' || settings.status === 'loading') return <div className="loading">正在载入…</div>;
  return <InvestigationForm record={record} investigators={investigators.value} settings={settings.value} today={chinaDateOf(new Date().toISOString())} onSaved={onSaved} onBack={onBack} />;
}

function ReadOnly({ record }: { record: CaseRecordView }) {
  const why = !record.writable
    ? '只有本个案所在街道的工作人员可以录入家庭经济状况调查，这里只能查看。'
    : `本个案的状态为“${caseStatusLabels[record.status]}”，已不在等待审议，不能再录入调查。`;
  const inv = record.investigation;
  return (
    <div className="inv-readonly">
      <div className="notice warn" role="status" data-testid="inv-readonly">
        {why}
      </div>
      {inv ? (
        <div className="panel" data-testid="inv-on-file">
          <h2>
            已录入的调查 <span className="muted small">{formatChineseDate(inv.visitedOn)}，调查人 {inv.investigators.map((i) => i.name).join('、')}</span>
          </h2>
          <ol className="inv-arith">
            {inv.arithmetic.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="muted">本个案还没有录入家庭经济状况调查。</p>
      )}
    </div>
  );
}
