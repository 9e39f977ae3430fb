import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log';
import { createPbxPort } from '../../electron/core/pbx/sync-port';
import type { Clock } from '../../electron/core/queue/ports';
import { SyncEngine } from '../../electron/core/queue/engine';
import { emptyRow } from '../../shared/domain/project';
import type { OutboxItem } from '../../shared/sync/outbox';
import { itemFromRow } from '../../shared/sync/queue-ops';
import { MemoryOutboxRepository } from '../support/memory-outbox';
import { vendorMac } from '../pbx-sim';
import { type Harness, startHarness } from './harness';

const noWait: Clock = { now: () => new Date(), sleep: () => Promise.resolve() };

const GROUPS = [
  { vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5' },
  { vendor: 'Fanvil', model: 'X4U', template: 'YSDP_FanvilX' },
  { vendor: 'Snom', model: 'D785', template: 'YSDP_SnomD7' },
] as const;

function queue(count: number): OutboxItem[] {
  const queuedAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const group = GROUPS[i % GROUPS.length]!;
    return itemFromRow({ ...emptyRow(`row-${i}`), ...group, mac: vendorMac(group.vendor, 0x700000 + i), extension: String(1100 + i), method: 'pnp' }, queuedAt);
  });
}

// The sync engine (issue 5) driven through createPbxPort over the real client and the simulator: the port keeps
// the client's "unknown outcome" semantics, so faults never lead to duplicates.
describe('the sync engine over the PBX client', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('provisions 240 phones in 3 groups through drops after apply, timeouts, 500s and 70082, each exactly once', async () => {
    h = await startHarness({}, { writeTimeoutMs: 300, timeoutMs: 1_000 });
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'drop', afterApply: true, nth: 1 });
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'errcode', errcode: 70082, nth: 3 });
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'timeout', afterApply: true, nth: 5 });
    h.sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'http500', nth: 6 });
    h.sim.faults.add({ endpoint: 'phone/search', kind: 'http500', nth: 3 });
    const repo = new MemoryOutboxRepository();
    await repo.update('site', (o) => o.items.push(...queue(240)));
    const engine = new SyncEngine({ repo, clock: noWait, log: createLogger(), random: () => 0.5 });
    const port = createPbxPort(h.client);

    const summary = await engine.run('site', port, { chunkSize: 50 });
    expect(summary).toMatchObject({ outcome: 'finished', counts: { 'on-pbx': 240, queued: 0, failed: 0, conflict: 0 } });
    expect(summary.requests).toBe(h.client.requestCount());
    expect(h.sim.state.duplicateMacs()).toEqual([]);
    expect(h.sim.state.phones()).toHaveLength(36 + 240);
    const outbox = await repo.read('site');
    expect(outbox.items.every((i) => i.phoneId !== null && h.sim.state.phones().some((p) => p.id === i.phoneId))).toBe(true);
    expect(h.sim.requests.filter((r) => r.fault !== null).map((r) => r.fault)).toEqual(expect.arrayContaining(['drop', 'errcode', 'timeout', 'http500']));
    expect(await port.probe()).toBe(true);
  });

  it('stops on refused credentials after ONE login attempt and says why', async () => {
    h = await startHarness({}, { secret: 'wrong' });
    const repo = new MemoryOutboxRepository();
    await repo.update('site', (o) => o.items.push(...queue(5)));
    const summary = await new SyncEngine({ repo, clock: noWait, log: createLogger() }).run('site', createPbxPort(h.client));
    expect(summary.outcome).toBe('stopped');
    expect(summary.stoppedBecause).toContain('will not retry by itself');
    expect(h.sim.count('get_token')).toBe(1);
    expect(h.sim.count('phone/batchcreate')).toBe(0);
  });
});
