// What the three spot-check documents (record, worksheet, report) share: their data, the grid table
// style, percentages and the paragraph that tells anyone how to re-verify the draw.
import type { Content, ContentTable, TableCell } from 'pdfmake/interfaces';
import type { DrawDetail } from '../shared/spotcheck';
import { formatChineseDate } from '../shared/dates';
import { fontFamilies } from './fonts';
import { zihao } from './page';

/** A draw as the documents print it, with who issues them. */
export type SpotCheckDocData = { draw: DrawDetail; districtName: string; issuer: string; printedOn: string };

export const CELL = zihao.五号;

export function grid(widths: (number | string)[], header: string[], rows: TableCell[][], headerRows = 1, size: number = CELL): ContentTable {
  return {
    table: { headerRows, widths, body: [header.map((h) => ({ text: h, font: fontFamilies.heading, fontSize: size, alignment: 'center' })), ...rows] },
    fontSize: size,
    layout: {
      fillColor: (row: number) => (row < headerRows ? '#e8e8e8' : null),
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2.5,
      paddingBottom: () => 2.5,
    },
  };
}

export function cell(text: string, alignment: 'left' | 'center' | 'right' = 'center'): TableCell {
  return { text, alignment };
}

/**
 * 430188001-202610-077 over two lines before its first dash, so the column stays narrow. The dash opens
 * the second line: at the end of the first, text extraction (and copying) would take it for a hyphen
 * and drop it.
 */
export function caseNoText(caseNo: string): string {
  const dash = caseNo.indexOf('-');
  return dash > 0 && caseNo.length > 14 ? `${caseNo.slice(0, dash)}\n${caseNo.slice(dash)}` : caseNo;
}

/** "33.3%": one decimal, as reports give rates; "—" with nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part * 100) / whole).toFixed(1)}%`;
}

export function periodText(draw: DrawDetail): string {
  return `${formatChineseDate(draw.periodStart)}至${formatChineseDate(draw.periodEnd)}`;
}

/** The command that re-draws the sample from the published files and compares. */
export function verifyCommand(draw: DrawDetail): string {
  const id = draw.id.slice(0, 8);
  return `npm run cli -- sample verify --manifest spotcheck-${id}-manifest.txt --seed ${draw.seed} --rate ${draw.rate} --sample spotcheck-${id}-sample.json`;
}

/** The facts that let anyone re-verify the draw: algorithm, manifest hash, seed, rate. */
export function verificationBlock(draw: DrawDetail, titled = true): Content {
  const mono = { font: fontFamilies.heading, fontSize: zihao.小五 };
  return {
    stack: [
      ...(titled ? [{ text: '抽样复核信息', font: fontFamilies.heading, fontSize: zihao.五号, margin: [0, 0, 0, 4] } satisfies Content] : []),
      {
        table: {
          widths: [70, '*'],
          body: [
            [{ text: '抽样算法', fontSize: CELL }, { text: draw.algorithm, ...mono }],
            [{ text: '清单 SHA-256', fontSize: CELL }, { text: draw.manifestSha256, ...mono }],
            [{ text: '随机种子', fontSize: CELL }, { text: draw.seed, ...mono }],
            [{ text: '抽查比例', fontSize: CELL }, { text: `${draw.rate}%（各街道已批准、未批准个案分别计算，向上取整）`, fontSize: CELL }],
          ],
        },
        layout: 'noBorders',
      },
      {
        text: `任何人可用公布的抽查清单、随机种子和样本文件复核：用浏览器打开同时公布的 verify.html（不联网），选择这三个文件并填写比例；或运行 ${verifyCommand(draw)}`,
        fontSize: zihao.小五,
        color: '#333333',
        margin: [0, 4, 0, 0],
      },
    ],
    unbreakable: true,
  };
}
