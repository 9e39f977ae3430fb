import { type IpcMainEvent, type IpcMainInvokeEvent, type WebContents, ipcMain } from 'electron';
import { channelNames } from '../../shared/contract';
import { IPC_EVENT, IPC_READY, ipcChannelFor } from '../../shared/contract/ipc-names';
import { fail } from '../../shared/contract/result';
import type { Core } from '../core/core';
import { isAppPageUrl } from './app-url';
import { devServerUrl } from './window';

/**
 * Connects the contract to Electron IPC. Every message is checked to come from a window this app
 * created, from its main frame, showing the app's own page (checklist item 17); then it goes to
 * the same dispatcher the browser shell and the CLI use.
 */
export function registerIpc(core: Core, trusted: Set<number>): void {
  const isTrusted = (event: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    const frame = event.senderFrame;
    if (!trusted.has(event.sender.id) || !frame || frame !== event.sender.mainFrame) return false;
    return isAppPageUrl(frame.url, devServerUrl());
  };

  for (const channel of channelNames) {
    ipcMain.handle(ipcChannelFor(channel), async (event, payload: unknown) => {
      if (!isTrusted(event)) {
        core.log.warn('ipc: refused a request from an untrusted sender', { channel, url: event.senderFrame?.url ?? '' });
        return fail('internal', 'Request refused: it did not come from the app window.');
      }
      return core.dispatch(channel, payload);
    });
  }

  const subscribed = new Map<number, () => void>();
  ipcMain.on(IPC_READY, (event) => {
    if (!isTrusted(event)) return;
    const contents: WebContents = event.sender;
    subscribed.get(contents.id)?.();
    const unsubscribe = core.events.subscribe((item) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, item);
    });
    subscribed.set(contents.id, unsubscribe);
    contents.once('destroyed', () => {
      unsubscribe();
      subscribed.delete(contents.id);
    });
  });
}
