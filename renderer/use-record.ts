// One record shown on a page (a meeting, a notice batch, a spot-check draw). Every change answers with
// the fresh record, so the page never patches its copy by hand: it shows what the service says the
// record now is. Failures come back as values so the caller decides where the Chinese message appears.
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api';
import type { Loadable } from './use-api';

export type RunResult<T> = { ok: true; detail: T } | { ok: false; message: string };

export type RecordState<T> = {
  detail: Loadable<T>;
  busy: boolean;
  /** Runs a change whose answer is the whole record. */
  runChange: (change: () => Promise<T>) => Promise<RunResult<T>>;
  /** For changes that answer with more than the record (a meeting's close). */
  replace: (detail: T) => void;
  reload: () => void;
};

export function useRecord<T>(load: () => Promise<T>, key: string): RecordState<T> {
  const [detail, setDetail] = useState<Loadable<T>>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setDetail({ status: 'ready', value }),
      (error: unknown) => live && setDetail({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
    // `key` names the record; `load` is a fresh closure on every render and must not retrigger loading.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);

  const runChange = useCallback(async (change: () => Promise<T>): Promise<RunResult<T>> => {
    setBusy(true);
    try {
      const value = await change();
      setDetail({ status: 'ready', value });
      return { ok: true, detail: value };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    } finally {
      setBusy(false);
    }
  }, []);

  const replace = useCallback((value: T) => setDetail({ status: 'ready', value }), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { detail, busy, runChange, replace, reload };
}
