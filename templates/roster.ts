// 城乡低保、特困人员资金发放花名册: the monthly payment roster the bureau sends finance by the 5th (seed
// 001 十). GB/T 9704 page set-up turned landscape for the wide table; the totals by category reconciled
// against last month (上月 + 变动 = 本月), the list by category with members and the payee, and the change
// list with amounts before and after. It never prints an ID number: those go to finance in the .xlsx only.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatChineseDate, formatChineseMonth } from '../shared/dates';
import { caseCategoryLabels } from '../shared/glossary';
import { formatYuan } from '../shared/money';
import { rosterChangeKinds, rosterChangeLabels, type RosterCategoryLine, type RosterView } from '../shared/roster';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';

export type RosterDocData = { view: RosterView; officeName: string; printedOn: string };

const categoryName = (c: string) => (caseCategoryLabels as Record<string, string>)[c] ?? c;

const head = (text: string): TableCell => ({ text, style: 'tableHeader' });
const cell = (text: string, alignment: 'left' | 'center' | 'right' = 'center', extra: Partial<{ bold: boolean; font: string; fontSize: number }> = {}): TableCell => ({ text, style: 'tableCell', alignment, ...extra });
const signed = (fen: number) => (fen > 0 ? `+${formatYuan(fen)}` : fen < 0 ? formatYuan(fen) : '0.00');

const tableLayout = {
  fillColor: (row: number) => (row === 0 ? '#e8e8e8' : null),
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** The household list runs to many pages: 小五 keeps about twenty households to a page. */
const small = { fontSize: zihao.小五 };

const sectionHeading = (text: string): Content => ({ text, font: fontFamilies.heading, fontSize: zihao.四号, margin: [0, 12, 0, 6] });

/** One reconciliation line: households and amounts of last month, each kind of change, and this month. */
function totalsRow(name: string, line: Pick<RosterCategoryLine, 'previous' | 'counts' | 'deltaFen' | 'current'>, bold = false): TableCell[] {
  const f = bold ? { font: fontFamilies.heading } : {};
  const change = (k: (typeof rosterChangeKinds)[number]) => cell(line.counts[k] === 0 ? '—' : `${line.counts[k]}户\n${signed(line.deltaFen[k])}`, 'center', f);
  return [
    cell(name, 'center', f),
    cell(`${line.previous.households}`, 'right', f),
    cell(formatYuan(line.previous.totalFen), 'right', f),
    ...rosterChangeKinds.map(change),
    cell(`${line.current.households}`, 'right', f),
    cell(`${line.current.persons}`, 'right', f),
    cell(formatYuan(line.current.totalFen), 'right', f),
  ];
}

function totalsTable(view: RosterView): Content {
  const sum = (pick: (l: RosterCategoryLine) => number) => view.categories.reduce((n, l) => n + pick(l), 0);
  const zero = { added: 0, raised: 0, lowered: 0, phasingOut: 0, stopped: 0 };
  const counts = { ...zero };
  const deltaFen = { ...zero };
  for (const k of rosterChangeKinds) {
    counts[k] = sum((l) => l.counts[k]);
    deltaFen[k] = sum((l) => l.deltaFen[k]);
  }
  const all = {
    previous: { households: sum((l) => l.previous.households), totalFen: sum((l) => l.previous.totalFen) },
    counts,
    deltaFen,
    current: { households: view.summary.households, persons: view.summary.persons, totalFen: view.summary.totalFen },
  };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [84, 48, 74, '*', '*', '*', '*', '*', 48, 48, 78],
      body: [
        [head('类别'), head('上月户数'), head('上月金额（元）'), ...rosterChangeKinds.map((k) => head(rosterChangeLabels[k])), head('本月户数'), head('本月人数'), head('本月金额（元）')],
        ...view.categories.map((l) => totalsRow(categoryName(l.category), l)),
        totalsRow('合计', all, true),
      ],
    },
    layout: tableLayout,
  };
}

function categoryList(view: RosterView, category: string): Content {
  const rows = view.rows.filter((r) => r.category === category);
  const total = rows.reduce((n, r) => n + r.amountFen, 0);
  const persons = rows.reduce((n, r) => n + r.members.length, 0);
  return [
    sectionHeading(`${categoryName(category)}（${rows.length}户 ${persons}人 ${formatYuan(total)}元）`),
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [26, 66, 100, 46, 46, '*', 26, 70],
        body: [
          [head('序号'), head('社区（村）'), head('户号'), head('户主'), head('收款人'), head('家庭成员'), head('人数'), head('月发放（元）')],
          ...rows.map((r, i): TableCell[] => [
            cell(String(i + 1), 'center', small),
            cell(r.communityName, 'center', small),
            { text: r.householdNo, style: 'tableCell', alignment: 'center', noWrap: true, ...small } satisfies TableCell,
            cell(r.headName, 'center', small),
            cell(r.payeeName, 'center', small),
            cell(r.members.map((m) => `${m.name}（${m.relation}）`).join('、'), 'left', small),
            cell(String(r.members.length), 'center', small),
            cell(`${formatYuan(r.amountFen)}${r.status === 'phasing_out' ? '（渐退期）' : ''}`, 'right', small),
          ]),
        ],
      },
      layout: tableLayout,
    },
  ];
}

