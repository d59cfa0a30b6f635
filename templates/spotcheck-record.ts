// 抽查抽样记录: one page that records a draw for publication and the file, with the frame's counts per
// stratum, the manifest hash and the seed, and lines for the witnesses to sign.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatChineseDate, chinaDateOf, chinaTimeOf } from '../shared/dates';
import { sampleOutcomeLabels, seedSourceLabels } from '../shared/glossary';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';
import { cell, CELL, grid, percent, periodText, verificationBlock, type SpotCheckDocData } from './spotcheck-parts';

export function spotCheckRecordDocument(data: SpotCheckDocData): TDocumentDefinitions {
  const { draw } = data;
  const title = `${data.districtName}社会救助抽查抽样记录`;
  const sampled = (street: string, outcome: 'approved' | 'rejected', reason?: 'random' | 'mandatory') =>
    draw.items.filter((i) => i.streetCode === street && i.outcome === outcome && (!reason || i.reason === reason)).length;
  const rows: TableCell[][] = draw.strata.map((s) => [
    cell(s.streetName),
    cell(sampleOutcomeLabels[s.outcome]),
    cell(String(s.population)),
    cell(String(sampled(s.streetCode, s.outcome, 'random'))),
    cell(String(sampled(s.streetCode, s.outcome, 'mandatory'))),
    cell(String(sampled(s.streetCode, s.outcome))),
    cell(percent(sampled(s.streetCode, s.outcome), s.population)),
  ]);
  const total = draw.strata.reduce((n, s) => n + s.population, 0);
  const drawnAt = `${formatChineseDate(chinaDateOf(draw.drawnAt))} ${chinaTimeOf(draw.drawnAt)}`;
  const facts: [string, string][] = [
    ['抽查期间', `${periodText(draw)}作出审核确认决定的个案`],
    ['纳入街道', draw.strata.filter((s) => s.outcome === 'approved').map((s) => s.streetName).join('、')],
    ['抽查清单', `共 ${total} 件（已批准、未批准分层；近亲属备案、投诉举报及公示异议个案必查）`],
    ['随机种子来源', seedSourceLabels[draw.seedSource]],
    ['抽样时间', drawnAt],
    ['抽样人', draw.drawnBy],
  ];
  if (draw.redrawOfId) facts.push(['重新抽取', `原抽样 ${draw.redrawOfId.slice(0, 8)} 作废保留，理由：${draw.redrawReason}`]);
  const content: Content = [
    { text: title, style: 'title', margin: [0, 0, 0, 10] },
    {
      table: { widths: [84, '*'], body: facts.map(([k, v]) => [{ text: k, font: fontFamilies.heading, fontSize: CELL }, { text: v, fontSize: CELL }]) },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 3, paddingBottom: () => 3 },
    },
    { text: '各层抽样情况', font: fontFamilies.heading, fontSize: zihao.五号, margin: [0, 12, 0, 4] },
    grid(['*', 52, 48, 52, 40, 52, 48], ['街道', '决定', '总数', '随机抽取', '必查', '样本合计', '抽查比例'], rows),
    { ...(verificationBlock(draw) as object), margin: [0, 12, 0, 0] } as Content,
    {
      columns: [
        { text: '抽样人（签字）：', fontSize: zihao.小四 },
        { text: '监督人（签字）：', fontSize: zihao.小四 },
        { text: '日期：', fontSize: zihao.小四 },
      ],
      margin: [0, 28, 0, 0],
    },
    { text: `${data.issuer}\u3000${formatChineseDate(data.printedOn)}`, style: 'note', alignment: 'right', margin: [0, 20, 0, 0] },
  ];
  const doc = gbDocument({ title, content, footer: 'list' });
  // Dated by the draw: pdfkit would otherwise stamp the time of rendering (and derive the file /ID from
  // it), and the published record must hash the same however often it is exported.
  const drawn = new Date(draw.drawnAt);
  return { ...doc, info: { ...doc.info, author: data.issuer, creationDate: drawn, modDate: drawn } };
}
