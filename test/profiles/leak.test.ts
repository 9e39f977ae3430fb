import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/events';
import { sampleRows } from '../support/rows';
import { tempDir } from '../support/temp';
import { type ProfilesHarness, startProfilesHarness, withoutSecretService } from './harness';
import { filesUnder, leaksIn } from './leak-scan';

withoutSecretService();

// Known values to hunt for: the real Client Secret, and a wrong one the technician typed first.
const SECRET = 'Canary-Secret-9f8e7d6c5b4a';
const WRONG_SECRET = 'Canary-Wrong-1a2b3c4d5e6f';

let h: ProfilesHarness;
afterEach(async () => {
  await h?.close();
});

describe('no Client Secret or access token in anything the app writes or shows (issue 3)', () => {
  it('after the whole flow, no file under the data folder and no result or event for the UI holds the secret or any issued token', async () => {
    h = await startProfilesHarness({ https: true, clientSecret: SECRET });
    const events: CoreEvent[] = [];
    h.core.events.subscribe((e) => events.push(e));

    // A wrong secret first: refused (logged), then corrected.
    const { id } = await h.createProfile({ secret: WRONG_SECRET });
    const probe = await h.ok('pbx:probe-certificate', { baseUrl: h.sim.url });
    await h.ok('pbx:trust-certificate', { id, fingerprint256: probe.certificate.fingerprint256 });
    expect((await h.fail('pbx:test-connection', { id })).code).toBe('pbx-auth');
    await h.ok('pbx:save-profile', { id, name: 'Site PBX', baseUrl: h.sim.url, clientId: h.sim.knobs.clientId, secret: SECRET });
    await h.ok('pbx:test-connection', { id });
    await h.ok('pbx:refresh', { id });

    // Token renewals: an access token expired mid-run (10004 → refresh_token), then both expired (→ get_token).
    h.sim.faults.add({ endpoint: 'phone/search', kind: 'expire-tokens' });
    await h.ok('pbx:refresh', { id });
    h.sim.expireTokens(true);
    await h.ok('pbx:test-connection', { id });

    // Failures that get logged: an HTML page instead of the API, and a dropped connection on a write.
    h.sim.faults.add({ endpoint: 'auto_provisioning/compatibility', kind: 'html', times: 10 });
    expect((await h.fail('pbx:refresh', { id })).code).toBe('pbx-bad-response');
    h.sim.faults.clear();
    const port = h.core.pbx.portFor(id);
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'drop', afterApply: true });
    const ext = h.sim.state.extensions()[0]!;
    expect((await port.batchCreate({ vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp', auth: false }, [{ mac: '24:9A:D8:55:00:01', extId: ext.id }])).kind).toBe('unknown');
    expect((await port.readPhones()).ok).toBe(true);

    // A project on this profile, saved and exported to a file in the data folder.
    const project = await h.ok('projects:create', { name: 'Leak check site', pbxProfileId: id });
    await h.ok('projects:save-rows', { id: project.id, rows: sampleRows(3) });
    const exported = await h.ok('projects:export', { id: project.id });
    mkdirSync(join(h.dataDir, 'exports'), { recursive: true });
    writeFileSync(join(h.dataDir, 'exports', exported.fileName), exported.text);
    expect(exported.text).toContain(id);
    await h.ok('pbx:profiles', {});
    await h.ok('pbx:snapshot', { id });
    await h.core.close(); // revokes the token: logs it too

    const tokens = h.sim.issuedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(6); // several logins and renewals really happened
    expect(h.sim.count('refresh_token')).toBeGreaterThanOrEqual(1);
    const needles = [SECRET, WRONG_SECRET, ...tokens];

    // The scan covers what the app wrote: store, logs, cache, project and export.
    const written = filesUnder(h.dataDir).map((f) => f.path.slice(h.dataDir.length + 1));
    expect(written).toEqual(expect.arrayContaining(['logs/onsite.log', 'pbx-profiles.json', `cache/${id}.json`, `projects/${project.id}/project.json`, `exports/${exported.fileName}`]));
    const log = filesUnder(join(h.dataDir, 'logs'))[0]!.bytes.toString('utf8');
    expect(log).toContain('login refused');
    expect(log).toContain('PBX request failed');
    expect(log).toContain('access token revoked');
    expect(leaksIn(h.dataDir, needles)).toEqual([]);

    // And nothing the UI received: results and events.
    const shown = [...h.results, ...events.map((e) => JSON.stringify(e))].join('\n');
    for (const needle of needles) expect(shown.includes(needle), `UI saw ${needle.slice(0, 6)}…`).toBe(false);
    h.core = (await import('../../electron/core/core')).createCore({ dataDir: h.dataDir, shell: 'web' });
  });

  it('the scan finds a value written in plain text or base64 anywhere under the folder (so a leak fails the test above)', () => {
    const dir = tempDir('osp-leakscan-');
    try {
      mkdirSync(join(dir.path, 'deep', '.hidden'), { recursive: true });
      writeFileSync(join(dir.path, 'deep', '.hidden', 'plain.log'), `{"note":"${SECRET}"}`);
      writeFileSync(join(dir.path, 'deep', 'blob.bin'), Buffer.from(WRONG_SECRET).toString('base64'));
      expect(leaksIn(dir.path, [SECRET, WRONG_SECRET]).sort()).toEqual([`deep/.hidden/plain.log: ${SECRET}`, `deep/blob.bin: ${WRONG_SECRET}`]);
    } finally {
      dir.cleanup();
    }
  });
});
