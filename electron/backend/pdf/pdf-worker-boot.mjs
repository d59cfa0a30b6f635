// Runs the TypeScript worker from source (CLI, harness, tests): tsx's loader does not reach a worker's
// entry through execArgv, so the worker registers it itself. The packaged app runs the bundled .cjs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
