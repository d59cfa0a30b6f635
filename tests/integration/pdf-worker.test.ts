// PDFs laid out in the worker thread: same bytes as in this thread, progress on the way, errors with
// their codes, and a crashed or refused job never hangs the caller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/api';
import { sourcePdfWorker, bundledFontsDir } from '../../electron/backend/app-root';
import type { BackendContext } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/clock';
import { renderJob } from '../../electron/backend/pdf/render-job';
import { minutesData } from '../fixtures/minutes-meeting';

const dir = mkdtempSync(join(tmpdir(), 'jrd-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context(progress: EventPayload<'pdf.progress'>[], overrides: Partial<BackendContext['paths']> = {}): BackendContext {
  return {
    db: undefined as never,
    sqlite: undefined as never,
    secrets: undefined as never,
    databaseFile: '',
    clock: fixedClock('2026-11-20T02:00:00Z'),
    appVersion: 'test',
    paths: { dataDir: dir, exportDir: dir, bundledFontsDir: bundledFontsDir(), systemFontDirs: [], pdfWorker: sourcePdfWorker(), ...overrides },
    emit: (event, payload) => {
      if (event === 'pdf.progress') progress.push(payload as EventPayload<'pdf.progress'>);
    },
  };
}

const job = { template: 'minutes' as const, data: minutesData };

describe('the PDF worker thread', () => {
  it('renders the same bytes as this thread and reports progress', async () => {
    const progress: EventPayload<'pdf.progress'>[] = [];
    const inWorker = await renderJob(context(progress), job, 'job-1');
    const { pdfWorker: _none, ...inline } = context([]).paths;
    const inThread = await renderJob({ ...context([]), paths: inline }, job, 'job-2');
    expect(inWorker.sha256).toBe(inThread.sha256);
    expect(inWorker.buffer.equals(inThread.buffer)).toBe(true);
    expect(inWorker.pages).toBeGreaterThan(1);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === 'job-1')).toBe(true);
    // At most one event per whole percent (pdfmake calls back for every item it draws), rising to 100.
    expect(progress.length).toBeLessThanOrEqual(101);
    expect(new Set(progress.map((p) => p.done)).size).toBe(progress.length);
    expect(progress[progress.length - 1]!.done).toBe(100);
  }, 60_000);

  it('passes a refusal back with its code and keeps serving later jobs', async () => {
    const broken = renderJob(context([], { bundledFontsDir: join(dir, 'no-fonts') }), job, 'job-3');
    await expect(broken).rejects.toMatchObject({ name: 'AppError' });
    const after = await renderJob(context([]), job, 'job-4');
    expect(after.pages).toBeGreaterThan(1);
  }, 60_000);
});
