// 导入模板: the standard template to download, and what a file must look like, in a few lines. A file in
// another layout (the provincial system's export, a community's own sheet) is mapped column by column
// once, on this screen, and recognised after that.
import { useState } from 'react';
import { standardHeaders } from '../../../../shared/import/fields';
import type { SavedFile } from '../../../../shared/saved-file';
import { call, errorMessage } from '../../../api';
import { FileActions } from '../../../components/FileActions';

type State = { status: 'idle' } | { status: 'running' } | { status: 'done'; file: SavedFile } | { status: 'error'; message: string };

export function TemplatePanel() {
  const [state, setState] = useState<State>({ status: 'idle' });

  async function download() {
    setState({ status: 'running' });
    try {
      setState({ status: 'done', file: await call('imports.template', {}) });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <section className="panel imp-template" aria-labelledby="imp-template-head">
      <div className="panel-head">
        <h2 id="imp-template-head">导入模板</h2>
        <button type="button" className="button" onClick={() => void download()} disabled={state.status === 'running'} data-testid="import-template">
          {state.status === 'running' ? '正在生成…' : '下载导入模板'}
        </button>
      </div>
      <ul className="imp-rules">
        <li>
          每行一人；<strong>户主身份证号</strong>相同的行是同一户，户主本人那一行的“与户主关系”填“本人”。
        </li>
        <li>支持 Excel（.xlsx、.xls）和 CSV（UTF-8 或 GBK 编码），一个文件不超过 20 MB。身份证号一列请设为“文本”格式，以免被改成科学计数法。</li>
        <li>
          模板的列：<span className="imp-headers">{standardHeaders.join('、')}</span>。表头不同的表格（如省级系统导出的表），检查时逐列指定一次对应关系并保存，以后同样的表格会自动识别。
        </li>
      </ul>
      {state.status === 'done' && (
        <div className="notice ok" role="status" data-testid="import-template-saved">
          已保存导入模板：<span className="path">{state.file.path}</span>
          <FileActions path={state.file.path} />
        </div>
      )}
      {state.status === 'error' && (
        <div className="notice error" role="alert" data-testid="import-template-error">
          下载导入模板失败：{state.message}
        </div>
      )}
    </section>
  );
}
