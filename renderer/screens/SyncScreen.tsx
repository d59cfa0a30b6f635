// 同步: sign in to the central server, then sync now, see when it last worked, what is still waiting,
// what the centre refused (each to mark as dealt with), and the last error in plain Chinese. The first
// full pull shows a progress bar. Tokens never come here; only who is signed in where.
import { useEffect, useRef, useState } from 'react';
import type { SyncRejectionView, SyncStatus } from '../../shared/sync-view';
import { userRoleLabels } from '../../shared/glossary';
import { call, errorMessage } from '../api';
import { Dialog, DialogError } from '../components/Dialog';
import { LoadError, useScrolledIntoView } from '../components/LoadError';
import { useApi } from '../use-api';
import { formatDateTime } from './meetings/format';

type Progress = { phase: 'push' | 'pull'; done: number; total: number } | null;

export function SyncScreen({ onSignedIn }: { onSignedIn: () => void }) {
  const [loaded, reload] = useApi('sync.status', {});
  // The last status stays on screen while it reloads, so that a refused sign-in keeps what was typed.
  const [shown, setShown] = useState<SyncStatus | null>(null);
  useEffect(() => {
    if (loaded.status === 'ready') setShown(loaded.value);
  }, [loaded]);
  const status = loaded.status === 'ready' ? loaded : shown ? ({ status: 'ready', value: shown } as const) : loaded;
  const [progress, setProgress] = useState<Progress>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (typeof window.api?.on !== 'function') return;
    // Events travel separately from the call's answer and can arrive after it; ignore those.
    return window.api.on('sync.progress', (p) => {
      if (running.current) setProgress(p);
    });
  }, []);

  async function run(action: () => Promise<string>) {
    running.current = true;
    setBusy(true);
    setMessage(null);
    setProgress(null);
    try {
      setMessage({ kind: 'ok', text: await action() });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      running.current = false;
      setBusy(false);
      setProgress(null);
      reload();
    }
  }

  const syncNow = () =>
    run(async () => {
      const r = await call('sync.now', {});
      return `同步完成：上传 ${r.pushed} 项修改${r.rejected ? `（其中 ${r.rejected} 项被中心拒绝）` : ''}，收到 ${r.pulledChanges} 条更新${r.fullPull ? '（完整同步）' : ''}。`;
    });

  return (
    <section className="screen" data-testid="sync-screen">
      <div className="screen-head">
        <h1 className="screen-title">同步</h1>
        <p className="screen-sub">本机离线工作，联网时与中心数据库交换修改：先上传本机的修改，再接收辖区内的更新。</p>
      </div>
      {message && (
        <div className={`notice ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={message.kind === 'error' ? 'sync-error' : 'sync-done'}>
          {message.text}
        </div>
      )}
      {progress && <SyncProgress progress={progress} />}
      {status.status === 'loading' && <div className="loading">正在载入同步状态…</div>}
      {status.status === 'error' && <LoadError what="同步状态" message={status.message} onRetry={reload} />}
      {status.status === 'ready' &&
        (status.value.signedIn ? (
          <SignedIn status={status.value} busy={busy} onSync={() => void syncNow()} onChanged={reload} run={run} />
        ) : (
          <SignInForm
            status={status.value}
            busy={busy}
            onSignIn={(serverUrl, username, password) =>
              void run(async () => {
                await call('sync.signIn', { serverUrl, username, password });
                const r = await call('sync.now', {});
                onSignedIn();
                return `已登录并完成同步，收到 ${r.pulledChanges} 条数据。`;
              })
            }
          />
        ))}
    </section>
  );
}

function SyncProgress({ progress }: { progress: NonNullable<Progress> }) {
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const what = progress.phase === 'push' ? `正在上传本机修改 ${progress.done}/${progress.total}` : `正在接收更新 ${progress.done.toLocaleString('zh-CN')}${progress.total ? ` / 约 ${progress.total.toLocaleString('zh-CN')}` : ''} 条`;
  return (
    <div className="pdf-progress" data-testid="sync-progress">
      <div className={percent === null ? 'pdf-bar waiting' : 'pdf-bar'} role="progressbar" aria-label="同步进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined}>
        <div className="pdf-bar-fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <span className="pdf-progress-text">{what}</span>
    </div>
  );
}

/**
 * Before sign-in: what syncing is, what the centre is and which account to use, then either the form or,
 * for a copy holding data that did not come from a centre (the demo), why it cannot sign in and the way
 * on: a new data file. The refusal is known from the status, before anyone types a password.
 */
function SignInForm({ status, busy, onSignIn }: { status: SyncStatus; busy: boolean; onSignIn: (serverUrl: string, username: string, password: string) => void }) {
  const [serverUrl, setServerUrl] = useState(status.serverUrl ?? '');
  const [username, setUsername] = useState(status.account?.username ?? '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const missingRef = useScrolledIntoView<HTMLParagraphElement>(missing);
  return (
    <>
      <div className="panel sync-explain" data-testid="sync-explain">
        <h2 className="panel-head">同步是什么</h2>
        <ul className="sync-explain-list">
          <li>本机的数据保存在这台电脑上，断网也能照常开会、公示和抽查。</li>
          <li>
            <strong>中心</strong>是区民政局运行的中心数据库服务器，保存全区的数据和各项设置。同步时，先把本机的修改上传到中心，由中心按您账号的权限再核对一遍，然后接收您辖区内的最新数据。
          </li>
          <li>请使用区民政局为您开设的账号登录，服务器地址也由区民政局提供。街道的账号只同步本街道的数据，区民政局的账号同步全区的数据。</li>
          <li>第一次登录后会下载辖区内的全部数据，可能需要几分钟。</li>
        </ul>
      </div>
      {status.localData ? (
        <LocalDataNotice status={status} />
      ) : (
        <form
          noValidate
          className="panel sync-signin"
          onSubmit={(e) => {
            e.preventDefault();
            const empty = [!serverUrl.trim() && '服务器地址', !username.trim() && '用户名', !password && '密码'].filter(Boolean);
            if (empty.length > 0) return setMissing(`请填写${empty.join('、')}`);
            setMissing(null);
            onSignIn(serverUrl, username, password);
          }}
          data-testid="sync-signin"
        >
          <h2 className="panel-head">登录中心服务器</h2>
          {status.account && <p className="muted">登录已失效，请重新登录。本机未上传的 {status.pending} 项修改都还保留着，登录后会继续上传。</p>}
          <label className="field">
            <span>服务器地址</span>
            <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://…" autoComplete="url" disabled={Boolean(status.serverUrl)} data-testid="sync-server" />
          </label>
          <label className="field">
            <span>用户名</span>
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" data-testid="sync-username" />
          </label>
          <label className="field">
            <span>密码</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="sync-password" />
          </label>
          {missing && (
            <p ref={missingRef} className="warn-text" role="alert" data-testid="sync-signin-missing">
              {missing}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy} data-testid="sync-signin-submit">
            登录并同步
          </button>
        </form>
      )}
    </>
  );
}

function LocalDataNotice({ status }: { status: SyncStatus }) {
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'switching'; file: string } | { status: 'error'; message: string }>({ status: 'idle' });
  const cancel = useRef<HTMLButtonElement>(null);

  async function makeNew() {
    setState({ status: 'running' });
    try {
      const made = await call('app.newDataFile', {});
      setState({ status: 'switching', file: made.databaseFile });
      // Electron restarts on the new file by itself; the browser harness reopens it, and the page
      // starts again once the backend answers from the new file.
      for (let i = 0; i < 100; i += 1) {
        await new Promise((r) => setTimeout(r, 200));
        const info = await call('app.info', {}).catch(() => null);
        if (info?.databaseFile === made.databaseFile) return window.location.reload();
      }
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <div className="panel sync-local" data-testid="sync-local-data">
      <h2 className="panel-head warn-text">这份数据不能与中心同步</h2>
      <p>本机打开的数据文件里已有不是从中心同步来的数据（例如演示数据），不能登录中心，以免把两份数据混在一起。</p>
      <p>
        要与中心同步，请使用新的数据文件：程序在数据文件夹中新建一个空的数据文件并改用它，然后在这里登录。现在的数据文件保留不动：
        <span className="path" data-testid="sync-database-file">
          {status.databaseFile}
        </span>
      </p>
      <button type="button" className="button primary" onClick={() => setConfirming(true)} data-testid="sync-new-file">
        使用新的数据文件…
      </button>
      {confirming && (
        <Dialog
          title="使用新的数据文件"
          onClose={() => setConfirming(false)}
          onSubmit={() => void makeNew()}
          initialFocus={cancel}
          testId="new-file-dialog"
          actions={
            <>
              <button ref={cancel} type="button" className="button" onClick={() => setConfirming(false)} disabled={state.status === 'running' || state.status === 'switching'}>
                取消
              </button>
              <button type="submit" className="button primary" disabled={state.status === 'running' || state.status === 'switching'} data-testid="new-file-confirm">
                {state.status === 'switching' ? '正在打开新的数据文件…' : '新建并改用'}
              </button>
            </>
          }
        >
          <p>程序将新建一个空的数据文件并改用它（桌面版会自动重新启动）。之后登录中心，下载您辖区的数据。</p>
          <p>现在的数据文件不会被删除或修改，仍在 {status.databaseFile}。</p>
          <DialogError message={state.status === 'error' ? state.message : null} testId="new-file-error" />
        </Dialog>
      )}
    </div>
  );
}

function SignedIn({ status, busy, onSync, onChanged, run }: { status: SyncStatus; busy: boolean; onSync: () => void; onChanged: () => void; run: (a: () => Promise<string>) => Promise<void> }) {
  const [confirmReset, setConfirmReset] = useState(false);
  const account = status.account!;
  return (
    <>
      <dl className="kv panel" data-testid="sync-status">
        <div className="kv-row">
          <dt>登录账号</dt>
          <dd data-testid="sync-account">
            {account.name}（{account.username}，{userRoleLabels[account.role]}，辖区 {account.regionCode}）
          </dd>
        </div>
        <div className="kv-row">
          <dt>中心服务器</dt>
          <dd className="path">{status.serverUrl}</dd>
        </div>
        <div className="kv-row">
          <dt>上次上传 / 接收</dt>
          <dd data-testid="sync-last">
            {formatDateTime(status.lastPushAt)} / {formatDateTime(status.lastPullAt)}
            {!status.fullPullDone && <span className="warn-text">（完整同步尚未完成）</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>待上传的修改</dt>
          <dd data-testid="sync-pending">{status.pending} 项</dd>
        </div>
        {status.lastError && (
          <div className="kv-row">
            <dt>上次出错</dt>
            <dd className="warn-text" data-testid="sync-last-error">
              {status.lastError}
            </dd>
          </div>
        )}
      </dl>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={onSync} disabled={busy} data-testid="sync-now">
          {busy ? '正在同步…' : '立即同步'}
        </button>
        <button type="button" className="button" onClick={() => setConfirmReset(true)} disabled={busy} data-testid="sync-reset">
          重置同步…
        </button>
        <button type="button" className="button" onClick={() => void run(async () => (await call('sync.signOut', {}), '已退出登录。本机数据和未上传的修改都保留着。'))} disabled={busy} data-testid="sync-signout">
          退出登录
        </button>
      </div>
      {status.rejections > 0 && <Rejections onChanged={onChanged} />}
      {confirmReset && (
        <Dialog
          title="重置同步"
          onClose={() => setConfirmReset(false)}
          onSubmit={() => {
            setConfirmReset(false);
            void run(async () => {
              await call('sync.reset', {});
              const r = await call('sync.now', {});
              return `已重新完整同步，收到 ${r.pulledChanges} 条数据。`;
            });
          }}
          testId="sync-reset-dialog"
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirmReset(false)}>
                取消
              </button>
              <button type="submit" className="button primary" data-testid="sync-reset-confirm">
                重新完整同步
              </button>
            </>
          }
        >
          <p>从头接收辖区内的全部数据，用于本机数据与中心不一致时。本机未上传的 {status.pending} 项修改会先上传，不会丢失。</p>
        </Dialog>
      )}
    </>
  );
}

function Rejections({ onChanged }: { onChanged: () => void }) {
  const [list, reload] = useApi('sync.rejections', {});
  const [error, setError] = useState<string | null>(null);
  async function resolve(r: SyncRejectionView) {
    try {
      await call('sync.resolveRejection', { id: r.id });
      reload();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <div className="panel" data-testid="sync-rejections">
      <h2 className="panel-head warn-text">中心拒绝的修改（需要人工处理）</h2>
      <p className="muted">这些修改没有进入中心数据库，本机已按中心的数据恢复。请核对后重新操作，再标记为已处理。</p>
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
      {list.status === 'ready' && (
        <table className="table">
          <thead>
            <tr>
              <th>操作</th>
              <th>涉及</th>
              <th>原因</th>
              <th>时间</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.value.map((r) => (
              <tr key={r.id} data-testid="sync-rejection">
                <td>{r.label}</td>
                <td data-testid="sync-rejection-subject">{r.subject || '—'}</td>
                <td className="warn-text">{r.message}</td>
                <td>{formatDateTime(r.rejectedAt)}</td>
                <td>
                  <button type="button" className="button small" onClick={() => void resolve(r)} data-testid="sync-rejection-resolve">
                    已处理
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
