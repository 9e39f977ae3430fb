/**
 * Yeastar P-Series OpenAPI error codes, and what each means for a technician on site.
 * Pure: used by the core's PBX client to build messages, and by the UI and tests to reason about codes.
 */
import type { ErrorCode } from '../contract/result';

/** The PBX's generic error table (errcode → errmsg), as documented. */
export const PBX_ERRMSG: Readonly<Record<number, string>> = {
  [-2]: 'INTERNAL SERVER ERROR',
  [-1]: 'FAILURE',
  0: 'SUCCESS',
  1: 'PARTIAL SUCCESS',
  2: 'PROCESSING',
  10001: 'INTERFACE NOT EXISTED',
  10002: 'API VERSION OUT OF MAINTENANCE',
  10003: 'API VERSION UNSUPPORTED',
  10004: 'TOKEN EXPIRED',
  10005: 'ACCESS DENIED',
  10009: 'OPERATION FAILED',
  40001: 'PARAMETER SYNTAX ERROR',
  40002: 'PARAMETER ERROR',
  40003: 'DUPLICATE KEY VALUE',
  40004: 'FILE SIZE EXCEEDED',
  60001: 'DATA NOT FOUND',
  60002: 'MAX LIMITATION EXCEEDED',
  60101: 'ROLE NOT EXISTED',
  70004: 'ACCOUNT IP BLOCKED',
  70082: 'OVERLOAD_TASK_RUNNING',
  70084: 'ACTION FORBIDDEN',
  70087: 'IP FORBIDDEN',
  70091: 'CONNECTION_RELATION_EXISTED',
  70120: 'ORGANIZATION DISABLED',
  70123: 'API UNAVAILABLE',
};

/** One entry of `invalid_param_list`. */
export interface PbxInvalidParam {
  readonly field: string;
  readonly value?: string;
  readonly validation_type?: string;
}

/** One entry of `duplicate_field_list`. */
export interface PbxDuplicateField {
  readonly field: string;
  readonly value?: string;
  readonly external_source?: string;
  readonly external_source_name?: string;
}

/** The error part of a PBX answer. */
export interface PbxErrorBody {
  readonly errcode: number;
  readonly errmsg?: string;
  readonly submsg?: string;
  readonly invalid_param_list?: readonly PbxInvalidParam[];
  readonly duplicate_field_list?: readonly PbxDuplicateField[];
}

/** What the app makes of a PBX error: a contract code, words for the technician, and whether waiting helps. */
export interface PbxErrorDescription {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint?: string;
  /** True when the same request may succeed later without anyone changing anything. */
  readonly transient: boolean;
}

/** Error codes worth retrying after a pause: server fault and "a heavy task is running". */
export const TRANSIENT_ERRCODES: readonly number[] = [-2, 70082];

/** True when `errcode` says "try again later" rather than "this is wrong". */
export function isTransientErrcode(errcode: number): boolean {
  return TRANSIENT_ERRCODES.includes(errcode);
}

/** The message shown when the PBX refuses the Client ID / Secret. Never retried automatically. */
export const CREDENTIALS_REFUSED_MESSAGE =
  "The PBX refused the Client ID and Secret. The app will not retry by itself: 5 failed logins block this computer's IP on the PBX. Check the Client ID and Secret, then try again.";

const UNBLOCK_HINT =
  'On the PBX web portal go to Security > Security Rules > Blocked IPs and remove this computer\'s IP address, then check the Client ID and Secret before trying again.';

const FIELD_WORDS: Readonly<Record<string, string>> = {
  ext_id: 'extension id',
  mac: 'MAC address',
  vendor: 'vendor',
  model: 'model',
  template_name: 'template',
  provisioning_method: 'provisioning method',
  enb_rps_auth: 'first-time authentication flag',
  phone_list: 'phone list',
  batch_id_list: 'phone id list',
  'username or password': 'Client ID or Secret',
};

function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field;
}

function listInvalid(list: readonly PbxInvalidParam[] | undefined): string {
  if (!list || list.length === 0) return '';
  const items = list.slice(0, 10).map((p) => {
    if (p.validation_type === 'required') return `${fieldWords(p.field)} is missing`;
    return p.value === undefined ? fieldWords(p.field) : `${fieldWords(p.field)} "${p.value}"`;
  });
  return `${items.join(', ')}${list.length > 10 ? ` and ${list.length - 10} more` : ''}`;
}

function listDuplicates(list: readonly PbxDuplicateField[] | undefined): string {
  if (!list || list.length === 0) return '';
  const items = list.slice(0, 10).map((d) => {
    const owner = d.external_source_name ? ` (already used by ${d.external_source ?? 'item'} ${d.external_source_name})` : '';
    return `${fieldWords(d.field)} "${d.value ?? ''}"${owner}`;
  });
  return `${items.join(', ')}${list.length > 10 ? ` and ${list.length - 10} more` : ''}`;
}

