// One notice batch: its period and next step (张贴 / 结束), the households on it, the objections and
// the form to record one, and beside them the first page of the printed notice with the PDF button.
// Errors of actions taken in the period bar appear at the top of the page.
import { useState } from 'react';
import { noticeStatusLabels } from '../../../shared/glossary';
import type { NoticeBatchDetail } from '../../../shared/notice';
import { ErrorNotice, RecordPending } from '../../components/LoadError';
import { BatchItems } from './BatchItems';
import { BatchPreview } from './BatchPreview';
import { ObjectionPanel } from './ObjectionPanel';
import { PeriodBar } from './PeriodBar';
import { useBatch } from './use-batch';

export function BatchPage({ batchId, onBack }: { batchId: string; onBack: () => void }) {
  const batch = useBatch(batchId);
  const [error, setError] = useState<string | null>(null);

  if (batch.detail.status !== 'ready') return <RecordPending detail={batch.detail} what="公示" onRetry={batch.reload} onBack={onBack} back="返回公示列表" />;
  const detail = batch.detail.value;

  return (
    <section className="screen nb-page" data-testid="batch-page" data-status={detail.status}>
      <BatchHeader detail={detail} onBack={onBack} />
      <ErrorNotice error={error} onDismiss={() => setError(null)} testId="batch-error" />
      <PeriodBar detail={detail} batch={batch} onError={setError} />
      <div className="nb-body">
        <div className="nb-grid">
          <div className="nb-main">
            <BatchItems detail={detail} />
            <ObjectionPanel detail={detail} batch={batch} />
          </div>
          <BatchPreview detail={detail} />
        </div>
      </div>
    </section>
  );
}

function BatchHeader({ detail, onBack }: { detail: NoticeBatchDetail; onBack: () => void }) {
  return (
    <div className="meeting-head">
      <button type="button" className="button" onClick={onBack} data-testid="batch-back">
        ← 公示列表
      </button>
      <h1 className="screen-title" data-testid="batch-title">
        {detail.communityName}
        <span className="issue">拟审核确认对象公示</span>
      </h1>
      <span className={`status notice-status-${detail.status}`} data-testid="batch-status">
        {noticeStatusLabels[detail.status]}
      </span>
      <span className="meeting-when">
        {detail.meetingLabel || '未关联会议'}
        {detail.openObjections > 0 && <span className="warn-text nb-open">待处理异议 {detail.openObjections} 件</span>}
      </span>
    </div>
  );
}
