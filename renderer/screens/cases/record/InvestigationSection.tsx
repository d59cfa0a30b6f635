// 家庭经济状况调查 as recorded: the home visit, every line of income, expense and asset, the cross-department
// check, the conclusion, and the arithmetic the service derived (the same lines the agenda shows). A case
// from before the structured investigation shows its old notes instead.
import type { CaseRecordView } from '../../../../shared/case-record';
import {
  assetKindLabels,
  crossCheckLabels,
  incomeSourceLabels,
  investigationConclusionLabels,
  rigidExpenseLabels,
  singlePersonBasisLabels,
} from '../../../../shared/glossary';
import type { InvestigationView } from '../../../../shared/investigation';
import { atText, dateText, yuan } from './format';
import { Section } from './Section';

type Props = { view: CaseRecordView; onInvestigate: () => void };

export function InvestigationSection({ view, onInvestigate }: Props) {
  const inv = view.investigation;
  const canRecord = view.open && view.writable;
  return (
    <Section
      id="cr-investigation"
      title="家庭经济状况调查"
      testId="record-investigation"
      actions={
        canRecord && (
          <button type="button" className="button primary" onClick={onInvestigate} data-testid="investigate">
            {inv ? '重新调查' : '登记调查'}
          </button>
        )
      }
    >
      {inv ? <Recorded inv={inv} /> : <NotYet view={view} />}
    </Section>
  );
}

function NotYet({ view }: { view: CaseRecordView }) {
  const notes = [
    { label: '信息核对', text: view.incomeCheckNote },
    { label: '入户调查', text: view.homeVisitNote },
  ].filter((n) => n.text.trim() !== '');
  return (
    <div data-testid="investigation-none">
      <p className="muted">尚未调查{notes.length > 0 ? '（以下为登记调查表之前的记录）' : '。'}</p>
      {notes.length > 0 && (
        <dl className="kv">
          {notes.map((n) => (
            <div className="kv-row" key={n.label}>
              <dt>{n.label}</dt>
              <dd className="cr-prewrap">{n.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Recorded({ inv }: { inv: InvestigationView }) {
  return (
    <div data-testid="investigation-recorded">
      <dl className="cr-facts-grid">
        <div className="cr-fact">
          <dt>入户调查日期</dt>
          <dd>{dateText(inv.visitedOn)}</dd>
        </div>
        <div className="cr-fact">
          <dt>调查人</dt>
          <dd>{inv.investigators.map((i) => i.name).join('、')}</dd>
        </div>
        <div className="cr-fact">
          <dt>家庭人口 / 计算人数</dt>
          <dd>
            {inv.householdSize} 人 / {inv.countedSize} 人
          </dd>
        </div>
        <div className="cr-fact">
          <dt>低保标准</dt>
          <dd>{yuan(inv.standardFen)}/人·月</dd>
        </div>
        <div className="cr-fact">
          <dt>月可支配收入</dt>
          <dd>{yuan(inv.netFen)}</dd>
        </div>
        <div className="cr-fact">
          <dt>人均月收入</dt>
          <dd className="strong">{yuan(inv.perCapitaFen)}</dd>
        </div>
        <div className="cr-fact">
          <dt>家庭财产合计</dt>
          <dd>{yuan(inv.assetFen)}</dd>
        </div>
        <div className="cr-fact">
          <dt>拟救助金额</dt>
          <dd className="strong">{inv.proposedFen === null ? '不按月发放' : yuan(inv.proposedFen)}</dd>
        </div>
        <div className="cr-fact cr-fact-wide">
          <dt>入户调查情况</dt>
          <dd className="cr-prewrap">{inv.visitNote}</dd>
        </div>
        {inv.singlePerson && (
          <div className="cr-fact cr-fact-wide">
            <dt>单人户</dt>
            <dd>
              {inv.singlePerson.memberName}（{singlePersonBasisLabels[inv.singlePerson.basis]}）按单人户纳入
            </dd>
          </div>
        )}
      </dl>

      <h3 className="sub-head">计算过程</h3>
      <ol className="cr-arithmetic" data-testid="investigation-arithmetic">
        {inv.arithmetic.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>

      <div className="cr-lines">
        <LineTable
          caption="收入（月）"
          head={['成员', '来源', '收入', '豁免', '就业成本扣减', '说明']}
          rows={inv.incomes.map((l) => [l.memberName ?? '全家', incomeSourceLabels[l.source], yuan(l.grossFen), yuan(l.exemptFen), yuan(l.workCostFen), l.note])}
          numeric={[2, 3, 4]}
          total={`合计 ${yuan(inv.grossFen)}，豁免 ${yuan(inv.exemptFen)}，扣减 ${yuan(inv.workCostFen)}`}
          testId="investigation-incomes"
        />
        <LineTable
          caption="刚性支出（月）"
          head={['类别', '金额', '说明']}
          rows={inv.expenses.map((e) => [rigidExpenseLabels[e.kind], yuan(e.monthlyFen), e.note])}
          numeric={[1]}
          total={`合计 ${yuan(inv.expenseFen)}`}
          testId="investigation-expenses"
        />
        <LineTable
          caption="家庭财产"
          head={['类别', '说明', '价值']}
          rows={inv.assets.map((a) => [assetKindLabels[a.kind], a.description, yuan(a.valueFen)])}
          numeric={[2]}
          total={`合计 ${yuan(inv.assetFen)}`}
          testId="investigation-assets"
        />
      </div>

      <dl className="kv cr-verdict">
        <div className="kv-row">
          <dt>信息核对</dt>
          <dd>
            <span className={inv.crossCheck === 'discrepancy' ? 'warn-text strong' : ''}>{crossCheckLabels[inv.crossCheck]}</span>
            {inv.crossCheckNote && <span className="cr-prewrap">：{inv.crossCheckNote}</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>调查结论</dt>
          <dd data-testid="investigation-conclusion">
            <span className="strong">{investigationConclusionLabels[inv.conclusion]}</span>
            {inv.conclusionNote && <span className="cr-prewrap">：{inv.conclusionNote}</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>登记</dt>
          <dd className="muted">
            {inv.recordedBy}，{atText(inv.recordedAt)}
          </dd>
        </div>
      </dl>
    </div>
  );
}

type LineProps = { caption: string; head: string[]; rows: string[][]; numeric: number[]; total: string; testId: string };

function LineTable({ caption, head, rows, numeric, total, testId }: LineProps) {
  return (
    <div className="cr-line-table" data-testid={testId}>
      <h3 className="sub-head">{caption}</h3>
      {rows.length === 0 ? (
        <p className="muted small">无</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={numeric.includes(i) ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={numeric.includes(j) ? 'num nowrap' : undefined}>
                    {c || <span className="muted">—</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{total}</p>
    </div>
  );
}
