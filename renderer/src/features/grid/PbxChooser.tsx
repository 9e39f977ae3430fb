import { useState } from 'react';
import { useBridge } from '../../app/bridge-context';
import { useProfiles } from '../pbx/useProfiles';
import type { SnapshotState } from './snapshot';
import { errorText } from '../../../../shared/contract';

/**
 * Which PBX this site syncs to (its checks and pickers use that PBX's offline data), and "Refresh PBX data".
 * Profiles themselves are made on the PBX screen.
 */
export function PbxChooser({ projectId, profileId, pbx }: { projectId: string; profileId: string | null; pbx: SnapshotState }) {
  const bridge = useBridge();
  const { profiles } = useProfiles();
  const [problem, setProblem] = useState<string | undefined>();
  const choose = (id: string): void => {
    setProblem(undefined);
    void bridge.call('projects:update', { id: projectId, pbxProfileId: id === '' ? null : id }).then((result) => {
      if (!result.ok) setProblem(result.error.message);
    });
  };
  const error = problem ?? (pbx.refreshError ? errorText(pbx.refreshError) : undefined);
  return (
    <span className="pbx-chooser">
      <label>
        PBX
        <select value={profileId ?? ''} onChange={(e) => choose(e.target.value)} data-testid="project-pbx" aria-label="PBX profile for this site">
          <option value="">— none —</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button-quiet" disabled={profileId === null || pbx.refreshing} onClick={pbx.refresh} data-testid="pbx-refresh-data" title={pbx.label}>
        {pbx.refreshing ? 'Refreshing…' : `Refresh PBX data${pbx.age ? ` (${pbx.age})` : ''}`}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
