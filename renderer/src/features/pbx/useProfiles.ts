import { useCallback, useEffect, useState } from 'react';
import type { AppError, PbxProfileView, RequestOutput } from '../../../../shared/contract';
import { useBridge, useCoreEvents } from '../../app/bridge-context';

/** Where secrets are kept this run. */
export type SecretStorage = RequestOutput<'pbx:profiles'>['storage'];

/** What the PBX screen knows about the profiles; reloaded whenever the core says something changed. */
export interface ProfilesState {
  readonly profiles: readonly PbxProfileView[];
  readonly storage: SecretStorage | undefined;
  readonly loaded: boolean;
  readonly error: AppError | undefined;
}

/** Loads `pbx:profiles` and keeps it current through `pbx:*` events (this and other windows). */
export function useProfiles(): ProfilesState {
  const bridge = useBridge();
  const [profiles, setProfiles] = useState<readonly PbxProfileView[]>([]);
  const [storage, setStorage] = useState<SecretStorage | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppError | undefined>();

  const reload = useCallback(() => {
    void bridge.call('pbx:profiles', {}).then((result) => {
      setLoaded(true);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(undefined);
      setProfiles(result.data.profiles);
      setStorage(result.data.storage);
    });
  }, [bridge]);

  useEffect(reload, [reload]);
  useCoreEvents((event) => {
    if (event.event === 'pbx:profiles-changed' || event.event === 'pbx:snapshot-updated') reload();
    if (event.event === 'pbx:status') {
      const status = event.payload;
      setProfiles((list) => list.map((p) => (p.id === status.profileId ? { ...p, status } : p)));
    }
  });
  return { profiles, storage, loaded, error };
}
