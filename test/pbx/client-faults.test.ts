import { afterEach, describe, expect, it } from 'vitest';
import { PbxClient } from '../../electron/core/pbx';
import type { BatchCreateInput } from '../../electron/core/pbx';
import { type FaultSpec, generateExtensions } from '../pbx-sim';
import { freePort } from '../support/ports';
import { type Harness, FAST_RETRY, rejection, startHarness } from './harness';

const batch = (...macs: string[]): BatchCreateInput => ({
  vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp', auth: false,
  phones: macs.map((mac, i) => ({ mac, extId: 100 + i })),
});

describe('PBX client: faults on reads are retried only when transient', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const transient: [string, FaultSpec][] = [
    ['HTTP 500', { endpoint: 'phone/search', kind: 'http500', times: 3 }],
    ['70082 busy', { endpoint: 'phone/search', kind: 'errcode', errcode: 70082, times: 3 }],
    ['-2 internal error', { endpoint: 'phone/search', kind: 'errcode', errcode: -2, times: 2 }],
    ['a dropped connection', { endpoint: 'phone/search', kind: 'drop', times: 2 }],
    ['a timeout', { endpoint: 'phone/search', kind: 'timeout' }],
  ];
  it.each(transient)('recovers from %s with backoff', async (_name, fault) => {
    h = await startHarness({}, { timeoutMs: 300 });
    h.sim.faults.add(fault);
    const phones = await h.client.listPhones();
    expect(phones).toHaveLength(36);
    expect(h.sim.count('phone/search')).toBe((fault.times ?? 1) + 1);
    expect(h.logText()).toContain('transient PBX failure, retrying');
  });

  it('gives up after the configured retries with a message in words', async () => {
    h = await startHarness();
    h.sim.faults.add({ endpoint: 'phone/search', kind: 'http500', times: 10 });
    const error = await rejection(h.client.listPhones());
    expect(error).toMatchObject({ code: 'pbx-bad-response', transient: true, httpStatus: 500 });
    expect(error.message).toContain('server error (HTTP 500)');
    expect(h.sim.count('phone/search')).toBe(FAST_RETRY.retries + 1);
  });

  it('reports a timeout as unreachable, with the deadline', async () => {
    h = await startHarness({}, { timeoutMs: 200, retry: { retries: 1, baseMs: 1, maxMs: 2 } });
    await h.client.testConnection();
    h.sim.faults.add({ endpoint: 'extension/list', kind: 'timeout', times: 2 });
    const error = await rejection(h.client.testConnection());
    expect(error).toMatchObject({ code: 'pbx-unreachable', transient: true });
    expect(error.message).toContain('did not answer within 0.2 s');
  });

  it('treats a captive-portal page as a clear error, not a crash, and does not retry it', async () => {
    h = await startHarness();
    h.sim.faults.add({ endpoint: 'extension/list', kind: 'html' });
    const error = await rejection(h.client.listExtensions());
    expect(error.code).toBe('pbx-bad-response');
    expect(error.message).toBe('The PBX address answered with a web page, not the API: is this a captive portal or proxy?');
    expect(h.sim.count('extension/list')).toBe(1);
  });

  it('keeps reading all pages when the token expires mid-run', async () => {
    const extensions = generateExtensions(1_200, 3000, 1);
    h = await startHarness({ seed: { extensions, phones: [], compatibility: (await import('../pbx-sim')).defaultCompatibility() } });
    h.sim.faults.add({ endpoint: 'extension/list', kind: 'expire-tokens', nth: 5 });
    const all = await h.client.listExtensions();
    expect(all).toHaveLength(1_200);
    expect(new Set(all.map((e) => e.id)).size).toBe(1_200);
    expect(h.sim.requests.filter((r) => r.endpoint === 'extension/list' && r.errcode === 10004)).toHaveLength(1);
    expect(h.sim.count('refresh_token')).toBe(1);
  });

  it('says "connection refused" when nothing listens at the address', async () => {
    h = await startHarness();
    const port = await freePort();
    const client = new PbxClient({ baseUrl: `http://127.0.0.1:${port}`, credentials: () => Promise.resolve({ clientId: 'x', secret: 'y' }), retry: FAST_RETRY });
    const error = await rejection(client.testConnection());
    expect(error).toMatchObject({ code: 'pbx-unreachable', transient: true, sent: false });
    expect(error.message).toContain('connection refused');
    await client.close();
  });
});

