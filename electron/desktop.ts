// The shell's channels (shared/desktop.ts): open, save elsewhere, print (a preview window with Chromium's
// PDF viewer, whose print button prints it) and show folders. Only files in the export folder, only
// for the app's own page; arguments checked with the contract's zod schemas.
import { BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { desktopChannelNames, ipcDesktopChannel, type DesktopChannelName, type DesktopFolder } from '../shared/desktop-channels';
import { desktopContract, type DesktopArgs, type DesktopResult } from '../shared/desktop';
import { lockedMessage } from '../shared/lock';
import { AppError, fail, ok, type ApiResult } from '../shared/result';
import { argsErrorMessage, parseArgs } from './backend/validation';
import { exportedFile } from './desktop-files';
import { refusedSender } from './ipc-guard';
import type { Log } from './log';

export type DesktopOptions = {
  window: () => BrowserWindow | null;
  folders: Record<DesktopFolder, string>;
  documentsDir: string;
  trusted: (event: IpcMainInvokeEvent) => boolean;
  /** Whether the app lock holds: the exported files hold case data, so a locked desk opens none of them. */
  locked: () => Promise<boolean>;
  log: Log;
};

const kindNames: Record<string, string> = { '.pdf': 'PDF 文件', '.csv': 'CSV 表格', '.json': 'JSON 数据', '.txt': '文本文件', '.xlsx': 'Excel 表格' };

export function registerDesktopChannels(options: DesktopOptions): void {
  const exportDir = options.folders.exports;
  const handlers: { [K in DesktopChannelName]: (args: DesktopArgs<K>) => Promise<DesktopResult<K>> } = {
    'desktop.openFile': async ({ file }) => {
      const problem = await shell.openPath(exportedFile(exportDir, file));
      if (problem) throw new AppError('internal', `无法用系统程序打开文件：${problem}`);
      return {};
    },
    'desktop.saveFileAs': async ({ file }) => {
      const source = exportedFile(exportDir, file);
      const ext = extname(source).toLowerCase();
      const parent = options.window();
      const dialogOptions = { title: '另存为', defaultPath: join(options.documentsDir, basename(source)), filters: [{ name: kindNames[ext] ?? '文件', extensions: [ext.slice(1)] }] };
      const chosen = parent ? await dialog.showSaveDialog(parent, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      if (chosen.canceled || !chosen.filePath) return { savedTo: null };
      copyFileSync(source, chosen.filePath);
      return { savedTo: chosen.filePath };
    },
    'desktop.printFile': async ({ file }) => {
      const source = exportedFile(exportDir, file);
      if (extname(source).toLowerCase() !== '.pdf') throw new AppError('forbidden', '只能打印 PDF 文件');
      openPrintPreview(source, options.window());
      return {};
    },
    'desktop.showFolder': async ({ folder }) => {
      const dir = options.folders[folder];
      mkdirSync(dir, { recursive: true });
      const problem = await shell.openPath(dir);
      if (problem) throw new AppError('internal', `无法打开文件夹：${problem}`);
      return {};
    },
  };

  for (const name of desktopChannelNames) {
    ipcMain.handle(ipcDesktopChannel(name), async (event, raw: unknown): Promise<ApiResult<unknown>> => {
      if (!options.trusted(event)) return refusedSender;
      if (await options.locked()) return fail('locked', lockedMessage);
      const parsed = parseArgs(desktopContract[name].args, raw);
      if (!parsed.success) return fail('invalid-args', argsErrorMessage(parsed.error));
      try {
        return ok(await (handlers[name] as (a: unknown) => Promise<unknown>)(parsed.data));
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message);
        options.log.write('error', `desktop channel ${name} failed`, error);
        return fail('internal', '操作失败，详情已写入日志');
      }
    });
  }
}

/**
 * A window showing the PDF in Chromium's viewer: its print button (or Ctrl+P) prints. Printing a PDF
 * from a hidden window with webContents.print() gives blank pages in Electron, so a person prints here.
 */
function openPrintPreview(file: string, parent: BrowserWindow | null): void {
  const preview = new BrowserWindow({
    ...(parent ? { parent } : {}),
    width: 960,
    height: 1000,
    title: `打印预览 — ${basename(file)}`,
    autoHideMenuBar: true,
    webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  const url = pathToFileURL(file).href;
  preview.webContents.on('will-navigate', (e, target) => {
    if (target !== url) e.preventDefault();
  });
  preview.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void preview.loadURL(url);
}
