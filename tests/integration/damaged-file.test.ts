// A damaged data file is noticed (issue 21, item 4): with 8 KB in the middle overwritten, the CLI's
// stats, migrate, audit-verify and sync refuse it with a Chinese message and leave it byte for byte as it
// was; the app starts in recovery; a backup is refused; a sync from a copy damaged while open stops before
// it asks the centre anything. The same commands on the sound copy succeed, so each refusal is the
// damage's doing.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { runCli } from '../../electron/backend/cli/run';
import { writeBackup } from '../../electron/backend/db/backup';
import { assertIntact, integrityProblems } from '../../electron/backend/db/integrity';
import { openDatabase } from '../../electron/backend/db/open';
import { startBackend } from '../../electron/backend/startup';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { StartupState } from '../../shared/startup';
import { centralTemplate, fastRetry } from '../helpers/central';
import { keyFileFor } from '../../electron/backend/db/at-rest';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'jrd-damaged-'));
  dirs.push(d);
  return d;
};
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const central = centralTemplate();
let sound = '';

/** 8 KB of the same garbage every run, written across two pages in the middle of the file. */
function damage(file: string): void {
  const garbage = Buffer.alloc(8192);
  for (let i = 0, block = Buffer.from('jrd-damage'); i < garbage.length; i += 32) {
    block = createHash('sha256').update(block).digest();
    block.copy(garbage, i);
  }
  const middle = Math.floor(statSync(file).size / 2 / 4096) * 4096 + 1000;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, garbage, 0, garbage.length, middle);
  } finally {
    closeSync(fd);
  }
}

/** A copy of the sound file with its key file beside it (the desk's files are encrypted, issue 21). */
function copyWithKey(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(keyFileFor(from))) copyFileSync(keyFileFor(from), keyFileFor(to));
}

function damagedCopy(): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'jrd.sqlite');
  copyWithKey(sound, file);
  damage(file);
  return { dir, file };
}

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

beforeAll(async () => {
  sound = join(tempDir(), 'sound.sqlite');
  const made = await cli(['generate', '--db', sound, '--households', '300']);
  expect(made.code, made.err.join('\n')).toBe(0);
}, 120_000);
afterEach(() => central.cleanup());
afterAll(async () => {
  await central.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('quick_check', () => {
  it('passes the sound file and finds the damage in the copy', () => {
    const { file } = damagedCopy();
    const a = openDatabase(sound);
    const b = openDatabase(file);
    try {
      expect(integrityProblems(a.sqlite)).toEqual([]);
      expect(integrityProblems(b.sqlite).length).toBeGreaterThan(0);
      expect(() => assertIntact(b.sqlite, file)).toThrow(/数据文件已损坏/);
    } finally {
      a.sqlite.close();
      b.sqlite.close();
    }
  });
});

describe('the CLI on a damaged file', () => {
  it.each([['stats'], ['migrate'], ['audit-verify']])('%s works on the sound file and refuses the damaged one, writing nothing', async (command) => {
    const good = join(tempDir(), 'good.sqlite');
    copyWithKey(sound, good);
    expect((await cli([command, '--db', good])).code).toBe(0);
    const { dir, file } = damagedCopy();
    const before = sha(file);
    const r = await cli([command, '--db', file]);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toMatch(new RegExp(`^${command}: 数据文件已损坏，完整性检查未通过（.+）。程序没有读写其中的数据.*\\[db-damaged\\]$`, 's'));
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal')).sort()).toEqual(['jrd.key', 'jrd.sqlite']);
  });

  it('sync refuses the damaged file before it signs in or sends anything to a real centre', async () => {
    const server = await central.server();
    const { dir, file } = damagedCopy();
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, server.password('st001-staff1'));
    const before = sha(file);
    const fetches = vi.spyOn(globalThis, 'fetch');
    try {
      const r = await cli(['sync', '--db', file, '--server', server.url, '--username', 'st001-staff1', '--password-file', passwordFile]);
      expect(r.code).toBe(1);
      expect(r.err.join('\n')).toMatch(/^sync: 数据文件已损坏.*\[db-damaged\]$/s);
      expect(fetches).not.toHaveBeenCalled();
    } finally {
      fetches.mockRestore();
    }
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}.tokens`)).toBe(false);
  });
});

describe('the app and its sync on a damaged file', () => {
  it('starts in recovery mode with the damage named, the file untouched', async () => {
    const { dir, file } = damagedCopy();
    const before = sha(file);
    const started = await startBackend({ dataDir: dir, databaseFile: file, bundledFontsDir: bundledFontsDir(), appVersion: 'test' });
    expect(started.kind).toBe('recovery');
    const r = await started.invoker.invoke('app.startup', {});
    const state = StartupState.parse(r.ok ? r.value : null);
    expect(state).toMatchObject({ mode: 'recovery', code: 'db-damaged', databaseFile: file });
    expect(state.mode === 'recovery' && state.message).toMatch(/数据文件已损坏/);
    expect(await started.invoker.invoke('cases.list', {})).toMatchObject({ ok: false, error: { code: 'recovery' } });
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses to back up a damaged file and leaves no partial copy', () => {
    const { dir, file } = damagedCopy();
    const handle = openDatabase(file);
    const target = join(dir, 'backups', 'jrd.sqlite.bak');
    try {
      expect(() => writeBackup(handle.sqlite, file, target)).toThrow(/数据文件已损坏/);
    } finally {
      handle.sqlite.close();
    }
    expect(existsSync(target)).toBe(false);
  });

  it('a copy damaged while open: the next sync stops before asking the centre anything', async () => {
    const server = await central.server();
    const client = await central.client();
    await signIn(client.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry);
    await syncNow(client.ctx, fastRetry);
    await client.ctx.db.destroy();
    damage(client.file);
    const before = sha(client.file);
    const handle = openDatabase(client.file);
    const ctx = { ...client.ctx, db: handle.db, sqlite: handle.sqlite };
    const fetches = vi.spyOn(globalThis, 'fetch');
    try {
      await expect(syncNow(ctx, fastRetry)).rejects.toMatchObject({ code: 'db-damaged' });
      expect(fetches).not.toHaveBeenCalled();
    } finally {
      fetches.mockRestore();
      await handle.close();
    }
    expect(sha(client.file)).toBe(before);
  });
});
