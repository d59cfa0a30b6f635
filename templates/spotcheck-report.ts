// 抽查情况报告: per street, the population and sample by outcome with the rates, the findings by type
// with their rates, the corrections open and closed, the problem cases, and the facts anyone needs to
// re-verify the draw. Case numbers and communities identify cases; no names.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Finding } from '../shared/domain';
import { correctionStatusLabels, findingLabels } from '../shared/glossary';
import { chinaDateOf, formatChineseDate } from '../shared/dates';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';
import { caseNoText, cell, grid, percent, periodText, verificationBlock, type SpotCheckDocData } from './spotcheck-parts';

const findings = Object.keys(findingLabels) as Finding[];
const problems = findings.filter((f) => f !== 'compliant');

function heading(text: string): Content {
  return { text, font: fontFamilies.heading, fontSize: zihao.小四, margin: [0, 12, 0, 6] };
}

export function spotCheckReportDocument(data: SpotCheckDocData): TDocumentDefinitions {
  const { draw } = data;
  const title = `${data.districtName}社会救助审核确认抽查情况报告`;
  const inspected = draw.items.filter((i) => i.finding);
  const flagged = inspected.filter((i) => i.finding!.finding !== 'compliant');
  const population = draw.strata.reduce((n, s) => n + s.population, 0);

  const sampleRows: TableCell[][] = draw.progress.map((p) => [
    cell(p.streetName),
    cell(String(p.approved.population)),
    cell(String(p.approved.sampled)),
    cell(percent(p.approved.sampled, p.approved.population)),
    cell(String(p.rejected.population)),
    cell(String(p.rejected.sampled)),
    cell(percent(p.rejected.sampled, p.rejected.population)),
    cell(`${p.inspected}/${p.approved.sampled + p.rejected.sampled}`),
  ]);
  const findingRows: TableCell[][] = draw.progress.map((p) => [
    cell(p.streetName),
    cell(String(p.inspected)),
    ...findings.map((f) => cell(p.findings[f] ? String(p.findings[f]) : '')),
    cell(percent(problems.reduce((n, f) => n + p.findings[f], 0), p.inspected)),
    cell(`${p.correctionsOpen}/${p.correctionsDone}`),
  ]);
  const totals = findings.map((f) => draw.progress.reduce((n, p) => n + p.findings[f], 0));
  findingRows.push([
    { text: '合计', font: fontFamilies.heading },
    cell(String(inspected.length)),
    ...totals.map((n) => cell(n ? String(n) : '')),
    cell(percent(flagged.length, inspected.length)),
    cell(`${draw.progress.reduce((n, p) => n + p.correctionsOpen, 0)}/${draw.progress.reduce((n, p) => n + p.correctionsDone, 0)}`),
  ]);
  const problemRows: TableCell[][] = flagged.map((i, k) => {
    const c = i.finding!.correction;
    return [
      cell(String(k + 1)),
      cell(caseNoText(i.caseNo)),
      cell(`${i.streetName}\n${i.communityName}`),
      cell(findingLabels[i.finding!.finding]),
      { text: i.finding!.notes, alignment: 'left' },
      cell(c ? `${correctionStatusLabels[c.status]}\n${c.status === 'done' && c.closedOn ? formatChineseDate(c.closedOn) : `限${formatChineseDate(c.deadline)}`}` : '未下达'),
    ];
  });

  const summary =
    `${data.issuer}于${formatChineseDate(chinaDateOf(draw.drawnAt))}对${periodText(draw)}各街道作出审核确认决定的 ${population} 件社会救助个案进行随机抽样，` +
    `按已批准、未批准分层各抽取不少于 ${draw.rate}%，近亲属备案、投诉举报及公示有异议的个案全部纳入，共抽取 ${draw.items.length} 件。` +
    `截至${formatChineseDate(data.printedOn)}，已核查 ${inspected.length} 件，发现问题 ${flagged.length} 件（${percent(flagged.length, inspected.length)}）。`;

  const content: Content = [
    { text: title, style: 'title', margin: [0, 0, 0, 12] },
    { text: summary, style: 'body', fontSize: zihao.小四, lineHeight: 1.5, leadingIndent: zihao.小四 * 2 },
    heading('一、抽样情况'),
    grid(['*', 36, 36, 40, 36, 36, 40, 44], ['街道', '已批准\n总数', '已批准\n抽查', '已批准\n比例', '未批准\n总数', '未批准\n抽查', '未批准\n比例', '已核查'], sampleRows),
    heading('二、核查发现'),
    grid(['*', 28, ...findings.map(() => 28), 36, 40], ['街道', '已核查', ...findings.map((f) => findingLabels[f]), '问题率', '整改\n中/已'], findingRows, 1, zihao.小五),
    { text: '问题率 = 发现问题的个案数 ÷ 已核查个案数；整改“中/已”为整改中和已整改的件数。', style: 'note', fontSize: zihao.小五, margin: [0, 4, 0, 0] },
    heading('三、问题个案及整改'),
    problemRows.length > 0
      ? grid([20, 58, 56, 44, '*', 80], ['序号', '案件编号', '街道/社区', '问题类型', '核查情况', '整改'], problemRows, 1, zihao.小五)
      : { text: inspected.length === 0 ? '样本个案尚未核查。' : '已核查的个案未发现问题。', fontSize: zihao.五号 },
    // The re-verification facts and the issuer stay together: the signature never stands alone on a page.
    {
      stack: [
        heading('四、抽样复核'),
        verificationBlock(draw, false),
        { text: data.issuer, style: 'note', fontSize: zihao.小四, alignment: 'right', margin: [0, 24, zihao.小四 * 2, 0] },
        { text: formatChineseDate(data.printedOn), style: 'note', fontSize: zihao.小四, alignment: 'right', margin: [0, 2, zihao.小四 * 2, 0] },
      ],
      unbreakable: true,
    },
  ];
  return gbDocument({ title, content, footer: 'list' });
}
