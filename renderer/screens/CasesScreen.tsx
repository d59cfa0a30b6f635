import { isStreetRole } from '../../shared/access';
import { useMemo, useState } from 'react';
import type { PdfFile } from '../../shared/api';
import { normaliseCaseSearch } from '../../shared/case-search';
import type { CaseListQuery } from '../../shared/domain';
import { caseCategoryLabels, caseStatusLabels } from '../../shared/glossary';
import { call, errorMessage } from '../api';
import { CaseGrid } from '../components/CaseGrid';
import { useApi } from '../use-api';
import { FileActions } from '../components/FileActions';
import { useXlsxExport, XlsxExportButton, XlsxExportStatus } from '../components/XlsxExport';
import { useSettled } from './cases/use-case-list';
import { CaseRecordScreen } from './cases/CaseRecordScreen';
import { IntakeScreen } from './cases/IntakeScreen';
import { ImportScreen } from './cases/import/ImportScreen';
import { InvestigationScreen } from './cases/InvestigationScreen';
import type { Route } from '../route';
import type { Go } from '../use-route';

type Filters = { streetCode: string; communityCode: string; category: string; status: string; search: string };
const emptyFilters: Filters = { streetCode: '', communityCode: '', category: '', status: '', search: '' };
/** The service's limit on a search (CaseListQuery.search). */
const SEARCH_MAX = 50;

type PrintState = { status: 'idle' } | { status: 'running' } | { status: 'done'; file: PdfFile } | { status: 'error'; message: string };

/** 个案: the grid, the intake form, the import from a spreadsheet, or one case's record page. */
export function CasesScreen({ route, go }: { route: Extract<Route, { screen: 'cases' }>; go: Go }) {
  const view = route.view;
  switch (view.kind) {
    case 'list':
      return <CaseListScreen go={go} />;
    case 'new':
      return <IntakeScreen go={go} />;
    case 'import':
      return <ImportScreen go={go} />;
    case 'record':
      return view.section === 'investigation' ? <InvestigationScreen caseId={view.caseId} go={go} /> : <CaseRecordScreen caseId={view.caseId} go={go} />;
    default: {
      const never: never = view;
      throw new Error(`unknown case view ${String(never)}`);
    }
  }
}

function CaseListScreen({ go }: { go: Go }) {
  const [session] = useApi('session.current', {});
  const [regions] = useApi('regions.list', {});
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [print, setPrint] = useState<PrintState>({ status: 'idle' });

  // Every filter is answered by the service (cases.page), the search once typing pauses.
  const search = normaliseCaseSearch(filters.search);
  const searchTooLong = search.length > SEARCH_MAX;
  const settledSearch = useSettled(searchTooLong ? '' : search, 250);
  const street = filters.streetCode === '' ? {} : { streetCode: filters.streetCode };
  const pending = !searchTooLong && search !== settledSearch;

  const isDistrict = session.status === 'ready' && session.value.regionCode.length < 9;
  // 受理 is a street office's: the bureau reads the cases but takes in no application.
  const mayTakeIn = session.status === 'ready' && isStreetRole(session.value.role);
  const streets = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street') : []), [regions]);
  const streetNames = useMemo(() => new Map(streets.map((r) => [r.code, r.name] as const)), [streets]);
  const communities = useMemo(
    () => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'community' && (filters.streetCode === '' || r.parentCode === filters.streetCode)) : []),
    [regions, filters.streetCode],
  );
  // What the grid shows is what the file holds: the grid asks for this same query.
  const exportQuery: CaseListQuery = {
    ...street,
    ...(filters.communityCode ? { communityCode: filters.communityCode } : {}),
    ...(filters.category ? { category: filters.category as NonNullable<CaseListQuery['category']> } : {}),
    ...(filters.status ? { status: filters.status as NonNullable<CaseListQuery['status']> } : {}),
    ...(settledSearch ? { search: settledSearch } : {}),
  };
  const exported = useXlsxExport('cases');
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  // A community belongs to one street: choosing another street lets go of it.
  const chooseStreet = (streetCode: string) =>
    setFilters((f) => ({ ...f, streetCode, communityCode: f.communityCode.startsWith(streetCode) ? f.communityCode : '' }));

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
        {/* Importing is taking in many applications at once: the same people may do it. */}
        {mayTakeIn && (
          <div className="screen-head-action screen-head-actions">
            <button type="button" className="button" onClick={() => go({ screen: 'cases', view: { kind: 'import' } })} data-testid="case-import">
              从表格导入
            </button>
            <button type="button" className="button primary" onClick={() => go({ screen: 'cases', view: { kind: 'new' } })} data-testid="case-intake">
              受理申请
            </button>
          </div>
        )}
      </div>
      <div className="toolbar" role="search">
        {isDistrict && (
          <label className="field">
            <span>街道</span>
            <select value={filters.streetCode} onChange={(e) => chooseStreet(e.target.value)} data-testid="filter-street">
              <option value="">全部</option>
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>社区（村）</span>
          <select value={filters.communityCode} onChange={(e) => set('communityCode')(e.target.value)} data-testid="filter-community">
            <option value="">全部</option>
            {communities.map((c) => (
              <option key={c.code} value={c.code}>
                {isDistrict && filters.streetCode === '' ? `${streetNames.get(c.parentCode ?? '') ?? ''} · ` : ''}
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <LabelSelect label="救助类别" labels={caseCategoryLabels} value={filters.category} onChange={set('category')} testId="filter-category" />
        <LabelSelect label="状态" labels={caseStatusLabels} value={filters.status} onChange={set('status')} testId="filter-status" />
        <label className="field grow">
          <span>搜索</span>
          <input
            type="search"
            placeholder="成员姓名、案件编号、身份证号"
            title="任一家庭成员的姓名、案件编号，或完整的身份证号、手机号；全角数字也可以"
            value={filters.search}
            onChange={(e) => set('search')(e.target.value)}
            aria-invalid={searchTooLong || undefined}
            aria-describedby={searchTooLong ? 'case-search-error' : undefined}
            data-testid="filter-search"
          />
          {searchTooLong && (
            <span className="case-search-error" id="case-search-error" role="alert">
              搜索内容不能超过 {SEARCH_MAX} 个字，未搜索
            </span>
          )}
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
          <XlsxExportButton
            job={exported}
            write={() => call('exports.cases', exportQuery)}
            disabled={pending || searchTooLong}
            title="把当前筛选出的个案导出为 Excel 表格（.xlsx）"
            testId="export-cases"
          />
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
      <XlsxExportStatus state={exported.state} testId="export-cases-result" />
      <CaseGrid
        query={exportQuery}
        showStreet={isDistrict}
        typing={pending}
        onOpen={(row) => go({ screen: 'cases', view: { kind: 'record', caseId: row.id, section: null } })}
      />
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
