// 设置 → 锁屏: how long this desk may sit untouched before it locks, and changing the signed-in user's
// PIN (the current one is asked; the backend counts wrong tries here as at the lock screen).
import { useState, type FormEvent } from 'react';
import { idleMinuteChoices, secretProblem } from '../../../shared/lock';
import { call, errorMessage } from '../../api';
import { useApi } from '../../use-api';

export function LockCard() {
  const [lock, reload] = useApi('lock.status', {});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');

  if (lock.status !== 'ready') return lock.status === 'error' ? <div className="notice error">{lock.message}</div> : null;
  const hasPin = lock.value.session?.hasPin ?? false;
  const choices: readonly number[] = idleMinuteChoices.includes(lock.value.idleMinutes as (typeof idleMinuteChoices)[number]) ? idleMinuteChoices : [...idleMinuteChoices, lock.value.idleMinutes].sort((a, b) => a - b);

  async function run(action: () => Promise<unknown>, message: string) {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(message);
      reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function changePin(e: FormEvent) {
    e.preventDefault();
    const problem = secretProblem(secret) ?? (secret !== again ? '两次输入的新 PIN 不一致' : null);
    if (problem) return setError(problem);
    void run(async () => {
      await call('lock.setPin', hasPin ? { secret, current } : { secret });
      setCurrent('');
      setSecret('');
      setAgain('');
    }, '新的 PIN 已保存。');
  }

  return (
    <div className="card" data-testid="lock-card">
      <h2>锁屏</h2>
      <dl className="kv">
        <div className="kv-row">
          <dt>
            <label htmlFor="lock-idle">无操作后锁定</label>
          </dt>
          <dd>
            <select id="lock-idle" value={lock.value.idleMinutes} onChange={(e) => void run(() => call('lock.setIdleMinutes', { minutes: Number(e.target.value) }), '已保存。')} data-testid="lock-idle">
              {choices.map((m) => (
                <option key={m} value={m}>
                  {m} 分钟
                </option>
              ))}
            </select>
            <div className="muted small">键盘和鼠标在这段时间内没有动作，工作台自动锁定，须输入 PIN 才能继续。</div>
          </dd>
        </div>
      </dl>
      <form className="lock-change" onSubmit={changePin}>
        <h3>{hasPin ? '修改锁屏 PIN' : '新的锁屏 PIN'}</h3>
        {hasPin && (
          <label className="field">
            现在的 PIN 或密码
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="lock-current" />
          </label>
        )}
        <label className="field">
          新的 PIN 或密码
          <input type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="lock-change-secret" />
        </label>
        <label className="field">
          再输入一次
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="lock-change-again" />
        </label>
        <button type="submit" className="button" data-testid="lock-change">
          保存 PIN
        </button>
      </form>
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
      {done && <div className="notice ok">{done}</div>}
      <p className="muted small setting-who">只影响本机：PIN 以 scrypt 散列保存在本机数据库，不随同步传送。每个登录本机的人各有自己的 PIN。</p>
    </div>
  );
}
