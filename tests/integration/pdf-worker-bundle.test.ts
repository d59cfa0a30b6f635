// The PDF worker as the app ships it: bundled to CommonJS with the packages of
// scripts/pdf-worker-bundle.mjs left in node_modules, each template loaded with its first job. A notice
// (no zod, no ECharts), minutes and the statistics report (ECharts and zod read from node_modules when it
// comes) give the same bytes as the source run in this thread.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFontsDir } from '../../electron/backend/app-root';
import type { BackendContext } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/clock';
import type { PdfJob } from '../../electron/backend/pdf/pdf-jobs';
import { renderJob } from '../../electron/backend/pdf/render-job';
import { statisticsView } from '../../electron/backend/statistics/figures';
import { pdfWorkerExternal } from '../../scripts/pdf-worker-bundle.mjs';
import { minutesData } from '../fixtures/minutes-meeting';
import { standingNotice } from '../bench/notice-fixture';
import { districtTemplate } from '../helpers/district';

const dir = mkdtempSync(join(tmpdir(), 'jrd-worker-bundle-'));
// Under the project, so that require() finds node_modules as it does beside dist-electron/.
const bundleDir = resolve('dist-electron', `test-worker-${process.pid}`);
const script = join(bundleDir, 'pdf-worker.cjs');
const district = districtTemplate();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
  district.dispose();
});

beforeAll(async () => {
  mkdirSync(bundleDir, { recursive: true });
  await build({ entryPoints: ['electron/backend/pdf/pdf-worker.ts'], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: pdfWorkerExternal, logLevel: 'error' });
}, 60_000);

function context(worker: boolean): BackendContext {
  return {
    db: undefined as never,
    sqlite: undefined as never,
    secrets: undefined as never,
    databaseFile: '',
    clock: fixedClock('2026-12-01T02:00:00Z'),
    appVersion: 'test',
    paths: { dataDir: dir, exportDir: dir, bundledFontsDir: bundledFontsDir(), systemFontDirs: [], ...(worker ? { pdfWorker: { script } } : {}) },
    emit: () => undefined,
  };
}

/** The statistics report is stamped with the time it was made (pdfkit's CreationDate, and the file ID
 *  made from it), which the other templates fix; the rest must match byte for byte. */
const unstamped = (pdf: Buffer) => pdf.toString('latin1').replace(/\(D:\d{14}Z\)/g, '(D:)').replace(/\/ID \[<[0-9a-f]+> ?<[0-9a-f]+>\]/g, '/ID []');

async function sameInBundle(job: PdfJob, id: string): Promise<number> {
  const bundled = await renderJob(context(true), job, `${id}-bundle`);
  const source = await renderJob(context(false), job, `${id}-thread`);
  expect(bundled.buffer.length).toBe(source.buffer.length);
  expect(unstamped(bundled.buffer) === unstamped(source.buffer)).toBe(true);
  return bundled.pages;
}

describe('the bundled PDF worker', () => {
  it('prints a notice and minutes as the source does', async () => {
    expect(await sameInBundle({ template: 'notice', data: standingNotice(200, 10) }, 'notice')).toBeGreaterThan(1);
    expect(await sameInBundle({ template: 'minutes', data: minutesData }, 'minutes')).toBeGreaterThan(1);
  }, 60_000);

  it('prints the statistics report, its charts drawn by ECharts from node_modules', async () => {
    const world = await district.world('2026-12-01T02:00:00.000Z');
    try {
      const view = await statisticsView(world.ctx.db, { id: 'x', role: 'bureau_chief', regionCode: '430188' }, { scope: '430188', month: '2026-10', period: 'month' }, '2026-12-01');
      const job: PdfJob = { template: 'statisticsReport', data: { view, officeName: '望城区民政局', printedOn: '2026-12-01' } };
      expect(await sameInBundle(job, 'statistics')).toBeGreaterThanOrEqual(1);
    } finally {
      await world.cleanup();
    }
  }, 120_000);
});
