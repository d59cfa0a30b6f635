// render.ts has pdfkit parse each font once per process and makes every document's font from that parse
// (electron/backend/pdf/pdfkit-shared-fonts.ts). The PDF must not change by a byte, neither the first
// document nor one made after others have used the same parse (glyph outlines, layouts and subsets
// kept on the font): each is compared with pdfkit parsing the bytes itself.
import { afterEach, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../electron/backend/pdf/render';
import { sharedPdfkitFonts } from '../../electron/backend/pdf/pdfkit-shared-fonts';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { fontFamilies } from '../../templates/fonts';
import { noticeDocumentDefinition } from '../../templates/notice';
import { standingNotice } from '../bench/notice-fixture';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };

function mixed(): TDocumentDefinitions {
  return {
    compress: false,
    defaultStyle: { font: fontFamilies.body, fontSize: 11 },
    content: [
      { text: '标题用另一种字体', font: fontFamilies.title, fontSize: 22, bold: true },
      { text: '黑体的小标题', font: fontFamilies.heading },
      { text: ['正文，', { text: '加粗仍是同一文件', bold: true }, '，', { text: '斜体也是', italics: true }] },
      { text: '阿卜杜热合曼·买买提明 1,234.00 元' },
    ],
    info: { creationDate: new Date('2026-12-01T00:00:00Z'), modDate: new Date('2026-12-01T00:00:00Z') },
  };
}

const notice = () => ({ ...noticeDocumentDefinition(standingNotice(400, 10)), compress: false });

async function withoutSharing(def: () => TDocumentDefinitions): Promise<Buffer> {
  sharedPdfkitFonts(false);
  try {
    return (await renderPdf(def(), fonts)).buffer;
  } finally {
    sharedPdfkitFonts(true);
  }
}

describe('fonts parsed once per process', () => {
  afterEach(() => sharedPdfkitFonts(true));

  it('gives the same bytes as pdfkit parsing each font for each document', async () => {
    const shared: Buffer[] = [];
    for (const def of [mixed, notice, mixed, notice]) shared.push((await renderPdf(def(), fonts)).buffer);
    const plainMixed = await withoutSharing(mixed);
    const plainNotice = await withoutSharing(notice);
    expect(plainMixed.length).toBeGreaterThan(1000);
    for (const [i, buffer] of shared.entries()) {
      const plain = i % 2 === 0 ? plainMixed : plainNotice;
      expect(buffer.length).toBe(plain.length);
      expect(Buffer.compare(buffer, plain)).toBe(0);
    }
  }, 60_000);

  it('embeds one font per file, as pdfkit does when two styles name the same file', async () => {
    const pdf = (await renderPdf(mixed(), fonts)).buffer.toString('latin1');
    const fontFiles = pdf.match(/\/FontFile3/g) ?? [];
    expect(fontFiles.length).toBe(3);
  }, 60_000);
});
