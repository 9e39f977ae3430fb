import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, rejection, startHarness } from './harness';

describe('PBX client: tokens and lockout safety', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('logs in once, sends User-Agent: OpenAPI everywhere and the token only in the query string, even for concurrent callers', async () => {
    h = await startHarness({}, { maxConcurrent: 4 });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => h.client.listPhones()));
    expect(results.every((phones) => phones.length === 36)).toBe(true);
    expect(h.sim.count('get_token')).toBe(1);
    expect(h.credentialCalls()).toBe(1);
    expect(h.sim.requests.every((r) => r.userAgent === 'OpenAPI')).toBe(true);
    const api = h.sim.requests.filter((r) => r.endpoint !== 'get_token');
    expect(api.length).toBeGreaterThan(0);
    expect(api.every((r) => r.tokenInQuery && r.errcode === 0)).toBe(true);
  });

  it('renews about 60 s before expiry with refresh_token, and revokes the old token so live tokens do not pile up', async () => {
    h = await startHarness();
    await h.client.testConnection();
    h.advance(29 * 60_000 + 30_000); // 30 s left on a 30 min token: inside the 60 s margin
    await h.client.testConnection();
    expect(h.sim.count('refresh_token')).toBe(1);
    expect(h.sim.count('get_token')).toBe(1);
    await expect.poll(() => h.sim.count('del_token')).toBe(1);
    expect(h.sim.liveTokens()).toBe(1);
    expect(h.sim.requests.filter((r) => r.endpoint !== 'del_token').every((r) => r.errcode === 0)).toBe(true);
  });

  it('still works when refresh_token does not revoke the old token (UNCONFIRMED behaviour)', async () => {
    h = await startHarness({ refreshInvalidatesOld: false });
    await h.client.testConnection();
    for (let i = 0; i < 10; i += 1) {
      h.advance(29 * 60_000 + 30_000);
      await h.client.testConnection();
    }
    expect(h.sim.count('refresh_token')).toBe(10);
    await expect.poll(() => h.sim.liveTokens()).toBe(1);
  });

  it('on 10004 renews the token once and repeats the request', async () => {
    h = await startHarness();
    await h.client.testConnection();
    h.sim.expireTokens();
    const phones = await h.client.listPhones();
    expect(phones).toHaveLength(36);
    const searches = h.sim.requests.filter((r) => r.endpoint === 'phone/search').map((r) => r.errcode);
    expect(searches).toEqual([0, 10004, 0]);
    expect(h.sim.count('refresh_token')).toBe(1);
    expect(h.sim.count('get_token')).toBe(1);
  });

  it('falls back to get_token when the refresh token is dead too', async () => {
    h = await startHarness();
    await h.client.testConnection();
    h.sim.expireTokens(true);
    await h.client.testConnection();
    expect(h.sim.count('refresh_token')).toBe(1);
    expect(h.sim.count('get_token')).toBe(2);
  });

  it('after the access token expired with no traffic, logs in again by refreshing first', async () => {
    h = await startHarness();
    await h.client.testConnection();
    h.advance(45 * 60_000);
    await h.client.testConnection();
    expect(h.sim.count('refresh_token')).toBe(1);
    expect(h.sim.count('get_token')).toBe(1);
  });

  it('on bad credentials makes exactly ONE get_token, and none on later calls until the user resets', async () => {
    h = await startHarness({}, { secret: 'wrong-secret' });
    const first = await rejection(h.client.listExtensions());
    expect(first.code).toBe('pbx-auth');
    expect(first.message).toContain('will not retry by itself');
    expect(first.message).toContain("5 failed logins block this computer's IP");
    expect(h.sim.count('get_token')).toBe(1);

    expect((await rejection(h.client.listPhones())).code).toBe('pbx-auth');
    const write = await h.client.batchCreatePhones({ vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'rps', auth: false, phones: [{ mac: '80:5E:C0:00:00:01', extId: 5 }] });
    expect(write).toMatchObject({ outcome: 'not-sent', error: { code: 'pbx-auth' } });
    expect(h.sim.count('get_token')).toBe(1);
    expect(h.sim.count('*')).toBe(1);
    expect(h.client.authStatus()).toBe('refused');
    expect(h.credentialCalls()).toBe(1);

    h.client.resetAuth();
    expect((await rejection(h.client.listPhones())).code).toBe('pbx-auth');
    expect(h.sim.count('get_token')).toBe(2);
  });

  it('after 5 refused logins the PBX blocks this IP, and the message says how to unblock it', async () => {
    h = await startHarness({}, { secret: 'wrong-secret' });
    for (let i = 0; i < 5; i += 1) {
      expect((await rejection(h.client.testConnection())).code).toBe('pbx-auth');
      h.client.resetAuth(); // the technician tries again, five times
    }
    expect(h.sim.blockedIps()).toEqual(['127.0.0.1']);
    const blocked = await rejection(h.client.testConnection());
    expect(blocked.code).toBe('pbx-blocked');
    expect(blocked.message).toContain('blocked this computer\'s IP address');
    expect(blocked.hint).toContain('Security > Security Rules > Blocked IPs');
    expect(h.sim.count('get_token')).toBe(6);
    // Blocked: no further login attempts by itself either.
    await rejection(h.client.testConnection());
    expect(h.sim.count('get_token')).toBe(6);

    // A client with good credentials from the same IP is refused too, without retries.
    const good = h.newClient({ secret: undefined });
    expect((await rejection(good.listPhones())).code).toBe('pbx-blocked');
    expect(h.sim.count('get_token')).toBe(7);
  });

  it('explains 70087 (IP not allowed) when the PBX uses that code', async () => {
    h = await startHarness({ blockedErrcode: 70087, maxFailedLogins: 1 }, { secret: 'wrong-secret' });
    await rejection(h.client.testConnection());
    h.client.resetAuth();
    const error = await rejection(h.client.testConnection());
    expect(error.code).toBe('pbx-blocked');
    expect(error.message).toContain('does not allow API access');
    expect(error.hint).toContain('allowed IP list');
  });

  it('on the 8-token cap stops and explains; closing another client frees a slot', async () => {
    h = await startHarness();
    const others = Array.from({ length: 7 }, () => h.newClient());
    await h.client.testConnection();
    for (const c of others) await c.testConnection();
    expect(h.sim.liveTokens()).toBe(8);

    const ninth = h.newClient();
    const error = await rejection(ninth.testConnection());
    expect(error.code).toBe('pbx-rejected');
    expect(error.message).toContain('maximum of 8 live API sessions');
    expect(error.hint).toContain('will not retry by itself');
    await rejection(ninth.testConnection());
    expect(h.sim.count('get_token')).toBe(9);

    await others[0]?.close();
    expect(h.sim.liveTokens()).toBe(7);
    ninth.resetAuth();
    await expect(ninth.testConnection()).resolves.toMatchObject({ extensionCount: 410, phoneCount: 36 });
  });

  it('close() revokes the token with del_token and later calls are refused', async () => {
    h = await startHarness();
    await h.client.testConnection();
    expect(h.sim.liveTokens()).toBe(1);
    await h.client.close();
    expect(h.sim.count('del_token')).toBe(1);
    expect(h.sim.liveTokens()).toBe(0);
    expect((await rejection(h.client.listPhones())).code).toBe('cancelled');
    expect(h.client.authStatus()).toBe('closed');
  });

  it('never writes the access token, refresh token or secret to the log file', async () => {
    h = await startHarness({}, { maxConcurrent: 2 });
    await h.client.testConnection();
    h.sim.expireTokens();
    await h.client.listExtensions();
    h.advance(29 * 60_000 + 40_000);
    await h.client.listPhones();
    h.sim.faults.add({ endpoint: 'phone/search', kind: 'http500' });
    await h.client.listPhones();
    await h.client.close();
    const log = h.logText();
    expect(log).toContain('access token obtained');
    expect(log).toContain('transient PBX failure');
    const tokens = h.sim.issuedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    for (const token of tokens) expect(log).not.toContain(token);
    expect(log).not.toContain(h.sim.knobs.clientSecret);
  });
});
