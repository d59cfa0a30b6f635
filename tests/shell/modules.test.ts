// The shell's small modules: window placement between runs, the Chinese menu, the log file (masked, 0600,
// bounded) and which files the desktop channels may touch.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result';
import { exportedFile } from '../../electron/desktop-files';
import { fileLog, redact } from '../../electron/log';
import { menuTemplate } from '../../electron/menu';
import { loadWindowState, placeWindow, saveWindowState } from '../../electron/window-state';
import type { MenuItemConstructorOptions } from 'electron';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jrd-shell-'));
  dirs.push(d);
  return d;
}

describe('window state', () => {
  const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
  const projector = { x: 1920, y: 0, width: 1280, height: 720 };

  it('reopens where it was when that screen is still there, fitted inside it', () => {
    expect(placeWindow({ x: 2000, y: 10, width: 1200, height: 700, maximized: false }, [laptop, projector], { width: 1440, height: 900 })).toEqual({ x: 2000, y: 10, width: 1200, height: 700, maximized: false });
    expect(placeWindow({ x: 1900, y: -50, width: 1600, height: 900, maximized: true }, [laptop, projector], { width: 1440, height: 900 })).toEqual({ x: 1920, y: 0, width: 1280, height: 720, maximized: true });
  });

  it('comes back centred on the primary screen when the projector is gone', () => {
    expect(placeWindow({ x: 2000, y: 10, width: 1200, height: 700, maximized: false }, [laptop], { width: 1440, height: 900 })).toEqual({ x: 240, y: 70, width: 1440, height: 900, maximized: false });
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1366, height: 728 }], { width: 1440, height: 900 })).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('is kept in a file of the OS user’s only, and a damaged file is ignored', () => {
    const file = join(tempDir(), 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    saveWindowState(file, { x: 1, y: 2, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 1, y: 2, width: 1200, height: 800, maximized: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, '{"x": "left"}');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, 'not json');
    expect(loadWindowState(file)).toBeNull();
  });
});

describe('menu', () => {
  const actions = { showFolder: () => undefined, about: () => undefined };
  const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);

  it('is in Chinese', () => {
    const labelled = flat(menuTemplate(actions, { packaged: true })).filter((i) => i.type !== 'separator');
    expect(labelled.length).toBeGreaterThan(15);
    for (const item of labelled) expect(item.label, JSON.stringify(item)).toMatch(/[\u4e00-\u9fff]/);
    expect(menuTemplate(actions, { packaged: true }).map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('has developer tools and reload only in a development build', () => {
    const roles = (packaged: boolean) => flat(menuTemplate(actions, { packaged })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('opens the folders through the given action', () => {
    const opened: string[] = [];
    const file = menuTemplate({ showFolder: (f) => opened.push(f), about: () => undefined }, { packaged: true })[0]!;
    for (const item of file.submenu as MenuItemConstructorOptions[]) (item.click as (() => void) | undefined)?.();
    expect(opened).toEqual(['exports', 'data', 'backups', 'logs']);
  });
});

describe('log', () => {
  it('masks ID card and mobile numbers, whatever the message', () => {
    expect(redact('核对 430102199003077777 失败，电话 13812345678')).toBe('核对 [身份证号] 失败，电话 [手机号]');
    expect(redact('id 43010219900307777X; old 430102900307777')).toBe('id [身份证号]; old [身份证号]');
    // Case numbers, counts and versions stay readable.
    expect(redact('case 430188001-202611-001, 496632 rows, schema 4')).toBe('case 430188001-202611-001, 496632 rows, schema 4');
  });

  it('writes one line per entry, readable by the OS user only, and stays bounded', () => {
    const file = join(tempDir(), 'logs', 'main.log');
    const log = fileLog(file, () => new Date('2026-11-30T01:02:03Z'));
    log.write('error', 'channel cases.list failed', new Error('SQLITE_BUSY: database is locked\n  at x'));
    log.write('info', '身份证 430102199003077777');
    expect(readFileSync(file, 'utf8')).toBe('2026-11-30T01:02:03.000Z ERROR channel cases.list failed | Error: SQLITE_BUSY: database is locked at x\n2026-11-30T01:02:03.000Z INFO 身份证 [身份证号]\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const long = 'x'.repeat(1000);
    for (let i = 0; i < 1200; i++) log.write('info', long);
    expect(statSync(file).size).toBeLessThan(1.1 * 1024 * 1024);
    expect(statSync(`${file}.1`).size).toBeGreaterThan(1024 * 1024);
  });
});

describe('files the desktop channels may touch', () => {
  function world() {
    const root = tempDir();
    const exports = join(root, 'exports');
    mkdirSync(join(exports, 'sub'), { recursive: true });
    writeFileSync(join(exports, 'minutes.pdf'), '%PDF');
    writeFileSync(join(exports, 'sub', 'sample.csv'), 'a');
    writeFileSync(join(exports, '决定-430188001-2026-11-第11期.xlsx'), 'PK');
    writeFileSync(join(exports, 'tool.sh'), 'rm -rf /');
    writeFileSync(join(root, 'jrd.sqlite'), 'db');
    symlinkSync(join(root, 'jrd.sqlite'), join(exports, 'sneaky.pdf'));
    return { root, exports };
  }
  const code = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (error) {
      return error instanceof AppError ? error.code : 'other';
    }
  };

  it('allows the app’s own exports', () => {
    const { exports } = world();
    expect(exportedFile(exports, join(exports, 'minutes.pdf'))).toBe(join(exports, 'minutes.pdf'));
    expect(exportedFile(exports, 'sub/sample.csv')).toBe(join(exports, 'sub', 'sample.csv'));
    expect(exportedFile(exports, '决定-430188001-2026-11-第11期.xlsx')).toBe(join(exports, '决定-430188001-2026-11-第11期.xlsx'));
  });

  it('refuses anything else: outside, through a link, other kinds, folders, missing files', () => {
    const { root, exports } = world();
    expect(code(() => exportedFile(exports, join(root, 'jrd.sqlite')))).toBe('forbidden');
    expect(code(() => exportedFile(exports, '../jrd.sqlite'))).toBe('forbidden');
    expect(code(() => exportedFile(exports, 'sneaky.pdf'))).toBe('forbidden');
    expect(code(() => exportedFile(exports, 'tool.sh'))).toBe('forbidden');
    expect(code(() => exportedFile(exports, 'sub'))).toBe('forbidden');
    expect(code(() => exportedFile(exports, exports))).toBe('forbidden');
    expect(code(() => exportedFile(exports, 'gone.pdf'))).toBe('not-found');
  });
});
