import type { PreloadApi } from '../../../shared/contract/ipc-names';
import type { Bridge } from './bridge';
import { createIpcBridge } from './ipc-bridge';
import { createWsBridge } from './ws-bridge';

export type { Bridge, LinkState, UiEvent } from './bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell. */
    onsite?: PreloadApi;
  }
}

/** Why the UI cannot reach the core, when it cannot. */
export class NoBridgeError extends Error {}

/** Picks the bridge for the shell the page runs in: Electron's preload, or the browser shell's socket. */
export function connectBridge(): Bridge {
  if (window.onsite) return createIpcBridge(window.onsite);
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (!token) throw new NoBridgeError('This page was opened without its access token. Use the full address printed by `npm run web`, including the part after #.');
  return createWsBridge(token);
}
