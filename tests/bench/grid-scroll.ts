// Scrolling the 11,000-row district cases grid in Debian's Chromium through the browser harness:
// time to first full grid, and frame intervals while scrolling (p50 / p95 / worst), measured in the page.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export async function benchGridScroll(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-grid-'));
  const port = 4590;
  const server = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/harness/server.ts', '--db', join(dir, 'h.sqlite'), '--port', String(port), '--user', 'bureau-chief'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((ok, fail) => {
      server.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && ok());
      server.on('exit', (code) => fail(new Error(`harness exited ${code} (run "npm run build:renderer" first)`)));
    });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = performance.now();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByTestId('case-grid-count').waitFor();
    const loadMs = performance.now() - t0;
    // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
    const stats = (await page.evaluate(`(async () => {
      const el = document.querySelector('[data-testid="case-grid-body"]');
      const frames = [];
      let last = performance.now();
      let maxRows = 0;
      for (let i = 0; i < 300; i++) {
        el.scrollTop += 600;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, el.querySelectorAll('[role="row"]').length);
      }
      frames.sort((a, b) => a - b);
      const at = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
      return { p50: at(0.5), p95: at(0.95), worst: frames[frames.length - 1], maxRows };
    })()`)) as { p50: number; p95: number; worst: number; maxRows: number };
    const count = await page.getByTestId('case-grid-count').textContent();
    console.log(`${'cases grid: open app to 11k-row grid shown (harness, Chromium)'.padEnd(64)} ${loadMs.toFixed(0)} ms  (${count?.trim()})`);
    console.log(
      `${'cases grid: frame interval while scrolling 300 × 600 px'.padEnd(64)} p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, worst ${stats.worst.toFixed(1)} ms; ≤${stats.maxRows} rows in the DOM`,
    );
    await browser.close();
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
