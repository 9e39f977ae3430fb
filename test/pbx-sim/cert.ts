/** Self-signed certificates for the simulator's HTTPS, made with the `openssl` command (as a PBX appliance's own). */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its private key, PEM, with the certificate's SHA-256 fingerprint (`AB:CD:…`). */
export interface CertificateFiles {
  readonly certPem: string;
  readonly keyPem: string;
  readonly fingerprint256: string;
}

/** Options for {@link generateSelfSignedCert}. */
export interface CertOptions {
  readonly commonName?: string;
  /** subjectAltName entries, e.g. `DNS:localhost`, `IP:127.0.0.1`. */
  readonly altNames?: readonly string[];
  readonly days?: number;
}

/**
 * Generates a self-signed P-256 certificate with `openssl req -x509`. Throws with a clear message when openssl
 * is missing (Debian: `apt-get install openssl`).
 */
export function generateSelfSignedCert(options: CertOptions = {}): CertificateFiles {
  const dir = mkdtempSync(join(tmpdir(), 'pbx-sim-cert-'));
  try {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const alt = (options.altNames ?? ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1']).join(',');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', String(options.days ?? 825),
      '-subj', `/O=Yeastar P-Series (simulated)/CN=${options.commonName ?? 'pbx-sim.local'}`,
      '-addext', `subjectAltName=${alt}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    const certPem = readFileSync(cert, 'utf8');
    return { certPem, keyPem: readFileSync(key, 'utf8'), fingerprint256: new X509Certificate(certPem).fingerprint256 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('openssl is needed to make the simulator\'s certificate: install it (apt-get install openssl) or pass a certificate.', { cause: error });
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
