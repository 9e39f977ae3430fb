import { afterAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../pbx-sim';
import { type QueueHarness, FAST_TUNING, pbxProblems, phoneRows, settled, startQueueHarness } from './harness';

const ENDPOINTS = ['get_token', 'refresh_token', 'extension/list', 'phone/search', 'auto_provisioning/compatibility', 'phone/batchcreate'] as const;
type Endpoint = (typeof ENDPOINTS)[number];

/** Every fault, as one or more schedule entries; writes also get the "applied, then the answer was lost" variants. */
const FAULTS: Record<string, Omit<FaultSpec, 'endpoint'>[]> = {
  'HTTP 500': [{ kind: 'http500' }],
  'HTML page': [{ kind: 'html' }],
  timeout: [{ kind: 'timeout' }],
  'dropped connection': [{ kind: 'drop' }],
  'dropped after the change was applied': [{ kind: 'drop', afterApply: true }],
  'timeout after the change was applied': [{ kind: 'timeout', afterApply: true }],
  'token expiry': [{ kind: 'expire-tokens' }],
  '70082 busy': [{ kind: 'errcode', errcode: 70082 }],
  '70082 after the change was applied': [{ kind: 'errcode', errcode: 70082, afterApply: true }],
  '-2 internal error, twice': [{ kind: 'errcode', errcode: -2, times: 2 }],
  'token expiry, refresh token too': [{ kind: 'expire-tokens', refreshToo: true }],
};

// Write-only variants (a read that fails after the fact is just a failed read), and extra ones for the write.
const WRITE_ONLY = new Set([
  'dropped after the change was applied',
  'timeout after the change was applied',
  '70082 after the change was applied',
  '-2 internal error, twice',
  'token expiry, refresh token too',
]);

/** Which call of the endpoint the fault hits: one in the middle of the sync where there is one. */
const NTH: Record<Endpoint, number> = {
  get_token: 1,
  refresh_token: 1,
  'extension/list': 1,
  'phone/search': 2,
  'auto_provisioning/compatibility': 3,
  'phone/batchcreate': 2,
};

const cases = ENDPOINTS.flatMap((endpoint) =>
  Object.entries(FAULTS)
    .filter(([name]) => endpoint === 'phone/batchcreate' || !WRITE_ONLY.has(name))
    .map(([name, specs]) => ({ endpoint, name, specs })),
);

const harnesses: QueueHarness[] = [];
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
});

// 60 phones in 3 groups, chunks of 20: 3 create requests, a few reads; each case on a fresh simulator.
describe('faults on every request kind', () => {
  it.each(cases)('$endpoint: $name → every phone on the PBX exactly once, on its extension', async ({ endpoint, specs }) => {
    const h = await startQueueHarness({
      client: { timeoutMs: 400, writeTimeoutMs: 400 },
      tuning: { ...FAST_TUNING, sync: { ...FAST_TUNING.sync, chunkSize: 20 } },
    });
    harnesses.push(h);
    const rows = phoneRows(60, { firstExtension: 1100 });
    const id = await h.project(rows);
    if (endpoint === 'refresh_token') {
      // A refresh happens when the PBX drops the access token: expire it on the second extension page read.
      h.sim.faults.add({ endpoint: 'phone/search', kind: 'expire-tokens', nth: 1 });
    }
    for (const spec of specs) h.sim.faults.add({ ...spec, endpoint, nth: NTH[endpoint] });
    await h.must('queue:add', { projectId: id });
    const done = await h.waitFor(id, settled, 30_000);
    expect(done.state).toBe('idle');
    expect(done.counts['on-pbx']).toBe(60);
    expect(h.sim.requests.some((r) => r.endpoint === endpoint && r.fault !== null)).toBe(true);
    expect(pbxProblems(h.sim, h.items(id))).toEqual([]);
    expect(h.sim.state.phones()).toHaveLength(36 + 60);
    // Never more than the one login, plus one after a refused refresh: faults never lead to a login storm.
    expect(h.sim.count('get_token')).toBeLessThanOrEqual(endpoint === 'get_token' ? 4 : 2);
    await h.close();
    harnesses.splice(harnesses.indexOf(h), 1);
  });
});
