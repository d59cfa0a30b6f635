// Bundles Electron's main and preload with esbuild. The preload runs sandboxed, where require() knows
// only 'electron', so everything else it uses is bundled into it; main keeps native and large
// packages (better-sqlite3, pdfmake, fontkit) in node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist-electron/main.cjs',
  external: ['electron', 'better-sqlite3', 'pdfmake', 'fontkit'],
});
await build({
  ...common,
  entryPoints: ['electron/backend/pdf/pdf-worker.ts'],
  outfile: 'dist-electron/pdf-worker.cjs',
  external: ['pdfmake', 'fontkit'],
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  external: ['electron'],
});
console.log('built dist-electron/main.cjs, pdf-worker.cjs and preload.cjs');
