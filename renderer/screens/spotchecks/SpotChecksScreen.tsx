// 抽查: the district bureau's draws (newest first), the draw ceremony, or one draw's page, as the route
// says; for a street office, its 整改 list. Going back to the list mounts it again, so it reloads with what the page just changed.
import { allowed, canInspect, canOrganiseSpotCheck } from '../../../shared/access';
import type { DrawDetail } from '../../../shared/spotcheck';
import { RecordPending } from '../../components/LoadError';
import type { Route, SpotCheckView } from '../../route';
import { useApi } from '../../use-api';
import type { Go } from '../../use-route';
import { DrawList } from './DrawList';
import { DrawPage } from './DrawPage';
import { DrawWizard } from './DrawWizard';
import { StreetCorrections } from './StreetCorrections';

export function SpotChecksScreen({ route, go }: { route: Extract<Route, { screen: 'spotChecks' }>; go: Go }) {
  const view = route.view;
  const setView = (next: SpotCheckView, how?: { replace?: boolean }) => go({ screen: 'spotChecks', view: next }, how);
  const [session] = useApi('session.current', {});
  const bureau = session.status === 'ready' && allowed(canInspect(session.value, ''));
  const chief = session.status === 'ready' && allowed(canOrganiseSpotCheck(session.value, ''));

  // A street office sees no samples: its 抽查 screen is the list of corrections ordered on its cases.
  if (session.status === 'ready' && !bureau) return <StreetCorrections />;
  switch (view.kind) {
    case 'new':
      return <DrawWizard start={{ kind: 'new' }} onCancel={() => setView({ kind: 'list' })} onDrawn={(d: DrawDetail) => setView({ kind: 'draw', drawId: d.id, tab: null }, { replace: true })} />;
    case 'redraw':
      return <RedrawWizard key={view.drawId} drawId={view.drawId} onCancel={() => setView({ kind: 'draw', drawId: view.drawId, tab: null })} onDrawn={(d) => setView({ kind: 'draw', drawId: d.id, tab: null }, { replace: true })} />;
    case 'draw': {
      const drawId = view.drawId;
      return (
        <DrawPage
          key={drawId}
          drawId={drawId}
          tab={view.tab}
          onTab={(tab) => setView({ kind: 'draw', drawId, tab }, { replace: true })}
          canDraw={chief}
          onBack={() => setView({ kind: 'list' })}
          onRedraw={() => setView({ kind: 'redraw', drawId })}
        />
      );
    }
    case 'list':
      return <DrawList canDraw={chief} onOpen={(drawId) => setView({ kind: 'draw', drawId, tab: null })} onNew={() => setView({ kind: 'new' })} />;
    default: {
      const never: never = view;
      throw new Error(`unknown view ${String(never)}`);
    }
  }
}

/** A redraw starts from the locked draw's own period, streets and rate, read again after a reload. */
function RedrawWizard({ drawId, onCancel, onDrawn }: { drawId: string; onCancel: () => void; onDrawn: (d: DrawDetail) => void }) {
  const [draw, reload] = useApi('spotchecks.get', { drawId }, drawId);
  if (draw.status !== 'ready') return <RecordPending detail={draw} what="抽查" onRetry={reload} onBack={onCancel} back="返回抽查" />;
  const d = draw.value;
  return <DrawWizard start={{ kind: 'redraw', drawId: d.id, periodStart: d.periodStart, periodEnd: d.periodEnd, streetCodes: d.streetCodes, rate: d.rate }} onCancel={onCancel} onDrawn={onDrawn} />;
}
