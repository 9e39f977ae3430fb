import { useState } from 'react';
import { type PbxSnapshot, emptySnapshot } from '../../../../shared/domain/pbx-snapshot';

/** The PBX data the grid checks against, and how the UI should describe it. */
export interface SnapshotState {
  readonly snapshot: PbxSnapshot;
  /** Shown in the status bar and the pickers. */
  readonly label: string;
  readonly connected: boolean;
}

const NOT_LOADED: SnapshotState = {
  snapshot: emptySnapshot(),
  label: 'PBX data not loaded: extensions, phones and models are not checked yet',
  connected: false,
};

/**
 * The PBX snapshot for a project. The contract has no `pbx:snapshot` channel yet (the PBX connection work
 * adds it), so this says honestly that nothing is loaded; the grid still works offline and its checks that
 * need PBX data say they were skipped. When the channel lands, this hook is the one place to wire it.
 */
export function usePbxSnapshot(_projectId: string | undefined): SnapshotState {
  const [state] = useState(NOT_LOADED);
  return state;
}

/** "3 min ago" for a fetch time, or null when never fetched. */
export function ageOf(fetchedAt: string | null, now = Date.now()): string | null {
  if (fetchedAt === null) return null;
  const minutes = Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
