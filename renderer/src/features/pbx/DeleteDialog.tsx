import { useState } from 'react';
import type { AppError, PbxProfileView } from '../../../../shared/contract';
import { useBridge } from '../../app/bridge-context';
import { Dialog } from './Dialog';

/** Confirms deleting a profile: says what goes (secret, cache, token) and which projects lose their PBX profile. */
export function DeleteDialog({ profile, onClose, onDeleted }: { profile: PbxProfileView; onClose: () => void; onDeleted: (detached: readonly string[]) => void }) {
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();
  const del = (): void => {
    setBusy(true);
    void bridge.call('pbx:delete-profile', { id: profile.id, confirm: true, detachProjects: profile.usedBy.length > 0 }).then((result) => {
      setBusy(false);
      if (result.ok) onDeleted(result.data.detachedProjects.map((p) => p.name));
      else setError(result.error);
    });
  };
  return (
    <Dialog title={`Delete “${profile.name}”?`} onClose={onClose} testId="delete-dialog" tone="danger">
      <p>The profile, its Client Secret (in the keychain) and its offline PBX data are deleted. Nothing changes on the PBX.</p>
      {profile.usedBy.length > 0 && (
        <p className="pbx-alert pbx-alert-warn">
          Used by {profile.usedBy.map((p) => `“${p.name}”`).join(', ')}. {profile.usedBy.length === 1 ? 'That project' : 'Those projects'} will have no PBX
          profile until you choose one; nothing else in them changes.
        </p>
      )}
      {error && (
        <p className="pbx-alert pbx-alert-bad" role="alert">
          {error.message} {error.hint}
        </p>
      )}
      <div className="pbx-actions">
        <button type="button" className="button-danger" onClick={del} disabled={busy} data-testid="delete-confirm">
          {busy ? 'Deleting…' : 'Delete profile'}
        </button>
        <button type="button" className="button-quiet" onClick={onClose} autoFocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
