import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or unpacked app) root, for entry points run from source with tsx: the CLI, the demo,
 * the harness and tests. Electron main computes its own from app.getAppPath().
 */
export function sourceAppRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function bundledFontsDir(root = sourceAppRoot()): string {
  return join(root, 'templates', 'fonts');
}

/** The PDF worker run from source through its tsx bootstrap (CLI, demo, harness). */
export function sourcePdfWorker(root = sourceAppRoot()): { script: string; bootstrap: string } {
  const dir = join(root, 'electron', 'backend', 'pdf');
  return { script: join(dir, 'pdf-worker.ts'), bootstrap: join(dir, 'pdf-worker-boot.mjs') };
}
