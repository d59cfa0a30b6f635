// The cases grid: TanStack Table v9 for sorting and filtering, TanStack Virtual so only the rows in
// view exist in the DOM (10,000 rows scroll like 100), sticky header, and keyboard row navigation.
// A click on a row, or Enter on the grid or a focused row, opens that case's record.
// The search is the service's (every member's name, see cases.list); the grid filters what it was given.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  columnFilteringFeature,
  constructSortFn,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_equalsString,
  rowSortingFeature,
  columnSizingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CaseRow } from '../../shared/domain';
import { caseAmount } from '../../shared/case-amount';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../../shared/glossary';
import { formatYuan } from '../../shared/money';
import { formatChineseDate } from '../../shared/dates';
import { ariaSort, SortMark } from './SortMark';

// Chinese readers expect names in pinyin order, not code-point order.
const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin', { numeric: true });
const sortFn_pinyin = constructSortFn({ sort: (a: unknown, b: unknown) => pinyin.compare(String(a ?? ''), String(b ?? '')) });

const features = tableFeatures({
  columnSizingFeature,
  rowSortingFeature,
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, text: sortFn_text, pinyin: sortFn_pinyin },
  filterFns: { equalsString: filterFn_equalsString },
});

const helper = createColumnHelper<typeof features, CaseRow>();

const ROW_HEIGHT = 40;
const NUMERIC = new Set(['amount', 'householdSize']);


function buildColumns(showStreet: boolean) {
  return helper.columns([
    helper.accessor('caseNo', { id: 'caseNo', header: '案件编号', size: 160, sortFn: 'text' }),
    ...(showStreet ? [helper.accessor('streetName', { id: 'streetName', header: '街道', size: 90, sortFn: 'pinyin' })] : []),
    helper.accessor('communityCode', {
      id: 'communityCode',
      header: '社区（村）',
      size: 104,
      filterFn: 'equalsString',
      sortFn: 'text',
      cell: (info) => info.row.original.communityName,
    }),
    helper.accessor('headName', {
      id: 'headName',
      header: '户主',
      // Room for a four-character name, and under it the member a search found.
      size: 108,
      sortFn: 'pinyin',
      cell: (info) => {
        const member = info.row.original.matchedMemberName;
        if (member === null) return info.getValue();
        // The search found another member of the household: say who, or the row looks like a wrong hit.
        return (
          <span className="head-with-member" title={`户主 ${info.getValue()}，家庭成员 ${member}`}>
            <span>{info.getValue()}</span>
            <span className="member-match" data-testid="matched-member">
              成员 {member}
            </span>
          </span>
        );
      },
    }),
    helper.accessor('householdSize', { id: 'householdSize', header: '人数', size: 48, sortFn: 'basic' }),
    helper.accessor('category', {
      id: 'category',
      header: '救助类别',
      size: 140,
      filterFn: 'equalsString',
      cell: (info) => caseCategoryLabels[info.getValue()],
    }),
    helper.accessor('kind', { id: 'kind', header: '事项', size: 112, cell: (info) => caseKindLabels[info.getValue()] }),
    helper.accessor('status', {
      id: 'status',
      header: '状态',
      size: 80,
      filterFn: 'equalsString',
      cell: (info) => <span className={`status status-${info.getValue()}`}>{caseStatusLabels[info.getValue()]}</span>,
    }),
    helper.accessor('appliedOn', { id: 'appliedOn', header: '申请日期', size: 140, sortFn: 'text', cell: (info) => formatChineseDate(info.getValue()) }),
    helper.accessor((row) => caseAmount(row)?.fen ?? null, {
      id: 'amount',
      header: '金额（元）',
      size: 112,
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: (info) => {
        const amount = caseAmount(info.row.original);
        if (amount === null) return <span className="muted">—</span>;
        return amount.kind === 'proposed' ? <span title="尚待审议的拟定金额">拟 {formatYuan(amount.fen)}</span> : formatYuan(amount.fen);
      },
    }),
    helper.display({
      id: 'flags',
      header: '标记',
      size: 104,
      enableSorting: false,
      cell: (info) => (
        <span className="flags">
          {info.row.original.closeRelative && <span className="flag">近亲属备案</span>}
          {info.row.original.complaint && <span className="flag">投诉举报</span>}
        </span>
      ),
    }),
  ]);
}

export type CaseGridFilters = { communityCode: string; category: string; status: string };