function named(body: PbxErrorBody): string {
  const msg = body.errmsg ?? PBX_ERRMSG[body.errcode] ?? 'UNKNOWN ERROR';
  return `${body.errcode} ${msg}`;
}

/**
 * Describes a PBX error answer for a technician. `endpoint` (e.g. `get_token`, `phone/batchcreate`) sharpens
 * the wording where the same code means different things.
 */
export function describePbxError(body: PbxErrorBody, endpoint = ''): PbxErrorDescription {
  const code = body.errcode;
  const tag = ` (PBX error ${named(body)})`;
  switch (code) {
    case -1:
      if (endpoint === 'get_token') return { code: 'pbx-auth', message: CREDENTIALS_REFUSED_MESSAGE, transient: false };
      if (endpoint === 'refresh_token') return { code: 'pbx-auth', message: `The PBX refused to renew the session${tag}.`, transient: false };
      return { code: 'pbx-rejected', message: `The PBX could not do this${tag}${body.submsg ? `: ${body.submsg}` : ''}.`, transient: false };
    case -2:
      return { code: 'pbx-rejected', message: `The PBX had an internal error${tag}.`, hint: 'The app tries again after a pause.', transient: true };
    case 1:
      return { code: 'pbx-rejected', message: `The PBX did only part of the request${tag}.`, hint: 'Read the PBX back to see what was done.', transient: false };
    case 10001:
    case 10002:
    case 10003:
      return { code: 'pbx-rejected', message: `This PBX does not offer this API call${tag}.`, hint: 'Check that the PBX is a Yeastar P-Series with a firmware that has the OpenAPI, and that the address points at it.', transient: false };
    case 10004:
      return { code: 'pbx-auth', message: `The PBX does not accept the session any more${tag}.`, hint: 'Try again; if it keeps happening, check the clock of this computer and of the PBX.', transient: false };
    case 10005:
      return { code: 'pbx-rejected', message: `The PBX API account is not allowed to do this${tag}.`, hint: 'On the PBX web portal, Integrations > API, allow the API to manage Auto Provisioning and read Extensions.', transient: false };
    case 10009:
    case 70084:
    case 70120:
    case 70123:
      return { code: 'pbx-rejected', message: `The PBX refused: the feature is disabled or not allowed${tag}.`, hint: 'Check on the PBX web portal that the API is enabled (Integrations > API) and that its permissions include this.', transient: false };
    case 40001:
      return { code: 'pbx-rejected', message: `The PBX could not read the request${tag}${body.invalid_param_list ? `: ${listInvalid(body.invalid_param_list)}` : ''}.`, transient: false };
    case 40002: {
      const what = listInvalid(body.invalid_param_list);
      return { code: 'pbx-rejected', message: what ? `The PBX refused these values: ${what}${tag}.` : `The PBX refused a value in the request${tag}.`, hint: 'Check the extension, vendor, model, template and provisioning method against what the PBX offers.', transient: false };
    }
    case 40003: {
      const what = listDuplicates(body.duplicate_field_list);
      return { code: 'pbx-rejected', message: what ? `Already on the PBX: ${what}${tag}.` : `Something in the request is already on the PBX${tag}.`, hint: 'Each MAC address can be on the PBX only once.', transient: false };
    }
    case 60001:
      return { code: 'pbx-rejected', message: `The PBX does not have what the request refers to${listInvalid(body.invalid_param_list) ? `: ${listInvalid(body.invalid_param_list)}` : ''}${tag}.`, hint: endpoint.startsWith('phone/batchcreate') ? 'Refresh the extension list: an extension may have been deleted on the PBX.' : undefined, transient: false };
    case 60002:
      return {
        code: 'pbx-rejected',
        message: endpoint === 'get_token'
          ? `The PBX already has the maximum of 8 live API sessions for this Client ID${tag}.`
          : `A PBX limit was reached${endpoint.startsWith('phone/') ? ': an extension can carry at most 5 phones, or the phone list is full or the batch too long' : ''}${tag}.`,
        hint: endpoint === 'get_token'
          ? 'Close other programs or copies of this app that use the same Client ID, or wait up to 30 minutes for a session to expire, then try again. The app will not retry by itself.'
          : undefined,
        transient: false,
      };
    case 70004:
      return { code: 'pbx-blocked', message: `The PBX has blocked this computer's IP address${tag}. The app will not retry by itself.`, hint: UNBLOCK_HINT, transient: false };
    case 70087:
      return { code: 'pbx-blocked', message: `The PBX does not allow API access from this computer's IP address${tag}.`, hint: 'Add this IP to the API\'s allowed IP list on the PBX web portal (Integrations > API), or check Security > Security Rules > Blocked IPs.', transient: false };
    case 70082:
      return { code: 'pbx-rejected', message: `The PBX is busy with another heavy task${tag}.`, hint: 'The app tries again after a pause.', transient: true };
    default:
      return { code: 'pbx-rejected', message: `The PBX refused the request${tag}${body.submsg ? `: ${body.submsg}` : ''}.`, transient: false };
  }
}
