import { AppFailure, type PbxConnectionState, type PbxStatus } from '../../../shared/contract';
import type { PbxTrouble } from '../queue/ports';
import { PbxError } from '../pbx';

/**
 * "No Client Secret is stored": thrown by a profile's credentials provider before any login is tried, so it
 * never counts towards the PBX's lockout. A PbxError, so the client passes it through unchanged.
 */
export class MissingSecretError extends PbxError {
  constructor(profileName: string, memoryOnly: boolean) {
    super('pbx-auth', `No Client Secret is stored for “${profileName}”.`, 'get_token', {
      hint: memoryOnly
        ? 'Secrets are kept in memory only on this computer, so they must be entered again after a restart: enter the Client Secret in the profile and save.'
        : 'Enter the Client Secret (PBX web portal, Integrations > API) in the profile and save.',
    });
    this.name = 'MissingSecretError';
  }
}

const STATE_BY_CODE: Partial<Record<string, PbxConnectionState>> = {
  'pbx-auth': 'auth-refused',
  'pbx-blocked': 'blocked',
  'pbx-unreachable': 'unreachable',
  'pbx-tls-untrusted': 'tls-untrusted',
  'pbx-tls-changed': 'tls-changed',
};

/** The connection state a failure means, with the failure's own words. */
export function statusFromError(profileId: string, error: unknown, at: Date): PbxStatus {
  const checkedAt = at.toISOString();
  if (error instanceof MissingSecretError) return { profileId, state: 'needs-secret', message: error.message, ...(error.hint ? { hint: error.hint } : {}), checkedAt };
  if (!(error instanceof AppFailure)) return { profileId, state: 'error', message: error instanceof Error ? error.message : String(error), checkedAt };
  const status: PbxStatus = { profileId, state: STATE_BY_CODE[error.code] ?? 'error', message: error.message, checkedAt };
  if (error.hint) status.hint = error.hint;
  if (error instanceof PbxError) {
    if (error.pinnedFingerprint) status.pinnedFingerprint = error.pinnedFingerprint;
    if (error.presentedFingerprint) status.presentedFingerprint = error.presentedFingerprint;
  }
  return status;
}

/** The connection state a sync-engine trouble means (the port keeps no error object, only its words). */
export function statusFromTrouble(profileId: string, trouble: PbxTrouble, pinned: boolean, at: Date): PbxStatus {
  const state: PbxConnectionState =
    trouble.kind === 'auth'
      ? 'auth-refused'
      : trouble.kind === 'blocked'
        ? 'blocked'
        : trouble.kind === 'tls'
          ? pinned
            ? 'tls-changed'
            : 'tls-untrusted'
          : trouble.kind === 'refused'
            ? 'error'
            : 'unreachable';
  return { profileId, state, message: trouble.reason, checkedAt: at.toISOString() };
}

/** The state after a successful exchange with the PBX. */
export function connectedStatus(profileId: string, at: Date): PbxStatus {
  return { profileId, state: 'connected', message: 'Connected to the PBX.', checkedAt: at.toISOString() };
}