type Props = {
  rows: CaseRow[];
  /** How many cases there are before any search, for "显示 n / total". */
  total: number;
  filters: CaseGridFilters;
  showStreet: boolean;
  /** A newer answer is on its way (a search typed, a street chosen). */
  busy: boolean;
  /** Opens the case's record page. */
  onOpen: (row: CaseRow) => void;
};

export function CaseGrid({ rows, total, filters, showStreet, busy, onOpen }: Props) {
  const columns = useMemo(() => buildColumns(showStreet), [showStreet]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'appliedOn', desc: true }]);
  const columnFilters = useMemo<ColumnFiltersState>(
    () =>
      (['communityCode', 'category', 'status'] as const)
        .filter((id) => filters[id] !== '')
        .map((id) => ({ id, value: filters[id] })),
    [filters],
  );

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    enableSortingRemoval: false,
  });

  const visibleRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visibleRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => visibleRows[index]?.id ?? index,
    overscan: 12,
    // The sticky header sits inside the scroll container above the rows.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(visibleRows.length - 1, 0));
  // Roving tabindex: the active row is the grid's one row tab stop. When the person moved from a
  // focused row, focus follows to the new one as soon as the virtualiser has rendered it.
  const focusRow = useRef<string | null>(null);
  useEffect(() => {
    const id = focusRow.current;
    if (id === null) return;
    const el = document.getElementById(`case-row-${id}`);
    if (!el) return;
    focusRow.current = null;
    el.focus({ preventScroll: true });
  });

  const minWidth = table.getAllLeafColumns().reduce((sum, c) => sum + c.getSize(), 0);
  const gridTemplate = table
    .getAllLeafColumns()
    .map((c) => `minmax(${c.getSize()}px, ${c.id === 'headName' || c.id === 'communityCode' ? 1.4 : 1}fr)`)
    .join(' ');

  function move(to: number, fromRow: boolean) {
    const next = Math.max(0, Math.min(visibleRows.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (fromRow) focusRow.current = visibleRows[next]?.id ?? null;
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    const onRow = target.getAttribute('role') === 'row';
    // Keys on a header's sort button are the button's own (Enter sorts there, it does not open a case).
    if (target !== e.currentTarget && !onRow) return;
    if (e.key === 'Enter') {
      const row = visibleRows[activeIndex];
      if (!row) return;
      e.preventDefault();
      onOpen(row.original);
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: visibleRows.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(to, onRow);
  }

  return (
    <div className="grid" data-testid="case-grid">
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        aria-rowcount={visibleRows.length + 1}
        aria-colcount={columns.length}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={visibleRows[activeIndex] ? `case-row-${visibleRows[activeIndex].id}` : undefined}
        data-testid="case-grid-body"
      >
        <div className="grid-inner" style={{ minWidth }}>
          <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: gridTemplate, height: ROW_HEIGHT }}>
            {table.getHeaderGroups()[0]?.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const canSort = header.column.getCanSort();
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  aria-sort={canSort ? ariaSort(sorted) : undefined}
                  className={`grid-cell grid-th${canSort ? ' sortable' : ''}${NUMERIC.has(header.column.id) ? ' num' : ''}`}
                  data-column={header.column.id}
                >
                  {canSort ? (
                    // A real button: Tab reaches it, Enter and Space sort, and the grid's arrow keys stay the rows'.
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()} title="按此列排序">
                      <table.FlexRender header={header} />
                      <SortMark sorted={sorted} />
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </div>
              );
            })}
          </div>
          {visibleRows.length === 0 && <div className="grid-empty">没有符合条件的个案</div>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = visibleRows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  id={`case-row-${row.id}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === activeIndex}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  className={`grid-row${item.index === activeIndex ? ' active' : ''}${item.index % 2 ? ' odd' : ''}`}
                  style={{ gridTemplateColumns: gridTemplate, transform: `translateY(${item.start - ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
                  onFocus={() => setActive(item.index)}
                  onClick={() => {
                    setActive(item.index);
                    onOpen(row.original);
                  }}
                  data-testid="case-row"
                  data-case-id={row.id}
                >
                  {row.getAllCells().map((cell) => (
                    <div key={cell.id} role="gridcell" className={`grid-cell${NUMERIC.has(cell.column.id) ? ' num' : ''}${cell.column.id === 'caseNo' ? ' mono' : ''}`}>
                      <table.FlexRender cell={cell} />
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="grid-footer" data-testid="case-grid-count">
        显示 {visibleRows.length.toLocaleString('zh-CN')} / {total.toLocaleString('zh-CN')} 件
        {busy && <span className="muted grid-busy">正在查找…</span>}
      </div>
    </div>
  );
}
