// The lock screen: the only thing on the page while the desk is locked. It shows who may unlock (roster
// users with a PIN on this desk) and asks for the PIN or password; the first time, it asks the signed-in
// user to choose one. The backend checks and throttles every try; the screen only says what it answered.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { userRoleLabels } from '../../shared/glossary';
import { PASSWORD_LENGTH, PIN_DIGITS, secretProblem, type LockStatus, type LockUser } from '../../shared/lock';
import { call, errorMessage } from '../api';

type Props = { lock: LockStatus; onUnlocked: (lock: LockStatus) => void };

function who(u: LockUser): string {
  return `${u.name}（${userRoleLabels[u.role]} · ${u.regionName}）`;
}

export function LockScreen({ lock, onUnlocked }: Props) {
  return (
    <main className="lock" data-testid="lock-screen">
      <div className="lock-card panel">
        <div className="lock-brand">
          <span className="brand-mark" aria-hidden="true">
            联
          </span>
          <span className="brand-name">联审联批工作台</span>
        </div>
        {lock.mustSetPin && lock.session ? <SetFirstPin user={lock.session} idleMinutes={lock.idleMinutes} onDone={onUnlocked} /> : <Unlock lock={lock} onDone={onUnlocked} />}
      </div>
    </main>
  );
}

function Unlock({ lock, onDone }: { lock: LockStatus; onDone: (lock: LockStatus) => void }) {
  const preferred = lock.users.find((u) => u.id === lock.session?.id) ?? lock.users[0];
  const [userId, setUserId] = useState(preferred?.id ?? '');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // Focused on arrival, after choosing a user, and again once a refused try has been answered.
  useEffect(() => {
    if (!busy) field.current?.focus();
  }, [busy, userId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || secret === '') return;
    setBusy(true);
    setError(null);
    try {
      onDone(await call('lock.unlock', { userId, secret }));
    } catch (err) {
      setError(errorMessage(err));
      setSecret('');
      setBusy(false);
    }
  }

  if (!preferred) {
    return (
      <>
        <h1 className="lock-title">工作台已锁定</h1>
        <p className="notice error" role="alert">
          本机没有设置了 PIN 的用户，无法解锁。请联系管理员。
        </p>
      </>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="lock-title">
      <h1 className="lock-title" id="lock-title">
        工作台已锁定
      </h1>
      <p className="lock-lead">{lock.session ? '请输入 PIN 或密码继续工作。' : '已退出登录。请选择用户并输入 PIN 或密码登录本机。'}</p>
      {lock.users.length > 1 ? (
        <label className="field lock-field">
          用户
          <select value={userId} onChange={(e) => (setUserId(e.target.value), setError(null))} data-testid="lock-user">
            {lock.users.map((u) => (
              <option key={u.id} value={u.id}>
                {who(u)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="lock-user" data-testid="lock-user-name">
          {who(preferred)}
        </p>
      )}
      <label className="field lock-field">
        PIN 或密码
        <input ref={field} type="password" autoComplete="current-password" value={secret} onChange={(e) => setSecret(e.target.value)} disabled={busy} data-testid="lock-secret" />
      </label>
      {error && (
        <p className="notice error" role="alert" data-testid="lock-error">
          {error}
        </p>
      )}
      <div className="lock-actions">
        <button type="submit" className="button primary" disabled={busy || secret === ''} data-testid="lock-submit">
          {busy ? '正在核对…' : '解锁'}
        </button>
      </div>
      <p className="muted small lock-foot">连续输错 5 次后须等待一段时间才能再试；锁定期间本机不显示任何个案信息。</p>
    </form>
  );
}

function SetFirstPin({ user, idleMinutes, onDone }: { user: LockUser; idleMinutes: number; onDone: (lock: LockStatus) => void }) {
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problem = secretProblem(secret) ?? (secret !== again ? '两次输入的不一致' : null);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      onDone(await call('lock.setPin', { secret }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="lock-title">
      <h1 className="lock-title" id="lock-title">
        设置本机 PIN
      </h1>
      <p className="lock-lead">
        {who(user)}：请为本机设置 PIN 或密码。以后每次启动程序、离开 {idleMinutes} 分钟后，都要输入它才能继续。
      </p>
      <label className="field lock-field">
        新的 PIN 或密码
        <input type="password" autoComplete="new-password" autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} disabled={busy} data-testid="lock-new-secret" />
      </label>
      <label className="field lock-field">
        再输入一次
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} disabled={busy} data-testid="lock-new-again" />
      </label>
      <p className="muted small">
        PIN 为 {PIN_DIGITS.min}–{PIN_DIGITS.max} 位数字，不能是重复或连续的数字；或使用 {PASSWORD_LENGTH.min} 个字符以上的密码。
      </p>
      {error && (
        <p className="notice error" role="alert" data-testid="lock-error">
          {error}
        </p>
      )}
      <div className="lock-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="lock-set">
          设置并进入
        </button>
      </div>
    </form>
  );
}
