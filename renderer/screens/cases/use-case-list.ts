// The cases the grid shows, asked of the service. While a new answer is on its way the last one stays on
// screen: a street chosen or a name typed must not blank ten thousand rows into a loading line.
import { useCallback, useEffect, useState } from 'react';
import type { CaseListQuery, CaseRow } from '../../../shared/domain';
import { call, errorMessage } from '../../api';

export type CaseList = { rows: CaseRow[] | null; loading: boolean; error: string | null; reload: () => void };

/** Loads `query` (none when null) again whenever its JSON changes. */
export function useCaseList(query: CaseListQuery | null): CaseList {
  const key = query === null ? '' : JSON.stringify(query);
  const [rows, setRows] = useState<CaseRow[] | null>(null);
  const [loading, setLoading] = useState(query !== null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (key === '') {
      setRows(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    call('cases.list', JSON.parse(key) as CaseListQuery).then(
      (value) => {
        if (!live) return;
        setRows(value);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { rows, loading, error, reload };
}

/** `value`, once it has stayed the same for `ms`: a search runs when typing pauses, not per key. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
