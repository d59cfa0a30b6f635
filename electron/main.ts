// Electron main: one window, hardened as DESIGN.md §3 asks, the backend's handler table bound to IPC,
// and the shell's own few jobs (files, folders, menu, window state, log). Everything else lives in
// electron/backend and runs without Electron; the rules here are in small modules tests can import.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, type IpcMainInvokeEvent } from 'electron';
import { databaseKeyFromOs } from './database-key';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { channelNames, ipcChannel, ipcEventChannel } from '../shared/channels';
import type { DesktopFolder } from '../shared/desktop-channels';
import { appPageUrl, appScheme, serveAppRequest } from './app-protocol';
import { startBackend, type Started } from './backend/startup';
import { deskIsLocked } from './backend/lock/lock-service';
import { registerDesktopChannels } from './desktop';
import { isAllowedFrameNavigation, isAllowedNavigation, isAppFrame, refusedSender } from './ipc-guard';
import { fileLog } from './log';
import { menuTemplate } from './menu';
import { SafeStorageSecretStore } from './safe-secret-store';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';
import { contentSecurityPolicy, mainWindowOptions } from './window-options';

// Tests (and a portable copy) can keep everything in a folder of their choice.
if (process.env.JRD_USER_DATA) app.setPath('userData', process.env.JRD_USER_DATA);
const appRoot = app.getAppPath();
const resources = app.isPackaged ? process.resourcesPath : appRoot;
const userData = app.getPath('userData');
const dataDir = join(userData, 'data');
const folders: Record<DesktopFolder, string> = { exports: join(dataDir, 'exports'), data: dataDir, backups: join(dataDir, 'backups'), logs: join(userData, 'logs') };
const log = fileLog(join(folders.logs, 'main.log'));
// The page is served from app://desk/ (app-protocol.ts), its files from the built renderer folder.
const rendererDir = join(appRoot, 'dist', 'renderer');
const appUrl = appPageUrl;
const windowStateFile = join(userData, 'window-state.json');
let mainWindow: BrowserWindow | null = null;

/** Only the main frame of our window, showing our page, may call main. */
function trusted(event: IpcMainInvokeEvent): boolean {
  return mainWindow !== null && event.sender === mainWindow.webContents && isAppFrame(event.senderFrame, appUrl);
}

async function start(): Promise<void> {
  log.write('info', `start ${app.getVersion()} (${process.platform}-${process.arch}, packaged ${app.isPackaged})`);
  const electronNative = join(appRoot, 'build', 'electron-native', 'better_sqlite3.node');
  const dbArg = process.argv.find((a) => a.startsWith('--db='))?.slice('--db='.length);
  // The database's key from the OS (safeStorage); without OS encryption, the 0600 key file beside it.
  const osKey = databaseKeyFromOs(safeStorage, userData);
  if (osKey.key === null) log.write('info', `database key: ${osKey.why}; the key file beside the database is used`);
  // A database that cannot be opened starts the window in recovery mode instead of failing.
  const started: Started = await startBackend({
    ...(osKey.key ? { databaseKey: osKey.key } : {}),
    ...(dbArg ? { databaseFile: dbArg } : {}),
    dataDir,
    exportDir: folders.exports,
    bundledFontsDir: join(resources, 'templates', 'fonts'),
    // Bundled next to main.cjs by scripts/build-electron.mjs; long PDFs are laid out off the main thread.
    pdfWorker: { script: join(__dirname, 'pdf-worker.cjs') },
    appVersion: app.getVersion(),
    ...(existsSync(electronNative) ? { nativeBinding: electronNative } : {}),
    emit: (event, payload) => mainWindow?.webContents.send(ipcEventChannel(event), payload),
    invoke: { log: (message, error) => log.write('error', message, error) },
    // Every start is locked; the handler table refuses data channels until the PIN is entered.
    lock: {},
    // Tokens for the central server never reach the renderer or the database.
    secretStore: new SafeStorageSecretStore(join(userData, 'tokens.json')),
    // A new data file is named in the data folder's pointer; a restart without --db opens it. The delay
    // lets the answer reach the page first.
    switchDataFile: () => {
      log.write('info', 'switching to a new data file; restarting');
      setTimeout(() => {
        app.relaunch({ args: process.argv.slice(1).filter((a) => !a.startsWith('--db=')) });
        app.exit(0);
      }, 300);
    },
  });
  if (started.kind === 'recovery') log.write('error', `recovery mode: ${started.problem.code}`, started.problem.message);
  else if (started.backend.migration.applied.length > 0) log.write('info', `database upgraded from ${started.backend.migration.from} to ${started.backend.migration.to}`);

  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, args: unknown) => {
      if (!trusted(event)) return refusedSender;
      return started.invoker.invoke(name, args);
    });
  }
  const locked = () => (started.kind === 'ready' ? deskIsLocked(started.backend.ctx) : Promise.resolve(false));
  registerDesktopChannels({ window: () => mainWindow, folders, documentsDir: app.getPath('documents'), trusted, locked, log });

  // No page of ours needs the camera, notifications or anything else a permission guards.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The page and its files, each answered with the CSP as a header (app-protocol.ts).
  protocol.handle(appScheme.scheme, (request) => serveAppRequest(request, rendererDir));
  // Any other response the window might get carries the CSP too.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          showFolder: (folder) => void shell.openPath(folders[folder]),
          about: () => void dialog.showMessageBox({ type: 'info', title: '关于', message: `联审联批工作台 ${app.getVersion()}`, detail: `数据文件夹：${dataDir}` }),
        },
        { packaged: app.isPackaged },
      ),
    ),
  );

  const options = mainWindowOptions(join(__dirname, 'preload.cjs'));
  const place = placeWindow(loadWindowState(windowStateFile), screen.getAllDisplays().map((d) => d.workArea), { width: options.width ?? 1440, height: options.height ?? 900 });
  mainWindow = new BrowserWindow({ ...options, x: place.x, y: place.y, width: place.width, height: place.height });
  const win = mainWindow;
  if (place.maximized) win.maximize();
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, appUrl)) e.preventDefault();
  });
  win.webContents.on('will-frame-navigate', (e) => {
    if (!isAllowedFrameNavigation(e.url, e.isMainFrame, appUrl)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.on('close', () => {
    const b = win.getNormalBounds();
    try {
      saveWindowState(windowStateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    } catch (error) {
      log.write('warn', 'window state not saved', error);
    }
  });
  win.on('closed', () => (mainWindow = null));
  win.once('ready-to-show', () => win.show());
  await win.loadURL(appUrl);
  if (started.kind === 'ready') app.on('before-quit', () => void started.backend.close());
}

// Privileges can only be given before ready, and only once.
protocol.registerSchemesAsPrivileged([appScheme]);

if (!app.requestSingleInstanceLock()) {
  // A second start (double-click while it runs) only brings the first window forward: two processes
  // writing one database is what the lock prevents.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  process.on('uncaughtException', (error) => log.write('error', 'uncaught exception', error));
  process.on('unhandledRejection', (error) => log.write('error', 'unhandled rejection', error));
  app.whenReady().then(start, (error: unknown) => {
    log.write('error', 'startup failed', error);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
}
