// 使用新的数据文件: a demo copy cannot join a centre, so the app makes a new, empty data file beside the
// old one and goes on with it. The old file is left exactly as it was; the pointer can only ever name a
// data file of ours in the data folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FILE_POINTER, resolveDatabaseFile } from '../../electron/backend/app/data-file';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { fixedClock } from '../../electron/backend/clock';
import { startBackend } from '../../electron/backend/startup';
import { seedMinimal } from '../helpers/minimal';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
let dir = '';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function boot(switched: string[] = []) {
  const started = await startBackend({
    dataDir: dir,
    bundledFontsDir: bundledFontsDir(),
    systemFontDirs: [],
    appVersion: 'test',
    clock: fixedClock('2026-11-20T10:30:00+08:00'),
    switchDataFile: (file) => switched.push(file),
  });
  if (started.kind !== 'ready') throw new Error(started.problem.message);
  closers.push(() => started.backend.close());
  return started.backend;
}

describe('a new data file', () => {
  it('is made beside a demo copy, named for the next start, and leaves the demo file untouched', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jrd-datafile-'));
    const switched: string[] = [];
    const demo = await boot(switched);
    expect(demo.ctx.databaseFile).toBe(join(dir, 'jrd.sqlite'));
    seedMinimal(demo.handle);
    // The 同步 screen knows before any password that this copy cannot sign in.
    const before = await demo.registry.invoke('sync.status', {});
    expect(before).toMatchObject({ ok: true, value: { localData: true, databaseFile: join(dir, 'jrd.sqlite') } });

    demo.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const demoHash = sha(join(dir, 'jrd.sqlite'));
    const made = await demo.registry.invoke('app.newDataFile', {});
    expect(made).toEqual({ ok: true, value: { databaseFile: join(dir, 'jrd-20261120-103000.sqlite'), previousFile: join(dir, 'jrd.sqlite') } });
    expect(switched).toEqual([join(dir, 'jrd-20261120-103000.sqlite')]);
    expect((statSync(join(dir, 'jrd-20261120-103000.sqlite')).mode & 0o777).toString(8)).toBe('600');
    expect(resolveDatabaseFile(dir)).toBe(join(dir, 'jrd-20261120-103000.sqlite'));
    // A second one in the same second gets a number instead of overwriting the first.
    const again = await demo.registry.invoke('app.newDataFile', {});
    expect(again).toMatchObject({ ok: true, value: { databaseFile: join(dir, 'jrd-20261120-103000-2.sqlite') } });
    await closers.pop()!();
    expect(sha(join(dir, 'jrd.sqlite'))).toBe(demoHash);

    // The next start opens the new file: empty, migrated, free to sign in.
    const fresh = await boot();
    expect(fresh.ctx.databaseFile).toBe(join(dir, 'jrd-20261120-103000-2.sqlite'));
    expect(await fresh.registry.invoke('sync.status', {})).toMatchObject({ ok: true, value: { localData: false, signedIn: false, pending: 0 } });
    expect(await fresh.registry.invoke('regions.list', {})).toMatchObject({ ok: false, error: { code: 'no-session' } });
  });

  it('is never looked for outside the data folder, whatever the pointer says', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jrd-datafile-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'jrd-elsewhere-'));
    writeFileSync(join(elsewhere, 'jrd.sqlite'), '');
    try {
      for (const file of ['../jrd.sqlite', `${elsewhere}/jrd.sqlite`, 'jrd-20261120-103000.sqlite', 'other.db', 42]) {
        writeFileSync(join(dir, DATA_FILE_POINTER), JSON.stringify({ file }));
        expect(resolveDatabaseFile(dir)).toBe(join(dir, 'jrd.sqlite'));
      }
      writeFileSync(join(dir, DATA_FILE_POINTER), '{not json');
      expect(resolveDatabaseFile(dir)).toBe(join(dir, 'jrd.sqlite'));
      expect(existsSync(join(dir, 'jrd.sqlite'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
