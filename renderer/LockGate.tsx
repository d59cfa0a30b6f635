// The app behind its lock: the backend decides whether the desk is locked (electron/backend/lock), and
// while it is, this renders the lock screen and nothing else. The app is unmounted, so no screen keeps
// rows in the page behind the lock, and it starts afresh after unlocking. The gate asks the backend every
// few seconds, saying whether the person used the keyboard or mouse meanwhile: that, not the polling,
// keeps the desk from locking for idleness. A call refused as locked asks at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LockStatus } from '../shared/lock';
import { App } from './App';
import { call, errorMessage, LOCKED_EVENT } from './api';
import { LockScreen } from './screens/LockScreen';

const POLL_MS = 5_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

type Gate = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; lock: LockStatus };

export function LockGate() {
  const [gate, setGate] = useState<Gate>({ status: 'loading' });
  const active = useRef(false);

  const refresh = useCallback(async () => {
    const wasActive = active.current;
    active.current = false;
    try {
      const lock = await call('lock.status', { active: wasActive });
      setGate((g) => (g.status === 'ready' && sameState(g.lock, lock) ? g : { status: 'ready', lock }));
    } catch (e) {
      setGate({ status: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const mark = () => (active.current = true);
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, mark, { capture: true, passive: true });
    const onLocked = () => void refresh();
    window.addEventListener(LOCKED_EVENT, onLocked);
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, mark, { capture: true });
      window.removeEventListener(LOCKED_EVENT, onLocked);
      window.clearInterval(timer);
    };
  }, [refresh]);

  if (gate.status === 'loading') return null;
  if (gate.status === 'error') {
    return (
      <main className="lock">
        <p className="notice error" role="alert">
          {gate.message}
        </p>
      </main>
    );
  }
  const settle = (lock: LockStatus) => setGate({ status: 'ready', lock });
  if (gate.lock.locked) return <LockScreen lock={gate.lock} onUnlocked={settle} />;
  return (
    <App
      lockEnabled={gate.lock.enabled}
      onLock={async () => settle(await call('lock.lockNow', {}))}
      onSignOut={async () => settle(await call('lock.signOut', {}))}
    />
  );
}

/** Only what decides the screen: a poll that changes nothing must not re-render the app. */
function sameState(a: LockStatus, b: LockStatus): boolean {
  return a.locked === b.locked && a.session?.id === b.session?.id && a.mustSetPin === b.mustSetPin && a.enabled === b.enabled && a.users.length === b.users.length;
}
