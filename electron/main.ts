// Electron main: one window, hardened as DESIGN.md §3 asks, and the backend's handler table bound to
// IPC. Everything else lives in electron/backend and runs without Electron.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { channelNames, ipcChannel, ipcEventChannel } from '../shared/channels';
import { startBackend } from './backend/startup';
import { SafeStorageSecretStore } from './safe-secret-store';
import { contentSecurityPolicy, mainWindowOptions } from './window-options';

const appRoot = app.getAppPath();
const resources = app.isPackaged ? process.resourcesPath : appRoot;
let mainWindow: BrowserWindow | null = null;

function rendererUrl(): string {
  return join(appRoot, 'dist', 'renderer', 'index.html');
}

async function start(): Promise<void> {
  const electronNative = join(appRoot, 'build', 'electron-native', 'better_sqlite3.node');
  const dbArg = process.argv.find((a) => a.startsWith('--db='))?.slice('--db='.length);
  // A database that cannot be opened starts the window in recovery mode instead of failing.
  const started = await startBackend({
    ...(dbArg ? { databaseFile: dbArg } : {}),
    dataDir: join(app.getPath('userData'), 'data'),
    bundledFontsDir: join(resources, 'templates', 'fonts'),
    // Bundled next to main.cjs by scripts/build-electron.mjs; long PDFs are laid out off the main thread.
    pdfWorker: { script: join(__dirname, 'pdf-worker.cjs') },
    appVersion: app.getVersion(),
    ...(existsSync(electronNative) ? { nativeBinding: electronNative } : {}),
    emit: (event, payload) => mainWindow?.webContents.send(ipcEventChannel(event), payload),
    // Tokens for the central server never reach the renderer or the database.
    secretStore: new SafeStorageSecretStore(join(app.getPath('userData'), 'tokens.json')),
  });

  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) => {
      // Only our own page may call the backend.
      if (!mainWindow || event.sender !== mainWindow.webContents) return { ok: false, error: { code: 'forbidden', message: '拒绝来自未知页面的请求' } };
      return started.invoker.invoke(name, args);
    });
  }

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });

  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, 'preload.cjs')));
  mainWindow.webContents.on('will-navigate', (e) => e.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadFile(rendererUrl());
  if (started.kind === 'ready') app.on('before-quit', () => void started.backend.close());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('startup failed', error);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
}
