// Exposes exactly the contract's channels as window.api; ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames, ipcChannel, ipcEventChannel, type EventName } from '../shared/channels';

const api: Record<string, unknown> = {};
for (const name of channelNames) api[name] = (args: unknown) => ipcRenderer.invoke(ipcChannel(name), args ?? {});
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!(eventNames as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
  const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(ipcEventChannel(event), wrapped);
  return () => ipcRenderer.removeListener(ipcEventChannel(event), wrapped);
};

contextBridge.exposeInMainWorld('api', api);
