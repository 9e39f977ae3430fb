import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/events';
import { type CertificateFiles, generateSelfSignedCert } from '../pbx-sim';
import { type ProfilesHarness, startProfilesHarness, withoutSecretService } from './harness';

withoutSecretService();

let certA: CertificateFiles;
let certB: CertificateFiles;
beforeAll(() => {
  certA = generateSelfSignedCert({ commonName: 'pbx-a.local' });
  certB = generateSelfSignedCert({ commonName: 'pbx-b.local' });
});

let h: ProfilesHarness;
afterEach(async () => {
  await h?.close();
});

/** Trusts whatever certificate the simulator presents now, the way the UI does: probe, show, trust that fingerprint. */
async function trustCurrent(id: string): Promise<string> {
  const profile = (await h.ok('pbx:profiles', {})).profiles.find((p) => p.id === id)!;
  const probe = await h.ok('pbx:probe-certificate', { baseUrl: profile.baseUrl });
  await h.ok('pbx:trust-certificate', { id, fingerprint256: probe.certificate.fingerprint256 });
  return probe.certificate.fingerprint256;
}

describe('PBX profiles through the core boundary, against the simulator over HTTPS', () => {
  it('create → probe (untrusted, self-signed) → trust → test connection; a replaced certificate is refused with both fingerprints until re-pinned', async () => {
    h = await startProfilesHarness({ https: certA });
    const saved = await h.ok('pbx:save-profile', { name: '  Acme HQ ', baseUrl: `${h.sim.url}/openapi/v1.0/get_token`, clientId: h.sim.knobs.clientId, secret: h.sim.knobs.clientSecret });
    expect(saved.profile).toMatchObject({ name: 'Acme HQ', baseUrl: h.sim.url, secretStored: true, pin: null, status: null });
    expect(saved.notes.join(' ')).toContain('was removed');
    const id = saved.profile.id;

    // Untrusted: the connection is refused before any HTTP request reaches the PBX.
    const untrusted = await h.fail('pbx:test-connection', { id });
    expect(untrusted.code).toBe('pbx-tls-untrusted');
    expect(untrusted.hint).toContain('fingerprint');
    expect(h.sim.count('*')).toBe(0);

    const probe = await h.ok('pbx:probe-certificate', { baseUrl: h.sim.url });
    expect(probe).toMatchObject({ trusted: false, problem: 'it is self-signed', certificate: { fingerprint256: certA.fingerprint256, selfSigned: true } });
    expect(probe.certificate.subject).toContain('CN=pbx-a.local');
    expect(probe.certificate).not.toHaveProperty('chainPem');
    expect(h.sim.count('*')).toBe(0);

    const trusted = await h.ok('pbx:trust-certificate', { id, fingerprint256: probe.certificate.fingerprint256.toLowerCase().replaceAll(':', '') });
    expect(trusted.pin?.fingerprint256).toBe(certA.fingerprint256);
    const check = await h.ok('pbx:test-connection', { id });
    expect(check).toMatchObject({ extensionCount: 410, phoneCount: 36 });
    expect(check.elapsedMs).toBeGreaterThanOrEqual(0);
    expect((await h.ok('pbx:profiles', {})).profiles[0]!.status?.state).toBe('connected');

    // The PBX gets a new certificate: refused, with the trusted and the presented fingerprints, and no HTTP sent.
    h.sim.replaceCertificate(certB);
    const before = h.sim.count('*');
    const changed = await h.fail('pbx:test-connection', { id });
    expect(changed.code).toBe('pbx-tls-changed');
    expect(changed.message).toContain(certA.fingerprint256);
    expect(changed.message).toContain(certB.fingerprint256);
    expect(h.sim.count('*')).toBe(before);
    const status = (await h.ok('pbx:profiles', {})).profiles[0]!.status!;
    expect(status).toMatchObject({ state: 'tls-changed', pinnedFingerprint: certA.fingerprint256, presentedFingerprint: certB.fingerprint256 });

    // Trusting a fingerprint the PBX does not present (the one seen before) is refused: nothing is pinned.
    const stale = await h.fail('pbx:trust-certificate', { id, fingerprint256: certA.fingerprint256 });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain(certB.fingerprint256);

    // The re-pin keeps the session: no new login, and the token is still the one to revoke.
    expect(await trustCurrent(id)).toBe(certB.fingerprint256);
    await expect(h.ok('pbx:test-connection', { id })).resolves.toMatchObject({ extensionCount: 410 });
    expect(h.sim.count('get_token')).toBe(1);
    await h.ok('pbx:delete-profile', { id, confirm: true });
    expect(h.sim.liveTokens()).toBe(0);
  });

  it('bad secret: exactly one get_token per Test connection; refresh and the sync port never log in after the refusal', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile({ secret: 'wrong-secret-123' });
    await trustCurrent(id);

    const refused = await h.fail('pbx:test-connection', { id });
    expect(refused.code).toBe('pbx-auth');
    expect(refused.message).toContain('will not retry by itself');
    expect(refused.message).toContain('5 failed logins');
    expect(h.sim.count('get_token')).toBe(1);
    expect((await h.ok('pbx:profiles', {})).profiles[0]!.status?.state).toBe('auth-refused');

    // Nothing but the technician's next click may log in: not a refresh, not the sync engine.
    const requestsBefore = h.sim.count('*');
    expect((await h.fail('pbx:refresh', { id })).code).toBe('pbx-auth');
    const port = h.core.pbx.portFor(id);
    expect(await port.readPhones()).toMatchObject({ ok: false, trouble: { kind: 'auth' } });
    expect(await port.readSnapshot([{ vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp', auth: false }])).toMatchObject({ ok: false });
    expect(await port.batchCreate({ vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp', auth: false }, [{ mac: '24:9a:d8:99:00:01', extId: 1 }])).toMatchObject({
      kind: 'not-sent',
      trouble: { kind: 'auth' },
    });
    // A new address re-creates the client (same PBX, same refused credentials), but the refusal outlives it.
    const localhost = h.sim.url.replace('127.0.0.1', 'localhost');
    await h.ok('pbx:save-profile', { id, name: 'Site PBX', baseUrl: localhost, clientId: h.sim.knobs.clientId });
    await trustCurrent(id);
    expect((await h.fail('pbx:refresh', { id })).code).toBe('pbx-auth');
    expect(h.sim.count('*')).toBe(requestsBefore);

    // The technician clicks Test connection again: one more login, no more.
    expect((await h.fail('pbx:test-connection', { id })).code).toBe('pbx-auth');
    expect(h.sim.count('get_token')).toBe(2);

    // New credentials are a user action too: the next use logs in once, and works.
    await h.ok('pbx:save-profile', { id, name: 'Site PBX', baseUrl: localhost, clientId: h.sim.knobs.clientId, secret: h.sim.knobs.clientSecret });
    const view = await h.ok('pbx:refresh', { id });
    expect(h.sim.count('get_token')).toBe(3);
    expect(view.snapshot.extensions.items).toHaveLength(410);
  });

  it('an IP blocked after five failed logins says so and how to unblock it; each click is still one attempt', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile({ secret: 'wrong-secret-123' });
    await trustCurrent(id);
    for (let click = 1; click <= 5; click += 1) expect((await h.fail('pbx:test-connection', { id })).code).toBe('pbx-auth');
    expect(h.sim.count('get_token')).toBe(5);
    const blocked = await h.fail('pbx:test-connection', { id });
    expect(blocked.code).toBe('pbx-blocked');
    expect(blocked.hint).toContain('Security > Security Rules > Blocked IPs');
    expect(h.sim.count('get_token')).toBe(6);
    expect((await h.ok('pbx:profiles', {})).profiles[0]!.status?.state).toBe('blocked');
    expect(await h.core.pbx.portFor(id).readPhones()).toMatchObject({ ok: false, trouble: { kind: 'blocked' } });
    expect(h.sim.count('get_token')).toBe(6);
  });

  it('refresh fills the offline cache (all vendors, extensions, phones) with progress; the cache answers with ages after the PBX is gone and after a restart', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile();
    await trustCurrent(id);
    const events: CoreEvent[] = [];
    h.core.events.subscribe((e) => events.push(e));

    const fresh = await h.ok('pbx:refresh', { id });
    expect(fresh.snapshot.compatibility.vendors.map((v) => v.value).sort()).toEqual(['Fanvil', 'Grandstream', 'Snom', 'Yealink']);
    const t54w = fresh.snapshot.compatibility.vendors.find((v) => v.value === 'Yealink')!.models.find((m) => m.value === 'SIP-T54W')!;
    expect(t54w.templates).toContain('YSDP_YealinkT5');
    expect(t54w.methods).toContain('rps');
    expect(fresh.snapshot.extensions.items).toHaveLength(410);
    expect(fresh.snapshot.phones.items).toHaveLength(36);
    expect(fresh.snapshot.phones.items[0]!.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(fresh.ageMs.extensions).toBeGreaterThanOrEqual(0);
    const progress = events.filter((e) => e.event === 'pbx:refresh-progress').map((e) => e.payload as { phase: string; done: number; total: number | null });
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    expect(progress.some((p) => p.phase === 'compatibility' && p.total !== null && p.total > 10)).toBe(true);
    expect(events.filter((e) => e.event === 'pbx:snapshot-updated')).toHaveLength(3);
    expect(existsSync(join(h.dataDir, 'cache', `${id}.json`))).toBe(true);

    await h.sim.close();
    const offline = await h.ok('pbx:snapshot', { id });
    expect(offline.snapshot.extensions.items).toHaveLength(410);
    expect(offline.ageMs.phones).toBeGreaterThanOrEqual(0);
    expect(offline.snapshot.extensions.fetchedAt).toBe(fresh.snapshot.extensions.fetchedAt);

    // Refresh without the PBX: a clear error, the status says unreachable, the cache is untouched.
    const unreachable = await h.fail('pbx:refresh', { id });
    expect(unreachable.code).toBe('pbx-unreachable');
    expect((await h.ok('pbx:snapshot', { id })).status?.state).toBe('unreachable');
    expect((await h.ok('pbx:snapshot', { id })).snapshot.phones.items).toHaveLength(36);

    await h.restart();
    const afterRestart = await h.ok('pbx:snapshot', { id });
    expect(afterRestart.snapshot.extensions.items).toHaveLength(410);
    expect(afterRestart.ageMs.compatibility).toBeGreaterThanOrEqual(0);
    expect((await h.ok('pbx:profiles', {})).profiles[0]!.cache).toMatchObject({ vendorCount: 4, extensionCount: 410, phoneCount: 36 });
  });

  it('the sync port builds on the registry: reads refresh the cache, writes land, and the client follows a re-pin', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile();
    await trustCurrent(id);
    const port = h.core.pbx.portFor(id);
    const group = { vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp' as const, auth: false };
    const ext = h.sim.state.extensions().find((e) => e.number === '1205')!;
    expect(await port.batchCreate(group, [{ mac: '24:9A:D8:77:00:01', extId: ext.id }])).toEqual({ kind: 'created' });
    const phones = await port.readPhones();
    expect(phones.ok && phones.data.some((p) => p.mac === '24:9a:d8:77:00:01')).toBe(true);
    expect((await h.ok('pbx:snapshot', { id })).snapshot.phones.items).toHaveLength(37);

    h.sim.replaceCertificate(certB);
    expect(await port.readPhones()).toMatchObject({ ok: false, trouble: { kind: 'tls' } });
    expect((await h.ok('pbx:snapshot', { id })).status?.state).toBe('tls-changed');
    await trustCurrent(id);
    expect((await port.readPhones()).ok).toBe(true);
    expect(port.requestCount()).toBeGreaterThan(3);
  });

  it('deleting: refused while a project uses the profile; with detach, projects lose the reference; token, secret and cache go', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile();
    await trustCurrent(id);
    await h.ok('pbx:refresh', { id });
    expect(h.sim.liveTokens()).toBe(1);
    const project = await h.ok('projects:create', { name: 'Site A', pbxProfileId: id });
    expect((await h.ok('pbx:profiles', {})).profiles[0]!.usedBy).toEqual([{ id: project.id, name: 'Site A' }]);

    expect((await h.fail('pbx:delete-profile', { id } as never)).code).toBe('validation'); // confirm is required
    const inUse = await h.fail('pbx:delete-profile', { id, confirm: true });
    expect(inUse.code).toBe('conflict');
    expect(inUse.message).toContain('Site A');

    const deleted = await h.ok('pbx:delete-profile', { id, confirm: true, detachProjects: true });
    expect(deleted.detachedProjects).toEqual([{ id: project.id, name: 'Site A' }]);
    expect((await h.ok('projects:get', { id: project.id })).pbxProfileId).toBeNull();
    expect(h.sim.liveTokens()).toBe(0);
    expect(existsSync(join(h.dataDir, 'cache', `${id}.json`))).toBe(false);
    expect((await h.ok('pbx:profiles', {})).profiles).toEqual([]);
    expect((await h.fail('pbx:snapshot', { id })).code).toBe('not-found');
    expect(await h.core.pbx.portFor(id).readPhones()).toMatchObject({ ok: false, trouble: { kind: 'auth' } });

    // A new profile with the same name starts without a secret (the old entry was deleted, not reused).
    const again = await h.createProfile({ secret: undefined });
    expect(again.secretStored).toBe(false);
  });

  it('validates input: a bad address names the field, names are unique, http profiles have no certificate to trust', async () => {
    h = await startProfilesHarness({ https: certA });
    const bad = await h.fail('pbx:save-profile', { name: 'X', baseUrl: 'ftp://pbx.example', clientId: 'abc' });
    expect(bad.code).toBe('validation');
    expect(bad.fields?.[0]?.path).toBe('baseUrl');
    expect(bad.message).toContain('https://');
    const empty = await h.fail('pbx:save-profile', { name: ' ', baseUrl: h.sim.url, clientId: 'abc', secret: '  ' });
    expect(empty.fields?.map((f) => f.path).sort()).toEqual(['name', 'secret']);

    await h.createProfile({ name: 'Acme' });
    const dup = await h.fail('pbx:save-profile', { name: 'ACME', baseUrl: h.sim.url, clientId: 'abc' });
    expect(dup.code).toBe('conflict');

    const plain = await h.createProfile({ name: 'Plain', baseUrl: 'http://192.0.2.10' });
    expect((await h.fail('pbx:trust-certificate', { id: plain.id, fingerprint256: certA.fingerprint256 })).code).toBe('validation');
    expect((await h.fail('pbx:probe-certificate', { baseUrl: 'http://192.0.2.10' })).message).toContain('no certificate');
    expect((await h.fail('pbx:trust-certificate', { id: plain.id, fingerprint256: 'not-a-fingerprint' })).code).toBe('validation');
  });

  it('without a keychain: memory mode with the reason, one notice; after a restart the secret is gone and Test connection asks for it without logging in', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile();
    await trustCurrent(id);
    const list = await h.ok('pbx:profiles', {});
    expect(list.storage.mode).toBe('memory');
    expect(list.storage.reason).toMatch(/memory for this run only/);
    await h.ok('pbx:test-connection', { id });
    const notices = (await h.ok('app:info', {})).notices.filter((n) => n.title.includes('memory'));
    expect(notices).toHaveLength(1);

    await h.restart();
    const after = await h.ok('pbx:profiles', {});
    expect(after.profiles[0]).toMatchObject({ id, secretStored: false, pin: { fingerprint256: certA.fingerprint256 } });
    const logins = h.sim.count('get_token');
    const needs = await h.fail('pbx:test-connection', { id });
    expect(needs.code).toBe('pbx-auth');
    expect(needs.message).toContain('No Client Secret');
    expect(needs.hint).toContain('memory');
    expect(h.sim.count('get_token')).toBe(logins);
    expect((await h.ok('pbx:snapshot', { id })).status?.state).toBe('needs-secret');

    // Entering the secret again (without changing anything else) is enough.
    await h.ok('pbx:save-profile', { id, name: 'Site PBX', baseUrl: h.sim.url, clientId: h.sim.knobs.clientId, secret: h.sim.knobs.clientSecret });
    await expect(h.ok('pbx:test-connection', { id })).resolves.toMatchObject({ phoneCount: 36 });
  });

  it('core.close() revokes every live token; a changed address clears the pin and the cache', async () => {
    h = await startProfilesHarness({ https: certA });
    const { id } = await h.createProfile();
    await trustCurrent(id);
    await h.ok('pbx:refresh', { id });
    expect(h.sim.liveTokens()).toBe(1);
    const moved = await h.ok('pbx:save-profile', { id, name: 'Site PBX', baseUrl: h.sim.url.replace('127.0.0.1', 'localhost'), clientId: h.sim.knobs.clientId });
    expect(moved.profile.pin).toBeNull();
    expect(moved.profile.secretStored).toBe(true);
    expect(moved.profile.cache.extensionCount).toBe(0);
    expect(moved.notes.join(' ')).toContain('certificate was cleared');
    expect(h.sim.liveTokens()).toBe(0);

    await trustCurrent(id);
    await h.ok('pbx:test-connection', { id });
    expect(h.sim.liveTokens()).toBe(1);
    await h.core.close();
    expect(h.sim.liveTokens()).toBe(0);
    h.core = (await import('../../electron/core/core')).createCore({ dataDir: h.dataDir, shell: 'web' });
  });
});
