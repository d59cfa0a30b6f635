// The cases grid: the service filters, searches and sorts (cases.page), and the grid asks for the
// windows of rows it scrolls to, so its cost does not grow with the district. TanStack Virtual keeps only
// the rows in view in the DOM and sizes the scrollbar from the total; a row whose window has not arrived
// yet shows a placeholder. Sticky header, keyboard row navigation; a click on a row, or Enter on the grid
// or a focused row, opens that case's record. The selected case is kept by id across a filter or a sort.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CaseSort, CaseSortColumn } from '../../shared/case-page';
import type { CaseListQuery, CaseRow } from '../../shared/domain';
import { caseAmount } from '../../shared/case-amount';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../../shared/glossary';
import { formatYuan } from '../../shared/money';
import { formatChineseDate } from '../../shared/dates';
import { useCaseWindow } from '../screens/cases/use-case-window';
import { LoadError } from './LoadError';
import { ariaSort, SortMark } from './SortMark';

const ROW_HEIGHT = 40;

type Column = {
  id: string;
  header: string;
  size: number;
  /** The service's sort key, or null for a column that does not sort. */
  sort: CaseSortColumn | null;
  /** Counts start from the largest, as a table of figures is read; text and dates from the first. */
  descFirst?: boolean;
  num?: boolean;
  cell: (row: CaseRow) => ReactNode;
};

function headCell(row: CaseRow): ReactNode {
  const member = row.matchedMemberName;
  if (member === null) return row.headName;
  // The search found another member of the household: say who, or the row looks like a wrong hit.
  return (
    <span className="head-with-member" title={`户主 ${row.headName}，家庭成员 ${member}`}>
      <span>{row.headName}</span>
      <span className="member-match" data-testid="matched-member">
        成员 {member}
      </span>
    </span>
  );
}

function amountCell(row: CaseRow): ReactNode {
  const amount = caseAmount(row);
  if (amount === null) return <span className="muted">—</span>;
  return amount.kind === 'proposed' ? <span title="尚待审议的拟定金额">拟 {formatYuan(amount.fen)}</span> : formatYuan(amount.fen);
}

function buildColumns(showStreet: boolean): Column[] {
  return [
    { id: 'caseNo', header: '案件编号', size: 160, sort: 'caseNo', cell: (r) => r.caseNo },
    ...(showStreet ? [{ id: 'streetName', header: '街道', size: 90, sort: 'streetName', cell: (r: CaseRow) => r.streetName } satisfies Column] : []),
    { id: 'communityCode', header: '社区（村）', size: 104, sort: 'communityCode', cell: (r) => r.communityName },
    // Room for a four-character name, and under it the member a search found.
    { id: 'headName', header: '户主', size: 108, sort: 'headName', cell: headCell },
    { id: 'householdSize', header: '人数', size: 48, sort: 'householdSize', descFirst: true, num: true, cell: (r) => r.householdSize },
    { id: 'category', header: '救助类别', size: 140, sort: 'category', cell: (r) => caseCategoryLabels[r.category] },
    { id: 'kind', header: '事项', size: 112, sort: 'kind', cell: (r) => caseKindLabels[r.kind] },
    { id: 'status', header: '状态', size: 80, sort: 'status', cell: (r) => <span className={`status status-${r.status}`}>{caseStatusLabels[r.status]}</span> },
    { id: 'appliedOn', header: '申请日期', size: 140, sort: 'appliedOn', cell: (r) => formatChineseDate(r.appliedOn) },
    { id: 'amount', header: '金额（元）', size: 112, sort: 'amount', descFirst: true, num: true, cell: amountCell },
    {
      id: 'flags',
      header: '标记',
      size: 104,
      sort: null,
      cell: (r) => (
        <span className="flags">
          {r.closeRelative && <span className="flag">近亲属备案</span>}
          {r.complaint && <span className="flag">投诉举报</span>}
        </span>
      ),
    },
  ];
}

type Props = {
  /** Street, community, category, status and search, all answered by the service. */
  query: CaseListQuery;
  showStreet: boolean;
  /** A newer query is still being typed (the search waits for typing to pause). */
  typing: boolean;
  /** Opens the case's record page. */
  onOpen: (row: CaseRow) => void;
};

