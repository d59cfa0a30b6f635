// Bundles Electron's main and preload with esbuild. The preload runs sandboxed, where require() knows
// only 'electron', so everything else it uses is bundled into it; main keeps native and large
// packages (better-sqlite3, pdfmake, fontkit) in node_modules, the PDF worker those of pdf-worker-bundle.mjs.
import { build } from 'esbuild';
import { bundleVerifier } from './verifier-bundle.mjs';
import { pdfWorkerExternal } from './pdf-worker-bundle.mjs';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist-electron/main.cjs',
  // verify.html's script goes in as a constant: the packaged app has no esbuild to bundle it at export
  // (electron/backend/spotchecks/verify-page.ts), so that module's source-only fallback, which would
  // bundle it, is left out.
  define: { JRD_VERIFIER_SCRIPT: JSON.stringify(await bundleVerifier()) },
  external: ['electron', 'better-sqlite3', 'pdfmake', 'fontkit'],
  plugins: [{ name: 'no-verifier-bundler', setup: (b) => b.onResolve({ filter: /verifier-bundle\.mjs$/ }, (a) => ({ path: a.path, external: true })) }],
});
await build({
  ...common,
  entryPoints: ['electron/backend/pdf/pdf-worker.ts'],
  outfile: 'dist-electron/pdf-worker.cjs',
  external: pdfWorkerExternal,
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
});
console.log('built dist-electron/main.cjs, pdf-worker.cjs and preload.cjs');
