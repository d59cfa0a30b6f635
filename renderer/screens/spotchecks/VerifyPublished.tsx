// 验证: the published files in the export folder, checked as they are on disk by the same check as
// verify.html and the CLI, so the chief sees before publishing what any citizen will see.
import { useRef, useState } from 'react';
import { verdictWords } from '../../../shared/sampling/verify-published';
import type { DrawDetail, PublishedCheck } from '../../../shared/spotcheck';
import { call } from '../../api';
import { errorMessage } from './format';

type State = { status: 'idle' } | { status: 'running' } | { status: 'done'; value: PublishedCheck } | { status: 'error'; message: string };

export function VerifyPublished({ draw }: { draw: DrawDetail }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const answer = useRef<HTMLDivElement>(null);

  async function verify() {
    setState({ status: 'running' });
    try {
      setState({ status: 'done', value: await call('spotchecks.verifyPublished', { drawId: draw.id }) });
    } catch (e) {
      setState({ status: 'error', message: errorMessage(e) });
    }
    // The answer may fall below the fold of a long page: bring it into view.
    requestAnimationFrame(() => answer.current?.scrollIntoView({ block: 'nearest' }));
  }

  const words = state.status === 'done' ? verdictWords(state.value.result, state.value.rate) : null;
  return (
    <div className="sc-verify">
      <h3 className="sc-verify-head">复核公布文件</h3>
      <p className="muted">按导出文件夹中的清单、种子和样本文件重新抽取并逐条比对，与 verify.html 的复核完全相同。</p>
      <button type="button" className="button" onClick={() => void verify()} disabled={state.status === 'running'} data-testid="verify-published">
        {state.status === 'running' ? '正在验证…' : '验证'}
      </button>
      <div ref={answer} role="status" aria-live="polite">
        {state.status === 'done' && words && (
          <div className={`notice ${state.value.result.verdict === 'match' ? 'ok' : 'error'} sc-verdict`} data-testid="verify-result" data-verdict={state.value.result.verdict}>
            <strong className="sc-verdict-head">{words.headline}</strong>
            <span data-testid="verify-detail">{words.detail}</span>
            <ul className="sc-verify-files">
              {state.value.files.map((f) => (
                <li key={f.fileName}>
                  {f.fileName} <span className="muted small">SHA-256 {f.sha256.slice(0, 16)}…</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {state.status === 'error' && (
          <div className="notice error" data-testid="verify-error">
            {state.message}
          </div>
        )}
      </div>
    </div>
  );
}
