// pdfmake 0.3 joins an inline that ends its line (`lineEnd: true`) to the next one when the two would make
// one word across the boundary, so a column of numbers runs together on one line. The change in
// electron/backend/pdf/pdfmake-line-ends.ts breaks the inlines in groups ending at an explicit line end.
// Without it the lines of "1", "2", "3" are one line; with it three; text without explicit line ends is
// broken exactly as before.
import { afterAll, describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontFamilies } from '../../templates/fonts';
import { renderPdf } from '../../electron/backend/pdf/render';
import { explicitLineEnds } from '../../electron/backend/pdf/pdfmake-line-ends';
import { bundledFontsDir } from '../../electron/backend/app-root';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };

type Placed = { positions?: { top: number }[] };

async function linesOf(text: unknown): Promise<number> {
  const node = { text, noWrap: true } as unknown as Placed & Content;
  const doc: TDocumentDefinitions = { content: [node], defaultStyle: { font: fontFamilies.body }, compress: false };
  await renderPdf(doc, fonts);
  return node.positions?.length ?? 0;
}

const column = ['1', '2', '3'].map((text, i, all) => (i < all.length - 1 ? { text, lineEnd: true } : { text }));

describe('explicit line ends in pdfmake text', () => {
  afterAll(() => explicitLineEnds(true));

  it('keeps a line per item where pdfmake alone runs them together', async () => {
    expect(await linesOf(column.map((c) => ({ ...c })))).toBe(3);
    explicitLineEnds(false);
    expect(await linesOf(column.map((c) => ({ ...c })))).toBe(1);
    explicitLineEnds(true);
  });

  it('leaves text without explicit line ends as pdfmake breaks it', async () => {
    const mixed = () => [{ text: '第一行', noWrap: false }, { text: '12' }, { text: '34' }];
    const on = await linesOf(mixed());
    explicitLineEnds(false);
    const off = await linesOf(mixed());
    explicitLineEnds(true);
    expect(on).toBe(off);
  });
});
