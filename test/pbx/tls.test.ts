import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateProbe, probeCertificate } from '../../electron/core/pbx';
import { type CertificateFiles, generateSelfSignedCert } from '../pbx-sim';
import { type Harness, rejection, startHarness } from './harness';

// Two self-signed certificates made with openssl for this run: the PBX's, and a replacement.
let certA: CertificateFiles;
let certB: CertificateFiles;
beforeAll(() => {
  certA = generateSelfSignedCert({ commonName: 'pbx-a.local' });
  certB = generateSelfSignedCert({ commonName: 'pbx-b.local' });
});

describe('PBX client over HTTPS with a self-signed certificate', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('refuses an untrusted certificate (no pin) before any HTTP request is sent', async () => {
    h = await startHarness({ https: certA });
    const error = await rejection(h.client.testConnection());
    expect(error.code).toBe('pbx-tls-untrusted');
    expect(error.message).toContain('it is self-signed');
    expect(error.hint).toContain('fingerprint');
    expect(h.sim.count('*')).toBe(0);
  });

  it('probes the certificate without sending HTTP: fingerprint, subject, validity, SANs, trust', async () => {
    h = await startHarness({ https: certA });
    const probe: CertificateProbe = await probeCertificate(`${h.sim.url}/some/path`);
    expect(probe.trusted).toBe(false);
    expect(probe.problem).toBe('it is self-signed');
    expect(probe.certificate.fingerprint256).toBe(certA.fingerprint256);
    expect(probe.certificate.subject).toContain('CN=pbx-a.local');
    expect(probe.certificate.selfSigned).toBe(true);
    expect(probe.certificate.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(new Date(probe.certificate.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(probe.certificate.chainPem[0]).toContain('BEGIN CERTIFICATE');
    expect(h.sim.count('*')).toBe(0);
  });

  it('accepts the pinned certificate (pin with chain, and fingerprint only)', async () => {
    h = await startHarness({ https: certA });
    const probe = await probeCertificate(h.sim.url);
    const pinned = h.newClient({ pin: { fingerprint256: probe.certificate.fingerprint256, chainPem: probe.certificate.chainPem } });
    await expect(pinned.testConnection()).resolves.toMatchObject({ extensionCount: 410 });
    const byFingerprint = h.newClient({ pin: { fingerprint256: certA.fingerprint256.toLowerCase().replaceAll(':', '') } });
    await expect(byFingerprint.listPhones()).resolves.toHaveLength(36);
  });

  it('refuses a certificate that changed, showing the old and new fingerprints, until it is re-pinned', async () => {
    h = await startHarness({ https: certA });
    const probe = await probeCertificate(h.sim.url);
    const client = h.newClient({ pin: { fingerprint256: probe.certificate.fingerprint256, chainPem: probe.certificate.chainPem } });
    await client.testConnection();

    h.sim.replaceCertificate(certB);
    const before = h.sim.count('*');
    const error = await rejection(client.listPhones());
    expect(error.code).toBe('pbx-tls-changed');
    expect(error.message).toContain(certA.fingerprint256);
    expect(error.message).toContain(certB.fingerprint256);
    expect(error).toMatchObject({ pinnedFingerprint: certA.fingerprint256, presentedFingerprint: certB.fingerprint256 });
    expect(h.sim.count('*')).toBe(before);

    const fingerprintOnly = h.newClient({ pin: { fingerprint256: certA.fingerprint256 } });
    expect((await rejection(fingerprintOnly.testConnection())).code).toBe('pbx-tls-changed');

    const repinned = h.newClient({ pin: { fingerprint256: certB.fingerprint256 } });
    await expect(repinned.testConnection()).resolves.toMatchObject({ phoneCount: 36 });
  });

  it('refuses a pin that matches a different certificate than the one presented', async () => {
    h = await startHarness({ https: certA });
    const client = h.newClient({ pin: { fingerprint256: certB.fingerprint256, chainPem: [certA.certPem] } });
    const error = await rejection(client.testConnection());
    expect(error).toMatchObject({ code: 'pbx-tls-changed', presentedFingerprint: certA.fingerprint256 });
  });

  it('says so when an https:// address does not speak TLS', async () => {
    h = await startHarness();
    const client = h.newClient({ baseUrl: h.sim.url.replace('http://', 'https://') });
    const error = await rejection(client.testConnection());
    expect(error.code).toBe('pbx-bad-response');
    expect(error.message).toContain('does not speak HTTPS');
    await expect(probeCertificate(h.sim.url.replace('http://', 'https://'))).rejects.toThrow(/does not speak HTTPS/);
  });
});

