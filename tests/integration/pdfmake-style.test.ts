// render.ts replaces pdfmake's style look-ups with ones that walk the stack without allocating
// (electron/backend/pdf/pdfmake-style.ts). The PDF must not change by a byte: the same documents rendered
// with the faster look-ups and with pdfmake's own give the same bytes, a synthetic one included that uses
// every way a style reaches a piece of text (named styles, arrays of them, extends chains, a cycle,
// defaultStyle, overrides on the node, inherited from tables, columns and stacks).
import { afterEach, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../electron/backend/pdf/render';
import { fastPdfmakeStyleLookups } from '../../electron/backend/pdf/pdfmake-style';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { fontFamilies } from '../../templates/fonts';
import { noticeDocumentDefinition } from '../../templates/notice';
import { standingNotice } from '../bench/notice-fixture';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };

function styled(): TDocumentDefinitions {
  return {
    compress: false,
    defaultStyle: { font: fontFamilies.body, fontSize: 11, color: '#333333' },
    styles: {
      base: { fontSize: 14, lineHeight: 1.3 },
      heading: { extends: 'base', font: fontFamilies.heading, bold: false, alignment: 'center' },
      warm: { color: '#aa3300', extends: ['base', 'heading'] },
      loopA: { extends: 'loopB' },
      loopB: { extends: 'loopA', characterSpacing: 1 },
      right: { alignment: 'right', decoration: 'underline' },
    },
    content: [
      { text: '标题：公示名单', style: 'heading' },
      { text: '暖色的说明文字，继承两层', style: ['warm', 'right'] },
      { text: '循环的样式不应使渲染停住', style: 'loopA' },
      { text: [{ text: '内联一', style: 'warm' }, '内联二', { text: '内联三', fontSize: 9, color: 'blue' }] },
      {
        style: 'right',
        table: {
          widths: ['*', 80],
          body: [
            [{ text: '表头', style: 'heading' }, '金额'],
            ['社区甲', { text: '1,234.00', alignment: 'left' }],
          ],
        },
      },
      { columns: [{ text: '左栏', style: 'base' }, { stack: ['右栏一', { text: '右栏二', style: ['right', 'warm'] }], fontSize: 8 }], columnGap: 10 },
      { ul: ['第一项', { text: '第二项', style: 'warm' }], markerColor: 'red' },
    ],
    info: { creationDate: new Date('2026-12-01T00:00:00Z'), modDate: new Date('2026-12-01T00:00:00Z') },
  };
}

describe('pdfmake style look-ups without allocation', () => {
  afterEach(() => fastPdfmakeStyleLookups(true));

  it.each([
    ['every way a style reaches a piece of text', () => styled()],
    ['a 20-row notice', () => noticeDocumentDefinition(standingNotice(20, 1))],
    ['a 400-row street file, uncompressed', () => ({ ...noticeDocumentDefinition(standingNotice(400, 10)), compress: false })],
  ] as const)('%s: the same bytes as pdfmake lays them out', async (_label, def) => {
    const fast = await renderPdf(def(), fonts);
    fastPdfmakeStyleLookups(false);
    const plain = await renderPdf(def(), fonts);
    fastPdfmakeStyleLookups(true);
    expect(fast.pages).toBeGreaterThanOrEqual(1);
    expect(fast.buffer.length).toBe(plain.buffer.length);
    expect(Buffer.compare(fast.buffer, plain.buffer)).toBe(0);
  }, 60_000);

  it('answers as pdfmake does for each property, style by style', async () => {
    const { default: mod } = (await import('pdfmake/js/StyleContextStack.js')) as unknown as { default: { default?: unknown } };
    type S = { new (d: object, def?: object): { push(x: unknown): void }; getStyleProperty(i: unknown, s: unknown, p: string, d: unknown): unknown };
    const Stack = ((mod as { default?: unknown }).default ?? mod) as S;
    const def = styled();
    const items: unknown[] = ['文字', {}, { style: 'warm' }, { style: ['right', 'heading'] }, { style: 'loopA' }, { style: 'missing' }, { section: true, style: 'warm' }, { fontSize: 20, style: 'base' }, { style: [{ color: 'green' }, 'right'] }];
    const props = ['font', 'fontSize', 'bold', 'color', 'alignment', 'lineHeight', 'decoration', 'characterSpacing', 'noWrap'];
    const answers = () => {
      const stack = new Stack(def.styles!, def.defaultStyle);
      stack.push('heading');
      stack.push({ color: '#010101' });
      return items.flatMap((item) => props.map((p) => Stack.getStyleProperty(item, stack, p, 'dflt')));
    };
    const fast = answers();
    fastPdfmakeStyleLookups(false);
    const plain = answers();
    expect(fast).toEqual(plain);
    expect(new Set(fast.map(String)).size).toBeGreaterThan(5);
  });
});
