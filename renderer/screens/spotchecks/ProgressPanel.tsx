// Progress per street: the population and sample by outcome with the rates, cases assigned and
// inspected, findings by type, and corrections still open or done.
import type { Finding } from '../../../shared/domain';
import { findingLabels } from '../../../shared/glossary';
import type { DrawDetail } from '../../../shared/spotcheck';
import { percent } from './format';

const findings = Object.keys(findingLabels) as Finding[];

export function ProgressPanel({ draw }: { draw: DrawDetail }) {
  return (
    <div className="panel">
      <div className="table-wrap">
        <table className="table sc-progress" data-testid="progress-table">
          <thead>
            <tr>
              <th>街道</th>
              <th className="num">已批准</th>
              <th className="num">未批准</th>
              <th className="num">已分配</th>
              <th className="num">已核查</th>
              {findings.map((f) => (
                <th key={f} className="num">
                  {findingLabels[f]}
                </th>
              ))}
              <th className="num">整改中</th>
              <th className="num">已整改</th>
            </tr>
          </thead>
          <tbody>
            {draw.progress.map((p) => {
              const sampled = p.approved.sampled + p.rejected.sampled;
              return (
                <tr key={p.streetCode} data-testid="progress-row" data-street={p.streetCode}>
                  <td>{p.streetName}</td>
                  <td className="num" title="抽查 / 总数">
                    {p.approved.sampled}/{p.approved.population}（{percent(p.approved.sampled, p.approved.population)}）
                  </td>
                  <td className="num">
                    {p.rejected.sampled}/{p.rejected.population}（{percent(p.rejected.sampled, p.rejected.population)}）
                  </td>
                  <td className="num">
                    {p.assigned}/{sampled}
                  </td>
                  <td className="num" data-testid="progress-inspected">
                    {p.inspected}/{sampled}
                  </td>
                  {findings.map((f) => (
                    <td key={f} className={f !== 'compliant' && p.findings[f] > 0 ? 'num warn-text' : 'num'}>
                      {p.findings[f] || ''}
                    </td>
                  ))}
                  <td className="num">{p.correctionsOpen || ''}</td>
                  <td className="num">{p.correctionsDone || ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
