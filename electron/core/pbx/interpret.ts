import { describePbxError, type PbxErrorBody } from '../../../shared/domain/pbx-errors';
import type { PbxAddress } from '../../../shared/domain/pbx-url';
import { PbxError } from './errors';
import { notHttpsError } from './tls';
import type { HttpResult } from './transport';

/** A parsed API answer: an object with a numeric `errcode` (not yet checked for 0). */
export type ApiAnswer = Record<string, unknown> & { errcode: number };

const CAPTIVE = 'The PBX address answered with a web page, not the API: is this a captive portal or proxy?';

function networkError(result: Extract<HttpResult, { kind: 'failure' }>, address: PbxAddress, endpoint: string, timeoutMs: number): PbxError {
  const where = `${address.host}:${address.port}`;
  const details = { transient: true, sent: result.sent };
  if (result.failure === 'timeout') {
    return new PbxError('pbx-unreachable', `The PBX at ${where} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, endpoint, {
      ...details,
      hint: 'Check that this computer can reach the PBX (network, VPN, firewall). The app tries again after a pause.',
    });
  }
  const code = result.error.code ?? '';
  const text: Record<string, string> = {
    ECONNREFUSED: `Nothing answers at ${where} (connection refused). Check the address and port: an appliance uses its web port, 8088 by default.`,
    ENOTFOUND: `The name ${address.host} cannot be found (DNS). Check the address and that this computer is online.`,
    EAI_AGAIN: `The name ${address.host} cannot be looked up right now (DNS). Check that this computer is online.`,
    EHOSTUNREACH: `There is no route to ${where}: is this computer on the right network or VPN?`,
    ENETUNREACH: `There is no route to ${where}: is this computer connected to a network?`,
    ECONNRESET: `The connection to ${where} was cut before the PBX answered.`,
    EPIPE: `The connection to ${where} was cut before the PBX answered.`,
  };
  return notHttpsError(result.error, where, endpoint) ?? new PbxError('pbx-unreachable', text[code] ?? `Cannot reach the PBX at ${where} (${code || result.error.message}).`, endpoint, details);
}

/**
 * Turns an HTTP result into the API answer, or a {@link PbxError} that says what went wrong in words:
 * network failures, HTML pages (captive portals, proxies), server errors and anything that is not the API's JSON.
 * TLS failures are handled by the caller (they may need a certificate probe).
 */
export function interpretResult(result: HttpResult, address: PbxAddress, endpoint: string, timeoutMs: number): ApiAnswer | PbxError {
  if (result.kind === 'failure') return networkError(result, address, endpoint, timeoutMs);
  const { status, text, contentType } = result;
  const sent = { sent: true, httpStatus: status };
  const serverError = status >= 500;
  const html = /html/i.test(contentType) || /^\s*</.test(text);
  if (html || !/^\s*[{[]/.test(text)) {
    if (serverError) {
      return new PbxError('pbx-bad-response', `The PBX (or a proxy in front of it) answered with a server error (HTTP ${status}).`, endpoint, {
        ...sent, transient: true, hint: 'The app tries again after a pause. If it persists, check the PBX web portal.',
      });
    }
    if (status === 404) {
      return new PbxError('pbx-bad-response', `The address answered, but there is no Yeastar OpenAPI there (HTTP 404).`, endpoint, {
        ...sent, hint: 'Check that the address is the PBX (with its web port) and that the API is enabled on it (Integrations > API).',
      });
    }
    return new PbxError('pbx-bad-response', html ? CAPTIVE : `The PBX address answered with something that is not the API (HTTP ${status}).`, endpoint, {
      ...sent, hint: 'Open the address in a browser: sign in to the network if a portal asks, or check that the address points at the PBX itself.',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new PbxError('pbx-bad-response', `The PBX sent an answer that could not be read (broken JSON, HTTP ${status}).`, endpoint, { ...sent, transient: serverError });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { errcode?: unknown }).errcode !== 'number') {
    return new PbxError('pbx-bad-response', `The answer does not look like the Yeastar API (no error code, HTTP ${status}).`, endpoint, { ...sent, transient: serverError });
  }
  return parsed as ApiAnswer;
}

/** The {@link PbxError} for an API answer whose `errcode` is not 0. */
export function answerError(answer: ApiAnswer, endpoint: string): PbxError {
  const body = answer as unknown as PbxErrorBody;
  const described = describePbxError(body, endpoint);
  return new PbxError(described.code, described.message, endpoint, {
    ...(described.hint ? { hint: described.hint } : {}),
    transient: described.transient,
    sent: true,
    errcode: answer.errcode,
    invalidParams: Array.isArray(body.invalid_param_list) ? body.invalid_param_list : [],
    duplicates: Array.isArray(body.duplicate_field_list) ? body.duplicate_field_list : [],
  });
}
