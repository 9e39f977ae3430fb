import { useState } from 'react';
import { CertificateDialog } from './CertificateDialog';
import { DeleteDialog } from './DeleteDialog';
import { ProfileDetail } from './ProfileDetail';
import { ProfileForm } from './ProfileForm';
import { StatusChip } from './ConnectionSection';
import { type SecretStorage, useProfiles } from './useProfiles';
import './pbx.css';

/** Where Client Secrets are kept this run, always in view: the keychain, or memory with why and how to fix it. */
function StorageBanner({ storage }: { storage: SecretStorage | undefined }) {
  if (!storage) return null;
  if (storage.mode === 'keychain') {
    return (
      <p className="pbx-storage pbx-alert pbx-alert-ok" data-testid="pbx-storage" data-mode="keychain">
        Client Secrets are stored in the OS keychain, never in a file.
      </p>
    );
  }
  return (
    <div className="pbx-storage pbx-alert pbx-alert-warn" role="alert" data-testid="pbx-storage" data-mode="memory">
      <p>
        <strong>Client Secrets are kept in memory for this run only.</strong>
      </p>
      <p>{storage.reason}</p>
    </div>
  );
}

type Mode = { kind: 'view' } | { kind: 'new' } | { kind: 'edit' };
type DialogKind = 'certificate' | 'delete' | undefined;

/**
 * "PBX": the technician's PBX profiles. Add, edit and delete them; the secret is write-only; check and trust the
 * certificate; test the connection; refresh the offline copy of the PBX's data.
 */
export function PbxScreen() {
  const { profiles, storage, loaded, error } = useProfiles();
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [dialog, setDialog] = useState<DialogKind>();
  const [message, setMessage] = useState<string | undefined>();

  const selected = profiles.find((p) => p.id === selectedId) ?? (mode.kind === 'new' ? undefined : profiles[0]);
  const showForm = mode.kind === 'new' || mode.kind === 'edit' || (loaded && profiles.length === 0);
  return (
    <div className="pbx" data-testid="pbx-screen">
      <StorageBanner storage={storage} />
      {error && (
        <p className="pbx-alert pbx-alert-bad" role="alert">
          {error.message} {error.hint}
        </p>
      )}
      {message && (
        <p className="pbx-alert pbx-alert-info" role="status" data-testid="pbx-message">
          {message}
        </p>
      )}
      <div className="pbx-layout">
        <nav className="pbx-list panel" aria-label="PBX profiles">
          <h2>PBX profiles</h2>
          <ul>
            {profiles.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={p.id === selected?.id && mode.kind !== 'new' ? 'pbx-list-item pbx-list-current' : 'pbx-list-item'}
                  aria-current={p.id === selected?.id && mode.kind !== 'new' ? 'true' : undefined}
                  onClick={() => {
                    setSelectedId(p.id);
                    setMode({ kind: 'view' });
                    setMessage(undefined);
                  }}
                >
                  <span className="pbx-list-name">{p.name}</span>
                  <span className="pbx-list-url">{p.baseUrl}</span>
                  <StatusChip profile={p} />
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => { setMode({ kind: 'new' }); setMessage(undefined); }} data-testid="pbx-add">
            Add PBX profile
          </button>
        </nav>
        <div className="pbx-main">
          {showForm ? (
            <ProfileForm
              key={mode.kind === 'edit' && selected ? selected.id : 'new'}
              profile={mode.kind === 'edit' ? selected : undefined}
              storage={storage}
              onSaved={(saved, notes) => {
                setSelectedId(saved.id);
                setMode({ kind: 'view' });
                setMessage(['Profile saved.', ...notes].join(' '));
              }}
              onCancel={() => setMode({ kind: 'view' })}
            />
          ) : (
            selected && (
              <ProfileDetail
                profile={selected}
                storage={storage}
                onEdit={() => setMode({ kind: 'edit' })}
                onDelete={() => setDialog('delete')}
                onCheckCertificate={() => setDialog('certificate')}
              />
            )
          )}
        </div>
      </div>
      {dialog === 'certificate' && selected && (
        <CertificateDialog
          profile={selected}
          onClose={() => setDialog(undefined)}
          onTrusted={() => {
            setDialog(undefined);
            setMessage('Certificate trusted: only this certificate is accepted for this PBX. Test the connection next.');
          }}
        />
      )}
      {dialog === 'delete' && selected && (
        <DeleteDialog
          profile={selected}
          onClose={() => setDialog(undefined)}
          onDeleted={(detached) => {
            setDialog(undefined);
            setSelectedId(undefined);
            setMessage(`Profile deleted.${detached.length > 0 ? ` ${detached.join(', ')} now ${detached.length === 1 ? 'has' : 'have'} no PBX profile.` : ''}`);
          }}
        />
      )}
    </div>
  );
}
