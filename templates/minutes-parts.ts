// Building blocks of the minutes (纪要): how times, findings and decisions are phrased, the attendance
// lines and the summary table. minutes.ts puts them in order. Everything printed here comes from the
// closed meeting's frozen record, so re-rendering the same record gives the same bytes.
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces';
import type { AgendaCase, AgendaItemView, DecisionView, RosterEntry } from '../shared/meeting';
import { caseCategoryLabels, caseKindLabels, outcomeLabels } from '../shared/glossary';
import { chineseNumber, chinaTimeOf, formatChineseDate } from '../shared/dates';
import { formatYuan } from '../shared/money';
import { fontFamilies } from './fonts';
import { pt, zihao } from './page';

/** The red of the mark and the separator line (GB/T 9704 asks for red without fixing a shade). */
export const RED = '#d40000';
/** Width of the type area (版心). */
export const TYPE_AREA = pt(156);
/** Two characters of 3号: the first-line indent of body paragraphs and of the attendance block. */
export const INDENT = zihao.三号 * 2;
/**
 * Line pitch of 3号 text. With the bundled fonts (line box 1.437 em) this is about 30 pt, the GB/T 9704
 * grid's "character height plus 7/8"; official fonts with a 1 em line box come out tighter but legible.
 */
export const BODY_LINE_HEIGHT = 1.3;

/** A decided item: the minutes are only made once every item still on the agenda has its decision. */
export type DecidedItem = AgendaItemView & { decision: DecisionView };

/** 1..99 in Chinese numerals as headings are numbered (一、二、…), Arabic beyond. */
export function ordinal(n: number): string {
  return n >= 1 && n <= 99 ? chineseNumber(n) : String(n);
}

/** Typed text without the end punctuation, so the sentence built around it ends exactly once. */
export function clause(text: string): string {
  return text.trim().replace(/[。；;，,.、\s]+$/u, '');
}

/** "上午9时05分" in China time: how a 纪要 states when a meeting was held. */
export function chinaClock(instant: string): string {
  const [h = 0, m = 0] = chinaTimeOf(instant).split(':').map(Number);
  const period = h < 12 ? '上午' : h === 12 ? '中午' : h < 18 ? '下午' : '晚上';
  const hour = h > 12 ? h - 12 : h;
  return `${period}${hour}时${m === 0 ? '' : `${String(m).padStart(2, '0')}分`}`;
}

/** 低保对象新申请; a temporary-assistance case reads 临时救助 once, not twice. */
export function matterLabel(c: Pick<AgendaCase, 'kind' | 'category'>): string {
  const kind = caseKindLabels[c.kind];
  const category = caseCategoryLabels[c.category];
  return kind === category ? kind : `${category}${kind}`;
}

/** A body paragraph: 3号 仿宋-style with the two-character first-line indent. */
export function para(text: ContentText['text'], extra: Partial<ContentText> = {}): Content {
  return { style: 'body', lineHeight: BODY_LINE_HEIGHT, leadingIndent: INDENT, alignment: 'justify', ...extra, text };
}

/** A labelled sentence such as "入户调查：…。"; empty notes print nothing rather than an empty label. */
function labelled(label: string, note: string): string {
  const c = clause(note);
  return c === '' ? '' : `${label}：${c}。`;
}

