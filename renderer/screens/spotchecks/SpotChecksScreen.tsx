// 抽查: the district bureau's draws (newest first), the draw ceremony, or one draw's page. Which of them
// is open lives here, so that going back to the list reloads it with what the page just changed.
import { useState } from 'react';
import { allowed, canInspect, canOrganiseSpotCheck } from '../../../shared/access';
import type { DrawDetail } from '../../../shared/spotcheck';
import { useApi } from '../../use-api';
import { DrawList } from './DrawList';
import { DrawPage } from './DrawPage';
import { DrawWizard, type WizardStart } from './DrawWizard';

type View = { kind: 'list' } | { kind: 'wizard'; start: WizardStart } | { kind: 'draw'; drawId: string };

export function SpotChecksScreen() {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [session] = useApi('session.current', {});
  const bureau = session.status === 'ready' && allowed(canInspect(session.value, ''));
  const chief = session.status === 'ready' && allowed(canOrganiseSpotCheck(session.value, ''));

  if (session.status === 'ready' && !bureau) {
    return (
      <section className="screen" data-testid="spotchecks-screen">
        <div className="screen-head">
          <h1 className="screen-title">抽查</h1>
        </div>
        <div className="planned">抽查由区民政局组织。街道和社区的工作人员在这里看不到样本，整改要求由区民政局另行下达。</div>
      </section>
    );
  }
  switch (view.kind) {
    case 'wizard':
      return <DrawWizard start={view.start} onCancel={() => setView({ kind: 'list' })} onDrawn={(d: DrawDetail) => setView({ kind: 'draw', drawId: d.id })} />;
    case 'draw':
      return (
        <DrawPage
          drawId={view.drawId}
          canDraw={chief}
          onBack={() => setView({ kind: 'list' })}
          onRedraw={(start) => setView({ kind: 'wizard', start })}
        />
      );
    case 'list':
      return <DrawList canDraw={chief} onOpen={(drawId) => setView({ kind: 'draw', drawId })} onNew={() => setView({ kind: 'wizard', start: { kind: 'new' } })} />;
    default: {
      const never: never = view;
      throw new Error(`unknown view ${String(never)}`);
    }
  }
}
