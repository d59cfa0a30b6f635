import { LoadError } from '../components/LoadError';
import { useMemo, useState } from 'react';
import type { PdfFile } from '../../shared/api';
import { caseCategoryLabels, caseStatusLabels } from '../../shared/glossary';
import { call, errorMessage } from '../api';
import { CaseGrid, type CaseGridFilters } from '../components/CaseGrid';
import { useApi } from '../use-api';
import { FileActions } from '../components/FileActions';

const emptyFilters: CaseGridFilters = { communityCode: '', category: '', status: '', search: '' };

type PrintState = { status: 'idle' } | { status: 'running' } | { status: 'done'; file: PdfFile } | { status: 'error'; message: string };

export function CasesScreen() {
  const [session] = useApi('session.current', {});
  const [regions] = useApi('regions.list', {});
  const [cases, reload] = useApi('cases.list', {});
  const [filters, setFilters] = useState<CaseGridFilters>(emptyFilters);
  const [print, setPrint] = useState<PrintState>({ status: 'idle' });

  const communities = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'community') : []), [regions]);
  const streetNames = useMemo(
    () => new Map(regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street').map((r) => [r.code, r.name] as const) : []),
    [regions],
  );
  const showStreet = session.status === 'ready' && session.value.regionCode.length < 9;
  const set = (key: keyof CaseGridFilters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  async function printCommunity() {
    setPrint({ status: 'running' });
    try {
      setPrint({ status: 'done', file: await call('pdf.communityCases', { communityCode: filters.communityCode }) });
    } catch (error) {
      setPrint({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <section className="screen">
      <div className="screen-head">
        <h1 className="screen-title">个案</h1>
        <p className="screen-sub">{session.status === 'ready' ? `${session.value.regionName}辖区内的社会救助个案` : ' '}</p>
      </div>
      <div className="toolbar" role="search">
        <label className="field">
          <span>社区（村）</span>
          <select value={filters.communityCode} onChange={(e) => set('communityCode')(e.target.value)} data-testid="filter-community">
            <option value="">全部</option>
            {communities.map((c) => (
              <option key={c.code} value={c.code}>
                {showStreet ? `${streetNames.get(c.parentCode ?? '') ?? ''} · ` : ''}
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <LabelSelect label="救助类别" labels={caseCategoryLabels} value={filters.category} onChange={set('category')} testId="filter-category" />
        <LabelSelect label="状态" labels={caseStatusLabels} value={filters.status} onChange={set('status')} testId="filter-status" />
        <label className="field grow">
          <span>搜索</span>
          <input type="search" placeholder="户主姓名或案件编号" value={filters.search} onChange={(e) => set('search')(e.target.value)} data-testid="filter-search" />
        </label>
        <div className="toolbar-actions">
          <button type="button" className="button" onClick={() => setFilters(emptyFilters)}>
            清除筛选
          </button>
          <button
            type="button"
            className="button primary"
            disabled={filters.communityCode === '' || print.status === 'running'}
            title={filters.communityCode === '' ? '请先选择一个社区（村）' : undefined}
            onClick={() => void printCommunity()}
            data-testid="print-community"
          >
            {print.status === 'running' ? '正在生成…' : '打印本社区个案清单'}
          </button>
        </div>
      </div>
      {print.status === 'done' && (
        <div className="notice ok" role="status" data-testid="print-result">
          已生成 PDF：{print.file.fileName}（{print.file.pages} 页），保存在 {print.file.path}
          <FileActions path={print.file.path} />
        </div>
      )}
      {print.status === 'error' && (
        <div className="notice error" role="alert">
          {print.message}
        </div>
      )}
      {cases.status === 'loading' && <div className="loading">正在载入个案…</div>}
      {cases.status === 'error' && <LoadError what="个案" message={cases.message} onRetry={reload} />}
      {cases.status === 'ready' && <CaseGrid rows={cases.value} filters={filters} showStreet={showStreet} />}
    </section>
  );
}

/** A filter over one of the glossary's label maps, with "全部" for no filter. */
function LabelSelect(props: { label: string; labels: Record<string, string>; value: string; onChange: (value: string) => void; testId: string }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
        <option value="">全部</option>
        {Object.entries(props.labels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
