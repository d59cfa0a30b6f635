// Renders a PdfJob in the PDF worker thread when the context names one (the app, CLI, harness), else in
// this thread (unit tests). Progress goes out as `pdf.progress` events either way.
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { AppError, type ErrorCode } from '../../../shared/result';
import type { BackendContext } from '../context';
import { fontSignature, type FontSearch } from './fonts';
import { jobDocument, type PdfJob } from './pdf-jobs';
import type { WorkerReply, WorkerRequest } from './pdf-worker';
import { renderPdf } from './render';

/** Where the worker script is: a bundled .cjs, or the .ts source started through a tsx bootstrap. */
export type PdfWorkerSpec = { script: string; bootstrap?: string };

/** `fonts`: the fonts' signature (fonts.ts), so another process can tell whether its render is comparable. */
export type JobResult = { buffer: Buffer; pages: number; sha256: string; fonts: string };

type Pending = { resolve: (r: JobResult) => void; reject: (e: unknown) => void; onProgress: (fraction: number) => void };

/**
 * The worker's young generation, in MB (V8 splits it in three: two semi-spaces of 8 MB and room for
 * large objects). A render keeps most of what it allocates until the PDF is written, so the default
 * 16 MB semi-spaces mostly copy more per scavenge: a fresh 5,000-row notice peaks about 10 MB higher
 * with them, while 2 MB ones cost a warm render about a fifth more time (tests/bench/notice-standing.ts
 * starts its child with the matching --max-semi-space-size).
 */
export const PDF_WORKER_YOUNG_GENERATION_MB = 24;

class PdfWorker {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(private readonly spec: PdfWorkerSpec) {}

  #start(): Worker {
    const resourceLimits = { maxYoungGenerationSizeMb: PDF_WORKER_YOUNG_GENERATION_MB };
    const worker = this.spec.bootstrap
      ? new Worker(this.spec.bootstrap, { workerData: { entry: pathToFileURL(this.spec.script).href }, resourceLimits })
      : new Worker(this.spec.script, { resourceLimits });
    worker.on('message', (reply: WorkerReply) => this.#onReply(reply));
    // A crashed worker fails its jobs with a clear error; the next job starts a fresh one.
    const fail = (error: unknown) => {
      for (const p of this.#pending.values()) p.reject(new AppError('pdf-failed', `生成 PDF 的后台进程出错：${error instanceof Error ? error.message : String(error)}`));
      this.#pending.clear();
      this.#worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
    return worker;
  }

  #onReply(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    switch (reply.type) {
      case 'progress':
        pending.onProgress(reply.fraction);
        return;
      case 'done': {
        this.#settle(reply.id);
        const buffer = Buffer.from(reply.buffer.buffer, reply.buffer.byteOffset, reply.buffer.byteLength);
        pending.resolve({ buffer, pages: reply.pages, sha256: reply.sha256, fonts: reply.fonts });
        return;
      }
      case 'error':
        this.#settle(reply.id);
        pending.reject(new AppError(reply.code as ErrorCode, reply.message, reply.details));
        return;
      default: {
        const never: never = reply;
        throw new Error(`unknown worker reply ${JSON.stringify(never)}`);
      }
    }
  }

  #settle(id: number): void {
    this.#pending.delete(id);
    // An idle worker must not keep a CLI process alive.
    if (this.#pending.size === 0) this.#worker?.unref();
  }

  run(job: PdfJob, fontSearch: FontSearch, onProgress: (fraction: number) => void): Promise<JobResult> {
    this.#worker ??= this.#start();
    this.#worker.ref();
    const id = this.#nextId++;
    return new Promise<JobResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      const request: WorkerRequest = { id, job, fontSearch };
      this.#worker!.postMessage(request);
    });
  }
}

const workers = new Map<string, PdfWorker>();

export async function renderJob(ctx: Pick<BackendContext, 'paths' | 'emit'>, job: PdfJob, jobId: string): Promise<JobResult> {
  const fontSearch: FontSearch = { bundledDir: ctx.paths.bundledFontsDir, ...(ctx.paths.systemFontDirs ? { systemDirs: ctx.paths.systemFontDirs } : {}) };
  const onProgress = (fraction: number) => ctx.emit('pdf.progress', { jobId, done: Math.round(fraction * 100), total: 100 });
  const spec = ctx.paths.pdfWorker;
  if (!spec) {
    const pdf = await renderPdf(await jobDocument(job), fontSearch, { onProgress });
    return { buffer: pdf.buffer, pages: pdf.pages, sha256: pdf.sha256, fonts: fontSignature(pdf.fonts) };
  }
  let worker = workers.get(spec.script);
  if (!worker) {
    worker = new PdfWorker(spec);
    workers.set(spec.script, worker);
  }
  return worker.run(job, fontSearch, onProgress);
}
