// Backups are private from their first byte (issue 21, item 6): with umask 0, a thread watching the
// backup's path while VACUUM INTO writes it never sees any mode but 0600. The same watch on a plain VACUUM
// INTO (SQLite creating the file itself, as the backup was made before) does see the file world-readable,
// so the watch can catch the window it looks for.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../electron/backend/db/backup';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';

const dir = mkdtempSync(join(tmpdir(), 'jrd-backup-mode-'));
let handle: DbHandle;
let umask = 0;

beforeAll(() => {
  handle = openDatabase(join(dir, 'jrd.sqlite'));
  // Some megabytes, so that writing the copy takes long enough to be watched.
  handle.sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
  const insert = handle.sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
  handle.sqlite.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(createHash('sha256').update(String(i)).digest('hex').repeat(3));
  })();
  umask = process.umask(0);
});
afterAll(async () => {
  process.umask(umask);
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `write` while a worker thread stats `target` as fast as it can; the modes it saw. */
async function watchModes(target: string, write: () => void): Promise<number[]> {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const { statSync } = require('node:fs');
     const flags = workerData.flags, seen = new Set();
     Atomics.store(flags, 0, 1);
     while (Atomics.load(flags, 1) === 0) {
       try { seen.add(statSync(workerData.target).mode & 0o777); } catch {}
     }
     parentPort.postMessage([...seen]);`,
    { eval: true, workerData: { flags, target } },
  );
  while (Atomics.load(flags, 0) === 0) await new Promise((r) => setTimeout(r, 5));
  const seen = new Promise<number[]>((resolve) => worker.once('message', resolve));
  try {
    write();
  } finally {
    Atomics.store(flags, 1, 1);
  }
  const modes = await seen;
  await worker.terminate();
  return modes;
}

describe('a backup', () => {
  it('is 0600 from its first byte, under umask 0', async () => {
    const target = join(dir, 'backups', 'jrd.sqlite.v1.bak');
    const modes = await watchModes(target, () => writeBackup(handle.sqlite, handle.file, target));
    expect(modes).toEqual([0o600]);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(target).size).toBeGreaterThan(4_000_000);
  });

  it('refuses a target someone already created', () => {
    const target = join(dir, 'planted.bak');
    writeFileSync(target, '', { mode: 0o644 });
    expect(() => writeBackup(handle.sqlite, handle.file, target)).toThrow(/EEXIST/);
  });

  it('(control) a plain VACUUM INTO is seen world-readable while SQLite writes it', async () => {
    const target = join(dir, 'plain.bak');
    const modes = await watchModes(target, () => handle.sqlite.prepare('VACUUM INTO ?').run(target));
    expect(modes).toContain(0o644);
  });
});
