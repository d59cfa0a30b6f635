// Electron main as built (dist-electron/main.cjs), started against a stand-in for the 'electron' module
// that records what main asks of it, with the real backend and a real SQLite file behind it. It proves
// the wiring the Electron e2e would (which needs a binary): the single-instance lock, every channel
// guarded by the frame check, the CSP header, permissions and new windows denied, navigation refused,
// the menu set, the window placed, desktop channels confined to the export folder, and the page served
// from the privileged app:// scheme (registered before ready) with the CSP as a response header.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { keyFileFor, openKeyed, readKeyFile } from '../../electron/backend/db/at-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/channels';
import { desktopChannelNames } from '../../shared/desktop-channels';

type Handler = (event: unknown, args?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
const root = resolve('.');
const userData = mkdtempSync(join(tmpdir(), 'jrd-main-'));
const appUrl = 'app://desk/index.html';
const handlers = new Map<string, Handler>();
type FrameNavigation = { url: string; isMainFrame: boolean; preventDefault(): void };
const protocolCalls = { events: [] as string[], privileged: null as unknown, schemes: [] as string[], handler: null as null | ((request: Request) => Promise<Response>) };
let ready = false;
let frameNavigate: null | ((e: FrameNavigation) => void) = null;
const record = { singleInstance: 0, menu: null as unknown, windows: [] as Record<string, unknown>[], loaded: [] as string[], opened: [] as string[], windowOpen: null as null | ((d: { url: string }) => unknown), navigate: null as null | ((e: { preventDefault(): void }, url: string) => void) };
let headers: null | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) = null;
let permission: null | ((wc: unknown, p: string, cb: (allow: boolean) => void) => void) = null;
let permissionCheck: null | (() => boolean) = null;
const webContents = {
  on: (event: string, fn: (e: { preventDefault(): void }, url: string) => void) => {
    if (event === 'will-navigate') record.navigate = fn;
    if (event === 'will-frame-navigate') frameNavigate = fn as unknown as (e: FrameNavigation) => void;
  },
  setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (record.windowOpen = fn),
  send: () => undefined,
};

function fakeElectron() {
  const paths: Record<string, string> = { userData: join(userData, 'default'), documents: join(userData, 'docs') };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      record.windows.push(options);
    }
    maximize() {}
    on() {}
    once() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1440, height: 900 };
    }
    async loadURL(url: string) {
      record.loaded.push(url);
    }
  }
  return {
    app: {
      setPath: (name: string, p: string) => (paths[name] = p),
      getPath: (name: string) => paths[name] ?? join(userData, name),
      getAppPath: () => root,
      getVersion: () => '0.1.0-test',
      isPackaged: false,
      requestSingleInstanceLock: () => (record.singleInstance++, true),
      on: () => undefined,
      whenReady: () => (protocolCalls.events.push('whenReady'), Promise.resolve().then(() => (ready = true))),
      quit: () => undefined,
      exit: (code: number) => {
        throw new Error(`app.exit(${code})`);
      },
    },
    BrowserWindow,
    // As Electron: privileges only before ready, handlers only after.
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        if (ready) throw new Error('registerSchemesAsPrivileged after ready');
        protocolCalls.events.push('registerSchemesAsPrivileged');
        protocolCalls.privileged = schemes;
      },
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
        if (!ready) throw new Error('protocol.handle before ready');
        protocolCalls.events.push(`handle:${scheme}`);
        protocolCalls.schemes.push(scheme);
        protocolCalls.handler = fn;
      },
    },
    ipcMain: { handle: (channel: string, fn: Handler) => handlers.set(channel, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof permission) => (permission = fn),
        setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (record.menu = m) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    shell: { openPath: async (p: string) => (record.opened.push(p), '') },
    dialog: { showSaveDialog: async () => ({ canceled: true }), showMessageBox: async () => ({}) },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  };
}

