/** PBX profiles: stored profiles, keychain secrets, one client per profile, the offline cache. */
import type { SecretStore } from '../credentials/secret-store';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import type { ProjectService } from '../projects/project-service';
import type { NoticeSink, Store } from '../store';
import { SnapshotCache } from './cache';
import { ProfileService } from './profile-service';
import { ProfileRepository } from './profile-store';
import { PbxRegistry, type RegistryDeps } from './registry';
import { ProfileSecrets } from './secrets';

export { pbxHandlers, type PbxChannel } from './handlers';
export { PbxRegistry, type UseOptions } from './registry';
export { ProfileService } from './profile-service';
export { ProfileRepository, type StoredProfile } from './profile-store';
export { SnapshotCache } from './cache';

/** What the PBX profiles need from the core. */
export interface PbxProfilesDeps {
  readonly store: Store;
  readonly events: EventHub;
  readonly notices: NoticeSink;
  readonly projects: ProjectService;
  readonly log: Logger;
  /** Opens the secret store; default: the OS keychain with the in-memory fallback. */
  readonly openSecrets?: (log: Logger) => Promise<SecretStore>;
  /** Client settings (timeouts, retries) for tests. */
  readonly clientOptions?: RegistryDeps['clientOptions'];
}

/** The PBX profile services, wired. */
export interface PbxProfiles {
  readonly service: ProfileService;
  /** One client per profile, for the sync engine: `clientFor(id)`, `portFor(id)`, `release(id)`. */
  readonly registry: PbxRegistry;
  /** The stored profiles (the sync queue names a project's PBX in reports). */
  readonly profiles: ProfileRepository;
  /** The offline snapshot per profile (the sync queue checks rows against it when they are queued). */
  readonly cache: SnapshotCache;
  /** Closes every client (revoking its token). */
  close(): Promise<void>;
}

/** Builds the PBX profile services over the store. Nothing touches the disk or the keychain until first used. */
export function createPbxProfiles(deps: PbxProfilesDeps): PbxProfiles {
  const profiles = new ProfileRepository(deps.store);
  const secrets = new ProfileSecrets(deps.notices, deps.log.scope('keychain'), deps.openSecrets);
  const cache = new SnapshotCache(deps.store, deps.events);
  const registry = new PbxRegistry({ profiles, secrets, cache, events: deps.events, log: deps.log, clientOptions: deps.clientOptions });
  const service = new ProfileService({ profiles, secrets, registry, cache, projects: deps.projects, events: deps.events, log: deps.log });
  return { service, registry, profiles, cache, close: () => registry.close() };
}
