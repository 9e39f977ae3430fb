import { type FormEvent, useState } from 'react';
import type { AppError, PbxProfileView } from '../../../../shared/contract';
import { useBridge } from '../../app/bridge-context';
import type { SecretStorage } from './useProfiles';

/** What the secret field says about the stored secret: it is write-only, the secret never comes back. */
export function secretStatusText(stored: boolean, storage: SecretStorage | undefined): string {
  if (!stored) return 'No Client Secret stored yet.';
  if (storage?.mode === 'memory') return 'Kept in memory for this run only (not in the keychain).';
  return 'Stored in the keychain.';
}

/**
 * Add or edit a PBX profile. The Client Secret field is write-only: it starts empty, says whether a secret is
 * stored and where, and is cleared after saving. Leaving it empty on edit keeps the stored secret.
 */
export function ProfileForm({
  profile,
  storage,
  onSaved,
  onCancel,
}: {
  profile: PbxProfileView | undefined;
  storage: SecretStorage | undefined;
  onSaved: (saved: PbxProfileView, notes: readonly string[]) => void;
  onCancel: () => void;
}) {
  const bridge = useBridge();
  const [name, setName] = useState(profile?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? '');
  const [clientId, setClientId] = useState(profile?.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();

  const fieldError = (path: string): string | undefined => error?.fields?.find((f) => f.path === path)?.message;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    void bridge
      .call('pbx:save-profile', { ...(profile ? { id: profile.id } : {}), name, baseUrl, clientId, ...(secret !== '' ? { secret } : {}) })
      .then((result) => {
        setBusy(false);
        setSecret(''); // write-only: never kept in the UI once sent
        if (result.ok) onSaved(result.data.profile, result.data.notes);
        else setError(result.error);
      });
  };

  const stored = profile?.secretStored ?? false;
  const secretPlaceholder = stored ? 'Type a new secret only to replace the stored one' : 'From the PBX web portal: Integrations > API';
  return (
    <form className="pbx-form panel" onSubmit={submit} data-testid="pbx-profile-form" aria-label={profile ? `Edit ${profile.name}` : 'New PBX profile'}>
      <h2>{profile ? `Edit “${profile.name}”` : 'New PBX profile'}</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={100} placeholder="e.g. Acme HQ" data-testid="pbx-name" aria-invalid={Boolean(fieldError('name'))} />
        {fieldError('name') && <span className="field-error">{fieldError('name')}</span>}
      </label>
      <label>
        PBX address
        <input
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          required
          spellCheck={false}
          placeholder="https://yourcompany.ras.yeastar.com or https://192.0.2.10:8088"
          data-testid="pbx-address"
          aria-invalid={Boolean(fieldError('baseUrl'))}
        />
        {fieldError('baseUrl') && <span className="field-error">{fieldError('baseUrl')}</span>}
      </label>
      <label>
        Client ID
        <input value={clientId} onChange={(e) => setClientId(e.target.value)} required spellCheck={false} autoComplete="off" data-testid="pbx-client-id" />
        {fieldError('clientId') && <span className="field-error">{fieldError('clientId')}</span>}
      </label>
      <label>
        Client Secret
        <input
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          autoComplete="new-password"
          spellCheck={false}
          placeholder={secretPlaceholder}
          data-testid="pbx-secret"
        />
        <span className={stored ? 'muted' : 'field-warn'} data-testid="pbx-secret-status">
          {secretStatusText(stored, storage)}
          {storage?.mode === 'memory' && ' The app cannot use the OS keychain, so secrets are not saved: see the message above.'}
        </span>
        {fieldError('secret') && <span className="field-error">{fieldError('secret')}</span>}
      </label>
      {error && !error.fields?.length && (
        <p className="pbx-alert pbx-alert-bad" role="alert">
          {error.message} {error.hint}
        </p>
      )}
      <div className="pbx-actions">
        <button type="submit" disabled={busy} data-testid="pbx-save">
          {busy ? 'Saving…' : profile ? 'Save changes' : 'Save profile'}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
