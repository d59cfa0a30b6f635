// `npm test`: type check, lint, unit + integration (vitest), then the browser e2e (Playwright in
// Debian's Chromium through the harness). Every step runs even if an earlier one failed, so one run
// shows everything that is wrong; the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { summarise } from './test-summary.mjs';
import { electronBinary, noElectronMessage } from './electron-binary.mjs';
import { postgresBinDir, startPostgres } from './pg-cluster.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const missing = [
  [chromium, 'chromium'],
  ['/usr/bin/pdftotext', 'poppler-utils'],
  ['/usr/bin/pdffonts', 'poppler-utils'],
  // An export converted to CSV by LibreOffice must keep its 18-digit IDs (tests/integration/exports.test.ts).
  ['/usr/bin/soffice', 'libreoffice-calc-nogui'],
].filter(([path]) => !existsSync(path));
// The sync suite runs against a PostgreSQL centre too (issue 18), on a cluster started here.
if (!process.env.JRD_TEST_POSTGRES_URL && !postgresBinDir()) missing.push(['initdb', 'postgresql']);
if (missing.length > 0) {
  const pkgs = [...new Set(missing.map(([, pkg]) => pkg)), 'fonts-noto-cjk'].join(' ');
  console.error(`npm test needs these Debian packages: sudo apt-get install -y ${pkgs}`);
  process.exit(1);
}

let postgres = null;
if (!process.env.JRD_TEST_POSTGRES_URL) {
  postgres = await startPostgres();
  process.env.JRD_TEST_POSTGRES_URL = postgres.url;
  console.log(`PostgreSQL for the tests: ${postgres.url}`);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const steps = [
  ['type check', 'npx', ['tsc', '-p', 'tsconfig.shared.json']],
  ['type check (renderer)', 'npx', ['tsc', '-p', 'tsconfig.renderer.json']],
  ['type check (node)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['unit + integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']],
  ['renderer build', 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  ['e2e', 'npx', ['playwright', 'test']],
];

const failedSteps = [];
/** Runs one step in the foreground; false (and noted) if it failed. */
function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const ok = spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
  if (!ok) failedSteps.push(label);
  return ok;
}

for (const [label, cmd, args] of steps) run(label, cmd, args);

// The Electron e2e needs Electron's binary (and its headers, to build better-sqlite3 for it): it runs
// where they exist and says plainly when it does not.
if (electronBinary()) {
  for (const [label, cmd, args] of [
    ['electron build', 'npm', ['run', 'build']],
    ['electron native module', 'node', ['scripts/electron-native.mjs']],
    ['electron e2e', 'npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts']],
  ]) {
    if (!run(label, cmd, args)) break;
  }
} else {
  console.log(`\n=== electron e2e: skipped, ${noElectronMessage}`);
}

postgres?.stop();
const counts = summarise();
console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(failedSteps.length || counts.failed ? 1 : 0);

