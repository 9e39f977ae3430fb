import { AppFailure, type ErrorCode } from '../../../shared/contract/result';
import type { PbxDuplicateField, PbxInvalidParam } from '../../../shared/domain/pbx-errors';

/** Details a PBX failure can carry, beyond code and words. */
export interface PbxErrorDetails {
  readonly hint?: string;
  /** Waiting and trying again may help (network, HTTP 5xx, `-2`, `70082`). */
  readonly transient?: boolean;
  /** The request may have reached the PBX (false = it certainly did not). */
  readonly sent?: boolean;
  readonly errcode?: number;
  readonly httpStatus?: number;
  readonly invalidParams?: readonly PbxInvalidParam[];
  readonly duplicates?: readonly PbxDuplicateField[];
  /** For `pbx-tls-changed`: the pinned fingerprint and the one the PBX presents now. */
  readonly pinnedFingerprint?: string;
  readonly presentedFingerprint?: string;
}

/**
 * A failure talking to the PBX. It is an {@link AppFailure}, so handlers can let it through and the shell
 * receives `{code, message, hint}`; the extra fields are for the core (sync engine, profile checks).
 */
export class PbxError extends AppFailure {
  /** The endpoint the failure happened on (`get_token`, `phone/batchcreate`, …). */
  readonly endpoint: string;
  readonly transient: boolean;
  readonly sent: boolean;
  readonly errcode: number | undefined;
  readonly httpStatus: number | undefined;
  readonly invalidParams: readonly PbxInvalidParam[];
  readonly duplicates: readonly PbxDuplicateField[];
  readonly pinnedFingerprint: string | undefined;
  readonly presentedFingerprint: string | undefined;

  constructor(code: ErrorCode, message: string, endpoint: string, details: PbxErrorDetails = {}) {
    const fields = [
      ...(details.invalidParams ?? []).map((p) => ({ path: p.field, message: p.validation_type === 'required' ? 'required' : `refused: ${p.value ?? ''}` })),
      ...(details.duplicates ?? []).map((d) => ({ path: d.field, message: `already on the PBX: ${d.value ?? ''}` })),
    ];
    super(code, message, { ...(details.hint ? { hint: details.hint } : {}), ...(fields.length > 0 ? { fields } : {}) });
    this.name = 'PbxError';
    this.endpoint = endpoint;
    this.transient = details.transient ?? false;
    this.sent = details.sent ?? false;
    this.errcode = details.errcode;
    this.httpStatus = details.httpStatus;
    this.invalidParams = details.invalidParams ?? [];
    this.duplicates = details.duplicates ?? [];
    this.pinnedFingerprint = details.pinnedFingerprint;
    this.presentedFingerprint = details.presentedFingerprint;
  }
}
