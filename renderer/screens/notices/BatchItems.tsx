// The households on a batch as staff see them: full names (the printed notice masks them), the amount
// decided, and where each case stands now, so a case sent back by an objection shows as 重新调查.
import { caseCategoryLabels, caseKindLabels } from '../../../shared/glossary';
import { formatYuan } from '../../../shared/money';
import type { NoticeBatchDetail } from '../../../shared/notice';
import { caseStatusLabel } from './format';

export function BatchItems({ detail }: { detail: NoticeBatchDetail }) {
  const objected = new Set(detail.objections.filter((o) => o.status === 'open').map((o) => o.caseId));
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>
          公示对象 <span className="count">{detail.items.length}</span> 户
        </h2>
        <span className="muted small">此处显示完整姓名，仅供经办人核对；张贴的公示按设置遮蔽姓名。</span>
      </div>
      <div className="table-wrap">
        <table className="table nb-items" data-testid="batch-items">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th>户主</th>
              <th className="num">人数</th>
              <th className="num">
                月保障金额
                <br />
                （元）
              </th>
              <th>类别</th>
              <th>变动类型</th>
              <th>个案状态</th>
            </tr>
          </thead>
          <tbody>
            {detail.items.map((item) => (
              <tr key={item.id} data-testid="batch-item" data-case-id={item.caseId} data-status={item.caseStatus}>
                <td className="num">{item.seq}</td>
                <td>
                  <span className="strong">{item.headName}</span>
                  {objected.has(item.caseId) && <span className="flag nb-flag">有异议</span>}
                  <div className="code nb-caseno">{item.caseNo}</div>
                </td>
                <td className="num">{item.householdSize}</td>
                <td className="num">{item.kind === 'termination' ? '停发' : formatYuan(item.amountFen)}</td>
                <td>{caseCategoryLabels[item.category]}</td>
                <td>{caseKindLabels[item.kind]}</td>
                <td>
                  <span className={`status status-${item.caseStatus}`} data-testid="batch-item-status">
                    {caseStatusLabel(item.caseStatus)}
                  </span>
                </td>
              </tr>
            ))}
            {detail.items.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  这批公示没有对象。
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
