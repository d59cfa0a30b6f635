// The desktop shell's own channels (Electron main, not the backend): files the app wrote, opened, saved
// elsewhere or printed, and its folders shown. No dependencies, so the sandboxed preload can bundle it.
// The browser harness has no desktop: there, window.desktop is undefined and the buttons do not appear.

export const desktopChannelNames = ['desktop.openFile', 'desktop.saveFileAs', 'desktop.printFile', 'desktop.showFolder'] as const;
export type DesktopChannelName = (typeof desktopChannelNames)[number];

export const desktopFolders = ['exports', 'data', 'backups', 'logs'] as const;
export type DesktopFolder = (typeof desktopFolders)[number];

export function ipcDesktopChannel(name: DesktopChannelName): string {
  return `desktop:${name}`;
}