export function CaseGrid({ query, showStreet, typing, onOpen }: Props) {
  const columns = useMemo(() => buildColumns(showStreet), [showStreet]);
  const [sort, setSort] = useState<CaseSort>({ column: 'appliedOn', direction: 'desc' });
  // The active row by place; `chosen` once the person has moved to or focused a row, so only a case
  // someone picked is looked for after a filter or a sort (a fresh grid starts at its top each time).
  const [active, setActive] = useState(0);
  const chosen = useRef(false);
  const list = useCaseWindow(query, sort, () => (chosen.current ? (list.rowAt(active)?.id ?? null) : null));
  const total = list.view?.total ?? 0;
  const activeIndex = Math.min(active, Math.max(total - 1, 0));

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits inside the scroll container above the rows.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastShown >= 0) list.need(firstShown, lastShown);
  });

  // A new answer landed: the chosen case where it now stands, or the top when the filter dropped it.
  const generation = list.view?.generation ?? 0;
  const position = list.view?.position ?? null;
  useEffect(() => {
    if (generation === 0) return;
    if (position !== null) {
      setActive(position);
      virtualizer.scrollToIndex(position, { align: 'auto' });
    } else {
      chosen.current = false;
      setActive(0);
      virtualizer.scrollToOffset(0);
    }
    // Only on a new answer: the virtualiser is the same object throughout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);

  // Roving tabindex: the active row is the grid's one row tab stop. When the person moved from a
  // focused row, focus follows to the new one as soon as the virtualiser has rendered it.
  const focusRow = useRef<number | null>(null);
  useEffect(() => {
    const index = focusRow.current;
    if (index === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    if (!el) return;
    focusRow.current = null;
    el.focus({ preventScroll: true });
  });

  const minWidth = columns.reduce((sum, c) => sum + c.size, 0);
  const gridTemplate = columns.map((c) => `minmax(${c.size}px, ${c.id === 'headName' || c.id === 'communityCode' ? 1.4 : 1}fr)`).join(' ');

  function move(to: number, fromRow: boolean) {
    const next = Math.max(0, Math.min(total - 1, to));
    chosen.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (fromRow) focusRow.current = next;
  }

  function toggleSort(column: Column) {
    if (column.sort === null) return;
    const key = column.sort;
    setSort((s) => (s.column === key ? { column: key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column: key, direction: column.descFirst ? 'desc' : 'asc' }));
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    const onRow = target.getAttribute('role') === 'row';
    // Keys on a header's sort button are the button's own (Enter sorts there, it does not open a case).
    if (target !== e.currentTarget && !onRow) return;
    if (e.key === 'Enter') {
      const row = list.rowAt(activeIndex);
      if (!row) return;
      e.preventDefault();
      onOpen(row);
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: total - 1,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(to, onRow);
  }

  if (list.view === null) {
    return list.error !== null ? <LoadError what="个案" message={list.error} onRetry={list.reload} /> : <div className="loading">正在载入个案…</div>;
  }
  const shownSort = list.view.sort;
  const rowId = (index: number) => `case-row-${list.rowAt(index)?.id ?? `at-${index}`}`;

  return (
    <>
      {list.error !== null && <LoadError what="个案" message={list.error} onRetry={list.reload} />}
      <div className="grid" data-testid="case-grid">
        <div
          ref={scrollRef}
          className="grid-scroll"
          role="grid"
          aria-rowcount={total + 1}
          aria-colcount={columns.length}
          aria-busy={list.loading || undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-activedescendant={total > 0 ? rowId(activeIndex) : undefined}
          data-testid="case-grid-body"
        >
          <div className="grid-inner" style={{ minWidth }}>
            <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: gridTemplate, height: ROW_HEIGHT }}>
              {columns.map((column) => {
                const sorted = column.sort !== null && shownSort.column === column.sort ? shownSort.direction : false;
                return (
                  <div
                    key={column.id}
                    role="columnheader"
                    aria-sort={column.sort !== null ? ariaSort(sorted) : undefined}
                    className={`grid-cell grid-th${column.sort !== null ? ' sortable' : ''}${column.num ? ' num' : ''}`}
                    data-column={column.id}
                  >
                    {column.sort !== null ? (
                      // A real button: Tab reaches it, Enter and Space sort, and the grid's arrow keys stay the rows'.
                      <button type="button" className="sort-button" onClick={() => toggleSort(column)} title="按此列排序">
                        {column.header}
                        <SortMark sorted={sorted} />
                      </button>
                    ) : (
                      column.header
                    )}
                  </div>
                );
              })}
            </div>
            {total === 0 && <div className="grid-empty">没有符合条件的个案</div>}
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = list.rowAt(item.index);
                const isActive = item.index === activeIndex;
                // Keyed by place, so a placeholder that fills in keeps its element (and the focus on it).
                return (
                  <div
                    key={item.key}
                    id={rowId(item.index)}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={isActive}
                    aria-busy={row === undefined || undefined}
                    tabIndex={isActive ? 0 : -1}
                    className={`grid-row${isActive ? ' active' : ''}${item.index % 2 ? ' odd' : ''}${row === undefined ? ' placeholder' : ''}`}
                    style={{ gridTemplateColumns: gridTemplate, transform: `translateY(${item.start - ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
                    onFocus={() => {
                      chosen.current = true;
                      setActive(item.index);
                    }}
                    onClick={() => {
                      chosen.current = true;
                      setActive(item.index);
                      if (row) onOpen(row);
                    }}
                    data-testid={row === undefined ? 'case-row-placeholder' : 'case-row'}
                    data-case-id={row?.id}
                    data-row-index={item.index}
                  >
                    {row === undefined ? (
                      <div role="gridcell" className="grid-cell muted">
                        正在载入…
                      </div>
                    ) : (
                      columns.map((column) => (
                        <div key={column.id} role="gridcell" className={`grid-cell${column.num ? ' num' : ''}${column.id === 'caseNo' ? ' mono' : ''}`}>
                          {column.cell(row)}
                        </div>
                      ))
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        <div className="grid-footer" data-testid="case-grid-count">
          显示 {total.toLocaleString('zh-CN')} / {list.view.scopeTotal.toLocaleString('zh-CN')} 件
          {(typing || list.loading) && <span className="muted grid-busy">正在查找…</span>}
        </div>
      </div>
    </>
  );
}
