// The app lock (issue 21 item 3) through the real start-up (openBackend with a lock, as Electron main and
// the harness boot), a real SQLite file and the generated district: while locked the handler table
// answers no channel but the lock's own, wrong PINs are throttled and the throttle survives a restart,
// idleness locks, and 退出登录 forgets the session in the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/channels';
import { openWhileLocked, type LockStatus } from '../../shared/lock';
import type { ApiResult } from '../../shared/result';
import { openBackend, type Backend } from '../../electron/backend/boot';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { fixedClock } from '../../electron/backend/clock';
import { MemorySecretStore } from '../../electron/backend/sync/secret-store';
import { runCli } from '../../electron/backend/cli/run';
import { keyFileFor, openKeyed, readKeyFile } from '../../electron/backend/db/at-rest';

const dir = mkdtempSync(join(tmpdir(), 'jrd-lock-'));
const file = join(dir, 'desk.sqlite');
let nowMs = Date.parse('2026-11-20T02:00:00.000Z');
let backend: Backend;

function boot(): Promise<Backend> {
  return openBackend({
    dataDir: dir,
    databaseFile: file,
    bundledFontsDir: bundledFontsDir(),
    systemFontDirs: [],
    appVersion: 'test',
    clock: fixedClock('2026-11-20T02:00:00.000Z'),
    secretStore: new MemorySecretStore(),
    invoke: { checkResults: true },
    lock: { now: () => nowMs, cost: 14 },
  });
}

