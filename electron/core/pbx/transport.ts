import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate } from 'node:tls';

/** TLS settings for one exchange; absent = system CAs and the normal host name check. */
export interface ExchangeTls {
  readonly ca?: string[];
  readonly checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

/** One HTTP exchange with the PBX. */
export interface HttpExchange {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole exchange (connect, send, answer) must finish within this. */
  readonly timeoutMs: number;
  readonly tls?: ExchangeTls;
}

/** How an exchange that produced no answer failed. */
export type ExchangeFailureKind = 'timeout' | 'network' | 'tls';

/** What came back: an answer (any status), or a failure with whether the request may have reached the PBX. */
export type HttpResult =
  | { readonly kind: 'response'; readonly status: number; readonly contentType: string; readonly text: string }
  | {
      readonly kind: 'failure';
      readonly failure: ExchangeFailureKind;
      /** True once the connection (and TLS handshake) was up: the PBX may have received and acted on the request. */
      readonly sent: boolean;
      readonly error: NodeJS.ErrnoException;
    };

const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

// OpenSSL certificate verification codes and Node's TLS identity errors: the peer was reached, but not trusted.
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE', 'INVALID_CA', 'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_PBX_PIN_MISMATCH',
]);

/** True when an error means "the certificate was not accepted" (rather than "could not connect"). */
export function isTlsVerificationError(error: NodeJS.ErrnoException): boolean {
  return error.code !== undefined && TLS_CODES.has(error.code);
}

/**
 * Performs one exchange with node:http / node:https: a fresh connection each time (`agent: false`; the PBX closes
 * every API connection anyway), a hard deadline, and a record of whether the request could have been delivered,
 * which is what separates "not sent" from "outcome unknown" for writes.
 */
export function exchange(spec: HttpExchange): Promise<HttpResult> {
  return new Promise((resolve) => {
    const url = new URL(spec.url);
    const https = url.protocol === 'https:';
    let connected = false;
    let settled = false;
    const finish = (result: HttpResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (failure: ExchangeFailureKind, error: NodeJS.ErrnoException): void => finish({ kind: 'failure', failure, sent: connected, error });

    const options = {
      method: spec.method,
      headers: { ...spec.headers, Connection: 'close', ...(spec.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(spec.body)) } : {}) },
      agent: false as const,
      ...(https && spec.tls?.ca ? { ca: spec.tls.ca } : {}),
      ...(https && spec.tls?.checkServerIdentity ? { checkServerIdentity: spec.tls.checkServerIdentity } : {}),
    };
    const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) req.destroy(Object.assign(new Error('The answer is too large to be the PBX API.'), { code: 'ERR_ANSWER_TOO_LARGE' }));
        else chunks.push(chunk);
      });
      res.on('end', () =>
        finish({ kind: 'response', status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (error: NodeJS.ErrnoException) => fail('network', error));
      res.on('close', () => {
        if (!res.complete) fail('network', Object.assign(new Error('The connection closed before the answer was complete.'), { code: 'ECONNRESET' }));
      });
    });
    req.on('socket', (socket) => {
      // The TLS socket reports 'secureConnect' only after the certificate and identity checks passed.
      socket.once(https ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_PBX_TIMEOUT') fail('timeout', error);
      else fail(isTlsVerificationError(error) ? 'tls' : 'network', error);
    });
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error(`no answer within ${spec.timeoutMs} ms`), { code: 'ERR_PBX_TIMEOUT' }));
    }, spec.timeoutMs);
    req.end(spec.body);
  });
}
