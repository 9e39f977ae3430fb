import { appHandlers } from './app-handlers';
import { barcodeHandlers } from './barcode/handlers';
import { createDiscoveryService, discoveryHandlers } from './discovery/handlers';
import { type Dispatch, type Handlers, createDispatcher } from './dispatch';
import { EventHub } from './events';
import { type Logger, createLogger } from './log';
import { Notices } from './notices';
import { createRegistrantLookup } from './oui/registrant';
import { PRODUCT_NAME, VERSION } from './product';

/** What a shell passes to start the core. */
export interface CoreOptions {
  /** Where the store, logs and caches live; tests pass a temporary directory. */
  readonly dataDir: string;
  readonly shell: 'electron' | 'web';
  readonly log?: Logger;
}

/** The running core: one dispatcher and one event hub, whatever the shell. */
export interface Core {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly log: Logger;
  /** Stops background work and releases resources (tokens, ports, sockets). */
  close(): Promise<void>;
}

/**
 * Builds the core: the services behind the contract. Shells (Electron, browser, CLI) only
 * translate their transport to {@link Core.dispatch} and {@link Core.events}.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? createLogger({ dir: `${options.dataDir}/logs` });
  const events = new EventHub();
  const notices = new Notices(events);
  const discovery = createDiscoveryService(events, log.scope('discovery'));

  const handlers = {
    ...appHandlers({ productName: PRODUCT_NAME, version: VERSION, shell: options.shell, dataDir: options.dataDir }, notices),
    ...barcodeHandlers({ registrantFor: createRegistrantLookup(log.scope('oui')) }),
    ...discoveryHandlers(discovery),
  } satisfies Handlers;

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    log,
    close: () => discovery.close(),
  };
}
