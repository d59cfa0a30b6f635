// Worker-thread entry: renders PDF jobs one after another, reporting progress, so a long list is laid
// out off the thread that answers the UI. Fonts stay loaded between jobs, as in the main process.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/result';
import { fontSignature, type FontSearch } from './fonts';
import { jobDocument, type PdfJob } from './pdf-jobs';
import { renderPdf } from './render';

export type WorkerRequest = { id: number; job: PdfJob; fontSearch: FontSearch };
export type WorkerReply =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'done'; buffer: Uint8Array; pages: number; sha256: string; fonts: string }
  | { id: number; type: 'error'; code: string; message: string; details?: unknown };

const port = parentPort;
if (!port) throw new Error('pdf-worker must run in a worker thread');
port.on('message', (request: WorkerRequest) => {
  const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  jobDocument(request.job)
    .then((doc) => renderPdf(doc, request.fontSearch, { onProgress: (fraction) => reply({ id: request.id, type: 'progress', fraction }) }))
    .then((pdf) => {
      const bytes = new Uint8Array(pdf.buffer.buffer.slice(pdf.buffer.byteOffset, pdf.buffer.byteOffset + pdf.buffer.byteLength));
      reply({ id: request.id, type: 'done', buffer: bytes, pages: pdf.pages, sha256: pdf.sha256, fonts: fontSignature(pdf.fonts) }, [bytes.buffer as ArrayBuffer]);
    })
    .catch((error: unknown) => {
      if (error instanceof AppError) reply({ id: request.id, type: 'error', code: error.code, message: error.message, details: error.details });
      else reply({ id: request.id, type: 'error', code: 'pdf-failed', message: error instanceof Error ? error.message : String(error) });
    });
});
