// 公示: the batches of proposed approvals (with what is still due from closed meetings) and the standing
// lists of current recipients, or one batch's page, as the route says. Going back to the list mounts it
// again, so it reloads with the statuses and objection counts the batch page just changed.
import type { NoticesTab, Route } from '../../route';
import type { Go } from '../../use-route';
import { BatchPage } from './BatchPage';
import { BatchList } from './BatchList';
import { StandingPanel } from './StandingPanel';

type Tab = NoticesTab;
const tabs: { id: Tab; label: string }[] = [
  { id: 'batches', label: '拟审核确认公示' },
  { id: 'standing', label: '长期公示' },
];

export function NoticesScreen({ route, go }: { route: Extract<Route, { screen: 'notices' }>; go: Go }) {
  const tab = route.tab;
  const setTab = (t: Tab) => go({ screen: 'notices', tab: t, batchId: null }, { replace: true });
  const setOpenId = (batchId: string) => go({ screen: 'notices', tab: 'batches', batchId });
  if (route.batchId) return <BatchPage key={route.batchId} batchId={route.batchId} onBack={() => go({ screen: 'notices', tab: 'batches', batchId: null })} />;
  return (
    <section className="screen" data-testid="notices-screen">
      <div className="screen-head">
        <h1 className="screen-title">公示</h1>
        <p className="screen-sub">公示只显示户主姓名（按设置遮蔽）、人数、金额、类别和变动类型，不含身份证号、电话、住址和收入。</p>
      </div>
      <div className="tabs" role="tablist" aria-label="公示类别">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} className={t.id === tab ? 'tab active' : 'tab'} onClick={() => setTab(t.id)} data-testid={`notices-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {renderTab(tab, setOpenId)}
      </div>
    </section>
  );
}

function renderTab(tab: Tab, onOpen: (batchId: string) => void) {
  switch (tab) {
    case 'batches':
      return <BatchList onOpen={onOpen} />;
    case 'standing':
      return <StandingPanel />;
    default: {
      const never: never = tab;
      throw new Error(`unknown tab ${String(never)}`);
    }
  }
}
