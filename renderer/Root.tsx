// Asks first how the app started: the normal app, or the recovery page when the database could not be
// opened. Recovery explains and points at the data and its backups; it never offers to delete anything.
import { App } from './App';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { useApi } from './use-api';

export function Root() {
  const [startup] = useApi('app.startup', {});
  if (startup.status === 'loading') return null;
  if (startup.status === 'ready' && startup.value.mode === 'recovery') return <RecoveryScreen problem={startup.value} />;
  return <App />;
}
