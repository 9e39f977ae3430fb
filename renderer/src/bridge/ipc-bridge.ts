import type { Result } from '../../../shared/contract';
import type { PreloadApi } from '../../../shared/contract/ipc-names';
import type { Bridge, UiEvent } from './bridge';

/** The bridge over Electron's preload API. IPC cannot drop, so the link is always connected. */
export function createIpcBridge(api: PreloadApi): Bridge {
  return {
    shell: 'electron',
    async call(channel, input) {
      const fn = api.requests[channel];
      if (!fn) return { ok: false, error: { code: 'unknown-channel', message: `The app has no request called ${channel}.` } };
      try {
        return (await fn(input)) as Result<never>;
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    onEvent(listener) {
      return api.onEvent((event, payload) => listener({ event, payload } as UiEvent));
    },
    onLinkState(listener) {
      listener('connected');
      return () => undefined;
    },
  };
}
