// 历史: one household, one chain (一户一条救助链). Every event of every case of the household, in time order:
// applications, investigations, agenda, decisions, notices, objections, spot checks, corrections, edits.
// Another case's number is plain text here: the entry carries no way to that case's page.
import type { CaseRecordView, HistoryEntry } from '../../../../shared/case-record';
import { atText, historyKindLabels } from './format';
import { Section } from './Section';

/** By time as text (a day sorts before that day's instants); entries of one time keep the service's order. */
export function inTimeOrder(history: readonly HistoryEntry[]): HistoryEntry[] {
  return history
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.i - b.i))
    .map((x) => x.entry);
}

export function HistorySection({ view }: { view: CaseRecordView }) {
  const entries = inTimeOrder(view.history);
  const cases = new Set(entries.map((e) => e.caseNo).filter((n): n is string => n !== null));
  return (
    <Section id="cr-history" title="历史" testId="record-history">
      <p className="muted small">
        本户的全部记录，按时间先后：共 {entries.length} 条，涉及 {cases.size} 件个案。
      </p>
      {entries.length === 0 ? (
        <p className="muted">没有记录。</p>
      ) : (
        <div className="table-wrap cr-table-wrap">
          <table className="table cr-history">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">事项</th>
                <th scope="col">案件编号</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => {
                const here = e.caseNo === view.caseNo;
                return (
                  <tr key={i} className={here ? 'cr-here' : undefined} data-testid="history-row" data-at={e.at} data-kind={e.kind} data-case-no={e.caseNo ?? ''}>
                    <td className="nowrap">{atText(e.at)}</td>
                    <td className="nowrap">{historyKindLabels[e.kind]}</td>
                    <td className="nowrap">
                      {e.caseNo === null ? (
                        <span className="muted">—</span>
                      ) : (
                        <>
                          <span className="mono">{e.caseNo}</span>
                          {here && <span className="tag">本案</span>}
                        </>
                      )}
                    </td>
                    <td>
                      <span className="strong">{e.title}</span>
                      {e.detail && <span className="cr-history-detail">{e.detail}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
