import { useCallback, useEffect, useState } from 'react';
import type { AppError, PbxStatus } from '../../../../shared/contract';
import { type PbxSnapshot, emptySnapshot } from '../../../../shared/domain/pbx-snapshot';
import { useBridge, useCoreEvents } from '../../app/bridge-context';
import { ageOfIso, ageText } from '../pbx/format';

/** The PBX data the grid checks against, and how the UI should describe it. */
export interface SnapshotState {
  readonly snapshot: PbxSnapshot;
  /** The project's PBX profile, or null when none is chosen. */
  readonly profileId: string | null;
  /** The connection as last seen (null: never tried). */
  readonly status: PbxStatus | null;
  /** One line for the status bar's tooltip. */
  readonly label: string;
  /** Age of the extension list ("3 min ago"), or null when never fetched. */
  readonly age: string | null;
  /** Refreshing from the PBX right now. */
  readonly refreshing: boolean;
  /** Why the last refresh failed, if it did. */
  readonly refreshError: AppError | undefined;
  /** Fetches fresh PBX data into the profile's offline cache (one login at most; never retried by itself). */
  readonly refresh: () => void;
}

const EMPTY = emptySnapshot();

function describe(profileId: string | null, snapshot: PbxSnapshot, status: PbxStatus | null): string {
  if (profileId === null) return 'No PBX profile chosen for this project: extensions, phones and models are not checked.';
  if (snapshot.extensions.fetchedAt === null) return 'PBX data not loaded yet: press Refresh PBX data (or use the PBX screen).';
  const age = ageText(ageOfIso(snapshot.extensions.fetchedAt));
  return `${status?.message ?? 'Not connected this session.'} Checks use the PBX data from ${age}.`;
}

/**
 * The project's PBX snapshot from its profile's offline cache (`pbx:snapshot`, works offline), kept current by
 * `pbx:snapshot-updated` and `pbx:status`. Without a profile the grid still works and says which checks it skips.
 */
export function usePbxSnapshot(profileId: string | null): SnapshotState {
  const bridge = useBridge();
  // Kept with the profile it came from, so switching profiles never shows the other PBX's data.
  const [loaded, setLoaded] = useState<{ profileId: string; snapshot: PbxSnapshot; status: PbxStatus | null } | undefined>();
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<AppError | undefined>();

  const load = useCallback(() => {
    if (profileId === null) return;
    void bridge.call('pbx:snapshot', { id: profileId }).then((result) => {
      if (result.ok) setLoaded({ profileId, snapshot: result.data.snapshot, status: result.data.status });
    });
  }, [bridge, profileId]);
  useEffect(load, [load]);

  useCoreEvents((event) => {
    if (event.event === 'pbx:snapshot-updated' && event.payload.profileId === profileId) load();
    if (event.event === 'pbx:status' && event.payload.profileId === profileId) setLoaded((l) => (l && l.profileId === profileId ? { ...l, status: event.payload } : l));
  });

  const refresh = useCallback(() => {
    if (profileId === null) return;
    setRefreshing(true);
    setRefreshError(undefined);
    void bridge.call('pbx:refresh', { id: profileId }).then((result) => {
      setRefreshing(false);
      if (!result.ok) return setRefreshError(result.error);
      setLoaded({ profileId, snapshot: result.data.snapshot, status: result.data.status });
    });
  }, [bridge, profileId]);

  const current = loaded && loaded.profileId === profileId ? loaded : undefined;
  const snapshot = current?.snapshot ?? EMPTY;
  const status = current?.status ?? null;
  const age = snapshot.extensions.fetchedAt === null ? null : ageText(ageOfIso(snapshot.extensions.fetchedAt));
  return { snapshot, profileId, status, label: describe(profileId, snapshot, status), age, refreshing, refreshError, refresh };
}
