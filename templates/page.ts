// GB/T 9704-2012 page set-up: A4, top margin 37 mm, left 28 mm, type area 156 × 225 mm (so right 26 mm,
// bottom 35 mm); title 2号 (22 pt), body 3号 (16 pt), page numbers 4号 (14 pt) as "— 1 —".
import type { Content, DynamicContent, Style, TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontFamilies } from './fonts';

export const MM = 72 / 25.4;
export const pt = (mm: number): number => Math.round(mm * MM * 100) / 100;

/** Chinese type sizes (字号) in points. */
export const zihao = { 二号: 22, 三号: 16, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9 } as const;

export const gbPageMargins: [number, number, number, number] = [pt(28), pt(37), pt(26), pt(35)];

export const gbStyles: Record<string, Style> = {
  title: { font: fontFamilies.title, fontSize: zihao.二号, alignment: 'center', lineHeight: 1.3 },
  subtitle: { font: fontFamilies.body, fontSize: zihao.三号, alignment: 'center' },
  body: { font: fontFamilies.body, fontSize: zihao.三号, lineHeight: 1.45 },
  label: { font: fontFamilies.heading, fontSize: zihao.三号 },
  tableHeader: { font: fontFamilies.heading, fontSize: zihao.五号, alignment: 'center' },
  tableCell: { font: fontFamilies.body, fontSize: zihao.五号 },
  note: { font: fontFamilies.body, fontSize: zihao.小四, color: '#333333' },
};

export type FooterStyle = 'gongwen' | 'list';

/**
 * gongwen: "— 1 —" 4号, odd pages right and even pages left, one character in from the edge of the type
 * area, about 7 mm below it. list: "第 1 页 共 3 页" centred, for long lists.
 */
export function pageFooter(style: FooterStyle): DynamicContent {
  return (currentPage: number, pageCount: number): Content => {
    switch (style) {
      case 'gongwen': {
        const odd = currentPage % 2 === 1;
        return {
          text: `— ${currentPage} —`,
          font: fontFamilies.body,
          fontSize: zihao.四号,
          alignment: odd ? 'right' : 'left',
          margin: [odd ? 0 : pt(28) + zihao.四号, pt(7), odd ? pt(26) + zihao.四号 : 0, 0],
        };
      }
      case 'list':
        return {
          text: `第 ${currentPage} 页 共 ${pageCount} 页`,
          font: fontFamilies.body,
          fontSize: zihao.小四,
          alignment: 'center',
          margin: [0, pt(7), 0, 0],
        };
      default: {
        const never: never = style;
        throw new Error(`unknown footer style ${String(never)}`);
      }
    }
  };
}

/** The frame every document shares; templates add content, styles and metadata. */
export function gbDocument(options: {
  title: string;
  subject?: string;
  content: Content;
  footer: FooterStyle;
  landscape?: boolean;
}): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: options.landscape ? 'landscape' : 'portrait',
    // Landscape keeps the binding edge (订口) on the left and the same margins turned with the sheet.
    pageMargins: options.landscape ? [pt(37), pt(28), pt(35), pt(26)] : gbPageMargins,
    info: { title: options.title, subject: options.subject ?? options.title, creator: '联审联批工作台', producer: '联审联批工作台' },
    defaultStyle: { font: fontFamilies.body, fontSize: zihao.三号 },
    styles: gbStyles,
    footer: pageFooter(options.footer),
    content: options.content,
  };
}
