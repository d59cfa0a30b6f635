// Child process of the notice benchmark (tests/bench/notice-standing.ts): renders the 5,000-row standing
// list with renderPdf `runs` times in this one process and prints one JSON line with the times, the
// moment the first PDF was ready (ms since the process started, so node and loading the modules count)
// and the peak RSS. The bench runs it bundled to CommonJS as scripts/build-electron.mjs bundles the app's
// PDF worker (pdfmake and fontkit left in node_modules, each loaded once, as `require` loads them), so
// the fonts folder is given (default: templates/fonts under the working folder). From source:
// node --import tsx tests/bench/notice-render-child.ts [runs] [rows] [sections] [fonts dir]
import { renderPdf } from '../../electron/backend/pdf/render';
import { jobDocument } from '../../electron/backend/pdf/pdf-jobs';
import { standingNotice } from './notice-fixture';

async function main(): Promise<void> {
  /** performance.now() counts from the start of the process: node, then loading this script's modules. */
  const loaded = performance.now();
  const [runs = 1, rows = 5000, sections = 10] = process.argv.slice(2, 5).map(Number);
  const fonts = { bundledDir: process.argv[5] ?? 'templates/fonts', systemDirs: [] as string[] };
  const renders: number[] = [];
  let firstReady = 0;
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    // Building the definition is part of the job, as in the worker (pdf-worker.ts), which loads the
    // template with the first job.
    const doc = await jobDocument({ template: 'notice', data: standingNotice(rows, sections === 1 ? 1 : 10) });
    const pdf = await renderPdf(doc, fonts);
    renders.push(performance.now() - t0);
    if (i === 0) firstReady = performance.now();
    pages = pdf.pages;
    bytes = pdf.buffer.length;
  }
  console.log(JSON.stringify({ loadedMs: loaded, firstReadyMs: firstReady, renders, pages, bytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

void main();
