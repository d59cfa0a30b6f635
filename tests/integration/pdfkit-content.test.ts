// render.ts batches pdfkit's page operators into one Buffer per object (electron/backend/pdf/
// pdfkit-content.ts) instead of one Buffer per operator. The PDF must not change by a byte: the same
// documents rendered with the batching and with pdfkit's own write give the same bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { renderPdf } from '../../electron/backend/pdf/render';
import { batchPdfkitContentWrites } from '../../electron/backend/pdf/pdfkit-content';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { noticeDocumentDefinition } from '../../templates/notice';
import { standingNotice } from '../bench/notice-fixture';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };

describe('pdfkit operators batched per object', () => {
  afterEach(() => batchPdfkitContentWrites(true));

  it.each([
    ['a 20-row notice, compressed', 20, true],
    ['a 400-row street file, compressed', 400, true],
    ['a 400-row street file, uncompressed', 400, false],
  ] as const)('%s: the same bytes as pdfkit writes them', async (_label, rows, compress) => {
    const def = () => ({ ...noticeDocumentDefinition(standingNotice(rows, 10)), compress });
    const batched = await renderPdf(def(), fonts);
    batchPdfkitContentWrites(false);
    const plain = await renderPdf(def(), fonts);
    batchPdfkitContentWrites(true);
    expect(batched.pages).toBeGreaterThan(rows > 100 ? 10 : 1);
    expect(batched.buffer.length).toBe(plain.buffer.length);
    expect(Buffer.compare(batched.buffer, plain.buffer)).toBe(0);
  }, 60_000);
});
