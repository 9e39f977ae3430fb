import type { PartialHandlers } from '../dispatch';
import type { ProfileService } from './profile-service';

/** Every `pbx:*` channel. */
export type PbxChannel =
  | 'pbx:profiles'
  | 'pbx:save-profile'
  | 'pbx:delete-profile'
  | 'pbx:probe-certificate'
  | 'pbx:trust-certificate'
  | 'pbx:test-connection'
  | 'pbx:refresh'
  | 'pbx:snapshot';

/** Handlers for the `pbx:*` channels: thin translations to the {@link ProfileService}. */
export function pbxHandlers(service: ProfileService): PartialHandlers<PbxChannel> {
  return {
    'pbx:profiles': () => service.list(),
    'pbx:save-profile': (input) => service.save(input),
    'pbx:delete-profile': ({ id, detachProjects }) => service.delete(id, detachProjects),
    'pbx:probe-certificate': ({ baseUrl }) => service.probe(baseUrl),
    'pbx:trust-certificate': ({ id, fingerprint256 }) => service.trust(id, fingerprint256),
    'pbx:test-connection': ({ id }) => service.testConnection(id),
    'pbx:refresh': ({ id }) => service.refresh(id),
    'pbx:snapshot': ({ id }) => service.snapshot(id),
  };
}
