import { isIP } from 'node:net';
import { checkServerIdentity, connect, type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { normalizeFingerprint, sameFingerprint } from '../../../shared/domain/fingerprint';
import { parsePbxBaseUrl } from '../../../shared/domain/pbx-url';
import { PbxError } from './errors';
import type { ExchangeTls } from './transport';

/** A certificate the technician chose to trust for one PBX profile. */
export interface CertificatePin {
  /** SHA-256 fingerprint, any common format (normalised on use). */
  readonly fingerprint256: string;
  /**
   * The PEM chain seen when it was trusted ({@link ProbedCertificate.chainPem}). Optional: without it the client
   * fetches the certificate once and uses it only if its fingerprint matches.
   */
  readonly chainPem?: readonly string[];
}

/** What a technician needs to decide whether to trust a certificate. */
export interface ProbedCertificate {
  /** `AB:CD:…` */
  readonly fingerprint256: string;
  readonly subject: string;
  readonly issuer: string;
  /** ISO dates. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltNames: readonly string[];
  readonly selfSigned: boolean;
  /** Leaf first, as the PBX presented it; what a pin stores. */
  readonly chainPem: readonly string[];
}

/** The result of {@link probeCertificate}. */
export interface CertificateProbe {
  readonly certificate: ProbedCertificate;
  /** True when this computer trusts it as is (system CAs and host name): no pin needed. */
  readonly trusted: boolean;
  /** Why it is not trusted, in words; null when trusted. */
  readonly problem: string | null;
}

/** Error code of a presented certificate that differs from the pin. */
export const PIN_MISMATCH = 'ERR_PBX_PIN_MISMATCH';

const REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it is signed by an authority this computer does not know',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown to this computer',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is unknown to this computer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown to this computer',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet (check this computer\'s clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another name than this address',
  HOSTNAME_MISMATCH: 'it was issued for another name than this address',
};

/**
 * The refusal for a port that answered a TLS handshake with something else (plain HTTP, another protocol), or null
 * when the error is not that.
 */
export function notHttpsError(error: Error, where: string, endpoint: string): PbxError | null {
  if (!/wrong version number|packet length too long|unknown protocol/i.test(error.message)) return null;
  return new PbxError('pbx-bad-response', `${where} does not speak HTTPS. Try http:// for this port, or the PBX's HTTPS port (8088 by default).`, endpoint, { sent: false });
}

/** Why a certificate was refused, in words, from an OpenSSL / Node error code. */
export function tlsReason(code: string | undefined): string {
  return (code && REASONS[code]) ?? `it could not be verified (${code ?? 'unknown reason'})`;
}

function toPem(raw: Buffer): string {
  const b64 = raw.toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

function names(value: PeerCertificate['subject'] | undefined): string {
  if (!value) return '';
  return Object.entries(value).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ');
}

function chainOf(cert: DetailedPeerCertificate): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = cert;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(toPem(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

function describe(cert: DetailedPeerCertificate): ProbedCertificate {
  return {
    fingerprint256: normalizeFingerprint(cert.fingerprint256) ?? cert.fingerprint256,
    subject: names(cert.subject),
    issuer: names(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    subjectAltNames: (cert.subjectaltname ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    selfSigned: cert.issuerCertificate === undefined || cert.issuerCertificate.fingerprint256 === cert.fingerprint256,
    chainPem: chainOf(cert),
  };
}

/**
 * Connects with TLS and reads the PBX's certificate WITHOUT sending any HTTP data, and says whether this computer
 * trusts it as is. Verification is off for this one look only (nothing is sent or received over the socket):
 * API traffic never runs without verification.
 */
export function probeCertificate(baseUrl: string, options: { timeoutMs?: number } = {}): Promise<CertificateProbe> {
  const parsed = parsePbxBaseUrl(baseUrl);
  if (!parsed.ok) return Promise.reject(new PbxError('validation', parsed.message, 'tls'));
  const { host, port, protocol } = parsed.address;
  if (protocol !== 'https') return Promise.reject(new PbxError('validation', 'This address uses http://: there is no certificate to check.', 'tls'));
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PbxError('pbx-unreachable', `The PBX at ${host}:${port} did not complete a TLS handshake within ${Math.round(timeoutMs / 1000)} s.`, 'tls', { transient: true }));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate(true);
      const identity = checkServerIdentity(host, cert);
      const authError = socket.authorizationError as unknown as Error | string | null;
      const authCode = authError ? (typeof authError === 'string' ? authError : ((authError as NodeJS.ErrnoException).code ?? authError.message)) : undefined;
      socket.destroy();
      if (!cert.raw) {
        reject(new PbxError('pbx-bad-response', 'The PBX presented no certificate.', 'tls'));
        return;
      }
      const problem = authCode ? tlsReason(authCode) : identity ? tlsReason('ERR_TLS_CERT_ALTNAME_INVALID') : null;
      resolve({ certificate: describe(cert), trusted: socket.authorized && !identity, problem });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(notHttpsError(error, `${host}:${port}`, 'tls') ?? new PbxError('pbx-unreachable', `Cannot reach ${host}:${port} to read its certificate (${error.code ?? error.message}).`, 'tls', { transient: true }));
    });
  });
}

/**
 * TLS options that accept ONLY the pinned certificate: its chain is the sole trust anchor (`ca`), so OpenSSL
 * still verifies signature and validity, and the identity check compares the fingerprint instead of the host
 * name (a pinned appliance certificate rarely names the IP it is reached at).
 */
export function pinnedTls(fingerprint256: string, chainPem: readonly string[]): ExchangeTls {
  return {
    ca: [...chainPem],
    checkServerIdentity: (_host, cert) => {
      if (sameFingerprint(cert.fingerprint256, fingerprint256)) return undefined;
      return Object.assign(new Error('The PBX presented a different certificate than the pinned one.'), {
        code: PIN_MISMATCH,
        presented: normalizeFingerprint(cert.fingerprint256) ?? cert.fingerprint256,
      });
    },
  };
}

/** The refusal for a certificate that is not the pinned one. */
export function certificateChanged(endpoint: string, pinned: string, presented: string): PbxError {
  return new PbxError(
    'pbx-tls-changed',
    `The PBX's certificate has changed since it was trusted. Trusted: ${normalizeFingerprint(pinned) ?? pinned}. Now: ${presented}. The app will not connect until the new certificate is trusted.`,
    endpoint,
    {
      hint: 'If the PBX\'s certificate was renewed, review the new fingerprint and trust it again in the PBX profile. If nobody changed it, someone may be intercepting the connection: do not trust it.',
      pinnedFingerprint: normalizeFingerprint(pinned) ?? pinned,
      presentedFingerprint: presented,
    },
  );
}

/** The refusal for a certificate this computer does not trust and no pin covers. */
export function certificateUntrusted(endpoint: string, code: string | undefined): PbxError {
  return new PbxError('pbx-tls-untrusted', `The PBX's certificate is not trusted by this computer: ${tlsReason(code)}.`, endpoint, {
    hint: 'If this is the PBX\'s own certificate (appliances use self-signed ones), check its fingerprint against the PBX web portal and trust it in the PBX profile.',
  });
}
