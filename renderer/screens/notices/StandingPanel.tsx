// 长期公示: the standing list of a community's current recipients, posted permanently on its notice
// board. Choose the community, check the first page (names masked as printed, and how many households
// the whole list holds), then write the PDF; a large community's list takes a few seconds, with progress.
import { useMemo, useState } from 'react';
import { formatChineseDate } from '../../../shared/dates';
import { call } from '../../api';
import { LoadError } from '../../components/LoadError';
import { PdfJobStatus, usePdfJob } from '../../components/PdfJob';
import { useApi } from '../../use-api';
import { NoticePreview } from './NoticePreview';

export function StandingPanel() {
  const [session] = useApi('session.current', {});
  const [regions, reload] = useApi('regions.list', {});
  const [code, setCode] = useState('');
  const communities = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'community') : []), [regions]);
  const streets = useMemo(() => new Map(regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street').map((r) => [r.code, r.name] as const) : []), [regions]);
  // A district user chooses among every street's communities, so each name carries its street.
  const showStreet = session.status === 'ready' && session.value.regionCode.length < 9;

  return (
    <div className="ns" data-testid="standing-panel">
      <div className="toolbar">
        <label className="field">
          <span>社区（村）</span>
          <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="standing-community">
            <option value="">请选择</option>
            {communities.map((c) => (
              <option key={c.code} value={c.code}>
                {showStreet ? `${streets.get(c.parentCode ?? '') ?? ''} · ` : ''}
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <p className="muted toolbar-note">长期公示列出本社区（村）正在享受社会救助的对象及其月保障金额，随保障变化重新打印张贴。</p>
      </div>
      {regions.status === 'error' && <LoadError what="社区列表" message={regions.message} onRetry={reload} />}
      {code === '' ? <div className="planned">请选择一个社区（村），预览并打印其长期公示名单。</div> : <StandingPreview key={code} communityCode={code} />}
    </div>
  );
}

function StandingPreview({ communityCode }: { communityCode: string }) {
  const [doc, reload] = useApi('notices.previewStanding', { communityCode }, communityCode);
  const pdf = usePdfJob(`notice-${communityCode}`);
  const total = doc.status === 'ready' ? doc.value.sections.reduce((n, s) => n + s.rows.length, 0) : null;

  return (
    <div className="ns-print" data-testid="standing-print">
      {doc.status === 'ready' && <NoticePreview doc={doc.value} testId="standing-preview" />}
      <div className="panel ns-side">
        <h2>{doc.status === 'ready' ? doc.value.title : '长期公示'}</h2>
        {total !== null && doc.status === 'ready' && (
          <p className="ns-total" data-testid="standing-total">
            共 <strong>{total}</strong> 户，截至{formatChineseDate(doc.value.issuedOn)}
          </p>
        )}
        {doc.status === 'loading' && <div className="loading">正在载入预览…</div>}
        {/* A community without recipients is refused by the service with its own explanation. */}
        {doc.status === 'error' && <LoadError what="长期公示" message={doc.message} onRetry={reload} />}
        <div>
          <button type="button" className="button primary" disabled={pdf.running || doc.status !== 'ready'} onClick={() => void pdf.start(() => call('notices.standingPdf', { communityCode }))} data-testid="standing-pdf">
            {pdf.running ? '正在生成…' : '生成 PDF'}
          </button>
        </div>
        <PdfJobStatus state={pdf.state} testIds={{ progress: 'standing-progress', path: 'standing-pdf-path', pages: 'standing-pdf-pages', sha256: 'standing-pdf-sha256', error: 'standing-pdf-error' }} />
        <p className="muted small">PDF 写入导出文件夹，打印和文件摘要记入审计日志。名单较长时生成需要几秒钟，可以离开此页面，生成不会中断。</p>
      </div>
    </div>
  );
}
