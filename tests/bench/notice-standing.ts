// A 5,000-row standing list (长期公示) of one street: ten communities of 500 households, each on its own
// pages (the combined street file, 10 sections). pdfmake through renderPdf in a fresh process and warm
// in one process, against the same table as HTML printed to PDF by Debian's Chromium (fresh: launch and
// print; warm: print in an open page), fresh runs taken in turn, each after the last Chromium process has exited. Medians of 5; peak RSS where it matters.
// Aims (issue 20): pdfmake ≤ 1/3 of Chromium's time, warm and fresh, and ≤ 200 MB peak.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { pdfWorkerExternal } from '../../scripts/pdf-worker-bundle.mjs';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { PDF_WORKER_YOUNG_GENERATION_MB } from '../../electron/backend/pdf/render-job';
import { standingNotice } from './notice-fixture';
import { chromiumFooter, noticeHtml } from './notice-html';

const ROWS = 5000;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const line = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);

type ChildReport = { loadedMs: number; firstReadyMs: number; renders: number[]; pages: number; bytes: number; maxRssBytes: number };

/**
 * tests/bench/notice-render-child.ts bundled as scripts/build-electron.mjs bundles the PDF worker
 * (CommonJS, the packages of scripts/pdf-worker-bundle.mjs left in node_modules), so that a fresh process starts as the app's
 * worker does, without compiling TypeScript on the way. Written under dist-electron/ so that node finds
 * node_modules.
 */
async function bundleChild(): Promise<string> {
  const outfile = join('dist-electron', 'bench', 'notice-render-child.cjs');
  await build({
    entryPoints: ['tests/bench/notice-render-child.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: pdfWorkerExternal,
    logLevel: 'warning',
  });
  return outfile;
}

/** Runs the child in a new node process; wallMs counts from spawn to exit. */
async function child(script: string, runs: number, sections: 1 | 10 = 10): Promise<ChildReport & { wallMs: number }> {
  const t0 = performance.now();
  // The app's PDF worker thread runs with a young generation of PDF_WORKER_YOUNG_GENERATION_MB: a third of
  // it per semi-space, which is what --max-semi-space-size sets for a process.
  const semiSpace = `--max-semi-space-size=${PDF_WORKER_YOUNG_GENERATION_MB / 3}`;
  const proc = spawn(process.execPath, [semiSpace, script, String(runs), String(ROWS), String(sections), bundledFontsDir()], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((ok) => proc.on('exit', ok));
  if (code !== 0) throw new Error(`notice-render-child exited ${code}`);
  return { ...(JSON.parse(out.trim().split('\n').pop()!) as ChildReport), wallMs: performance.now() - t0 };
}

/**
 * Memory of this process's descendants (Chromium's processes), sampled every 250 ms until stopped: the
 * sum of their PSS (shared pages divided among the processes that map them; summing RSS would count the
 * browser's shared libraries once per process). Linux only; elsewhere 0.
 */
function descendantMemorySampler(): { stop: () => number; pause: () => void; resume: () => void } {
  if (process.platform !== 'linux') return { stop: () => 0, pause: () => undefined, resume: () => undefined };
  const read = (path: string): string | null => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null; // the process ended meanwhile
    }
  };
  const sample = (): number => {
    const parent = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      const stat = /^\d+$/.test(name) ? read(`/proc/${name}/stat`) : null;
      if (stat) parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    }
    let sum = 0;
    for (const pid of parent.keys()) {
      let p = parent.get(pid);
      while (p !== undefined && p !== process.pid && p > 1) p = parent.get(p);
      if (p !== process.pid) continue;
      const pss = /^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? '');
      sum += pss ? Number(pss[1]) * 1024 : 0;
    }
    return sum;
  };
  let peak = 0;
  let active = false;
  const timer = setInterval(() => active && (peak = Math.max(peak, sample())), 250);
  return {
    pause: () => (active = false),
    resume: () => (active = true),
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * Waits (at most 5 s) until no Chromium process is left, then a further 200 ms: a closed browser's
 * renderer and utility processes take a moment to exit, and a run started meanwhile, of either kind,
 * would share the two cores with them. Linux only; elsewhere it waits the 200 ms.
 */
async function settled(): Promise<void> {
  const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
  const chromiumLeft = (): boolean => {
    if (process.platform !== 'linux') return false;
    return readdirSync('/proc').some((name) => {
      if (!/^\d+$/.test(name)) return false;
      try {
        return /^(chromium|chrome)/.test(readFileSync(`/proc/${name}/comm`, 'utf8'));
      } catch {
        return false; // the process ended meanwhile
      }
    });
  };
  for (let waited = 0; waited < 5000 && chromiumLeft(); waited += 100) await sleep(100);
  await sleep(200);
}

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/**
 * The page must have a file:// origin for @font-face to load the bundled fonts (from about:blank Chromium
 * refuses local resources and silently falls back to system fonts), so it first opens an empty local
 * file; setContent then replaces the document and keeps the origin.
 */
async function printHtml(page: Page, html: string, blank: string): Promise<Buffer> {
  if (!page.url().startsWith('file:')) await page.goto(blank);
  await page.setContent(html, { waitUntil: 'load' });
  const fonts = (await page.evaluate('document.fonts.ready.then(() => [...document.fonts].every((f) => f.status === "loaded"))')) as boolean;
  if (!fonts) throw new Error('Chromium did not load the bundled fonts');
  return page.pdf({
    format: 'A4',
    margin: { top: '37mm', right: '26mm', bottom: '35mm', left: '28mm' },
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: chromiumFooter,
  });
}

function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}

