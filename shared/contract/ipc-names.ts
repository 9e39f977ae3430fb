/** Prefix of every Electron IPC channel the app uses; main refuses anything else. */
export const IPC_PREFIX = 'onsite/';
/** main → renderer: one core event. */
export const IPC_EVENT = `${IPC_PREFIX}event`;
/** renderer → main: the UI is subscribed and can take the event backlog. */
export const IPC_READY = `${IPC_PREFIX}ready`;

/** The Electron IPC channel that carries a contract request. */
export function ipcChannelFor(channel: string): string {
  return `${IPC_PREFIX}request/${channel}`;
}

/**
 * What the preload exposes as `window.onsite`. The renderer's bridge is typed against this,
 * and the browser shell's bridge offers the same shape over its WebSocket.
 */
export interface PreloadApi {
  readonly shell: 'electron';
  readonly requests: Readonly<Record<string, (payload?: unknown) => Promise<unknown>>>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}
