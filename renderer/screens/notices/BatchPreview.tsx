// The printed notice of one batch: the first page as it will look, and the PDF written to the export
// folder with its path, pages and SHA-256 (the same digest the audit log records for the print); the
// same list as an Excel table beside it.
import type { NoticeBatchDetail } from '../../../shared/notice';
import { call } from '../../api';
import { LoadError } from '../../components/LoadError';
import { PdfJobStatus, usePdfJob } from '../../components/PdfJob';
import { useXlsxExport, XlsxExportButton, XlsxExportStatus } from '../../components/XlsxExport';
import { useApi } from '../../use-api';
import { NoticePreview } from './NoticePreview';

export function BatchPreview({ detail }: { detail: NoticeBatchDetail }) {
  // The preview shows the period, so it is fetched again whenever the saved period changes.
  const [doc, reload] = useApi('notices.previewBatch', { batchId: detail.id }, `${detail.id}|${detail.startDate}|${detail.endDate}`);
  const pdf = usePdfJob(`notice-${detail.id}`);
  const sheet = useXlsxExport(detail.id);

  return (
    <div className="panel nb-print" data-testid="batch-print">
      <div className="panel-head">
        <h2>打印公示</h2>
        <div className="panel-actions">
          <button type="button" className="button primary" disabled={pdf.running} onClick={() => void pdf.start(() => call('notices.pdf', { batchId: detail.id }))} data-testid="notice-pdf">
            {pdf.running ? '正在生成…' : '生成 PDF'}
          </button>
          {/* The same rows as the printed notice: masked names, household sizes and amounts, never an ID number. */}
          <XlsxExportButton job={sheet} write={() => call('exports.notice', { batchId: detail.id })} title="公示名单导出为 Excel 表格：与张贴的公示相同，只有户主姓名（按设置隐去）、保障人数和金额" testId="export-notice" />
        </div>
      </div>
      <PdfJobStatus state={pdf.state} testIds={{ progress: 'notice-progress', path: 'notice-pdf-path', pages: 'notice-pdf-pages', sha256: 'notice-pdf-sha256', error: 'notice-pdf-error' }} />
      <XlsxExportStatus state={sheet.state} testId="export-notice-result" />
      {doc.status === 'loading' && <div className="loading">正在载入预览…</div>}
      {doc.status === 'error' && <LoadError what="公示预览" message={doc.message} onRetry={reload} />}
      {doc.status === 'ready' && <NoticePreview doc={doc.value} testId="notice-preview" />}
    </div>
  );
}
