import { useState } from 'react';
import type { DiscoveredDevice } from '../../../../shared/contract';
import { useBridge } from '../../app/bridge-context';
import type { PbxMark } from './pbx-compare';
import { addToProject, type useProjectTarget } from './project-target';

/**
 * Where selected devices go: pick a project (or create one) and add them as grid rows. Devices already on the
 * site's PBX are added too (the technician may be replacing or moving a phone); their rows carry the grid's
 * usual check, which says what to do.
 */
export function ProjectBar({
  target,
  picked,
  onPbx,
  onAdded,
}: {
  target: ReturnType<typeof useProjectTarget>;
  picked: readonly DiscoveredDevice[];
  onPbx: (mac: string) => PbxMark | null;
  onAdded: () => void;
}) {
  const bridge = useBridge();
  const [newName, setNewName] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = target.projects.find((p) => p.id === target.projectId);

  const add = async (): Promise<void> => {
    if (!chosen || picked.length === 0) return;
    setBusy(true);
    const outcome = await addToProject(bridge, chosen.id, picked);
    setBusy(false);
    if (!outcome.ok) {
      target.setError(outcome.error);
      return;
    }
    const { added, alreadyThere, projectName } = outcome.data;
    const onThePbx = picked.filter((d) => onPbx(d.mac) !== null).length;
    target.setError(null);
    setResult(
      `${added} added to “${projectName}”${alreadyThere > 0 ? `; ${alreadyThere} already there (marked seen on the network)` : ''}.` +
        (onThePbx > 0 ? ` ${onThePbx} ${onThePbx === 1 ? 'is' : 'are'} already on the PBX: the Site screen shows ${onThePbx === 1 ? 'its row' : 'their rows'} with what to do.` : ''),
    );
    onAdded();
  };

  if (target.projects.length === 0) {
    return (
      <form
        className="disc-project"
        onSubmit={(e) => {
          e.preventDefault();
          if (newName.trim()) void target.create(newName.trim());
        }}
      >
        <label>
          No project yet: name one for this site
          <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="e.g. Acme HQ, 2nd floor" data-testid="discovery-new-project" />
        </label>
        <button type="submit" className="button-quiet" disabled={!newName.trim()}>
          Create project
        </button>
      </form>
    );
  }
  return (
    <div className="disc-project">
      <label>
        Project
        <select value={target.projectId} onChange={(e) => target.setProjectId(e.target.value)} data-testid="discovery-project">
          {target.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.rowCount} {p.rowCount === 1 ? 'row' : 'rows'})
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void add()} disabled={busy || picked.length === 0}>
        Add {picked.length} selected to project
      </button>
      {result && (
        <span role="status" data-testid="discovery-added">
          {result}
        </span>
      )}
      {target.error && (
        <span className="disc-warn" role="alert">
          {target.error.message} {target.error.hint}
        </span>
      )}
    </div>
  );
}