const changeWidths = [40, 84, 84, 110, 60, 70, 70, '*'];

function changeRow(c: RosterView['changes'][number]): TableCell[] {
  return [
    cell(rosterChangeLabels[c.kind]),
    cell(categoryName(c.category)),
    cell(c.communityName),
    { text: c.householdNo, style: 'tableCell', alignment: 'center', noWrap: true } satisfies TableCell,
    cell(c.headName),
    cell(c.beforeFen === 0 && c.kind === 'added' ? '—' : formatYuan(c.beforeFen), 'right'),
    cell(c.afterFen === 0 && c.kind === 'stopped' ? '—' : formatYuan(c.afterFen), 'right'),
    cell(signed(c.afterFen - c.beforeFen), 'right'),
  ];
}

/** Rows of the change list kept on the page of the sign-off, so that it never stands alone on the last page. */
const ROWS_WITH_SIGN_OFF = 3;

/** The change list and the sign-off: its last rows and the sign-off cannot be parted by a page break. */
function changeListAndSignOff(view: RosterView, signOff: Content): Content[] {
  if (view.changes.length === 0) return [{ stack: [{ text: '本月与上月相比无变动。', style: 'note' }, signOff], unbreakable: true }];
  const header = [head('变动'), head('类别'), head('社区（村）'), head('户号'), head('户主'), head('上月（元）'), head('本月（元）'), head('增减（元）')];
  const rows = view.changes.map(changeRow);
  const split = Math.max(0, rows.length - ROWS_WITH_SIGN_OFF);
  const table = (body: TableCell[][], headerRows: number): Content => ({
    table: { headerRows, dontBreakRows: true, widths: changeWidths, body },
    // Only a header row is shaded: the tail's first row is an ordinary one.
    layout: headerRows === 0 ? { ...tableLayout, fillColor: () => null } : tableLayout,
  });
  // The tail table continues the one above it: no header of its own, and no gap between them.
  const leading = split === 0 ? [] : [table([header, ...rows.slice(0, split)], 1)];
  const tail = split === 0 ? table([header, ...rows], 1) : table(rows.slice(split), 0);
  return [...leading, { stack: [tail, signOff], unbreakable: true }];
}

export function rosterTitle(view: RosterView): string {
  return `${view.scopeName}${formatChineseMonth(view.month)}城乡低保、特困人员资金发放花名册`;
}

export function rosterDocument(data: RosterDocData): TDocumentDefinitions {
  const { view } = data;
  const title = rosterTitle(view);
  const s = view.summary;
  const delta = s.totalFen - s.previous.totalFen;
  const content: Content = [
    { text: title, style: 'title', margin: [0, 0, 0, 6] },
    {
      text: `发放月份：${formatChineseMonth(view.month)}\u3000依据：截至${formatChineseDate(view.basisDay)}生效的审批决定\u3000区划代码：${view.scope}`,
      style: 'subtitle',
      fontSize: zihao.小四,
      margin: [0, 0, 0, 4],
    },
    { text: '内部资料，供财政部门发放资金使用，不得张贴或对外提供', font: fontFamilies.heading, fontSize: zihao.小五, color: '#b00000', alignment: 'center', margin: [0, 0, 0, 8] },
    sectionHeading('一、分类汇总及与上月核对'),
    totalsTable(view),
    {
      text: `核对：上月 ${s.previous.households} 户 ${formatYuan(s.previous.totalFen)} 元，新增 ${s.changes.added} 户、停保 ${s.changes.stopped} 户（增发 ${s.changes.raised} 户、减发 ${s.changes.lowered} 户、渐退 ${s.changes.phasingOut} 户），金额增减 ${signed(delta)} 元；本月 ${s.households} 户 ${s.persons} 人 ${formatYuan(s.totalFen)} 元。类别变更的家庭在原类别计停保、在新类别计新增。收款人为户主本人。`,
      style: 'note',
      margin: [0, 6, 0, 0],
    },
    sectionHeading('二、发放名单'),
    ...(view.rows.length === 0 ? [{ text: '本月没有发放对象。', style: 'note' } as Content] : view.categories.filter((l) => l.current.households > 0).map((l) => categoryList(view, l.category))),
    sectionHeading('三、变动名单（与上月相比）'),
    ...changeListAndSignOff(view, {
      columns: [
        { text: '制表人：', style: 'note' },
        { text: '审核人：', style: 'note' },
        { text: `${data.officeName}（盖章）\n${formatChineseDate(data.printedOn)}`, style: 'note', alignment: 'right' },
      ],
      margin: [0, 24, 0, 0],
    }),
  ];
  return gbDocument({ title, subject: `${title}（${s.households}户 ${formatYuan(s.totalFen)}元）`, content, footer: 'list', landscape: true });
}
