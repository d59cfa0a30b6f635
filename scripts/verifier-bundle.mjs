// Bundles verify.html's script (renderer/verify-page/verifier.ts with the shared sampler and zod) into
// one IIFE text. build-electron.mjs inlines the result into main.cjs, so the packaged app carries it
// without esbuild; run from source (CLI, demo, harness, tests) the backend calls this on first use.
// The same options both ways give the same bytes.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function bundleVerifier() {
  const out = await build({
    entryPoints: [join(root, 'renderer', 'verify-page', 'verifier.ts')],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  return out.outputFiles[0].text.trimEnd();
}
