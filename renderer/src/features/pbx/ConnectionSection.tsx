import { useState } from 'react';
import type { AppError, PbxConnectionState, PbxProfileView, RequestOutput } from '../../../../shared/contract';
import { useBridge } from '../../app/bridge-context';
import { dateTime, seconds } from './format';

const STATE_LABEL: Record<PbxConnectionState, string> = {
  connected: 'Connected',
  'needs-secret': 'Client Secret needed',
  'auth-refused': 'Login refused',
  blocked: 'IP blocked by the PBX',
  unreachable: 'Not reachable',
  'tls-untrusted': 'Certificate not trusted',
  'tls-changed': 'Certificate changed',
  error: 'Error',
};

/** The chip for a connection state (or "not checked"). */
export function StatusChip({ profile }: { profile: PbxProfileView }) {
  const state = profile.status?.state;
  const tone = state === undefined ? 'warn' : state === 'connected' ? 'ok' : state === 'unreachable' || state === 'needs-secret' ? 'warn' : 'bad';
  return (
    <span className={`chip chip-${tone}`} data-testid="pbx-status" data-state={state ?? 'unchecked'}>
      {state ? STATE_LABEL[state] : 'Not checked yet'}
    </span>
  );
}

type Outcome = { ok: true; data: RequestOutput<'pbx:test-connection'> } | { ok: false; error: AppError };

/**
 * "Test connection": one click, at most one login attempt (the PBX blocks this computer's IP after 5 failed
 * logins, so the app never retries a refused login by itself). Shows counts and time, or the error and what to do.
 */
export function ConnectionSection({ profile, onCheckCertificate }: { profile: PbxProfileView; onCheckCertificate: () => void }) {
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // Counts clicks, so a result on screen can always be told apart from the previous one (also by tests).
  const [run, setRun] = useState(0);

  const test = (): void => {
    setBusy(true);
    setOutcome(undefined);
    setRun((n) => n + 1);
    void bridge.call('pbx:test-connection', { id: profile.id }).then((result) => {
      setBusy(false);
      setOutcome(result);
    });
  };
  const status = profile.status;
  const error = outcome && !outcome.ok ? outcome.error : undefined;
  const certificateTrouble = error?.code === 'pbx-tls-untrusted' || error?.code === 'pbx-tls-changed' || status?.state === 'tls-changed' || status?.state === 'tls-untrusted';
  return (
    <section className="pbx-section" aria-label="Connection">
      <h3>
        Connection <StatusChip profile={profile} />
      </h3>
      {status && !outcome && status.state !== 'connected' && (
        <p className="muted">
          {status.message} {status.hint} (checked {dateTime(status.checkedAt)})
        </p>
      )}
      <div className="pbx-actions">
        <button type="button" onClick={test} disabled={busy} data-testid="pbx-test" data-run={run}>
          {busy ? 'Testing…' : 'Test connection'}
        </button>
        {certificateTrouble && profile.baseUrl.startsWith('https://') && (
          <button type="button" className="button-quiet" onClick={onCheckCertificate}>
            Review the certificate…
          </button>
        )}
      </div>
      {busy && <p role="status">Logging in and counting extensions and phones…</p>}
      {outcome?.ok && (
        <p className="pbx-alert pbx-alert-ok" role="status" data-testid="pbx-test-result" data-run={run}>
          Connected: {outcome.data.extensionCount} extensions and {outcome.data.phoneCount} phones on the PBX ({seconds(outcome.data.elapsedMs)}).
        </p>
      )}
      {error && (
        <div className="pbx-alert pbx-alert-bad" role="alert" data-testid="pbx-test-result" data-run={run}>
          <p>
            <strong>{error.message}</strong>
          </p>
          {error.hint && <p>{error.hint}</p>}
          {(error.code === 'pbx-auth' || error.code === 'pbx-blocked') && (
            <p>Each click on Test connection makes at most one login attempt. Check the Client ID and Secret before trying again.</p>
          )}
        </div>
      )}
    </section>
  );
}
