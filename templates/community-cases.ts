// 社区社会救助个案清单: an internal working list of one community's cases (not a public notice, so it
// shows full names; it carries no ID numbers, phones or addresses all the same).
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../shared/glossary';
import type { CaseCategory, CaseKind, CaseStatus } from '../shared/domain';
import { formatChineseDate } from '../shared/dates';
import { formatYuan } from '../shared/money';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';

export type CommunityCaseListData = {
  officeName: string;
  streetName: string;
  communityName: string;
  communityCode: string;
  printedOn: string;
  rows: {
    caseNo: string;
    headName: string;
    householdSize: number;
    category: CaseCategory;
    kind: CaseKind;
    status: CaseStatus;
    appliedOn: string;
    /** What the amount column shows: the approved amount, or a proposal still to be decided. */
    amount: { kind: 'approved' | 'proposed'; fen: number } | null;
    flags: string;
  }[];
};

const headers = ['序号', '案件编号', '户主', '人数', '救助类别', '事项', '状态', '金额（元）', '申请日期', '标记'];

export function communityCaseListDocument(data: CommunityCaseListData): TDocumentDefinitions {
  const title = `${data.communityName}社会救助个案清单`;
  const cell = (text: string, alignment: 'left' | 'center' | 'right' = 'center'): TableCell => ({ text, style: 'tableCell', alignment });
  const body: TableCell[][] = [
    headers.map((h) => ({ text: h, style: 'tableHeader' })),
    ...data.rows.map((r, i): TableCell[] => [
      cell(String(i + 1)),
      { text: r.caseNo, style: 'tableCell', alignment: 'center', noWrap: true } satisfies TableCell,
      cell(r.headName),
      cell(String(r.householdSize)),
      cell(caseCategoryLabels[r.category]),
      cell(caseKindLabels[r.kind]),
      cell(caseStatusLabels[r.status]),
      cell(r.amount === null ? '—' : `${r.amount.kind === 'proposed' ? '拟 ' : ''}${formatYuan(r.amount.fen)}`, 'right'),
      cell(formatChineseDate(r.appliedOn)),
      { text: r.flags, style: 'tableCell', alignment: 'center', color: '#b00000' } satisfies TableCell,
    ]),
  ];
  const counts = new Map<CaseStatus, number>();
  for (const r of data.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const summary = [...counts.entries()].map(([s, n]) => `${caseStatusLabels[s]} ${n} 件`).join('，');

  const content: Content = [
    { text: title, style: 'title', margin: [0, 0, 0, 6] },
    {
      text: `${data.streetName} · 区划代码 ${data.communityCode} · 截至${formatChineseDate(data.printedOn)}`,
      style: 'subtitle',
      fontSize: zihao.小四,
      margin: [0, 0, 0, 4],
    },
    {
      text: '内部工作资料，含个人信息，不得张贴或对外提供',
      font: fontFamilies.heading,
      fontSize: zihao.小五,
      color: '#b00000',
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        // Fixed widths that fit the landscape type area (225 mm) so short fields never wrap mid-word.
        widths: [22, 106, 50, 22, 70, 70, 36, 62, 84, '*'],
        body,
      },
      layout: {
        fillColor: (row: number) => (row === 0 ? '#e8e8e8' : null),
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        paddingLeft: () => 3,
        paddingRight: () => 3,
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
    },
    { text: `共 ${data.rows.length} 件${summary ? `：${summary}` : ''}。金额为月保障金额，临时救助为一次性金额；“拟”为尚待审议的拟定金额。`, style: 'note', margin: [0, 10, 0, 0] },
    { text: `${data.officeName}\u3000${formatChineseDate(data.printedOn)}`, style: 'note', alignment: 'right', margin: [0, 16, 0, 0] },
  ];
  return gbDocument({ title, content, footer: 'list', landscape: true });
}
