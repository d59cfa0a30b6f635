// What a sortable table's header shows and tells: the same for the cases grid and the sample table.
export type Sorted = false | 'asc' | 'desc';

export function ariaSort(sorted: Sorted): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

/** ▲ / ▼ for the eye; aria-sort on the header already tells a screen reader. */
export function SortMark({ sorted }: { sorted: Sorted }) {
  if (!sorted) return null;
  return (
    <span className="sort-mark" aria-hidden="true">
      {sorted === 'asc' ? '▲' : '▼'}
    </span>
  );
}
