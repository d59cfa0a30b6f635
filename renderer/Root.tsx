// Asks first how the app started: the normal app, or the recovery page when the database could not be
// opened. The app itself is behind its lock (LockGate). Recovery explains and points at the data and its backups; it never offers to delete anything.
import { LockGate } from './LockGate';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { useApi } from './use-api';

export function Root() {
  const [startup] = useApi('app.startup', {});
  if (startup.status === 'loading') return null;
  if (startup.status === 'ready' && startup.value.mode === 'recovery') return <RecoveryScreen problem={startup.value} />;
  return <LockGate />;
}
