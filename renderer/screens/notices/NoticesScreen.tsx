// 公示: the batches of proposed approvals (with what is still due from closed meetings) and the standing
// lists of current recipients, or one batch's page. Which batch is open lives here so that going back
// to the list reloads it with the statuses and objection counts the batch page just changed.
import { useState } from 'react';
import { BatchPage } from './BatchPage';
import { BatchList } from './BatchList';
import { StandingPanel } from './StandingPanel';

type Tab = 'batches' | 'standing';
const tabs: { id: Tab; label: string }[] = [
  { id: 'batches', label: '拟审核确认公示' },
  { id: 'standing', label: '长期公示' },
];

export function NoticesScreen() {
  const [openId, setOpenId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('batches');
  if (openId) return <BatchPage batchId={openId} onBack={() => setOpenId(null)} />;
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
