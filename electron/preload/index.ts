/**
 * The preload: the renderer's only door to the core. It exposes one named function per contract
 * channel and one event subscription, never ipcRenderer itself (Electron security checklist #20).
 * It runs sandboxed, so it is bundled into a single CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../shared/contract';
import { IPC_EVENT, IPC_READY, ipcChannelFor } from '../../shared/contract/ipc-names';

type Invoke = (payload?: unknown) => Promise<unknown>;

const requests: Record<string, Invoke> = {};
for (const channel of channelNames) {
  const ipcChannel = ipcChannelFor(channel);
  requests[channel] = (payload?: unknown) => ipcRenderer.invoke(ipcChannel, payload);
}

contextBridge.exposeInMainWorld('onsite', {
  shell: 'electron',
  requests,
  /** Subscribes to core events; the first subscription also tells main the UI is ready for its backlog. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    const handler = (_e: Electron.IpcRendererEvent, message: { event: string; payload: unknown }): void => listener(message.event, message.payload);
    ipcRenderer.on(IPC_EVENT, handler);
    ipcRenderer.send(IPC_READY);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
});
