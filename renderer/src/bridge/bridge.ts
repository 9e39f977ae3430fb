import type { Channel, EventName, EventPayload, RequestInput, RequestOutput, Result } from '../../../shared/contract';

/** One core event as the UI receives it. */
export type UiEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/** State of the link between the UI and the core. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting';

/**
 * The UI's only way to the core, whichever shell it runs in. Calls resolve to results, never throw.
 */
export interface Bridge {
  readonly shell: 'electron' | 'web';
  call<C extends Channel>(channel: C, input: RequestInput<C>): Promise<Result<RequestOutput<C>>>;
  /** Subscribes to core events; returns the unsubscribe. */
  onEvent(listener: (event: UiEvent) => void): () => void;
  /** Subscribes to link-state changes; calls back at once with the current state. */
  onLinkState(listener: (state: LinkState) => void): () => void;
}
