// What the PDF worker's bundle leaves in node_modules, for scripts/build-electron.mjs and the notice
// benchmark's child, which must start as the worker does. pdfmake and fontkit are large CommonJS
// packages; ECharts (the statistics report's charts) and zod (the schemas some templates' shared
// modules define) are needed only by some templates, which the worker loads with their first job
// (electron/backend/pdf/pdf-jobs.ts): bundled, their 1.7 MB would be parsed at every worker start
// (about 40 ms and 9 MB before the first notice); left out, `require` reads them when a template asks.
export const pdfWorkerExternal = ['pdfmake', 'fontkit', 'echarts', 'zod'];
