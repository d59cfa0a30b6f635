// The Electron shell's security, proven without an Electron binary: the window's settings and CSP, what
// the preload exposes (exactly the contract's channels), which frames IPC answers, and navigation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../shared/channels';
import { desktopChannelNames } from '../../shared/desktop-channels';
import { desktopContract } from '../../shared/desktop';
import { appFileFor, appPageUrl, mimeTypeOf } from '../../electron/app-protocol';
import { isAllowedFrameNavigation, isAllowedNavigation, isAppFrame } from '../../electron/ipc-guard';
import { buildApi, buildDesktop, type IpcRendererLike } from '../../electron/preload-api';
import { contentSecurityPolicy, mainWindowOptions } from '../../electron/window-options';

const APP = 'file:///opt/%E8%81%94%E5%AE%A1/resources/app.asar/dist/renderer/index.html';

describe('the main window', () => {
  it('isolates the page from Node and Electron', () => {
    const o = mainWindowOptions('/app/dist-electron/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(o.webPreferences).not.toHaveProperty('plugins');
    expect(o.webPreferences).not.toHaveProperty('experimentalFeatures');
  });

  it('has a strict content security policy, also in the page itself', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src'] ?? directives['default-src']).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const html = readFileSync('renderer/index.html', 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('the preload', () => {
  const calls: [string, unknown][] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, args) => (calls.push([channel, args]), { ok: true, value: null }),
    on: () => undefined,
    removeListener: () => undefined,
  };

  it('exposes exactly the contract’s channels as window.api, and events through on()', async () => {
    const api = buildApi(ipc);
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
    await (api['cases.list'] as (a: unknown) => Promise<unknown>)({ street: '430188001' });
    expect(calls.at(-1)).toEqual(['api:cases.list', { street: '430188001' }]);
    const on = api.on as (e: string, l: () => void) => () => void;
    for (const e of eventNames) expect(typeof on(e, () => undefined)).toBe('function');
    expect(() => on('shell.exec', () => undefined)).toThrow(/unknown event/);
  });

  it('exposes exactly the desktop channels as window.desktop', async () => {
    const desktop = buildDesktop(ipc);
    expect(Object.keys(desktop).sort()).toEqual([...desktopChannelNames].sort());
    expect(Object.keys(desktopContract).sort()).toEqual([...desktopChannelNames].sort());
    await (desktop['desktop.openFile'] as (a: unknown) => Promise<unknown>)({ file: 'x.pdf' });
    expect(calls.at(-1)).toEqual(['desktop:desktop.openFile', { file: 'x.pdf' }]);
  });

  it('gives the page nothing but those two objects', () => {
    const source = readFileSync('electron/preload.ts', 'utf8');
    const exposed = [...source.matchAll(/exposeInMainWorld\('(\w+)'/g)].map((m) => m[1]);
    expect(exposed).toEqual(['api', 'desktop']);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['electron', './preload-api']);
  });
});

describe('IPC and navigation', () => {
  it('answers only the app page’s main frame', () => {
    expect(isAppFrame({ url: APP, parent: null }, APP)).toBe(true);
    expect(isAppFrame({ url: `${APP}#/meetings`, parent: null }, APP)).toBe(true);
    expect(isAppFrame({ url: APP, parent: {} }, APP)).toBe(false);
    expect(isAppFrame({ url: 'file:///tmp/evil.html', parent: null }, APP)).toBe(false);
    expect(isAppFrame({ url: 'https://example.com/', parent: null }, APP)).toBe(false);
    expect(isAppFrame({ url: 'not a url', parent: null }, APP)).toBe(false);
    expect(isAppFrame(null, APP)).toBe(false);
  });

  it('never navigates away from the app', () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', APP)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', APP)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', APP)).toBe(false);
  });

  it('main checks every call’s sender, denies new windows, permissions and webviews', () => {
    const main = readFileSync('electron/main.ts', 'utf8');
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(main).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/will-attach-webview', \(e\) => e.preventDefault\(\)/);
    // Every ipcMain.handle in main goes through trusted(); the desktop channels take it as an option.
    const handles = main.match(/ipcMain\.handle\(/g) ?? [];
    const guarded = main.match(/ipcMain\.handle\([^\n]*\n\s*if \(!trusted\(event\)\)/g) ?? [];
    expect(handles.length).toBe(guarded.length);
    const desktop = readFileSync('electron/desktop.ts', 'utf8');
    expect(desktop).toMatch(/ipcMain\.handle\([^\n]*\n\s*if \(!options\.trusted\(event\)\)/);
  });
});

describe('the app:// scheme', () => {
  const root = '/opt/jrd/resources/app.asar/dist/renderer';
  it('names files inside the renderer folder only', () => {
    expect(appFileFor(appPageUrl, root)).toBe(`${root}/index.html`);
    expect(appFileFor('app://desk/', root)).toBe(`${root}/index.html`);
    expect(appFileFor('app://desk/assets/index-abc.js?x=1#y', root)).toBe(`${root}/assets/index-abc.js`);
    for (const url of [
      'app://desk/..%2f..%2fetc%2fpasswd',
      'app://desk/..%5cpackage.json',
      'app://desk/a/%2e%2e%2f%2e%2e%2f..%2fx',
      'app://desk/%00',
      'app://desk/%zz',
      'app://evil/index.html',
      'app://user:pw@desk/index.html',
      'file:///etc/passwd',
      'not a url',
    ])
      expect(appFileFor(url, root), url).toBeNull();
  });

  it('types each file by its extension, unknown ones as bytes', () => {
    expect(mimeTypeOf('a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('x.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('x.exe')).toBe('application/octet-stream');
  });

  it('lets only the main frame navigate, and only to the app page', () => {
    expect(isAllowedFrameNavigation(appPageUrl, true, appPageUrl)).toBe(true);
    expect(isAllowedFrameNavigation(appPageUrl, false, appPageUrl)).toBe(false);
    expect(isAllowedFrameNavigation('app://other/index.html', true, appPageUrl)).toBe(false);
    expect(isAllowedFrameNavigation(APP, true, appPageUrl)).toBe(false);
  });
});