const invoke = (name: string, args: unknown = {}) => backend.registry.invoke(name, args);
async function value<T>(name: string, args: unknown = {}): Promise<T> {
  const r = await invoke(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const code = (r: ApiResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const status = () => value<LockStatus>('lock.status');
const PIN = '482916';
let sessionUserId: string;

beforeAll(async () => {
  backend = await boot();
  sessionUserId = generateDistrict(backend.handle, { households: 300, seed: 7 }).sessionUserId;
}, 120_000);
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('app lock', () => {
  it('starts locked and refuses every channel but the lock’s own, before reading its arguments', async () => {
    const s = await status();
    expect(s).toMatchObject({ enabled: true, locked: true, mustSetPin: true, idleMinutes: 10, users: [] });
    expect(s.session?.id).toBe(sessionUserId);
    const data = channelNames.filter((n) => !(openWhileLocked as readonly string[]).includes(n));
    expect(data).toContain('cases.page');
    for (const name of data) {
      const r = await invoke(name, {});
      expect(r, name).toEqual({ ok: false, error: { code: 'locked', message: '工作台已锁定：请输入 PIN 或密码解锁' } });
    }
    // Valid arguments do not get further either.
    expect(code(await invoke('cases.page', { query: {}, sort: { column: 'appliedOn', direction: 'desc' }, offset: 0, limit: 50 }))).toBe('locked');
    // A command (a write) is refused at the same door.
    expect(code(await invoke('cases.intake', { nonsense: true }))).toBe('locked');
  });

  it('asks the session user for a first PIN, refusing weak ones, and then answers again', async () => {
    for (const weak of ['12345', '123456', '654321', '111111', 'short7x', '  padded password ']) {
      const r = await invoke('lock.setPin', { secret: weak });
      expect(code(r), weak).toBe('validation');
    }
    expect((await status()).locked).toBe(true);
    const s = await value<LockStatus>('lock.setPin', { secret: PIN });
    expect(s).toMatchObject({ locked: false, mustSetPin: false });
    expect(s.users.map((u) => u.id)).toEqual([sessionUserId]);
    const page = await value<{ total: number; rows: unknown[] }>('cases.page', { query: {}, sort: { column: 'appliedOn', direction: 'desc' }, offset: 0, limit: 20 });
    expect(page.rows.length).toBeGreaterThan(0);
    const row = backend.handle.sqlite.prepare('SELECT kind, length(hash) AS h, length(salt) AS s, cost FROM desk_pins WHERE user_id = ?').get(sessionUserId);
    expect(row).toEqual({ kind: 'pin', h: 64, s: 32, cost: 14 });
    // The PIN itself is nowhere in the file's rows.
    expect(JSON.stringify(backend.handle.sqlite.prepare('SELECT * FROM desk_pins').all())).not.toContain(PIN);
  });

  it('does not let a locked desk replace its PIN, nor an open one without the current PIN', async () => {
    expect(code(await invoke('lock.setPin', { secret: '739184' }))).toBe('validation');
    expect(code(await invoke('lock.setPin', { secret: '739184', current: '000000' }))).toBe('wrong-secret');
    await value('lock.lockNow');
    expect(code(await invoke('lock.setPin', { secret: '739184', current: PIN }))).toBe('locked');
    expect(code(await invoke('cases.list', {}))).toBe('locked');
    await value('lock.unlock', { userId: sessionUserId, secret: PIN });
    // The wrong try above counted; the right PIN cleared it.
    expect(backend.handle.sqlite.prepare('SELECT failures FROM desk_pins').pluck().get()).toBe(0);
  });

  it('throttles wrong PINs, parallel guesses included, and a restart keeps the wait', async () => {
    await value('lock.lockNow');
    // Eight guesses at once: they are checked one after another, so only four are told "try again".
    const guesses = await Promise.all(['100001', '100002', '100003', '100004', '100005', '100006', '100007', '100008'].map((secret) => invoke('lock.unlock', { userId: sessionUserId, secret })));
    expect(guesses.map(code).filter((c) => c === 'wrong-secret')).toHaveLength(4);
    expect(guesses.map(code).filter((c) => c === 'throttled')).toHaveLength(4);
    const fifth = guesses.find((g) => !g.ok && g.error.code === 'throttled');
    expect(fifth && !fifth.ok && fifth.error.message).toMatch(/秒后再试/);
    // The right PIN is refused while the wait lasts, and across a restart.
    expect(code(await invoke('lock.unlock', { userId: sessionUserId, secret: PIN }))).toBe('throttled');
    await backend.close();
    backend = await boot();
    expect((await status()).locked).toBe(true);
    expect(code(await invoke('lock.unlock', { userId: sessionUserId, secret: PIN }))).toBe('throttled');
    nowMs += 30_000;
    // After the wait one more wrong try doubles it.
    expect(code(await invoke('lock.unlock', { userId: sessionUserId, secret: '100009' }))).toBe('throttled');
    nowMs += 30_000;
    expect(code(await invoke('lock.unlock', { userId: sessionUserId, secret: PIN }))).toBe('throttled');
    nowMs += 30_000;
    expect((await value<LockStatus>('lock.unlock', { userId: sessionUserId, secret: PIN })).locked).toBe(false);
    expect(backend.handle.sqlite.prepare('SELECT failures, blocked_until FROM desk_pins').get()).toEqual({ failures: 0, blocked_until: null });
  });

  it('refuses to unlock as someone who is not on the desk’s list', async () => {
    await value('lock.lockNow');
    const other = backend.handle.sqlite.prepare('SELECT id FROM users WHERE id <> ? AND active = 1 LIMIT 1').pluck().get(sessionUserId) as string;
    expect(code(await invoke('lock.unlock', { userId: other, secret: PIN }))).toBe('not-found');
    expect(code(await invoke('lock.unlock', { userId: 'no-such-user', secret: PIN }))).toBe('not-found');
    expect(code(await invoke('lock.unlock', { userId: sessionUserId, secret: PIN, extra: 1 }))).toBe('invalid-args');
    expect((await status()).locked).toBe(true);
    await value('lock.unlock', { userId: sessionUserId, secret: PIN });
  });

  it('locks after the idle time, counted from the last sign of the person, not from polling', async () => {
    expect((await value<LockStatus>('lock.setIdleMinutes', { minutes: 5 })).idleMinutes).toBe(5);
    nowMs += 4 * 60_000;
    await value('lock.status', { active: true });
    nowMs += 4 * 60_000;
    // Calls that are not the person (a screen refreshing itself) do not keep the desk open.
    await value('cases.list', {});
    await value('lock.status', {});
    nowMs += 60_000;
    expect(code(await invoke('cases.list', {}))).toBe('locked');
    // Activity reported after the lapse does not revive the unlock.
    expect((await value<LockStatus>('lock.status', { active: true })).locked).toBe(true);
    await value('lock.unlock', { userId: sessionUserId, secret: PIN });
    // The idle time is this desk's, kept across a restart; and every start is locked.
    await backend.close();
    backend = await boot();
    expect(await status()).toMatchObject({ locked: true, idleMinutes: 5, mustSetPin: false });
    await value('lock.unlock', { userId: sessionUserId, secret: PIN });
  });

  it('退出登录 forgets the session in the database and locks; unlocking signs the user in again', async () => {
    const s = await value<LockStatus>('lock.signOut');
    expect(s).toMatchObject({ locked: true, session: null, mustSetPin: false });
    expect(backend.handle.sqlite.prepare("SELECT count(*) FROM settings WHERE key = 'session.userId'").pluck().get()).toBe(0);
    expect(code(await invoke('session.current'))).toBe('locked');
    // Nobody is signed in, so there is no first PIN to set.
    expect(code(await invoke('lock.setPin', { secret: '739184' }))).toBe('no-session');
    await value('lock.unlock', { userId: sessionUserId, secret: PIN });
    expect((await value<{ id: string }>('session.current')).id).toBe(sessionUserId);
    // 退出登录 on the 同步 screen does the same.
    await value('sync.signOut');
    expect(await status()).toMatchObject({ locked: true, session: null });
    const actions = backend.handle.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'lock.%' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['lock.pinSet', 'lock.signOut', 'lock.signOut']);
    expect(code(await invoke('cases.page', { query: {}, sort: { column: 'appliedOn', direction: 'desc' }, offset: 0, limit: 20 }))).toBe('locked');
  });
});

describe('a forgotten PIN', () => {
  it('is removed from the machine’s shell (pin-reset), and the lock screen asks that user for a new one', async () => {
    await backend.close();
    const raw = openKeyed(file, readKeyFile(keyFileFor(file)), { readonly: true });
    const username = raw.prepare('SELECT username FROM users WHERE id = ?').pluck().get(sessionUserId) as string;
    raw.close();
    const lines: string[] = [];
    expect(await runCli(['pin-reset', '--db', file, '--user', username], (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('已清除');
    expect(await runCli(['pin-reset', '--db', file, '--user', 'nobody-here'], () => undefined, (l) => lines.push(l))).toBe(1);
    backend = await boot();
    expect(await status()).toMatchObject({ locked: true, mustSetPin: true, users: [] });
    expect((await status()).session?.id).toBe(sessionUserId);
    expect(code(await invoke('cases.list', {}))).toBe('locked');
    expect((await value<LockStatus>('lock.setPin', { secret: '739184' })).locked).toBe(false);
    expect((await value<unknown[]>('cases.list', {})).length).toBeGreaterThan(0);
  });
});

describe('a copy with nothing to protect', () => {
  it('stays open while nobody is signed in and no PIN was set, so the first sign-in to the centre can happen', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'jrd-lock-empty-'));
    const empty = await openBackend({ dataDir: emptyDir, bundledFontsDir: bundledFontsDir(), appVersion: 'test', secretStore: new MemorySecretStore(), lock: { cost: 14 } });
    try {
      expect(await empty.registry.invoke('lock.status', {})).toMatchObject({ ok: true, value: { enabled: true, locked: false, session: null, users: [] } });
      expect((await empty.registry.invoke('sync.status', {})).ok).toBe(true);
    } finally {
      await empty.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
