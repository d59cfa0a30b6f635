// Exposes exactly the contract's channels as window.api and the shell's as window.desktop;
// ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, buildDesktop } from './preload-api';

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer));
contextBridge.exposeInMainWorld('desktop', buildDesktop(ipcRenderer));
