// render.ts replaces pdfmake's text flattening and per-piece style look-ups with one pass each
// (electron/backend/pdf/pdfmake-inlines.ts). The PDF must not change by a byte: the same documents
// rendered with and without it give the same bytes, a synthetic one included with nested text arrays,
// named styles on pieces, leading and trailing spaces, sup and sub, indents and explicit line ends.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../electron/backend/pdf/render';
import { linearPdfmakeInlines } from '../../electron/backend/pdf/pdfmake-inlines';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { fontFamilies } from '../../templates/fonts';
import { noticeDocumentDefinition } from '../../templates/notice';
import { standingNotice } from '../bench/notice-fixture';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };

function pieces(): TDocumentDefinitions {
  return {
    compress: false,
    defaultStyle: { font: fontFamilies.body, fontSize: 11, color: '#333333' },
    styles: {
      base: { fontSize: 14, lineHeight: 1.3 },
      warm: { color: '#aa3300', extends: 'base', characterSpacing: 0.5 },
      quiet: { preserveLeadingSpaces: true, preserveTrailingSpaces: true },
    },
    content: [
      { text: ['  前导空格', { text: '与尾随空格  ', style: 'warm' }, ' 中间 '], leadingIndent: 22 },
      { text: [{ text: ['嵌套一', { text: ['嵌套二', { text: ['第三层', { text: '第四层', color: 'blue' }] }, [{ text: '数组里的数组' }, '（pdfmake 不印）']] }] }, '平铺'] },
      { text: ['面积 100 m', { text: '2', sup: true }, '，H', { text: '2', sub: true }, 'O'], style: 'base' },
      // pdfmake's types do not name lineEnd, which its TextBreaker honours (pdfmake-line-ends.ts).
      { text: [{ text: '  保留的空格  ', style: 'quiet' }, { text: '第一行', lineEnd: true }, { text: '第二行', lineEnd: true, lineHeight: 1.6 }, '第三行'] } as unknown as Content,
      { text: [{ text: '样式数组', style: ['warm', 'quiet'] }, { text: '覆盖字号', fontSize: 18, style: 'warm' }, '尾'], alignment: 'right' },
      {
        table: {
          widths: ['*', 90],
          body: [
            [{ text: ['表格中的', { text: '内联', decoration: 'underline' }] }, { text: '1,234.00', alignment: 'right', opacity: 0.6 }],
            [{ text: '很长的一段文字会在单元格里折行，检验量出的最小与最大宽度是否一致。', noWrap: false }, { text: ['甲', '乙', '丙'], noWrap: true }],
          ],
        },
      },
    ],
    info: { creationDate: new Date('2026-12-01T00:00:00Z'), modDate: new Date('2026-12-01T00:00:00Z') },
  };
}

describe('pdfmake text inlines in one pass', () => {
  afterEach(() => linearPdfmakeInlines(true));

  it.each([
    ['nested pieces, styles, spaces, sup and sub', () => pieces()],
    ['a 20-row notice', () => noticeDocumentDefinition(standingNotice(20, 1))],
    ['a 400-row street file, uncompressed', () => ({ ...noticeDocumentDefinition(standingNotice(400, 10)), compress: false })],
  ] as const)('%s: the same bytes as pdfmake lays them out', async (_label, def) => {
    const fast = await renderPdf(def(), fonts);
    linearPdfmakeInlines(false);
    const plain = await renderPdf(def(), fonts);
    linearPdfmakeInlines(true);
    expect(fast.pages).toBeGreaterThanOrEqual(1);
    expect(fast.buffer.length).toBe(plain.buffer.length);
    expect(Buffer.compare(fast.buffer, plain.buffer)).toBe(0);
  }, 60_000);

  it('prints the nested pieces in their order', async () => {
    const pdf = await renderPdf(pieces(), fonts);
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf.buffer }).toString();
    expect(text.replace(/\s/g, '')).toContain('嵌套一嵌套二第三层第四层平铺');
  }, 60_000);
});