const trusted = () => ({ sender: webContents, senderFrame: { url: appUrl, parent: null } });
const call = (channel: string, event: unknown, args: unknown = {}) => handlers.get(channel)!(event, args);

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-electron failed: ${built.stderr}`);
  // The app:// handler serves the built renderer; build it when no earlier run has.
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    const renderer = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'], { encoding: 'utf8' });
    if (renderer.status !== 0) throw new Error(`vite build failed: ${renderer.stderr}`);
  }
  process.env.JRD_USER_DATA = userData;
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  const electron = fakeElectron();
  Module._load = (request: string, ...rest: unknown[]) => (request === 'electron' ? electron : load(request, ...rest));
  try {
    require(join(root, 'dist-electron', 'main.cjs'));
  } finally {
    Module._load = load;
  }
  for (let waited = 0; record.loaded.length === 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}, 120_000);

afterAll(() => {
  delete process.env.JRD_USER_DATA;
  rmSync(userData, { recursive: true, force: true });
});

describe('Electron main, wired', () => {
  it('takes the single-instance lock and opens one hardened window on the app page', () => {
    expect(record.singleInstance).toBe(1);
    expect(record.windows).toHaveLength(1);
    expect(record.windows[0]).toMatchObject({ x: 240, y: 70, width: 1440, height: 900, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(record.loaded).toEqual([appUrl]);
  });

  it('registers every contract and desktop channel, and answers only the app’s own main frame', async () => {
    expect([...handlers.keys()].sort()).toEqual([...channelNames.map((n) => `api:${n}`), ...desktopChannelNames.map((n) => `desktop:${n}`)].sort());
    expect(await call('api:app.startup', trusted())).toEqual({ ok: true, value: { mode: 'ready', upgradedFrom: null, backupFile: null } });
    const strangers = [
      { sender: {}, senderFrame: { url: appUrl, parent: null } },
      { sender: webContents, senderFrame: { url: appUrl, parent: {} } },
      { sender: webContents, senderFrame: { url: 'https://example.com/', parent: null } },
      { sender: webContents, senderFrame: null },
    ];
    for (const event of strangers) {
      expect((await call('api:app.info', event)).error?.code).toBe('forbidden');
      expect((await call('desktop:desktop.showFolder', event, { folder: 'data' })).error?.code).toBe('forbidden');
    }
  });

  it('runs its backend with the app lock: open on a new, empty copy, which has nothing to protect yet', async () => {
    expect(await call('api:lock.status', trusted())).toMatchObject({ ok: true, value: { enabled: true, locked: false, session: null, users: [] } });
  });

  it('keeps its data under the user-data folder it was given', async () => {
    const info = (await call('api:app.info', trusted())).value as { databaseFile: string; dataDir: string };
    expect(info).toMatchObject({ dataDir: join(userData, 'data'), databaseFile: join(userData, 'data', 'jrd.sqlite') });
  });

  it('sends the CSP with every response, and denies permissions, new windows and navigation', () => {
    let sent: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (sent = r.responseHeaders));
    expect(sent['Content-Security-Policy']![0]).toMatch(/^default-src 'none'/);
    expect(sent['X-Other']).toEqual(['1']);
    let allowed: boolean | null = null;
    permission!(webContents, 'media', (a) => (allowed = a));
    expect(allowed).toBe(false);
    expect(permissionCheck!()).toBe(false);
    expect(record.windowOpen!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    let prevented = 0;
    record.navigate!({ preventDefault: () => prevented++ }, 'https://example.com/');
    record.navigate!({ preventDefault: () => prevented++ }, appUrl);
    expect(prevented).toBe(1);
  });

  it('sets the Chinese menu', () => {
    expect((record.menu as { label: string }[]).map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('opens exported files and folders, and nothing outside the export folder', async () => {
    const exports = join(userData, 'data', 'exports');
    mkdirSync(exports, { recursive: true });
    writeFileSync(join(exports, 'minutes.pdf'), '%PDF-1.7');
    expect(await call('desktop:desktop.openFile', trusted(), { file: join(exports, 'minutes.pdf') })).toEqual({ ok: true, value: {} });
    expect(await call('desktop:desktop.showFolder', trusted(), { folder: 'backups' })).toEqual({ ok: true, value: {} });
    expect(record.opened).toEqual([join(exports, 'minutes.pdf'), join(userData, 'data', 'backups')]);
    expect((await call('desktop:desktop.openFile', trusted(), { file: join(userData, 'data', 'jrd.sqlite') })).error?.code).toBe('forbidden');
    expect((await call('desktop:desktop.showFolder', trusted(), { folder: '/etc' })).error?.code).toBe('invalid-args');
    expect(await call('desktop:desktop.saveFileAs', trusted(), { file: join(exports, 'minutes.pdf') })).toEqual({ ok: true, value: { savedTo: null } });
  });

  it('locks once somebody is signed in: data and desktop channels refused until the PIN is set', async () => {
    const db = openKeyed(join(userData, 'data', 'jrd.sqlite'), readKeyFile(keyFileFor(join(userData, 'data', 'jrd.sqlite'))));
    try {
      const now = '2026-11-20T02:00:00.000Z';
      db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188', '麓山区', 'district', NULL, 2024, ?)").run(now);
      db.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-chief', 'chief', '李科长', 'bureau_chief', '430188', ?)").run(now);
      db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('session.userId', '\"u-chief\"', ?)").run(now);
    } finally {
      db.close();
    }
    expect(await call('api:lock.status', trusted())).toMatchObject({ ok: true, value: { locked: true, mustSetPin: true } });
    expect((await call('api:cases.list', trusted())).error?.code).toBe('locked');
    expect((await call('desktop:desktop.showFolder', trusted(), { folder: 'exports' })).error?.code).toBe('locked');
    expect(await call('api:lock.setPin', trusted(), { secret: '482916' })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await call('api:cases.list', trusted())).ok).toBe(true);
    expect(await call('desktop:desktop.showFolder', trusted(), { folder: 'exports' })).toEqual({ ok: true, value: {} });
  });

  it('carries verify.html’s script inlined, the very bundle the source makes, and never needs esbuild', async () => {
    const main = readFileSync(join(root, 'dist-electron', 'main.cjs'), 'utf8');
    const literal = /async function verifierScript\(\) \{\s*if \(true\) return ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*");/.exec(main)?.[1];
    expect(literal, 'the bundled constant in main.cjs').toBeDefined();
    const { bundleVerifier } = await import('../../scripts/verifier-bundle.mjs');
    expect(runInNewContext(literal!)).toBe(await bundleVerifier());
    expect(main).not.toMatch(/require\("esbuild"\)/);
  });

  it('registers app:// as a privileged standard, secure scheme before ready, and handles it after', () => {
    expect(protocolCalls.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const e = protocolCalls.events;
    expect(e.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(e.indexOf('registerSchemesAsPrivileged')).toBeLessThan(e.indexOf('whenReady'));
    expect(e.indexOf('handle:app')).toBeGreaterThan(e.indexOf('whenReady'));
    expect(protocolCalls.schemes).toEqual(['app']);
  });

  it('serves the built index.html and its assets with the CSP as a header', async () => {
    const page = await protocolCalls.handler!(new Request(appUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toBe(readFileSync(join(root, 'dist', 'renderer', 'index.html'), 'utf8'));
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script, 'the page loads its bundle by a relative URL').toMatch(/^\.\/assets\/.+\.js$/);
    const asset = await protocolCalls.handler!(new Request(new URL(script!, appUrl).href));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect((await protocolCalls.handler!(new Request('app://desk/'))).status).toBe(200);
  });

  it('refuses paths out of the renderer folder, other hosts and writes', async () => {
    const attempts = [
      'app://desk/../../etc/passwd',
      'app://desk/..%2f..%2f..%2fetc%2fpasswd',
      'app://desk/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://desk/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fpackage.json',
      'app://desk/..%5c..%5cpackage.json',
      'app://desk/index.html%00.png',
      'app://desk/%E0%A4%A',
      'app://other/index.html',
      `app://desk/${'%2e%2e/'.repeat(12)}etc/passwd`,
    ];
    for (const url of attempts) {
      const r = await protocolCalls.handler!(new Request(url));
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      const body = await r.text();
      expect(body, url).not.toMatch(/root:|joint-review-desk/);
    }
    expect((await protocolCalls.handler!(new Request('app://desk/no-such-file.js'))).status).toBe(404);
    expect((await protocolCalls.handler!(new Request(appUrl, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('keeps main and sub frames on the app page', () => {
    let prevented = 0;
    const go = (url: string, isMainFrame: boolean) => frameNavigate!({ url, isMainFrame, preventDefault: () => prevented++ });
    go(appUrl, true);
    expect(prevented).toBe(0);
    go('https://example.com/', true);
    go('file:///etc/passwd', true);
    go('app://other/index.html', true);
    go(appUrl, false);
    go('https://example.com/', false);
    expect(prevented).toBe(5);
    // The page's old home, file://, is now as foreign as any other.
    record.navigate!({ preventDefault: () => prevented++ }, pathToFileURL(join(root, 'dist', 'renderer', 'index.html')).href);
    expect(prevented).toBe(6);
  });

  it('is packaged with the file-protocol fuse off, since nothing of ours is served from file://', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    expect(config.electronFuses).toMatchObject({ grantFileProtocolExtraPrivileges: false });
    const main = readFileSync(join(root, 'electron', 'main.ts'), 'utf8');
    expect(main).not.toMatch(/pathToFileURL|file:\/\//);
  });
});

