// The sample as the bureau works through it: TanStack Table with sorting and filters (street, how far
// inspection has got), each case's inspectors and finding, and the actions the user may take on it.
// A draw of a whole district holds tens of thousands of cases, so only the rows in view are in the DOM
// (TanStack Virtual, spacer rows above and below); the columns are fixed so they do not shift as rows scroll.
import { allowed, canRecordFinding, type Actor } from '../../../shared/access';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_equalsString,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { caseKindLabels, findingLabels, sampleOutcomeLabels, sampleReasonLabels } from '../../../shared/glossary';
import type { DrawDetail, SampleItemView } from '../../../shared/spotcheck';
import { formatYuan } from '../../../shared/money';
import { AssignDialog } from './AssignDialog';
import { FindingDialog } from './FindingDialog';
import { StreetSelect } from './StreetSelect';
import { ariaSort, SortMark } from '../../components/SortMark';
import type { DrawRecord } from './DrawPage';

type Progress = '' | 'open' | 'done' | 'problem';

// A row with its buttons; rows that wrap are measured as they render.
const ROW_HEIGHT = 55;

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, text: sortFn_text },
  filterFns: { equalsString: filterFn_equalsString },
});
const helper = createColumnHelper<typeof features, SampleItemView>();

const progressOf = (i: SampleItemView): Exclude<Progress, ''> => (!i.finding ? 'open' : i.finding.finding === 'compliant' ? 'done' : 'problem');

type Actions = { onAssign: (i: SampleItemView) => void; onFinding: (i: SampleItemView) => void; canAssign: boolean; canRecord: (i: SampleItemView) => boolean };

function buildColumns(a: Actions) {
  return helper.columns([
    helper.accessor('streetCode', { id: 'street', header: '街道', filterFn: 'equalsString', sortFn: 'text', cell: (info) => info.row.original.streetName }),
    helper.accessor('outcome', { id: 'outcome', header: '决定', sortFn: 'text', cell: (info) => sampleOutcomeLabels[info.getValue()] }),
    helper.accessor('rank', { id: 'rank', header: '位次', sortFn: 'basic' }),
    helper.accessor('caseNo', { id: 'caseNo', header: '案件编号', sortFn: 'text', cell: (info) => <span className="mono nowrap">{info.getValue()}</span> }),
    helper.accessor('communityName', { id: 'community', header: '社区', sortFn: 'text' }),
    helper.accessor('headName', { id: 'head', header: '户主', sortFn: 'text' }),
    helper.accessor('kind', { id: 'kind', header: '事项', cell: (info) => caseKindLabels[info.getValue()] }),
    helper.accessor('amountFen', { id: 'amount', header: '金额（元）', sortFn: 'basic', sortUndefined: 'last', cell: (info) => (info.getValue() === null ? <span className="muted">—</span> : formatYuan(info.getValue()!)) }),
    helper.display({
      id: 'reason',
      header: '抽取',
      cell: (info) => {
        const i = info.row.original;
        return (
          <span className="flags">
            <span className={i.reason === 'mandatory' ? 'flag' : 'tag'}>{sampleReasonLabels[i.reason]}</span>
            {i.closeRelative && <span className="flag">近亲属备案</span>}
            {i.complaint && <span className="flag">投诉举报</span>}
          </span>
        );
      },
    }),
    helper.display({
      id: 'inspectors',
      header: '抽查人员',
      cell: (info) => {
        const i = info.row.original;
        return (
          <span>
            {i.inspectorA && i.inspectorB ? `${i.inspectorA.name}、${i.inspectorB.name}` : <span className="muted">未分配</span>}
            {a.canAssign && (
              <button type="button" className="button small" onClick={() => a.onAssign(i)} data-testid="item-assign">
                分配
              </button>
            )}
          </span>
        );
      },
    }),
    helper.accessor((row) => progressOf(row), {
      id: 'progress',
      header: '核查结论',
      filterFn: 'equalsString',
      cell: (info) => {
        const i = info.row.original;
        return (
          <span>
            {i.finding ? (
              <span className={i.finding.finding === 'compliant' ? 'status status-approved' : 'flag'} data-testid="item-finding">
                {findingLabels[i.finding.finding]}
              </span>
            ) : (
              <span className="muted">未核查</span>
            )}
            {a.canRecord(i) && (
              <button type="button" className="button small" onClick={() => a.onFinding(i)} data-testid="item-record">
                {i.finding ? '重新记录' : '记录结论'}
              </button>
            )}
          </span>
        );
      },
    }),
  ]);
}

