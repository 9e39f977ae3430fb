import type { Result } from '../../../shared/contract';
import type { WireServerMessage } from '../../../shared/contract/wire';
import type { Bridge, LinkState, UiEvent } from './bridge';

interface Pending {
  resolve(result: Result<never>): void;
}

const lost = { ok: false, error: { code: 'disconnected', message: 'Lost the connection to the app. Your request may not have run: check, then try again.', hint: 'Is the `npm run web` terminal still running?' } } as const;

/**
 * The bridge over the browser shell's WebSocket. It reconnects by itself and tells the UI,
 * and requests in flight when the socket drops resolve to a "disconnected" error, never hang.
 */
export function createWsBridge(token: string, location: Location = window.location): Bridge {
  const url = `ws://${location.host}/ws?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: UiEvent) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let state: LinkState = 'connecting';
  let retryMs = 250;

  const setState = (next: LinkState): void => {
    state = next;
    for (const listener of linkListeners) listener(next);
  };

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setState('connected');
      ws.send(JSON.stringify({ type: 'ready' }));
      for (const message of queue.splice(0)) ws.send(message);
    };
    ws.onmessage = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as WireServerMessage;
      if (data.type === 'response') {
        pending.get(data.id)?.resolve(data.result as Result<never>);
        pending.delete(data.id);
      } else {
        for (const listener of eventListeners) listener({ event: data.event, payload: data.payload } as UiEvent);
      }
    };
    ws.onclose = () => {
      for (const request of pending.values()) request.resolve(lost);
      pending.clear();
      setState('reconnecting');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  return {
    shell: 'web',
    call(channel, input) {
      const id = nextId++;
      const message = JSON.stringify({ type: 'request', id, channel, payload: input });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLinkState(listener) {
      linkListeners.add(listener);
      listener(state);
      return () => linkListeners.delete(listener);
    },
  };
}
