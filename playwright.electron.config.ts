import { defineConfig } from '@playwright/test';

// The packaged-path e2e in a real Electron window (_electron.launch). It runs where an Electron binary
// exists; `npm test` says so and skips it where there is none. Each test has its own user-data folder.
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/electron-artifacts',
  timeout: 90_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
});
