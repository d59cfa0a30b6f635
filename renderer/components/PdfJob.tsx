// A PDF rendered by main while the user watches: the call is one promise, and main reports how far the
// render is through `pdf.progress` events for the job's id. The hook listens from the moment the panel
// mounts, not from the click: the browser harness opens its event stream lazily, and a short render
// could otherwise finish before the stream is connected. Leaving the screen leaves the job running in
// main (the file is still written); only the bar stops updating.
import { errorMessage } from '../api';
import { useCallback, useEffect, useState } from 'react';
import type { PdfFile } from '../../shared/api';
import { FileActions } from './FileActions';

export type PdfJobState =
  | { status: 'idle' }
  /** done/total from the last progress event; 0/0 until the first one arrives. */
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; file: PdfFile }
  | { status: 'error'; message: string };

export type PdfJob = {
  state: PdfJobState;
  running: boolean;
  start: (render: () => Promise<PdfFile>) => Promise<void>;
};

export function usePdfJob(jobId: string): PdfJob {
  // The state remembers whose it is, so a panel that switches to another batch or community shows
  // that document from nothing, and a late result of the previous one lands nowhere.
  const [job, setJob] = useState<{ jobId: string; state: PdfJobState }>({ jobId, state: { status: 'idle' } });
  const state: PdfJobState = job.jobId === jobId ? job.state : { status: 'idle' };

  useEffect(() => {
    if (typeof window.api?.on !== 'function') return;
    return window.api.on('pdf.progress', (p) =>
      // A late event after the result arrived must not turn a finished job back into a running one.
      setJob((j) => (j.jobId === p.jobId && j.state.status === 'running' ? { jobId: j.jobId, state: { status: 'running', done: p.done, total: p.total } } : j)),
    );
  }, []);

  const start = useCallback(
    async (render: () => Promise<PdfFile>) => {
      const settle = (next: PdfJobState) => setJob((j) => (j.jobId === jobId ? { jobId, state: next } : j));
      setJob({ jobId, state: { status: 'running', done: 0, total: 0 } });
      try {
        settle({ status: 'done', file: await render() });
      } catch (error) {
        settle({ status: 'error', message: errorMessage(error) });
      }
    },
    [jobId],
  );

  return { state, running: state.status === 'running', start };
}

export type PdfJobTestIds = { progress?: string; path?: string; pages?: string; sha256?: string; error?: string };

/** The bar while the job runs, then the file written (path, pages, SHA-256) or the refusal. */
export function PdfJobStatus({ state, testIds = {} }: { state: PdfJobState; testIds?: PdfJobTestIds }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'running': {
      const percent = state.total > 0 ? Math.min(100, Math.round((state.done / state.total) * 100)) : null;
      return (
        <div className="pdf-progress" data-testid={testIds.progress}>
          <div
            className={percent === null ? 'pdf-bar waiting' : 'pdf-bar'}
            role="progressbar"
            aria-label="PDF 生成进度"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
          >
            <div className="pdf-bar-fill" style={{ width: `${percent ?? 100}%` }} />
          </div>
          <span className="pdf-progress-text">{percent === null ? '正在准备…' : `正在生成 ${percent}%`}</span>
        </div>
      );
    }
    case 'done':
      return (
        <dl className="kv pdf-file" role="status">
          <div className="kv-row">
            <dt>文件</dt>
            <dd className="path" data-testid={testIds.path}>
              {state.file.path}
            </dd>
          </div>
          <div className="kv-row">
            <dt />
            <dd>
              <FileActions path={state.file.path} />
            </dd>
          </div>
          <div className="kv-row">
            <dt>页数</dt>
            <dd data-testid={testIds.pages}>{state.file.pages} 页</dd>
          </div>
          <div className="kv-row">
            <dt>SHA-256</dt>
            <dd className="sha" data-testid={testIds.sha256}>
              {state.file.sha256}
            </dd>
          </div>
        </dl>
      );
    case 'error':
      return (
        <div className="notice error" role="alert" data-testid={testIds.error}>
          {state.message}
        </div>
      );
    default: {
      const never: never = state;
      throw new Error(`unknown PDF job state ${String(never)}`);
    }
  }
}
