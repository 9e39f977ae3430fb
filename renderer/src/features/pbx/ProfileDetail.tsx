import type { PbxProfileView } from '../../../../shared/contract';
import { ExternalLink } from '../../app/ExternalLink';
import { CacheSection } from './CacheSection';
import { Fingerprint } from './CertificateDialog';
import { ConnectionSection } from './ConnectionSection';
import { dateTime } from './format';
import { secretStatusText } from './ProfileForm';
import type { SecretStorage } from './useProfiles';

/** The certificate part of a profile: pinned fingerprint, a changed certificate, or nothing checked yet. */
function CertificateSection({ profile, onCheck }: { profile: PbxProfileView; onCheck: () => void }) {
  const status = profile.status;
  if (!profile.baseUrl.startsWith('https://')) {
    return (
      <section className="pbx-section" aria-label="Certificate">
        <h3>Certificate</h3>
        <p className="field-warn">This address uses http://: the connection (and the Client Secret at login) is not encrypted. Use the PBX's https:// address if you can.</p>
      </section>
    );
  }
  const changedWithFingerprints = status?.state === 'tls-changed' && Boolean(status.pinnedFingerprint && status.presentedFingerprint);
  return (
    <section className="pbx-section" aria-label="Certificate">
      <h3>Certificate</h3>
      {status?.state === 'tls-changed' && (
        <div className="pbx-alert pbx-alert-bad" role="alert" data-testid="pbx-cert-changed">
          <p>
            <strong>The PBX presents a different certificate than the trusted one.</strong> The app does not connect until you review it.
          </p>
          {status.pinnedFingerprint && status.presentedFingerprint && (
            <>
              <p className="label">Trusted</p>
              <Fingerprint value={status.pinnedFingerprint} />
              <p className="label">Presented now</p>
              <Fingerprint value={status.presentedFingerprint} />
            </>
          )}
        </div>
      )}
      {profile.pin ? (
        <>
          <p>Trusted (pinned) on {dateTime(profile.pin.pinnedAt)}: only this certificate is accepted.</p>
          {!changedWithFingerprints && <Fingerprint value={profile.pin.fingerprint256} testId="pbx-pinned" />}
        </>
      ) : (
        <p className="muted">No certificate pinned: the computer's trusted authorities decide. A self-signed PBX certificate must be checked and trusted.</p>
      )}
      <div className="pbx-actions">
        <button type="button" className={status?.state === 'tls-changed' ? 'button-danger' : 'button-quiet'} onClick={onCheck} data-testid="pbx-check-certificate">
          {status?.state === 'tls-changed' ? 'Review the new certificate…' : 'Check certificate…'}
        </button>
      </div>
    </section>
  );
}

/** One PBX profile: its details, secret status, certificate, connection test and offline data. */
export function ProfileDetail({
  profile,
  storage,
  onEdit,
  onDelete,
  onCheckCertificate,
}: {
  profile: PbxProfileView;
  storage: SecretStorage | undefined;
  onEdit: () => void;
  onDelete: () => void;
  onCheckCertificate: () => void;
}) {
  return (
    <article className="panel pbx-detail" data-testid="pbx-detail" aria-label={profile.name}>
      <header className="pbx-detail-head">
        <h2>{profile.name}</h2>
        <div className="pbx-actions">
          <button type="button" className="button-quiet" onClick={onEdit} data-testid="pbx-edit">
            Edit
          </button>
          <button type="button" className="button-quiet" onClick={onDelete} data-testid="pbx-delete">
            Delete…
          </button>
        </div>
      </header>
      <dl className="facts">
        <dt>Address</dt>
        <dd>
          <code>{profile.baseUrl}</code>{' '}
          <ExternalLink url={profile.baseUrl} testId="pbx-open-portal">
            Open web portal
          </ExternalLink>
        </dd>
        <dt>Client ID</dt>
        <dd>
          <code>{profile.clientId}</code>
        </dd>
        <dt>Client Secret</dt>
        <dd className={profile.secretStored ? undefined : 'field-warn'} data-testid="pbx-secret-stored" data-stored={profile.secretStored ? 'yes' : 'no'}>
          {secretStatusText(profile.secretStored, storage)}
        </dd>
        <dt>Projects</dt>
        <dd>{profile.usedBy.length > 0 ? profile.usedBy.map((p) => p.name).join(', ') : 'none yet'}</dd>
      </dl>
      <CertificateSection profile={profile} onCheck={onCheckCertificate} />
      <ConnectionSection profile={profile} onCheckCertificate={onCheckCertificate} />
      <CacheSection profile={profile} />
    </article>
  );
}