/** What the case file says before the vote: the claim, the checks and the caseworker's proposal. */
export function findings(c: AgendaCase): string[] {
  const yuan = (fen: number) => `${formatYuan(fen)}元`;
  const temporary = c.kind === 'temporary';
  const income = c.perCapitaIncomeFen === null ? '' : `家庭月人均收入${yuan(c.perCapitaIncomeFen)}`;
  const check = [income, clause(c.incomeCheckNote)].filter((s) => s !== '').join('；');

  let proposal = '';
  if (c.proposedAmountFen !== null && temporary) proposal = `拟给予临时救助${yuan(c.proposedAmountFen)}。`;
  else if (c.proposedAmountFen !== null && c.currentAmountFen !== null && c.proposedAmountFen !== c.currentAmountFen)
    proposal = `现月保障金额${yuan(c.currentAmountFen)}，拟调整为${yuan(c.proposedAmountFen)}。`;
  else if (c.proposedAmountFen !== null) proposal = `拟月保障金额${yuan(c.proposedAmountFen)}。`;
  else if (c.currentAmountFen !== null) proposal = `现月保障金额${yuan(c.currentAmountFen)}。`;

  const facts = `${labelled(temporary ? '困难情形' : '事由', c.reason)}${labelled('信息核对', check)}${labelled('入户调查', c.homeVisitNote)}${proposal}`;
  // The flags a member must have in view before voting (DESIGN.md §2): prepaid money, a relative on
  // the filing register, a complaint. Each gets its own sentence so none hides in a long note.
  const flags: string[] = [];
  if (c.prepaidAmountFen !== null) {
    const when = c.prepaidOn === null ? '' : `于${formatChineseDate(c.prepaidOn)}`;
    flags.push(`先行救助：已${when}先行发放${yuan(c.prepaidAmountFen)}，本次会议事后补审。`);
  }
  if (c.closeRelative) flags.push(`近亲属备案：${clause(c.closeRelativeNote) || '已备案'}，依规重点审议。`);
  if (c.complaint) flags.push(`投诉举报：${clause(c.complaintNote) || '有投诉举报'}，已一并核查。`);
  return [facts, flags.join('')].filter((s) => s !== '');
}

