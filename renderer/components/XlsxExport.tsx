// 导出 Excel: one export written by main to the export folder, then its file (name, rows, path) with
// 打开 / 另存为… (FileActions), or the refusal in Chinese. The hook and the status are apart so that a
// screen can put the button in its toolbar and the result under it. The state remembers whose export
// it is (`subject`): a page that moves to another meeting or batch starts from nothing, and a late
// answer for the previous one lands nowhere.
import { useCallback, useState } from 'react';
import type { SavedFile } from '../../shared/saved-file';
import { errorMessage } from '../api';
import { FileActions } from './FileActions';

export type XlsxExportState = { status: 'idle' } | { status: 'running' } | { status: 'done'; file: SavedFile } | { status: 'error'; message: string };

export type XlsxExport = { state: XlsxExportState; running: boolean; start: (write: () => Promise<SavedFile>) => Promise<void> };

export function useXlsxExport(subject: string): XlsxExport {
  const [job, setJob] = useState<{ subject: string; state: XlsxExportState }>({ subject, state: { status: 'idle' } });
  const state: XlsxExportState = job.subject === subject ? job.state : { status: 'idle' };
  const start = useCallback(
    async (write: () => Promise<SavedFile>) => {
      const settle = (next: XlsxExportState) => setJob((j) => (j.subject === subject ? { subject, state: next } : j));
      setJob({ subject, state: { status: 'running' } });
      try {
        settle({ status: 'done', file: await write() });
      } catch (error) {
        settle({ status: 'error', message: errorMessage(error) });
      }
    },
    [subject],
  );
  return { state, running: state.status === 'running', start };
}

type ButtonProps = { job: XlsxExport; write: () => Promise<SavedFile>; testId: string; title?: string; disabled?: boolean; label?: string };

/** A real button (Tab and Enter reach it); while the file is written it says so and waits. */
export function XlsxExportButton({ job, write, testId, title, disabled = false, label = '导出 Excel' }: ButtonProps) {
  return (
    <button type="button" className="button" disabled={disabled || job.running} title={title} onClick={() => void job.start(write)} data-testid={testId}>
      {job.running ? '正在导出…' : label}
    </button>
  );
}

export function XlsxExportStatus({ state, testId }: { state: XlsxExportState; testId: string }) {
  switch (state.status) {
    case 'idle':
    case 'running':
      return null;
    case 'done':
      return (
        <div className="notice ok xlsx-result" role="status" data-testid={testId}>
          <span>
            已导出 Excel 表格 {state.file.fileName}（{state.file.rows.toLocaleString('zh-CN')} 行），保存在 <span className="path" data-testid={`${testId}-path`}>{state.file.path}</span>
          </span>
          <FileActions path={state.file.path} />
        </div>
      );
    case 'error':
      return (
        <div className="notice error" role="alert" data-testid={`${testId}-error`}>
          导出失败：{state.message}
        </div>
      );
    default: {
      const never: never = state;
      throw new Error(`unknown export state ${String(never)}`);
    }
  }
}
