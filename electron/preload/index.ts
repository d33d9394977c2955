/**
 * The preload (bundled to dist/electron/preload.cjs, runs sandboxed and context-isolated).
 * It exposes `window.kiosk`: one named function per contract method and nothing else, never
 * ipcRenderer or a generic invoke(channel)
 * (https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './createBridge';
import { blockFileDrop } from './blockFileDrop';

contextBridge.exposeInMainWorld(
  'kiosk',
  createBridge((channel, envelope) => ipcRenderer.invoke(channel, envelope)),
);
blockFileDrop(window);
