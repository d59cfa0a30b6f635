// Writes the bench's standing list as a PDF (for looking at it): node --import tsx tests/bench/notice-write.ts out.pdf [rows] [sections]
import { writeFileSync } from 'node:fs';
import { renderPdf } from '../../electron/backend/pdf/render';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { noticeDocumentDefinition } from '../../templates/notice';
import { standingNotice } from './notice-fixture';

const [out = 'notice.pdf', rows = '5000', sections = '10'] = process.argv.slice(2);
const pdf = await renderPdf(noticeDocumentDefinition(standingNotice(Number(rows), sections === '1' ? 1 : 10)), { bundledDir: bundledFontsDir(), systemDirs: [] });
writeFileSync(out, pdf.buffer);
console.log(`${out}: ${pdf.pages} pages, ${pdf.buffer.length} bytes, sha256 ${pdf.sha256}`);