/** 同意，月保障金额 X 元 / 不同意 + reason / 暂缓 + reason, as the decision sentence of an item. */
export function decisionText(c: Pick<AgendaCase, 'kind'>, d: Pick<DecisionView, 'outcome' | 'reason' | 'amountFen' | 'phaseOutMonths'>): string {
  const why = clause(d.reason);
  switch (d.outcome) {
    case 'approve': {
      if (c.kind === 'termination') return '同意停保。';
      // The phase-out's length is what the calendar's 渐退到期 counts from, so the record states it.
      const months = c.kind === 'phase_out' && d.phaseOutMonths ? `，渐退期${d.phaseOutMonths}个月` : '';
      if (d.amountFen === null) return `同意${months}。`;
      const amount = `${formatYuan(d.amountFen)}元`;
      if (c.kind === 'temporary') return `同意，救助金额${amount}。`;
      if (c.kind === 'phase_out') return `同意${months}，渐退期月保障金额${amount}。`;
      if (c.kind === 'increase' || c.kind === 'decrease') return `同意，调整后月保障金额${amount}。`;
      return `同意，月保障金额${amount}。`;
    }
    case 'reject':
      return why === '' ? '不同意。' : `不同意。理由：${why}。`;
    case 'defer':
      return why === '' ? '暂缓。' : `暂缓。理由：${why}，待补充核实后提交下次会议审议。`;
    default: {
      const never: never = d.outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}

/** Votes are cast on the decision as recorded (赞成 = for that decision, whichever outcome it is). */
export function votesText(d: Pick<DecisionView, 'votesFor' | 'votesAgainst' | 'votesAbstain'>): string {
  return `表决结果：赞成${d.votesFor}票，反对${d.votesAgainst}票，弃权${d.votesAbstain}票。`;
}

export function recusalText(item: AgendaItemView): string {
  return item.recusals
    .map((r) => `回避：${r.name}（${r.title}），${clause(r.reason)}，${r.leftRoom ? '已离席' : '未离席，不参加表决'}。`)
    .join('');
}

/**
 * One attendance line after GB/T 9704 10.3: indented two characters, the label in 3号 黑体 with a
 * full-width colon, the names in 3号 仿宋, and wrapped lines aligned under the first name, which is why
 * label and names are two columns rather than one paragraph.
 */
export function attendanceLine(label: string, names: string[]): Content {
  const labelText = `${label}：`;
  return {
    columns: [
      // Half a point of slack: the label is exactly its characters wide and must never wrap.
      { width: INDENT + zihao.三号 * [...labelText].length + 0.5, text: labelText, font: fontFamilies.heading, fontSize: zihao.三号, margin: [INDENT, 0, 0, 0] },
      { width: '*', text: names.join('、'), style: 'body', lineHeight: BODY_LINE_HEIGHT },
    ],
    columnGap: 0,
    margin: [0, 0, 0, 2],
  };
}

/** "姓名（职务）", or "姓名（职务，事由）" for someone on leave or absent with a reason. */
export function personWithTitle(p: Pick<RosterEntry, 'name' | 'title' | 'reason'>, withReason = false): string {
  const extra = [clause(p.title), withReason ? clause(p.reason) : ''].filter((s) => s !== '');
  return extra.length === 0 ? p.name : `${p.name}（${extra.join('，')}）`;
}

// The votes header is two lines, 表决 over the order of the counts in 小五, so that it never wraps at a
// hyphen (a reader copying the text would get the hyphen dropped) and its column stays narrow.
const tableHeaders: TableCell[] = [
  ...['序号', '社区', '户主', '人数', '事项', '决定', '金额（元）'].map((text): TableCell => ({ text, style: 'tableHeader' })),
  { text: ['表决\n', { text: '赞成-反对-弃权', fontSize: zihao.小五 }], style: 'tableHeader' },
];

/** Totals of the summary: counts per outcome, and money kept apart by whether it recurs monthly. */
export function summaryTotals(items: DecidedItem[]): string {
  const count = (o: DecisionView['outcome']) => items.filter((i) => i.decision.outcome === o).length;
  let monthly = 0;
  let temporary = 0;
  for (const { case: c, decision: d } of items) {
    if (d.outcome !== 'approve' || d.amountFen === null) continue;
    if (c.kind === 'temporary') temporary += d.amountFen;
    else monthly += d.amountFen;
  }
  const money = `同意事项月保障金额合计${formatYuan(monthly)}元${temporary > 0 ? `，临时救助金额合计${formatYuan(temporary)}元（一次性发放）` : ''}`;
  return `合计：议定事项${items.length}项，其中${outcomeLabels.approve}${count('approve')}项、${outcomeLabels.reject}${count('reject')}项、${outcomeLabels.defer}${count('defer')}项；${money}。`;
}

/** The amount column: what an approval pays, 停发 for an approved termination, a dash otherwise. */
function tableAmount(c: Pick<AgendaCase, 'kind'>, d: DecisionView): string {
  if (d.outcome !== 'approve') return '—';
  if (c.kind === 'termination') return '停发';
  return d.amountFen === null ? '—' : formatYuan(d.amountFen);
}

/** The summary table (汇总表) in 五号, fitted to the 156 mm type area, its header repeated on each page. */
export function summaryTable(items: DecidedItem[]): Content {
  const cell = (text: string, alignment: 'left' | 'center' | 'right' = 'center'): TableCell => ({ text, style: 'tableCell', alignment });
  const body: TableCell[][] = [
    tableHeaders,
    ...items.map(({ number, case: c, decision: d }, i): TableCell[] => [
      cell(String(number ?? i + 1)),
      cell(c.communityName, 'left'),
      cell(c.headName),
      cell(String(c.householdSize)),
      cell(matterLabel(c), 'left'),
      // 不同意 and 暂缓 in dark red so the exceptions stand out when the table is skimmed.
      { text: outcomeLabels[d.outcome], style: 'tableCell', alignment: 'center', ...(d.outcome === 'approve' ? {} : { color: '#8a0000' }) },
      cell(tableAmount(c, d), 'right'),
      cell(`${d.votesFor}-${d.votesAgainst}-${d.votesAbstain}`),
    ]),
  ];
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      // 442 pt of type area less 8 × 4 pt padding and the rules. The fixed columns hold their headers
      // and usual values on one line (不同意, 金额（元）, 低保对象新申请, a four-character name, 赞成-反对-弃权
      // even in the wider hyphens of 黑体); a five-character community fits, anything longer wraps.
      widths: [26, '*', 48, 26, 78, 37, 60, 68],
      body,
    },
    layout: {
      fillColor: (row: number) => (row === 0 ? '#e8e8e8' : null),
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => 2,
      paddingRight: () => 2,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
  };
}
