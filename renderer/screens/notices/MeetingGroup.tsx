// The batches of one meeting: a row per community, and 打印整个街道, which writes every community's
// notice of that meeting into one file (each community on its own pages) for printing at once.
import { chinaDateOf, formatChineseDate } from '../../../shared/dates';
import { noticeStatusLabels } from '../../../shared/glossary';
import { call } from '../../api';
import { PdfJobStatus, usePdfJob } from '../../components/PdfJob';
import type { BatchGroup } from './BatchList';
import { formatPeriod } from './format';

type Props = { group: BatchGroup; street: string; canPrint: boolean; onOpen: (batchId: string) => void };

export function MeetingGroup({ group, street, canPrint, onOpen }: Props) {
  const { meetingId } = group;
  const pdf = usePdfJob(`notice-${meetingId ?? ''}`);
  const households = group.batches.reduce((n, b) => n + b.itemCount, 0);

  return (
    <div className="panel nl-group" data-testid="notice-meeting-group" data-meeting-id={meetingId ?? ''}>
      <div className="panel-head">
        <h2>
          {street}
          {group.label}
          <span className="muted nl-group-sum">
            {group.batches.length} 个社区 · {households} 户
          </span>
        </h2>
        {canPrint && meetingId && (
          <button type="button" className="button" disabled={pdf.running} onClick={() => void pdf.start(() => call('notices.streetPdf', { meetingId }))} data-testid="street-pdf">
            {pdf.running ? '正在生成…' : '打印整个街道'}
          </button>
        )}
      </div>
      <PdfJobStatus state={pdf.state} testIds={{ progress: 'street-progress', path: 'street-pdf-path', error: 'street-pdf-error' }} />
      <div className="table-wrap">
        <table className="table nl-table">
          <thead>
            <tr>
              <th>社区</th>
              <th>公示期</th>
              <th>状态</th>
              <th className="num">户数</th>
              <th className="num">待处理异议</th>
            </tr>
          </thead>
          <tbody>
            {group.batches.map((b) => (
              <tr key={b.id} className="clickable" onClick={() => onOpen(b.id)} data-testid="notice-row" data-batch-id={b.id} data-community={b.communityName} data-status={b.status}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(b.id);
                    }}
                  >
                    {b.communityName}
                  </button>
                  <span className="code">{b.communityCode}</span>
                </td>
                <td>{formatPeriod(b.startDate, b.endDate)}</td>
                <td>
                  <span className={`status notice-status-${b.status}`}>{noticeStatusLabels[b.status]}</span>
                  {b.postedAt && b.status === 'posted' && <span className="muted small nl-posted">{formatChineseDate(chinaDateOf(b.postedAt))}张贴</span>}
                </td>
                <td className="num">{b.itemCount}</td>
                <td className="num">{b.openObjections > 0 ? <span className="warn-text strong" data-testid="open-objections">{b.openObjections}</span> : <span className="muted">0</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
