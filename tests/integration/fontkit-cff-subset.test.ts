// render.ts has fontkit's CFF subsetter skip decoding the charset it throws away
// (electron/backend/pdf/fontkit-cff-subset.ts). The PDF must not change by a byte, and the charset must
// really stay undecoded: a counting getter on each font's top dictionary tells.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { renderPdf } from '../../electron/backend/pdf/render';
import { fontBytes } from '../../electron/backend/pdf/fonts';
import { parsedFont } from '../../electron/backend/pdf/pdfkit-shared-fonts';
import { cffCharsetSkipping } from '../../electron/backend/pdf/fontkit-cff-subset';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { bundledFonts } from '../../templates/fonts';
import { noticeDocumentDefinition } from '../../templates/notice';
import { standingNotice } from '../bench/notice-fixture';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };
const notice = () => ({ ...noticeDocumentDefinition(standingNotice(300, 10)), compress: false });

/** Counts reads of each bundled font's charset, keeping what the getter returns. */
function countCharsetReads(): () => number {
  let reads = 0;
  for (const { file } of Object.values(bundledFonts)) {
    const path = join(fonts.bundledDir, file);
    const topDict = (parsedFont(path, fontBytes(path)) as unknown as { 'CFF ': { topDict: object } })['CFF '].topDict;
    const own = Object.getOwnPropertyDescriptor(topDict, 'charset')!;
    const read = own.get ? () => own.get!.call(topDict) : () => own.value;
    Object.defineProperty(topDict, 'charset', { enumerable: true, configurable: true, get: () => (reads++, read()) });
  }
  return () => reads;
}

describe('the CFF subset without the discarded charset', () => {
  afterEach(() => cffCharsetSkipping(true));

  it('reads no charset and gives the same bytes as fontkit decoding it', async () => {
    const reads = countCharsetReads();
    const skipped = (await renderPdf(notice(), fonts)).buffer;
    expect(reads()).toBe(0);
    cffCharsetSkipping(false);
    const plain = (await renderPdf(notice(), fonts)).buffer;
    expect(reads()).toBeGreaterThan(0);
    cffCharsetSkipping(true);
    const again = (await renderPdf(notice(), fonts)).buffer;
    expect(plain.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(skipped, plain)).toBe(0);
    expect(Buffer.compare(again, plain)).toBe(0);
    // The embedded subsets still make a document poppler reads, with its text.
    const text = execFileSync('pdftotext', ['-', '-'], { input: skipped }).toString();
    expect(text).toContain('公示');
  }, 60_000);
});
