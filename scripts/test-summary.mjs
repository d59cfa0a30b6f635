// Sums the vitest and Playwright JSON reports into the one line CI reads:
// `tests: N passed, M failed`. Skipped or missing reports count as failures. Exits non-zero on any
// failure, or when the caller passes a non-zero status from the steps that ran.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Passed and failed of a Playwright JSON report; skipped tests count as failed. */
function playwrightCounts(file) {
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (s.skipped ?? 0) };
}

export function summarise(dir = 'test-results') {
  let passed = 0;
  let failed = 0;
  const vitest = `${dir}/vitest.json`;
  const playwright = `${dir}/playwright.json`;
  if (existsSync(vitest)) {
    const v = JSON.parse(readFileSync(vitest, 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += (v.numFailedTests ?? 0) + (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  } else failed += 1;
  // The Electron report exists only where an Electron binary does: missing, it is not a failure.
  const electron = `${dir}/electron.json`;
  if (!existsSync(playwright)) failed += 1;
  for (const report of [playwright, electron].filter((f) => existsSync(f))) {
    const c = playwrightCounts(report);
    passed += c.passed;
    failed += c.failed;
  }
  return { passed, failed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const status = Number(process.argv[2] ?? 0);
  const { passed, failed } = summarise();
  const shown = status !== 0 && failed === 0 ? 1 : failed;
  console.log(`tests: ${passed} passed, ${shown} failed`);
  process.exit(shown ? 1 : 0);
}
