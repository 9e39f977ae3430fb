import { useEffect, useState } from 'react';
import type { AppError, PbxProfileView, RequestOutput } from '../../../../shared/contract';
import { sameFingerprint } from '../../../../shared/domain/fingerprint';
import { useBridge } from '../../app/bridge-context';
import { Dialog } from './Dialog';
import { dateTime, fingerprintGroups } from './format';

type Probe = RequestOutput<'pbx:probe-certificate'>;

/** A SHA-256 fingerprint in groups of four, big and monospaced, with the usual colon form for copying. */
export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  const groups = fingerprintGroups(value);
  return (
    <div className="fingerprint" data-testid={testId} data-fingerprint={value}>
      <div className="fingerprint-groups" aria-label={`SHA-256 fingerprint ${value}`}>
        {groups.map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </div>
      <code className="fingerprint-colon">{value}</code>
    </div>
  );
}

function validity(probe: Probe): { text: string; bad: boolean } {
  const now = Date.now();
  const from = Date.parse(probe.certificate.validFrom);
  const to = Date.parse(probe.certificate.validTo);
  const span = `${dateTime(probe.certificate.validFrom)} to ${dateTime(probe.certificate.validTo)}`;
  if (now < from) return { text: `${span} — NOT VALID YET (check this computer's clock)`, bad: true };
  if (now > to) return { text: `${span} — EXPIRED`, bad: true };
  return { text: span, bad: false };
}

/**
 * Shows the certificate the PBX presents now so the technician can compare its fingerprint with the PBX web portal
 * and trust (pin) it. When a pin exists and the PBX presents another certificate, it says so loudly, with the old
 * and new fingerprints, and trusting is an explicit re-pin.
 */
export function CertificateDialog({ profile, onClose, onTrusted }: { profile: PbxProfileView; onClose: () => void; onTrusted: () => void }) {
  const bridge = useBridge();
  const [probe, setProbe] = useState<Probe | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void bridge.call('pbx:probe-certificate', { baseUrl: profile.baseUrl }).then((result) => (result.ok ? setProbe(result.data) : setError(result.error)));
  }, [bridge, profile.baseUrl]);

  const pinned = profile.pin;
  const changed = Boolean(probe && pinned && !sameFingerprint(pinned.fingerprint256, probe.certificate.fingerprint256));
  const samePin = Boolean(probe && pinned && !changed);
  // A pin that no longer matches must be replaceable even by a publicly trusted certificate.
  const canTrust = Boolean(probe && !samePin && (!probe.trusted || changed));
  const trust = (): void => {
    if (!probe) return;
    setBusy(true);
    void bridge.call('pbx:trust-certificate', { id: profile.id, fingerprint256: probe.certificate.fingerprint256 }).then((result) => {
      setBusy(false);
      if (result.ok) onTrusted();
      else setError(result.error);
    });
  };

  return (
    <Dialog title={changed ? 'The PBX certificate has changed' : 'PBX certificate'} onClose={onClose} testId="certificate-dialog" tone={changed ? 'danger' : undefined}>
      {!probe && !error && <p role="status">Reading the certificate of {profile.baseUrl}…</p>}
      {changed && pinned && probe && (
        <div className="pbx-alert pbx-alert-bad" role="alert" data-testid="certificate-changed">
          <p>
            <strong>The PBX now presents a different certificate than the one you trusted on {dateTime(pinned.pinnedAt)}.</strong> The app refuses to
            connect until you trust the new one. If the PBX certificate was renewed, check the new fingerprint on the PBX. If nobody changed it, someone
            may be intercepting the connection: do not trust it.
          </p>
          <p className="label">Trusted before</p>
          <Fingerprint value={pinned.fingerprint256} testId="fingerprint-old" />
          <p className="label">Presented now</p>
          <Fingerprint value={probe.certificate.fingerprint256} testId="fingerprint-new" />
        </div>
      )}
      {probe && (
        <>
          {probe.trusted && <p className="pbx-alert pbx-alert-ok">This computer already trusts this certificate (it is issued by a known authority for this address). No pin is needed.</p>}
          {samePin && <p className="pbx-alert pbx-alert-ok">This is the certificate you trusted on {dateTime(pinned!.pinnedAt)}.</p>}
          {!probe.trusted && !pinned && <p className="pbx-alert pbx-alert-warn">This computer does not trust this certificate: {probe.problem}. PBX appliances usually use such a certificate. Check it before trusting it.</p>}
          {!changed && (
            <>
              <p className="label">SHA-256 fingerprint</p>
              <Fingerprint value={probe.certificate.fingerprint256} testId="fingerprint-presented" />
            </>
          )}
          <dl className="facts">
            <dt>Subject</dt>
            <dd>{probe.certificate.subject || '—'}</dd>
            <dt>Issuer</dt>
            <dd>{probe.certificate.selfSigned ? `${probe.certificate.issuer} (self-signed)` : probe.certificate.issuer}</dd>
            <dt>Valid</dt>
            <dd className={validity(probe).bad ? 'error' : undefined}>{validity(probe).text}</dd>
            <dt>Names</dt>
            <dd>{probe.certificate.subjectAltNames.join(', ') || '—'}</dd>
          </dl>
          {canTrust && (
            <label className="confirm-check">
              <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} data-testid="certificate-checked" />I checked this fingerprint on the PBX
              (System &gt; Security &gt; Certificates) — trust it
            </label>
          )}
        </>
      )}
      {error && (
        <p className="pbx-alert pbx-alert-bad" role="alert">
          {error.message} {error.hint}
        </p>
      )}
      <div className="pbx-actions">
        {canTrust && (
          <button type="button" disabled={!checked || busy} onClick={trust} className={changed ? 'button-danger' : undefined} data-testid="certificate-trust">
            {busy ? 'Trusting…' : changed ? 'Trust the new certificate' : 'Trust this certificate'}
          </button>
        )}
        <button type="button" className="button-quiet" onClick={onClose}>
          {canTrust ? 'Cancel' : 'Close'}
        </button>
      </div>
    </Dialog>
  );
}
