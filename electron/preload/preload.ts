/** Exposes exactly one object, window.api: one function per contract method, each on its own channel. */
import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, METHOD_NAMES } from '../../shared/contract.js';
import type { WindowApi } from '../../shared/api.js';

const api = Object.freeze(
  Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => ipcRenderer.invoke(channelOf(m), input)])),
) as WindowApi;

contextBridge.exposeInMainWorld('api', api);
