// What a refused command was about, in the words of the 同步 screen: the meeting, the community's notice,
// the draw, and the case numbers it touched. Read from this copy's rows the command wrote, before they
// are put back as the centre has them.
import type BetterSqlite3 from 'better-sqlite3';
import { keyOf, type RowKey } from '../../../shared/sync';

const MAX_CASES = 3;

export function rejectionSubject(sqlite: BetterSqlite3.Database, touched: readonly RowKey[]): string {
  const one = <T>(sqlText: string, ...params: unknown[]) => sqlite.prepare(sqlText).pluck().get(...params) as T | undefined;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const parts = new Set<string>();
  const cases = new Set<string>();
  for (const c of touched) {
    const d = (sqlite.prepare(`SELECT * FROM ${c.entity} WHERE ${keyOf(c.entity)} = ?`).get(c.id) as Record<string, unknown> | undefined) ?? {};
    const meetingId = c.entity === 'meetings' ? c.id : text(d.meeting_id);
    if (meetingId) {
      const m = sqlite.prepare('SELECT month, issue_no FROM meetings WHERE id = ?').get(meetingId) as { month: string; issue_no: number } | undefined;
      if (m) parts.add(`${m.month.slice(0, 4)}年${Number(m.month.slice(5, 7))}月第${m.issue_no}期会议`);
    }
    if (c.entity === 'notice_batches' && text(d.community_code)) {
      parts.add(`${one<string>('SELECT name FROM regions WHERE code = ?', d.community_code) ?? d.community_code}公示`);
    }
    if (c.entity === 'spot_check_draws' && text(d.period_start)) parts.add(`抽查（${String(d.period_start)} 至 ${String(d.period_end)}）`);
    const caseNo = c.entity === 'cases' ? text(d.case_no) : (text(d.case_no) ?? (text(d.case_id) ? one<string>('SELECT case_no FROM cases WHERE id = ?', d.case_id) : undefined));
    if (caseNo) cases.add(caseNo);
  }
  const caseNos = [...cases].sort();
  if (caseNos.length > 0) {
    parts.add(caseNos.length <= MAX_CASES ? `个案 ${caseNos.join('、')}` : `个案 ${caseNos.slice(0, MAX_CASES).join('、')} 等 ${caseNos.length} 件`);
  }
  return [...parts].join('；');
}
