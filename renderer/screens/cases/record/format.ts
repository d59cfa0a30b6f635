// How the record page writes dates, money and the kinds of history, so every section says them alike.
import type { HistoryKind } from '../../../../shared/case-record';
import { formatChineseDate, formatChineseDateTime } from '../../../../shared/dates';
import { formatYuan } from '../../../../shared/money';

export { todayInChina } from '../../meetings/format';

/** "2026-11-20" → 2026年11月20日; anything else is shown as it came rather than breaking the page. */
export function dateText(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  try {
    return formatChineseDate(iso);
  } catch {
    return iso;
  }
}

/** A history entry's time: a calendar day, or an instant in China time. */
export function atText(at: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return dateText(at);
  try {
    return formatChineseDateTime(at);
  } catch {
    return at;
  }
}

export const yuan = (fen: number) => `${formatYuan(fen)} 元`;

/** The events of a household's chain as the history column names them. */
export const historyKindLabels: Record<HistoryKind, string> = {
  application: '申请',
  investigation: '家庭经济状况调查',
  filing: '近亲属备案',
  complaint: '投诉举报',
  prepayment: '先行救助',
  agenda: '列入议程',
  decision: '审议决定',
  notice: '公示',
  objection: '异议',
  spot_check: '抽查',
  finding: '核查结论',
  correction: '整改',
  edit: '信息修改',
};

/** The labels of a glossary map as options, in the glossary's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
