import { type EventName, type EventPayload, events } from '../../shared/contract';

/** An event as delivered to a shell; checking `event` narrows `payload`. */
export type CoreEvent<E extends EventName = EventName> = { [K in E]: { readonly event: K; readonly payload: EventPayload<K> } }[E];

/** Receives every event the core emits. */
export type EventListener = (event: CoreEvent) => void;

/** How many events are kept while no UI listens; beyond this the oldest are dropped and counted. */
const BACKLOG_LIMIT = 5_000;

/**
 * The core's event bus. Events emitted while no UI is subscribed (app start, a window reload)
 * are kept and delivered to the next subscriber, so a scan or a sync result is never lost
 * because React had not mounted yet.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly observers = new Set<EventListener>();
  private backlog: CoreEvent[] = [];
  private droppedCount = 0;

  /** Emits an event; the payload is checked against the contract so a bad emitter fails loudly in tests. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].payload.parse(payload);
    const item = { event, payload: checked } as CoreEvent;
    for (const observer of this.observers) observer(item);
    if (this.listeners.size === 0) {
      this.backlog.push(item);
      if (this.backlog.length > BACKLOG_LIMIT) {
        this.backlog.shift();
        this.droppedCount += 1;
      }
      return;
    }
    for (const listener of this.listeners) listener(item);
  }

  /** Adds a listener; the first one also receives the backlog, in order. Returns the unsubscribe. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    const pending = this.backlog;
    this.backlog = [];
    for (const item of pending) listener(item);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Adds a listener inside the core (a service reacting to another's events). Unlike {@link subscribe}, it
   * neither takes the backlog nor counts as a subscriber, so events are still kept for the UI until it
   * subscribes. It runs inside `emit`: it must not throw, and should defer any work that emits. Returns the removal.
   */
  observe(listener: EventListener): () => void {
    this.observers.add(listener);
    return () => {
      this.observers.delete(listener);
    };
  }

  /** Events dropped because the backlog overflowed while nobody listened. */
  get dropped(): number {
    return this.droppedCount;
  }
}