// 街道 决定 位次 案件编号 社区 户主 事项 金额 抽取 抽查人员 核查结论, in the order of buildColumns.
const columnWidths = ['8%', '6%', '5%', '14%', '9%', '7%', '7%', '8%', '11%', '13%', '12%'];

export function SamplePanel({ draw, record, manage, canRecord, user }: { draw: DrawDetail; record: DrawRecord; manage: boolean; canRecord: boolean; user: Actor | null }) {
  const [street, setStreet] = useState('');
  const [progress, setProgress] = useState<Progress>('');
  const [sorting, setSorting] = useState<SortingState>([]);
  const [assigning, setAssigning] = useState<SampleItemView | null>(null);
  const [recording, setRecording] = useState<SampleItemView | null>(null);
  const columns = useMemo(
    () =>
      buildColumns({
        onAssign: setAssigning,
        onFinding: setRecording,
        canAssign: manage,
        // Assigned inspectors record their cases; the section chief may record any (shared/access.ts).
        canRecord: (i) =>
          canRecord &&
          user !== null &&
          Boolean(i.inspectorA && i.inspectorB) &&
          allowed(canRecordFinding(user, { districtCode: draw.districtCode, inspectorAId: i.inspectorA?.id ?? null, inspectorBId: i.inspectorB?.id ?? null })),
      }),
    [manage, canRecord, user, draw.districtCode],
  );
  const columnFilters = useMemo<ColumnFiltersState>(
    () => [
      ...(street ? [{ id: 'street', value: street }] : []),
      ...(progress ? [{ id: 'progress', value: progress }] : []),
    ],
    [street, progress],
  );
  const table = useTable({ features, columns, data: draw.items, getRowId: (r) => r.id, state: { sorting, columnFilters }, onSortingChange: setSorting });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const shown = virtualizer.getVirtualItems();
  const before = shown[0]?.start ?? 0;
  const after = shown.length > 0 ? virtualizer.getTotalSize() - shown[shown.length - 1]!.end : 0;

  // Home and End go by row, not by pixels: rows below are sized as they render, so the scrollbar's end
  // moves while it is approached and the browser's own End would stop short of the last case.
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget || rows.length === 0) return;
    if (e.key === 'End') virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    else if (e.key === 'Home') virtualizer.scrollToOffset(0);
    else return;
    e.preventDefault();
  }

  return (
    <div className="panel sc-sample-panel" data-testid="sample-panel">
      <div className="toolbar">
        <StreetSelect draw={draw} value={street} onChange={setStreet} all="全部" testId="sample-filter-street" />
        <label className="field">
          <span>核查</span>
          <select value={progress} onChange={(e) => setProgress(e.target.value as Progress)} data-testid="sample-filter-progress">
            <option value="">全部</option>
            <option value="open">未核查</option>
            <option value="done">符合</option>
            <option value="problem">发现问题</option>
          </select>
        </label>
        <span className="muted toolbar-note" data-testid="sample-count">
          显示 {rows.length} / {draw.items.length} 件
        </span>
      </div>
      {/* Focusable so the arrow and page keys scroll a sample longer than the screen. */}
      <div className="table-wrap sc-sample" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} aria-label="抽查样本" data-testid="sample-scroll">
        <table className="table" data-testid="sample-table" aria-rowcount={rows.length + 1}>
          <colgroup>
            {columnWidths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  if (!h.column.getCanSort()) return <th key={h.id}><table.FlexRender header={h} /></th>;
                  return (
                    <th key={h.id} className="sortable" aria-sort={ariaSort(sorted)}>
                      <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()} title="按此列排序">
                        <table.FlexRender header={h} />
                        <SortMark sorted={sorted} />
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {before > 0 && <tr className="sc-spacer" aria-hidden="true" style={{ height: before }} />}
            {shown.map((v) => {
              const row = rows[v.index]!;
              return (
                <tr
                  key={row.id}
                  ref={virtualizer.measureElement}
                  data-index={v.index}
                  aria-rowindex={v.index + 2}
                  data-testid="sample-row"
                  data-item-id={row.id}
                  data-case-no={row.original.caseNo}
                  data-progress={progressOf(row.original)}
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cell.column.id === 'amount' || cell.column.id === 'rank' ? 'num' : undefined}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && <tr className="sc-spacer" aria-hidden="true" style={{ height: after }} />}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="muted">
                  没有符合条件的个案
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {assigning && <AssignDialog draw={draw} item={assigning} record={record} onClose={() => setAssigning(null)} />}
      {recording && <FindingDialog item={recording} record={record} onClose={() => setRecording(null)} />}
    </div>
  );
}
