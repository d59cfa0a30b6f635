// The cases grid's rows, asked of the service one window at a time (cases.page): the renderer holds
// the windows it has scrolled past, never the district. While a new query's first window is on its way
// the last answer stays on screen: a street chosen or a name typed must not blank the grid into a
// loading line. That first window comes with the selected case's new place, so the grid can keep it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSort, CaseWindow } from '../../../shared/case-page';
import type { CaseListQuery, CaseRow } from '../../../shared/domain';
import { call, errorMessage } from '../../api';

/** Rows per window: a few screens' worth, about 80 KB of JSON. */
export const CASE_PAGE = 200;

export type CaseWindowView = {
  /** The query and sort this answer is for: the header shows the order of the rows on screen. */
  key: string;
  sort: CaseSort;
  /** Cases the query keeps, and cases of the street before filters and search ("显示 total / scopeTotal"). */
  total: number;
  scopeTotal: number;
  /** Bumped each time a new query's answer replaces the last: `position` is then where the kept case stands. */
  generation: number;
  position: number | null;
};

export type CaseWindowList = {
  view: CaseWindowView | null;
  /** The row at `index` in the current order, or undefined until its window arrives. */
  rowAt: (index: number) => CaseRow | undefined;
  /** Asks for the windows covering `first`…`last` that are neither here nor on their way. */
  need: (first: number, last: number) => void;
  loading: boolean;
  error: string | null;
  reload: () => void;
};

type Store = { key: string; rows: (CaseRow | undefined)[]; asked: Set<number> };

/**
 * Loads `query` sorted by `sort` again whenever either changes. `locate` is read when a new query goes out:
 * the case the person had selected, whose place in the new order comes back with the first window.
 */
export function useCaseWindow(query: CaseListQuery | null, sort: CaseSort, locate: () => string | null): CaseWindowList {
  const key = query === null ? '' : JSON.stringify({ query, sort });
  const [view, setView] = useState<CaseWindowView | null>(null);
  // The query whose first window failed, so the grid stops saying it is looking.
  const [failed, setFailed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  // Windows that arrive after the first re-render the grid through this tick, not through `view`.
  const [, setTick] = useState(0);
  const store = useRef<Store>({ key: '', rows: [], asked: new Set() });
  const locateRef = useRef(locate);
  locateRef.current = locate;

  const fetchInto = useCallback((target: Store, offset: number) => {
    const { query: q, sort: s } = JSON.parse(target.key) as { query: CaseListQuery; sort: CaseSort };
    target.asked.add(offset);
    call('cases.page', { query: q, sort: s, offset, limit: CASE_PAGE }).then(
      (w) => {
        if (store.current !== target) return;
        w.rows.forEach((row, i) => (target.rows[offset + i] = row));
        // Cut short by the service's byte cap: the rest of this window is asked for from where it stopped.
        const end = Math.min(offset + CASE_PAGE, w.total);
        if (w.rows.length > 0 && offset + w.rows.length < end) fetchInto(target, offset + w.rows.length);
        setTick((n) => n + 1);
      },
      (e: unknown) => {
        if (store.current !== target) return;
        target.asked.delete(offset);
        setError(errorMessage(e));
      },
    );
  }, []);

  useEffect(() => {
    if (key === '') {
      setView(null);
      return;
    }
    let live = true;
    const { query: q, sort: s } = JSON.parse(key) as { query: CaseListQuery; sort: CaseSort };
    const selected = locateRef.current();
    void (async () => {
      try {
        const first: CaseWindow = await call('cases.page', { query: q, sort: s, offset: 0, limit: CASE_PAGE, ...(selected ? { locate: selected } : {}) });
        // The selected case's own window too, so it shows at once where it now stands.
        const at = first.position === null || first.position < CASE_PAGE ? null : first.position - (first.position % CASE_PAGE);
        const there = at === null ? null : await call('cases.page', { query: q, sort: s, offset: at, limit: CASE_PAGE });
        if (!live) return;
        const next: Store = { key, rows: [], asked: new Set([0]) };
        first.rows.forEach((row, i) => (next.rows[i] = row));
        if (there !== null && at !== null) {
          next.asked.add(at);
          there.rows.forEach((row, i) => (next.rows[at + i] = row));
        }
        store.current = next;
        setView((v) => ({ key, sort: s, total: first.total, scopeTotal: first.scopeTotal, generation: (v?.generation ?? 0) + 1, position: first.position }));
        setError(null);
        setFailed(null);
      } catch (e) {
        if (!live) return;
        setError(errorMessage(e));
        setFailed(key);
      }
    })();
    return () => {
      live = false;
    };
  }, [key, reloads]);

  const rowAt = useCallback((index: number) => store.current.rows[index], []);
  const need = useCallback(
    (first: number, last: number) => {
      const target = store.current;
      if (target.key === '') return;
      for (let page = first - (first % CASE_PAGE); page <= last; page += CASE_PAGE) {
        if (!target.asked.has(page)) fetchInto(target, page);
      }
    },
    [fetchInto],
  );
  const reload = useCallback(() => setReloads((g) => g + 1), []);
  // Derived in the same render as the new query, so "正在查找" shows the moment a filter changes.
  const loading = key !== '' && view?.key !== key && failed !== key;
  return { view, rowAt, need, loading, error, reload };
}
