import { useEffect, useMemo, useState } from 'react';
import type { ProjectSummary } from '../../../../shared/domain/project';
import { type PbxIndex, indexSnapshot } from '../../../../shared/grid/pbx-index';
import { type SnapshotState, usePbxSnapshot } from '../grid/snapshot';
import { ageOfIso } from '../pbx/format';
import { useProfiles } from '../pbx/useProfiles';
import { type PbxCompare, compareText, refreshOffered } from './pbx-compare';

/** The current time, re-read every `everyMs`, so an age on screen ("3 min ago") keeps up. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The comparison of discovered devices with the chosen site's PBX. */
export interface PbxComparison {
  /** Null while the site's cached PBX data is being read. */
  readonly compare: PbxCompare | null;
  /** Lookups over the cached PBX data; null when there is no PBX to compare with. */
  readonly index: PbxIndex | null;
  readonly pbx: SnapshotState;
}

/**
 * Compares with the PBX of `site` (the project devices would be added to): its profile's offline cache,
 * with the data's age.
 */
export function usePbxComparison(site: ProjectSummary | undefined): PbxComparison {
  const profiles = useProfiles();
  const profileId = site?.pbxProfileId ?? null;
  const pbx = usePbxSnapshot(profileId);
  const now = useNow(30_000);
  const fetchedAt = pbx.snapshot.phones.fetchedAt;
  const pbxName = profiles.profiles.find((p) => p.id === profileId)?.name ?? site?.name ?? '';
  let compare: PbxCompare | null;
  if (!site) compare = { kind: 'no-site' };
  else if (profileId === null) compare = { kind: 'no-pbx', site: site.name };
  else if (!pbx.loaded) compare = null;
  else if (fetchedAt === null) compare = { kind: 'no-data', site: site.name, pbx: pbxName };
  else compare = { kind: 'cached', site: site.name, pbx: pbxName, ageMs: ageOfIso(fetchedAt, now) ?? 0 };
  // Indexed once per snapshot, not per render: the screen re-renders for every device discovery reports.
  const index = useMemo(() => (profileId !== null && pbx.loaded ? indexSnapshot(pbx.snapshot) : null), [profileId, pbx.loaded, pbx.snapshot]);
  return { compare, index, pbx };
}

/** One line: what the "On the PBX" marks are based on, and "Refresh PBX data" when the data is missing or old. */
export function PbxCompareBar({ comparison }: { comparison: PbxComparison }) {
  const { compare, pbx } = comparison;
  if (!compare) return null;
  const offered = refreshOffered(compare);
  return (
    <div className={`disc-pbx${offered ? ' disc-pbx-stale' : ''}`} role="status" data-testid="discovery-pbx" data-kind={compare.kind}>
      <span>{compareText(compare)}</span>
      {offered && (
        <button type="button" className="button-quiet" onClick={pbx.refresh} disabled={pbx.refreshing} data-testid="discovery-pbx-refresh">
          {pbx.refreshing ? 'Refreshing PBX data…' : 'Refresh PBX data'}
        </button>
      )}
      {pbx.refreshError && (
        <span className="disc-warn" role="alert">
          {pbx.refreshError.message} {pbx.refreshError.hint}
        </span>
      )}
    </div>
  );
}
