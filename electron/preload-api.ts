// What the preload exposes, built from the contract's channel lists alone: `window.api` (the backend's
// channels and its events) and `window.desktop` (the shell's). No 'electron' import, so tests check the
// exposed names against the contract without an Electron binary.
import { channelNames, eventNames, ipcChannel, ipcEventChannel, type EventName } from '../shared/channels';
import { desktopChannelNames, ipcDesktopChannel } from '../shared/desktop-channels';

type Listener = (event: unknown, payload: unknown) => void;
/** The part of ipcRenderer the preload uses. */
export type IpcRendererLike = {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
};

export function buildApi(ipc: IpcRendererLike): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) api[name] = (args: unknown) => ipc.invoke(ipcChannel(name), args ?? {});
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
    const wrapped: Listener = (_e, payload) => listener(payload);
    ipc.on(ipcEventChannel(event), wrapped);
    return () => ipc.removeListener(ipcEventChannel(event), wrapped);
  };
  return api;
}

export function buildDesktop(ipc: IpcRendererLike): Record<string, unknown> {
  const desktop: Record<string, unknown> = {};
  for (const name of desktopChannelNames) desktop[name] = (args: unknown) => ipc.invoke(ipcDesktopChannel(name), args ?? {});
  return desktop;
}
