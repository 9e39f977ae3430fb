import { appHandlers } from './app-handlers';
import { barcodeHandlers } from './barcode/handlers';
import { SeenOnNetworkService } from './crosscheck/seen-on-network';
import type { DiscoveryDeps } from './discovery/service';
import { createDiscoveryService, discoveryHandlers } from './discovery/handlers';
import { type Dispatch, type Handlers, createDispatcher } from './dispatch';
import { EventHub } from './events';
import { type Logger, createLogger } from './log';
import { Notices } from './notices';
import { createRegistrantLookup } from './oui/registrant';
import { PRODUCT_NAME, VERSION } from './product';
import { type PbxProfiles, type PbxProfilesDeps, type PbxRegistry, createPbxProfiles, pbxHandlers } from './profiles';
import { projectHandlers } from './projects/handlers';
import { queueHandlers } from './queue/handlers';
import { type PbxDirectory, QueueService } from './queue/service';
import type { SchedulerTuning } from './queue/scheduler';
import { ProjectService } from './projects/project-service';
import { settingsHandlers } from './settings/handlers';
import { SettingsService } from './settings/settings-service';
import { Store } from './store';
import { createScannerService, scannerHandlers } from './scanner';

/** What a shell passes to start the core. */
export interface CoreOptions {
  /** Where the store, logs and caches live; tests pass a temporary directory. */
  readonly dataDir: string;
  readonly shell: 'electron' | 'web';
  readonly log?: Logger;
  /** PBX client settings (timeouts, retries) and secret store; tests shorten or replace them. */
  readonly pbx?: Pick<PbxProfilesDeps, 'clientOptions' | 'openSecrets'>;
  /** Opens an allowed web address in the system browser (Electron's shell.openExternal); absent in the browser shell. */
  readonly openExternal?: (url: string) => Promise<void>;
  /** Where the sync queue finds each PBX's port; default: the PBX profiles. `onsite sync` and tests pass their own. */
  readonly pbxDirectory?: PbxDirectory;
  /** Backoff, probe and polling intervals of the sync scheduler (tests make them short). */
  readonly queueTuning?: Partial<SchedulerTuning>;
  /** Replaces parts of discovery (interfaces, prober, neighbour table, PnP listener, clock); tests feed it real parser input. */
  readonly discovery?: Partial<Omit<DiscoveryDeps, 'emit'>>;
}

/** The PBX profiles as the sync queue sees them: each profile's port (its one client) and its name and address. */
function profilesDirectory(pbx: PbxProfiles): PbxDirectory {
  return {
    portFor: (id) =>
      pbx.profiles.find(id)
        ? { port: pbx.registry.portFor(id) }
        : { problem: 'The PBX profile of this site no longer exists: choose the site’s PBX, then press Sync now.' },
    describe: (id) => {
      const profile = pbx.profiles.find(id);
      return profile ? { name: profile.name, url: profile.baseUrl } : null;
    },
  };
}

/** The running core: one dispatcher and one event hub, whatever the shell. */
export interface Core {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly log: Logger;
  /** The data directory's documents; other services open theirs through it. */
  readonly store: Store;
  readonly projects: ProjectService;
  /** One PBX client per profile: `clientFor(id)`, `portFor(id)` (the sync engine's port), `release(id)`. */
  readonly pbx: PbxRegistry;
  /** The offline queue and sync to the PBX. */
  readonly queue: QueueService;
  /**
   * Opens the data folder now: locks it and loads the settings, reporting any recovery as a notice.
   * Shells that serve the UI call it at start, so a clash with another running copy (`DataDirInUseError`)
   * stops them before anything is edited; otherwise the folder opens on the first request that needs it.
   */
  openDataFolder(): void;
  /** Stops background work and releases resources (tokens, ports, sockets, the data folder lock). */
  close(): Promise<void>;
}

/**
 * Builds the core: the services behind the contract. Shells (Electron, browser, CLI) only
 * translate their transport to {@link Core.dispatch} and {@link Core.events}. The store touches no
 * file until {@link Core.openDataFolder} or a request that needs the data folder.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? createLogger({ dir: `${options.dataDir}/logs` });
  const events = new EventHub();
  const notices = new Notices(events);
  const store = new Store({ dataDir: options.dataDir, shell: options.shell, notices, log: log.scope('store') });
  const settings = new SettingsService(store, events);
  const projects = new ProjectService(store, events);
  const discovery = createDiscoveryService(events, log.scope('discovery'), options.discovery);
  const seenOnNetwork = new SeenOnNetworkService({ projects, events, log: log.scope('seen-on-network') });
  const pbx = createPbxProfiles({ store, events, notices, projects, log: log.scope('pbx'), ...options.pbx });
  const queue = new QueueService({
    projects,
    settings,
    events,
    log: log.scope('queue'),
    pbx: options.pbxDirectory ?? profilesDirectory(pbx),
    snapshotFor: (id) => {
      const profile = pbx.profiles.find(id);
      return profile ? pbx.cache.snapshot(id, profile.baseUrl) : null;
    },
    ...(options.queueTuning ? { tuning: options.queueTuning } : {}),
  });
  const scanner = createScannerService({ store, events, log });

  const handlers = {
    ...appHandlers({ productName: PRODUCT_NAME, version: VERSION, shell: options.shell, dataDir: options.dataDir }, notices, {
      pbxBaseUrls: () => Promise.resolve(pbx.profiles.list().map((p) => p.baseUrl)),
      open: options.openExternal,
    }),
    ...barcodeHandlers({ registrantFor: createRegistrantLookup(log.scope('oui')) }),
    ...settingsHandlers(settings),
    ...projectHandlers(projects, (id) => pbx.profiles.find(id) !== undefined),
    ...discoveryHandlers(discovery),
    ...pbxHandlers(pbx.service),
    ...queueHandlers(queue),
    ...scannerHandlers(scanner),
  } satisfies Handlers;

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    log,
    store,
    projects,
    pbx: pbx.registry,
    queue,
    openDataFolder: () => {
      store.ensureOpen();
      settings.get();
      // Queued phones and requests cut short by a crash or a kill resume now (pre-flight reads back first).
      queue.startup();
      scanner.restore();
    },
    close: async () => {
      await queue.close(); // first: a sync stops between requests before its client is closed
      await discovery.close();
      seenOnNetwork.close();
      await pbx.close(); // revokes every PBX token: the PBX allows only 8 live tokens per app
      await scanner.close();
      store.close();
    },
  };
}
