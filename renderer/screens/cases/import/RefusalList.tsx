// The rows that cannot be imported, by row: row number, the column's header in the file and the reason,
// so whoever keyed the sheet can find and correct each cell. Thousands of refusals (a whole column in the
// wrong format) are listed up to the first 500 here; the full list is a workbook to hand back.
import { useState } from 'react';
import type { RowRefusal } from '../../../../shared/import/report';
import type { SavedFile } from '../../../../shared/saved-file';
import { call, errorMessage } from '../../../api';
import { FileActions } from '../../../components/FileActions';
import { refusalsShown, SHOWN_REFUSALS } from './model';

type Download = { status: 'idle' } | { status: 'running' } | { status: 'done'; file: SavedFile } | { status: 'error'; message: string };

export function RefusalList({ refused, token }: { refused: readonly RowRefusal[]; token: string }) {
  const [download, setDownload] = useState<Download>({ status: 'idle' });
  const { shown, more } = refusalsShown(refused);

  async function save() {
    setDownload({ status: 'running' });
    try {
      setDownload({ status: 'done', file: await call('imports.refusals', { token }) });
    } catch (error) {
      setDownload({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <div className="imp-refusals">
      <div className="imp-refusals-head">
        <h3 className="sub-head" id="imp-refusals-head">
          不能导入的行
        </h3>
        <button type="button" className="button" onClick={() => void save()} disabled={download.status === 'running'} data-testid="refusals-download">
          {download.status === 'running' ? '正在生成…' : '下载不能导入的行（Excel）'}
        </button>
      </div>
      {download.status === 'done' && (
        <div className="notice ok" role="status" data-testid="refusals-saved">
          已保存 {download.file.rows} 条：<span className="path">{download.file.path}</span>
          <FileActions path={download.file.path} />
        </div>
      )}
      {download.status === 'error' && (
        <div className="notice error" role="alert" data-testid="refusals-download-error">
          {download.message}
        </div>
      )}
      {more > 0 && (
        <p className="warn-text small" data-testid="refusals-more">
          共 {refused.length.toLocaleString('en-US')} 条，这里只列出按行号排在前面的 {SHOWN_REFUSALS} 条；完整清单请下载。
        </p>
      )}
      <div className="table-wrap imp-refusals-table" tabIndex={0} role="region" aria-labelledby="imp-refusals-head">
        <table className="table" data-testid="refusals-table">
          <thead>
            <tr>
              <th scope="col">行号</th>
              <th scope="col">列</th>
              <th scope="col">原因</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i} data-testid="refusal-row" data-row={r.row}>
                <td className="imp-row-no">{r.row === 0 ? '整个文件' : `第 ${r.row} 行`}</td>
                <td>{r.column || '—'}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
