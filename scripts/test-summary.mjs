// Sums the vitest and Playwright JSON reports into the one line CI reads:
// `tests: N passed, M failed`. Skipped or missing reports count as failures. Exits non-zero on any
// failure, or when the caller passes a non-zero status from the steps that ran.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

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
  if (existsSync(playwright)) {
    const s = JSON.parse(readFileSync(playwright, 'utf8')).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
  } else failed += 1;
  // Only where an Electron binary exists; its skips would be the binary's absence, so count as failures
  // here only if the run happened (the report exists).
  const electron = `${dir}/electron.json`;
  if (existsSync(electron)) {
    const s = JSON.parse(readFileSync(electron, 'utf8')).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += (s.unexpected ?? 0) + (s.skipped ?? 0);
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
