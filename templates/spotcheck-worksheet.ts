// 抽查核查工作底稿: what the inspectors take on their visits, one street per section (each on new pages):
// the sampled cases with community, household head, the decision and amount, and what to check on each,
// with room to tick the method and write the finding. An internal document: full names, no ID numbers,
// phones or addresses (inspectors look those up in the case file).
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { SampleItemView } from '../shared/spotcheck';
import { caseCategoryLabels, caseKindLabels, sampleOutcomeLabels, sampleReasonLabels } from '../shared/glossary';
import { formatChineseDate } from '../shared/dates';
import { formatYuan } from '../shared/money';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';
import { caseNoText, cell, grid, periodText, type SpotCheckDocData } from './spotcheck-parts';

/** What to check on a case (DESIGN.md §6: 错保、漏保、人情保、关系保, amounts and procedure). */
export function checkPoints(i: SampleItemView): string {
  const points =
    i.outcome === 'approved'
      ? ['有无错保：人口、收入、财产是否符合条件', i.amountFen !== null && i.amountFen > 0 ? '保障金额是否准确' : '']
      : ['有无漏保：不予批准的理由是否成立'];
  if (i.closeRelative) points.push('近亲属备案：有无人情保、关系保');
  if (i.complaint) points.push('投诉举报反映的情况是否属实');
  points.push('审核确认程序是否规范');
  return points.filter(Boolean).map((p, k) => `${k + 1}. ${p}`).join('\n');
}

/** 已批准, the amount, and the day it was decided, one per line. */
function decisionText(i: SampleItemView): string {
  const money = (fen: number) => (fen === 0 ? '停发' : i.kind === 'temporary' ? `一次性${formatYuan(fen)}元` : `每月${formatYuan(fen)}元`);
  const amount = i.outcome === 'approved' && i.amountFen !== null ? `\n${money(i.amountFen)}` : '';
  const day = i.decidedOn ? `\n${formatChineseDate(i.decidedOn)}` : '';
  return `${sampleOutcomeLabels[i.outcome]}${amount}${day}`;
}

/** A case's row never splits over two sheets: inspectors tear the sheets apart. */
function unbrokenRows(table: ContentTable): ContentTable {
  return { ...table, table: { ...table.table, dontBreakRows: true } };
}

function streetSection(data: SpotCheckDocData, streetName: string, items: SampleItemView[], first: boolean): Content[] {
  const rows: TableCell[][] = items.map((i, k) => [
    cell(String(k + 1)),
    cell(caseNoText(i.caseNo)),
    cell(i.communityName),
    cell(i.headName),
    cell(caseCategoryLabels[i.category] === caseKindLabels[i.kind] ? caseKindLabels[i.kind] : `${caseCategoryLabels[i.category]}\n${caseKindLabels[i.kind]}`),
    cell(decisionText(i)),
    { text: [sampleReasonLabels[i.reason], i.closeRelative ? '\n近亲属备案' : '', i.complaint ? '\n投诉举报' : ''].join(''), alignment: 'center', color: i.reason === 'mandatory' || i.closeRelative || i.complaint ? '#b00000' : '#000000' },
    { text: checkPoints(i), alignment: 'left' },
    cell(i.inspectorA && i.inspectorB ? `${i.inspectorA.name}\n${i.inspectorB.name}` : ''),
    { text: '□入户\n□信息核对\n□电话', alignment: 'left' },
    cell(''),
  ]);
  return [
    { text: `社会救助抽查核查工作底稿（${streetName}）`, style: 'title', fontSize: zihao.三号 + 2, margin: [0, 0, 0, 4], ...(first ? {} : { pageBreak: 'before' as const }) },
    {
      text: `${data.districtName} · 抽查期间${periodText(data.draw)} · 抽查比例 ${data.draw.rate}% · 共 ${items.length} 件`,
      alignment: 'center',
      fontSize: zihao.小四,
      margin: [0, 0, 0, 2],
    },
    { text: '内部工作资料，含个人信息，不得张贴或对外提供', font: fontFamilies.heading, fontSize: zihao.小五, color: '#b00000', alignment: 'center', margin: [0, 0, 0, 8] },
    // Fixed widths that fit the landscape type area (638 pt with padding and rules); the check points take the rest.
    unbrokenRows(grid([20, 52, 44, 36, 56, 72, 48, '*', 36, 48, 62], ['序号', '案件编号', '社区', '户主', '类别/事项', '决定', '抽取', '核查要点', '抽查人员', '核查方式', '核查结论'], rows, 1, zihao.小五)),
    {
      columns: [
        { text: '抽查人员（签字）：', fontSize: zihao.小四 },
        { text: '核查日期：', fontSize: zihao.小四 },
      ],
      margin: [0, 16, 0, 0],
    },
  ];
}

export function spotCheckWorksheetDocument(data: SpotCheckDocData, streetCode?: string): TDocumentDefinitions {
  const streets = [...new Map(data.draw.items.map((i) => [i.streetCode, i.streetName]))].filter(([code]) => !streetCode || code === streetCode);
  const content = streets.flatMap(([code, name], k) =>
    streetSection(
      data,
      name,
      data.draw.items.filter((i) => i.streetCode === code),
      k === 0,
    ),
  );
  if (content.length === 0) content.push({ text: '本次抽样没有需要核查的个案。', style: 'body', alignment: 'center' });
  return gbDocument({ title: '社会救助抽查核查工作底稿', content, footer: 'list', landscape: true });
}
