// Child process of the notice benchmark (tests/bench/notice-standing.ts): renders the 5,000-row standing
// list with renderPdf `runs` times in this one process and prints one JSON line with the times, the
// moment the first PDF was ready (ms since the process started, so node, tsx and the imports count) and
// the peak RSS. Usage: node --import tsx tests/bench/notice-render-child.ts [runs] [rows] [sections]
// [fonts dir]. The bench runs it bundled as the app ships its PDF worker (notice-standing.ts), where the
// fonts folder must be given, the bundle not being where the sources are.
export {};

const started = performance.now();
const { renderPdf } = await import('../../electron/backend/pdf/render');
const { bundledFontsDir } = await import('../../electron/backend/app-root');
const { noticeDocumentDefinition } = await import('../../templates/notice');
const { standingNotice } = await import('./notice-fixture');
const imported = performance.now();

const [runs = 1, rows = 5000, sections = 10] = process.argv.slice(2, 5).map(Number);
const fonts = { bundledDir: process.argv[5] ?? bundledFontsDir(), systemDirs: [] as string[] };
const renders: number[] = [];
let firstReady = 0;
let pages = 0;
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  // Building the definition is part of the job: the backend does it for every print.
  const pdf = await renderPdf(noticeDocumentDefinition(standingNotice(rows, sections === 1 ? 1 : 10)), fonts);
  renders.push(performance.now() - t0);
  if (i === 0) firstReady = performance.now();
  pages = pdf.pages;
  bytes = pdf.buffer.length;
}
console.log(
  JSON.stringify({
    /** performance.now() counts from the start of the process. */
    startupMs: started,
    importMs: imported - started,
    firstReadyMs: firstReady,
    renders,
    pages,
    bytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