export async function benchNoticeStanding(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-notice-'));
  const n = `notice ${ROWS.toLocaleString('en-US')} rows`;
  const ms = (x: number) => `median ${x.toFixed(0).padStart(8)} ms`;
  const html = noticeHtml(standingNotice(ROWS, 10), bundledFontsDir());
  const blank = join(dir, 'blank.html');
  writeFileSync(blank, '<!doctype html><meta charset="utf-8">');
  const blankUrl = pathToFileURL(blank).href;
  const script = await bundleChild();
  // Chromium's memory is sampled only while it prints (the pdfmake children are descendants too).
  const sampler = descendantMemorySampler();
  let browser: Browser | null = null;
  try {
    // Fresh, one of each in turn so that both see the same load on a shared machine. pdfmake: a new node
    // process that loads the backend, renders once and exits; Chromium: launch, print, close.
    const fresh: (ChildReport & { wallMs: number })[] = [];
    const chromeFresh: number[] = [];
    let chromePages = 0;
    for (let i = 0; i < RUNS; i++) {
      await settled();
      fresh.push(await child(script, 1));
      await settled();
      sampler.resume();
      const t0 = performance.now();
      browser = await chromium.launch(launchOptions);
      const pdf = await printHtml(await browser.newPage(), html, blankUrl);
      chromeFresh.push(performance.now() - t0);
      chromePages = pdfPageCount(pdf);
      await browser.close();
      browser = null;
      sampler.pause();
    }
    const freshMs = median(fresh.map((f) => f.firstReadyMs));
    const chromeFreshMs = median(chromeFresh);
    const part = (pick: (f: ChildReport) => number) => median(fresh.map(pick)).toFixed(0);
    line(
      `${n} (10 communities), pdfmake, fresh process`,
      `${ms(freshMs)}  (${RUNS} runs: ${fresh.map((f) => f.firstReadyMs.toFixed(0)).join(' / ')}; process start to PDF: node and modules ${part((f) => f.loadedMs)}, render ${part((f) => f.renders[0]!)} ms; wall ${median(fresh.map((f) => f.wallMs)).toFixed(0)} ms; ${fresh[0]!.pages} pages, ${(fresh[0]!.bytes / 1024).toFixed(0)} KB)`,
    );
    line(`${n}, Chromium, launch + print`, `${ms(chromeFreshMs)}  (${RUNS} runs: ${chromeFresh.map((x) => x.toFixed(0)).join(' / ')}; ${chromePages} pages)`);

    // Warm: one process renders once, then RUNS more times; Chromium prints again in an open page.
    await settled();
    const warm = await child(script, RUNS + 1);
    const warmMs = median(warm.renders.slice(1));
    sampler.resume();
    browser = await chromium.launch(launchOptions);
    const page = await browser.newPage();
    await printHtml(page, html, blankUrl);
    const chromeWarm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await printHtml(page, html, blankUrl);
      chromeWarm.push(performance.now() - t0);
    }
    await browser.close();
    browser = null;
    const chromeMemory = sampler.stop();
    const chromeWarmMs = median(chromeWarm);
    line(`${n}, pdfmake, warm`, `${ms(warmMs)}  (${RUNS} runs after a first; ${warm.renders.map((m) => m.toFixed(0)).join(' / ')} ms; peak RSS over ${RUNS + 1} renders ${mb(warm.maxRssBytes)})`);
    line(`${n}, Chromium, print in an open page`, `${ms(chromeWarmMs)}  (${RUNS} runs after a first: ${chromeWarm.map((x) => x.toFixed(0)).join(' / ')}; peak memory, sum of PSS, ${mb(chromeMemory)})`);
    const single = await child(script, RUNS + 1, 1);
    line(`${n} as one table, pdfmake, warm`, `${ms(median(single.renders.slice(1)))}  (${single.pages} pages; peak RSS ${mb(single.maxRssBytes)})`);

    const side = (label: string, a: number, b: number) =>
      line(`${n}, ${label}: pdfmake ${a.toFixed(0)} ms, Chromium ${b.toFixed(0)} ms`, `ratio ${(a / b).toFixed(2)}  (aim ≤ 0.33)`);
    side('warm', warmMs, chromeWarmMs);
    side('fresh', freshMs, chromeFreshMs);
    line(`${n}, pdfmake, fresh process: peak RSS`, `median ${mb(median(fresh.map((f) => f.maxRssBytes)))}  (${fresh.map((f) => mb(f.maxRssBytes)).join(' / ')}; aim ≤ 200 MB)`);
  } finally {
    sampler.stop();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
