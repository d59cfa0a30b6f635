// `npm run bench`: one line per figure, median of several runs, with peak memory where it matters.
// Never part of `npm test`. Later features add their benchmarks here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { createHandlerTable } from '../../electron/backend/handlers';
import { communityCaseListData } from '../../electron/backend/pdf/community-cases';
import { renderPdf } from '../../electron/backend/pdf/render';
import { setCurrentUserByUsername } from '../../electron/backend/session/session';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { communityCaseListDocument } from '../../templates/community-cases';
import { testContext } from '../helpers/minimal';
import { benchCaseSearch } from './case-search';
import { benchCentral } from './central';
import { benchCentre } from './centre';
import { benchGridScroll } from './grid-scroll';
import { benchImport } from './import';
import { benchNoticeStanding } from './notice-standing';
import { benchSampler } from './sampler';
import { benchSync } from './sync';

const dir = mkdtempSync(join(tmpdir(), 'jrd-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown> | unknown, note: () => string = () => ''): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  const m = median(ms);
  const extra = note();
  console.log(`${label.padEnd(64)} median ${m.toFixed(1).padStart(8)} ms  (${runs} runs${extra ? `, ${extra}` : ''})`);
  return m;
}

// `npm run bench -- sampler notice` runs only the named sections; no names runs them all.
const only = new Set(process.argv.slice(2));
const wanted = (section: string) => only.size === 0 || only.has(section);

try {
  console.log(`node ${process.version}, ${process.platform}-${process.arch}`);
  if (wanted('sampler')) benchSampler();
  if (wanted('core')) await benchCore();
  if (wanted('grid')) await benchGridScroll();
  if (wanted('search')) await benchCaseSearch(dir);
  if (wanted('notice')) await benchNoticeStanding();
  if (wanted('sync')) await benchSync(dir);
  if (wanted('centre')) await benchCentre(dir);
  if (wanted('central')) await benchCentral(dir);
  if (wanted('import')) benchImport(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Database, generator, handler table and case-list PDFs. */
async function benchCore(): Promise<void> {
  await time('migrate an empty database (schema 0001)', 5, async (i) => {
    const h = openDatabase(join(dir, `m${i}.sqlite`));
    await migrateToLatest(h);
    await h.close();
  });

  const handles = [0, 1, 2].map((i) => openDatabase(join(dir, `g${i}.sqlite`)));
  for (const h of handles) await migrateToLatest(h);
  await time('generate the demo district (5,000 households)', 3, (i) => generateDistrict(handles[i]!));
  const h = handles[0]!;
  for (const other of handles.slice(1)) await other.close();

  const ctx = testContext(h, dir);
  await setCurrentUserByUsername(h.db, 'bureau-chief', ctx.clock.now());
  const registry = createHandlerTable(ctx);
  let rows = 0;
  await time('cases.list, whole district through the handler table', 7, async () => {
    const r = await registry.invoke('cases.list', {});
    if (!r.ok) throw new Error(r.error.message);
    rows = (r.value as unknown[]).length;
  }, () => `${rows} rows`);
  const payload = JSON.stringify((await registry.invoke('cases.list', {})) as object).length;
  console.log(`${'cases.list payload (JSON, what crosses IPC)'.padEnd(64)} ${(payload / 1024).toFixed(0)} KB for ${rows} rows`);

  const community = h.sqlite.prepare("SELECT community_code FROM cases WHERE street_code = '430188001' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
  const data = await communityCaseListData(ctx, '430188001', community);
  const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] as string[] };
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let pages = 0;
  await time(`community case list PDF, ${data.rows.length} rows (fonts already loaded)`, 5, async () => {
    pages = (await renderPdf(communityCaseListDocument(data), fonts)).pages;
  }, () => `${pages} pages`);
  const big = { ...data, rows: Array.from({ length: 5 }, () => data.rows).flat() };
  await time(`case list PDF, ${big.rows.length} rows`, 3, () => renderPdf(communityCaseListDocument(big), fonts));
  clearInterval(sampler);
  console.log(`${'peak RSS of this process'.padEnd(64)} ${mb(peak)}`);
  await h.close();
}