describe('PBX client: writes are never retried blindly', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('applies a batch once and the phones read back', async () => {
    h = await startHarness();
    const result = await h.client.batchCreatePhones(batch('80-5e-c0-aa-00-01', '805ec0aa0002'));
    expect(result).toEqual({ outcome: 'applied' });
    const macs = (await h.client.listPhones()).map((p) => p.mac);
    expect(macs).toEqual(expect.arrayContaining(['80:5E:C0:AA:00:01', '80:5E:C0:AA:00:02']));
  });

  it('reports "unknown" when the connection drops AFTER the PBX applied the change, and the phone is there once', async () => {
    h = await startHarness();
    await h.client.testConnection();
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'drop', afterApply: true });
    const result = await h.client.batchCreatePhones(batch('80:5E:C0:AA:00:03'));
    expect(result.outcome).toBe('unknown');
    expect(h.sim.count('phone/batchcreate')).toBe(1);
    expect(h.sim.state.phones().filter((p) => p.mac === '80:5E:C0:AA:00:03')).toHaveLength(1);
    expect(h.sim.state.duplicateMacs()).toEqual([]);
  });

  const unknowns: [string, FaultSpec, boolean][] = [
    ['a dropped connection before applying', { endpoint: 'phone/batchcreate', kind: 'drop' }, false],
    ['HTTP 500 after applying', { endpoint: 'phone/batchcreate', kind: 'http500', afterApply: true }, true],
    ['HTTP 500 before applying', { endpoint: 'phone/batchcreate', kind: 'http500' }, false],
    ['an HTML page', { endpoint: 'phone/batchcreate', kind: 'html' }, false],
    ['a timeout after applying', { endpoint: 'phone/batchcreate', kind: 'timeout', afterApply: true }, true],
    ['-2 internal error', { endpoint: 'phone/batchcreate', kind: 'errcode', errcode: -2 }, false],
  ];
  it.each(unknowns)('reports "unknown" (read back before retrying) for %s', async (_name, fault, landed) => {
    h = await startHarness({}, { writeTimeoutMs: 300 });
    await h.client.testConnection();
    h.sim.faults.add(fault);
    const result = await h.client.batchCreatePhones(batch('80:5E:C0:AA:00:04'));
    expect(result.outcome).toBe('unknown');
    expect(h.sim.count('phone/batchcreate')).toBe(1);
    expect(h.sim.state.phoneByMac('80:5e:c0:aa:00:04') !== undefined).toBe(landed);
  });

  it('reports 70082 as "rejected" and transient, without retrying the write', async () => {
    h = await startHarness();
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'errcode', errcode: 70082 });
    const result = await h.client.batchCreatePhones(batch('80:5E:C0:AA:00:05'));
    expect(result).toMatchObject({ outcome: 'rejected', error: { code: 'pbx-rejected', transient: true, errcode: 70082 } });
    expect(h.sim.count('phone/batchcreate')).toBe(1);
  });

  it('reports "not-sent" when the PBX cannot be reached', async () => {
    h = await startHarness();
    const port = await freePort();
    const client = new PbxClient({ baseUrl: `http://127.0.0.1:${port}`, credentials: () => Promise.resolve({ clientId: 'x', secret: 'y' }), retry: FAST_RETRY });
    const result = await client.batchCreatePhones(batch('80:5E:C0:AA:00:06'));
    expect(result).toMatchObject({ outcome: 'not-sent', error: { code: 'pbx-unreachable' } });
    await client.close();
  });

  it('renews the token and repeats the write once when the token expired mid-run (10004 means nothing was done)', async () => {
    h = await startHarness();
    await h.client.testConnection();
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'expire-tokens' });
    const result = await h.client.batchCreatePhones(batch('80:5E:C0:AA:00:07'));
    expect(result).toEqual({ outcome: 'applied' });
    expect(h.sim.requests.filter((r) => r.endpoint === 'phone/batchcreate').map((r) => r.errcode)).toEqual([10004, 0]);
    expect(h.sim.state.phones().filter((p) => p.mac === '80:5E:C0:AA:00:07')).toHaveLength(1);
  });

  it('reports the PBX\'s reasons for a rejected batch: duplicate MACs and unknown extensions', async () => {
    h = await startHarness();
    const existing = h.sim.state.phones()[0]?.mac ?? '';
    const dup = await h.client.batchCreatePhones(batch(existing.toLowerCase(), '80:5E:C0:AA:00:08'));
    expect(dup.outcome).toBe('rejected');
    if (dup.outcome !== 'rejected') return;
    expect(dup.error.errcode).toBe(40003);
    expect(dup.error.duplicates[0]).toMatchObject({ field: 'mac' });
    expect(dup.error.message).toContain('Already on the PBX: MAC address');

    const unknownExt = await h.client.batchCreatePhones({ ...batch('80:5E:C0:AA:00:09'), phones: [{ mac: '80:5E:C0:AA:00:09', extId: 99_999 }] });
    expect(unknownExt).toMatchObject({ outcome: 'rejected', error: { errcode: 40002, invalidParams: [{ field: 'ext_id', value: '99999' }] } });
    if (unknownExt.outcome === 'rejected') expect(unknownExt.error.message).toContain('extension id "99999"');
    expect(h.sim.state.phoneByMac('80:5E:C0:AA:00:08')).toBeUndefined();
  });

  it('reports a partial success with per-item reasons when the PBX gives them', async () => {
    h = await startHarness({ batchMode: 'partial', partialReport: 'per-item' });
    const existing = h.sim.state.phones()[0]?.mac ?? '';
    const result = await h.client.batchCreatePhones(batch('80:5E:C0:AA:00:0A', existing));
    expect(result.outcome).toBe('partial');
    if (result.outcome !== 'partial') return;
    expect(result.itemErrors).toEqual([expect.objectContaining({ mac: existing.toUpperCase(), errcode: 40003 })]);
    expect(h.sim.state.phoneByMac('80:5E:C0:AA:00:0A')).toBeDefined();
  });

  it('refuses a malformed MAC or extension id before sending anything', async () => {
    h = await startHarness();
    const result = await h.client.batchCreatePhones(batch('not-a-mac'));
    expect(result).toMatchObject({ outcome: 'not-sent', error: { code: 'validation' } });
    expect(await h.client.batchDeletePhones([])).toMatchObject({ outcome: 'not-sent' });
    expect(h.sim.count('*')).toBe(0);
  });

  it('deletes phones by id', async () => {
    h = await startHarness();
    const ids = h.sim.state.phones().slice(0, 3).map((p) => p.id);
    expect(await h.client.batchDeletePhones(ids)).toEqual({ outcome: 'applied' });
    expect(h.sim.state.phones()).toHaveLength(33);
    const again = await h.client.batchDeletePhones(ids);
    expect(again).toMatchObject({ outcome: 'rejected', error: { errcode: 60001 } });
  });
});
