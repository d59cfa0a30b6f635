// The values of a dated standard as 设置 shows and edits them: each in Chinese with its unit (元/人·月,
// 个月, 个工作日), and the rule between two of them left to the service, which names the field it refuses.
import { formatYuan } from '../../../shared/money';
import type { StandardValues } from '../../../shared/standards';

type NumberKey = { [K in keyof StandardValues]: StandardValues[K] extends number ? K : never }[keyof StandardValues];

/** How a number is typed and read: yuan (stored in fen) or a whole count of its unit. */
export type NumberField = { key: NumberKey; label: string; kind: 'yuan' | 'count'; unit: string; what: string };

export const numberFields: readonly NumberField[] = [
  { key: 'dibaoStandardUrbanFen', label: '城市低保标准', kind: 'yuan', unit: '元/人·月', what: '核定城市低保金额和低保边缘的基准' },
  { key: 'dibaoStandardRuralFen', label: '农村低保标准', kind: 'yuan', unit: '元/人·月', what: '核定农村低保金额的基准' },
  { key: 'tekunStandardUrbanFen', label: '城市特困供养标准', kind: 'yuan', unit: '元/人·月', what: '城市特困人员基本生活标准' },
  { key: 'tekunStandardRuralFen', label: '农村特困供养标准', kind: 'yuan', unit: '元/人·月', what: '农村特困人员基本生活标准' },
  { key: 'edgeIncomePercent', label: '低保边缘', kind: 'count', unit: '%', what: '人均收入低于低保标准的这一比例，认定为低保边缘家庭' },
  { key: 'phaseOutMaxMonths', label: '渐退期', kind: 'count', unit: '个月', what: '收入超过标准后继续发放、逐步退出的最长期限' },
  { key: 'temporaryLimitMonths', label: '临时救助审批限额', kind: 'count', unit: '个月的低保标准', what: '街道可直接审批的临时救助金额上限' },
  { key: 'prepaymentLimitFen', label: '小金额先行救助', kind: 'yuan', unit: '元/次', what: '情况紧急时街道可先行发放的金额上限' },
  { key: 'approvalMinFen', label: '最低救助金额', kind: 'yuan', unit: '元/户·月', what: '会议决定可填写的最低月救助金额' },
  { key: 'approvalMaxFen', label: '最高救助金额', kind: 'yuan', unit: '元/户·月', what: '会议决定可填写的最高月救助金额' },
  { key: 'noticeDays', label: '公示期', kind: 'count', unit: '天', what: '新建公示的天数，不少于 7 天' },
  { key: 'recheckStableMonths', label: '收入稳定家庭复核周期', kind: 'count', unit: '个月', what: '低保办法第三十一条：定期复核' },
  { key: 'recheckIrregularMonths', label: '收入不稳定家庭复核周期', kind: 'count', unit: '个月', what: '收入不稳定或有劳动能力成员的家庭' },
  { key: 'deathRecheckMonths', label: '成员去世后复核期限', kind: 'count', unit: '个月', what: '家庭成员去世后在此期限内复核' },
  { key: 'temporaryFollowUpMonths', label: '临时救助回访期限', kind: 'count', unit: '个月', what: '发放临时救助后回访的期限' },
  { key: 'applicationLimitWorkingDays', label: '办理时限', kind: 'count', unit: '个工作日', what: '从受理到作出决定' },
  { key: 'extendedLimitWorkingDays', label: '延长后的办理时限', kind: 'count', unit: '个工作日', what: '特殊情况延长后的时限' },
  { key: 'dueSoonWorkingDays', label: '到期提醒提前', kind: 'count', unit: '个工作日', what: '离时限这么多工作日时列入“到期”' },
];

export function numberText(f: NumberField, v: StandardValues): string {
  const n = v[f.key];
  if (f.kind === 'yuan') return `${formatYuan(n)} ${f.unit}`;
  return f.unit === '%' ? `${n}%` : `${n} ${f.unit}`;
}

export function quorumText(v: Pick<StandardValues, 'quorum'>): string {
  return v.quorum.kind === 'more_than_half' ? '领导小组成员过半数出席' : `领导小组成员 ${v.quorum.numerator}/${v.quorum.denominator} 以上出席`;
}

export function passingText(v: Pick<StandardValues, 'passing'>): string {
  const basis = v.passing.basis === 'present_voting' ? '出席并参加表决的成员' : '全体成员';
  return `${basis}${v.passing.kind === 'more_than_half' ? '过半数' : '三分之二以上'}同意`;
}
