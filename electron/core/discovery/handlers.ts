import type { PartialHandlers } from '../dispatch';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { type DiscoveryDeps, DiscoveryService, systemDiscoveryDeps } from './service';

/** The discovery service on the real network (or with `parts` replaced), emitting into the core's event hub. */
export function createDiscoveryService(events: EventHub, log: Logger, parts: Partial<Omit<DiscoveryDeps, 'emit'>> = {}): DiscoveryService {
  return new DiscoveryService({ ...systemDiscoveryDeps((event, payload) => events.emit(event, payload), log), ...parts });
}

/** Handlers for the `discovery:*` channels. */
export function discoveryHandlers(
  service: DiscoveryService,
): PartialHandlers<'discovery:interfaces' | 'discovery:start' | 'discovery:cancel' | 'discovery:devices'> {
  return {
    'discovery:interfaces': () => service.interfaces(),
    'discovery:start': (input) => service.start(input),
    'discovery:cancel': () => service.cancel(),
    'discovery:devices': () => service.devices(),
  };
}
