// The top of a case's page: which case (number, matter, category, status), its flags as badges, and the
// facts a reader needs before the sections: when it was applied for, by whom it is handled, the amount
// and the reason. The bar with the number and the way back stays in view while the sections scroll.
import type { CaseRecordView } from '../../../../shared/case-record';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../../../../shared/glossary';
import { dateText, yuan } from './format';

export type SectionLink = { id: string; label: string };

type BarProps = { view: CaseRecordView; sections: readonly SectionLink[]; onBack: () => void };

/** The bar that stays: back, number, status, flags, and links to the sections below. */
export function RecordBar({ view, sections, onBack }: BarProps) {
  function jump(id: string) {
    const heading = document.getElementById(`${id}-title`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }
  return (
    <div className="cr-bar">
      <div className="cr-bar-row">
        <button type="button" className="link cr-back" onClick={onBack} data-testid="record-back">
          ← 返回个案列表
        </button>
        <h1 className="screen-title cr-title" data-testid="record-title">
          个案 <span className="cr-caseno">{view.caseNo}</span>
        </h1>
        <span className={`status status-${view.status}`} data-testid="record-status">
          {caseStatusLabels[view.status]}
        </span>
        <span className="flags" data-testid="record-flags">
          {view.closeRelative && <span className="flag">近亲属备案</span>}
          {view.complaint && <span className="flag">投诉举报</span>}
          {view.prepayment !== null && <span className="flag cr-flag-info">先行救助</span>}
        </span>
      </div>
      <nav className="cr-nav" aria-label="本页各部分">
        {sections.map((s) => (
          <button key={s.id} type="button" className="cr-nav-link" onClick={() => jump(s.id)}>
            {s.label}
          </button>
        ))}
      </nav>
    </div>
  );
}

function amountText(fen: number | null, perMonth: boolean): string {
  if (fen === null) return '—';
  return perMonth ? `${yuan(fen)}/月` : yuan(fen);
}

/** The case's facts, the first thing in the scrolling part. */
export function CaseFacts({ view }: { view: CaseRecordView }) {
  // A temporary payment is paid once; every other amount is monthly.
  const monthly = view.kind !== 'temporary';
  return (
    <section className="panel cr-facts" aria-labelledby="cr-case-title" data-testid="record-facts">
      <h2 id="cr-case-title" className="cr-section-title" tabIndex={-1}>
        案件信息
      </h2>
      <dl className="cr-facts-grid">
        <Fact label="事项" value={caseKindLabels[view.kind]} testId="fact-kind" />
        <Fact label="救助类别" value={caseCategoryLabels[view.category]} testId="fact-category" />
        <Fact label="申请日期" value={dateText(view.appliedOn)} testId="fact-applied" />
        <Fact label="经办人" value={view.caseworker || '—'} testId="fact-caseworker" />
        <Fact label="拟救助金额" value={amountText(view.proposedAmountFen, monthly)} testId="fact-proposed" />
        <Fact label="现救助金额" value={amountText(view.currentAmountFen, true)} testId="fact-current" />
        <Fact label="人均月收入" value={view.perCapitaIncomeFen === null ? '—' : yuan(view.perCapitaIncomeFen)} testId="fact-per-capita" />
        <Fact label="申报家庭月收入" value={view.declaredIncomeFen === null ? '—' : yuan(view.declaredIncomeFen)} testId="fact-declared-income" />
        <Fact label="家庭人口" value={`${view.household.members.length} 人`} testId="fact-size" />
        <div className="cr-fact cr-fact-wide">
          <dt>申请事由</dt>
          <dd data-testid="fact-reason">{view.reason || '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="cr-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
