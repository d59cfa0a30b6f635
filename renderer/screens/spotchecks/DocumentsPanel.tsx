// The documents of a draw: the files published for re-verification (manifest, seed, sample as JSON and
// CSV, verify.html and the one-page record) with 验证, which checks the files as written; the
// inspectors' worksheet (all streets or one), the sample with its findings as an Excel table, and the
// report. PDFs render off the main thread with a progress bar.
import { useState } from 'react';
import type { DrawDetail, DrawExport } from '../../../shared/spotcheck';
import { call } from '../../api';
import { VerifyPublished } from './VerifyPublished';
import { PdfJobStatus, usePdfJob } from '../../components/PdfJob';
import { errorMessage } from './format';
import { StreetSelect } from './StreetSelect';
import { FileActions } from '../../components/FileActions';
import { useXlsxExport, XlsxExportButton, XlsxExportStatus } from '../../components/XlsxExport';

export function DocumentsPanel({ draw }: { draw: DrawDetail }) {
  const [street, setStreet] = useState('');
  const worksheet = usePdfJob(`spotcheck-worksheet-${draw.id}`);
  const report = usePdfJob(`spotcheck-report-${draw.id}`);
  const sample = useXlsxExport(draw.id);
  const [exported, setExported] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'done'; value: DrawExport } | { status: 'error'; message: string }>({ status: 'idle' });

  async function exportFiles() {
    setExported({ status: 'running' });
    try {
      setExported({ status: 'done', value: await call('spotchecks.export', { drawId: draw.id }) });
    } catch (e) {
      setExported({ status: 'error', message: errorMessage(e) });
    }
  }

  return (
    <div className="sc-docs">
      <div className="panel">
        <h2 className="panel-head">公布与复核</h2>
        <p className="muted">
          导出抽查清单、随机种子、样本（JSON、CSV）、一页抽样记录和复核页 verify.html。公布后，任何人用浏览器打开 verify.html，选择清单、种子和样本文件并填写比例，就能在自己的电脑上重新抽取并比对，不需联网或安装软件。
        </p>
        <button type="button" className="button primary" onClick={() => void exportFiles()} disabled={exported.status === 'running'} data-testid="export-files">
          导出公布文件
        </button>
        {exported.status === 'done' && (
          <ul className="sc-files" data-testid="export-list">
            {exported.value.files.map((f) => (
              <li key={f.fileName}>
                <span className="path">{f.path}</span> <span className="muted small">SHA-256 {f.sha256.slice(0, 16)}…</span>
                <FileActions path={f.path} />
              </li>
            ))}
          </ul>
        )}
        {exported.status === 'error' && (
          <div className="notice error" role="alert">
            {exported.message}
          </div>
        )}
        <VerifyPublished draw={draw} />
      </div>
      <div className="panel">
        <h2 className="panel-head">核查工作底稿</h2>
        <div className="toolbar">
          <StreetSelect draw={draw} value={street} onChange={setStreet} all="全部街道（每个街道另起一页）" testId="worksheet-street" />
          <button
            type="button"
            className="button"
            disabled={worksheet.running}
            onClick={() => void worksheet.start(() => call('spotchecks.worksheetPdf', { drawId: draw.id, ...(street ? { streetCode: street } : {}) }))}
            data-testid="worksheet-pdf"
          >
            生成工作底稿 PDF
          </button>
        </div>
        <PdfJobStatus state={worksheet.state} testIds={{ progress: 'worksheet-progress', path: 'worksheet-path', error: 'worksheet-error' }} />
      </div>
      <div className="panel" data-testid="sample-export">
        <h2 className="panel-head">样本表格</h2>
        <p className="muted">每件抽查个案一行：所属街道和抽样层、户主、决定与金额、抽查人员、核查结论，以及下达的整改要求、期限和结果。表格不含身份证号、电话和住址。</p>
        <XlsxExportButton job={sample} write={() => call('exports.sample', { drawId: draw.id })} testId="export-sample" />
        <XlsxExportStatus state={sample.state} testId="export-sample-result" />
      </div>
      <div className="panel">
        <h2 className="panel-head">抽查情况报告</h2>
        <p className="muted">各街道抽查比例、问题类型和问题率、整改情况，以及复核所需的种子和清单哈希值。</p>
        <button type="button" className="button" disabled={report.running} onClick={() => void report.start(() => call('spotchecks.reportPdf', { drawId: draw.id }))} data-testid="report-pdf">
          生成报告 PDF
        </button>
        <PdfJobStatus state={report.state} testIds={{ progress: 'report-progress', path: 'report-path', pages: 'report-pages', error: 'report-error' }} />
      </div>
    </div>
  );
}
