// The frame's strata: for each street, how many cases were approved and rejected in the period, how
// many of them must be checked (近亲属备案, complaints, objections), and how many the rate draws.
import type { FrameStratum } from '../../../shared/spotcheck';

export function FrameTable({ strata }: { strata: FrameStratum[] }) {
  const streets = [...new Map(strata.map((s) => [s.streetCode, s.streetName]))];
  const of = (code: string, outcome: 'approved' | 'rejected') => strata.find((s) => s.streetCode === code && s.outcome === outcome);
  const total = (pick: (s: FrameStratum) => number) => strata.reduce((n, s) => n + pick(s), 0);
  return (
    <div className="table-wrap">
      <table className="table sc-frame" data-testid="frame-table">
        <thead>
          <tr>
            <th rowSpan={2}>街道</th>
            <th colSpan={3}>已批准</th>
            <th colSpan={3}>未批准</th>
          </tr>
          <tr>
            <th className="num">总数</th>
            <th className="num">必查</th>
            <th className="num">随机抽取</th>
            <th className="num">总数</th>
            <th className="num">必查</th>
            <th className="num">随机抽取</th>
          </tr>
        </thead>
        <tbody>
          {streets.map(([code, name]) => (
            <tr key={code} data-testid="frame-row" data-street={code}>
              <td>{name}</td>
              {(['approved', 'rejected'] as const).flatMap((o) => {
                const s = of(code, o);
                return [
                  <td key={`${o}-p`} className="num" data-testid={`frame-${o}-population`}>
                    {s?.population ?? 0}
                  </td>,
                  <td key={`${o}-m`} className="num">
                    {s?.mandatory ?? 0}
                  </td>,
                  <td key={`${o}-s`} className="num" data-testid={`frame-${o}-size`}>
                    {s?.size ?? 0}
                  </td>,
                ];
              })}
            </tr>
          ))}
          <tr className="sc-total">
            <td>合计</td>
            <td className="num">{total((s) => (s.outcome === 'approved' ? s.population : 0))}</td>
            <td className="num">{total((s) => (s.outcome === 'approved' ? s.mandatory : 0))}</td>
            <td className="num">{total((s) => (s.outcome === 'approved' ? s.size : 0))}</td>
            <td className="num">{total((s) => (s.outcome === 'rejected' ? s.population : 0))}</td>
            <td className="num">{total((s) => (s.outcome === 'rejected' ? s.mandatory : 0))}</td>
            <td className="num">{total((s) => (s.outcome === 'rejected' ? s.size : 0))}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
