import { lazy, Suspense } from 'react';
import { userRoleLabels } from '../shared/glossary';
import { CasesScreen } from './screens/CasesScreen';
import { MeetingsScreen } from './screens/meetings/MeetingsScreen';
import { NoticesScreen } from './screens/notices/NoticesScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SyncScreen } from './screens/SyncScreen';
import { SpotChecksScreen } from './screens/spotchecks/SpotChecksScreen';
import { DueScreen } from './screens/due/DueScreen';
import { RosterScreen } from './screens/roster/RosterScreen';
import { screenRoute, type Route, type ScreenId } from './route';
import { useApi } from './use-api';
import { useRoute, type Go } from './use-route';

// 统计 draws its charts with ECharts: loaded when the screen is first opened, in a chunk of its own, so
// the bundle every other screen loads does not carry it (tests/e2e/bundle.spec.ts).
const StatisticsScreen = lazy(() => import('./screens/statistics/StatisticsScreen'));

const screens = [
  { id: 'cases', label: '个案' },
  { id: 'meetings', label: '会议' },
  { id: 'notices', label: '公示' },
  { id: 'spotChecks', label: '抽查' },
  { id: 'due', label: '到期' },
  { id: 'roster', label: '花名册' },
  { id: 'statistics', label: '统计' },
  { id: 'sync', label: '同步' },
  { id: 'settings', label: '设置' },
] as const satisfies readonly { id: ScreenId; label: string }[];

type Props = {
  /** The backend has a lock: the top bar offers 锁定 and 退出登录. */
  lockEnabled: boolean;
  onLock: () => Promise<void>;
  onSignOut: () => Promise<void>;
};

export function App({ lockEnabled, onLock, onSignOut }: Props) {
  const [named, go] = useRoute();
  const [session, reloadSession] = useApi('session.current', {});
  // The user's own office from its region record: their street office's, or the district bureau's.
  const [offices] = useApi('regions.offices', {}, session.status === 'ready' ? session.value.id : '');
  // A new copy has nobody signed in yet: it opens on 同步, where the person signs in to the centre.
  const route: Route = named ?? screenRoute(session.status === 'error' ? 'sync' : 'cases');
  const screen = route.screen;
  // Stays on 同步 (which says what arrived); the top bar and every screen now have their user.
  const onSignedIn = () => {
    go(screenRoute('sync'));
    reloadSession();
  };

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">联</span>
          <span className="brand-name">联审联批工作台</span>
          {offices.status === 'ready' && session.status === 'ready' && (
            <span className="brand-office" data-testid="brand-office">
              {offices.value.own.office.name}
            </span>
          )}
        </div>
        <div className="session" data-testid="session">
          {session.status === 'ready' && (
            <>
              <span className="session-name">{session.value.name}</span>
              <span className="session-role">{userRoleLabels[session.value.role]}</span>
              <span className="session-region">
                {session.value.regionName}
                <span className="code">{session.value.regionCode}</span>
              </span>
            </>
          )}
          {session.status === 'error' && <span className="session-missing">{session.message}</span>}
          {lockEnabled && session.status === 'ready' && (
            <span className="session-actions">
              <button type="button" className="button" onClick={() => void onLock()} title="锁定工作台，输入 PIN 后继续" data-testid="lock-now">
                锁定
              </button>
              <button type="button" className="button" onClick={() => void onSignOut()} title="退出本机登录，同时退出中心服务器" data-testid="sign-out">
                退出登录
              </button>
            </span>
          )}
        </div>
      </header>
      <nav className="sidebar" aria-label="主导航">
        {screens.map((s) => (
          <button key={s.id} type="button" className={s.id === screen ? 'nav-item active' : 'nav-item'} aria-current={s.id === screen ? 'page' : undefined} onClick={() => go(screenRoute(s.id))}>
            {s.label}
          </button>
        ))}
      </nav>
      <main className="content">{renderScreen(route, go, onSignedIn, lockEnabled)}</main>
    </div>
  );
}

function renderScreen(route: Route, go: Go, onSignedIn: () => void, lockEnabled: boolean) {
  switch (route.screen) {
    case 'cases':
      return <CasesScreen route={route} go={go} />;
    case 'meetings':
      return <MeetingsScreen route={route} go={go} />;
    case 'notices':
      return <NoticesScreen route={route} go={go} />;
    case 'spotChecks':
      return <SpotChecksScreen route={route} go={go} />;
    case 'due':
      return <DueScreen go={go} />;
    case 'roster':
      return <RosterScreen />;
    case 'statistics':
      return (
        <Suspense fallback={<div className="loading">正在载入统计…</div>}>
          <StatisticsScreen route={route} go={go} />
        </Suspense>
      );
    case 'sync':
      return <SyncScreen onSignedIn={onSignedIn} />;
    case 'settings':
      return <SettingsScreen lockEnabled={lockEnabled} />;
    default: {
      const never: never = route;
      throw new Error(`unknown screen ${String(never)}`);
    }
  }
}
