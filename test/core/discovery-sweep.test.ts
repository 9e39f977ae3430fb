import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4, sweepAddresses } from '../../shared/domain/cidr';
import type { NeighbourEntry } from '../../shared/domain/neighbour-table';
import { type SweepRun, type SweepTiming, defaultSweepTiming, effectiveRate, runSweep } from '../../electron/core/discovery/sweep';
import { FakeClock } from '../support/fake-clock';
import { type FakeHost, fakeNetwork } from '../support/fake-lan-parts';

const RANGE = (() => {
  const parsed = parseCidr('10.77.0.0/24');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr;
})();
const HOSTS = sweepAddresses(RANGE, RANGE, [parseIpv4('10.77.0.1')!]);
const LINUX = defaultSweepTiming('linux');

function hostsAt(...entries: [string, string, number?][]): Map<string, FakeHost> {
  return new Map(entries.map(([ip, mac, delayMs]) => [ip, { mac, delayMs }]));
}

function sweep(clock: FakeClock, net: ReturnType<typeof fakeNetwork>, extra: Partial<SweepRun> & { timing?: SweepTiming } = {}) {
  const seen = new Map<string, { mac: string; at: number }>();
  const phases: string[] = [];
  const controller = new AbortController();
  const promise = runSweep({
    hosts: HOSTS,
    range: RANGE,
    prober: net.prober,
    readTable: net.readTable,
    clock,
    timing: LINUX,
    signal: controller.signal,
    deadline: Number.POSITIVE_INFINITY,
    hooks: {
      onEntries: (entries: readonly NeighbourEntry[]) => {
        for (const e of entries) if (!seen.has(e.ip)) seen.set(e.ip, { mac: e.mac, at: clock.now() });
      },
      onProgress: ({ phase }) => {
        if (phases.at(-1) !== phase) phases.push(phase);
      },
    },
    ...extra,
  });
  return { promise, seen, phases, controller };
}

describe('runSweep (fake clock and network)', () => {
  it('probes every host once at the bounded rate, never the network, broadcast or own address', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, new Map());
    const { promise } = sweep(clock, net);
    await clock.run(promise, 60_000, 1);
    const firstPass = net.probes.filter((p) => p.at < 300);
    expect(firstPass).toHaveLength(253);
    expect(new Set(firstPass.map((p) => p.ip)).size).toBe(253);
    expect(firstPass.map((p) => p.ip)).not.toContain('10.77.0.0');
    expect(firstPass.map((p) => p.ip)).not.toContain('10.77.0.255');
    expect(firstPass.map((p) => p.ip)).not.toContain('10.77.0.1');
    // 1,000 per second: never more than one probe ahead of the schedule.
    for (const [i, probe] of firstPass.entries()) expect(probe.at).toBeGreaterThanOrEqual(i - 1);
    expect(firstPass.at(-1)!.at).toBeGreaterThanOrEqual(251);
  });

  it('reports devices as they answer and completes after the OS retry window, not before', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, hostsAt(['10.77.0.10', '80:5e:c0:00:00:01'], ['10.77.0.200', '0c:38:3e:00:00:02', 8]));
    const { promise, seen, phases } = sweep(clock, net);
    const result = await clock.run(promise, 60_000, 1);
    expect(result.outcome).toBe('complete');
    expect([...seen.keys()].sort()).toEqual(['10.77.0.10', '10.77.0.200']);
    // .10 is probed at ~8 ms and the table is read every 50 ms: shown by the second read.
    expect(seen.get('10.77.0.10')!.at).toBeLessThanOrEqual(60);
    expect(phases).toEqual(['sweep', 'second-pass', 'settling']);
    // First pass ends at ~252 ms; complete 1,100 ms later, not at the 3 s FAILED mark.
    expect(clock.now()).toBeGreaterThanOrEqual(252 + 1_100);
    expect(clock.now()).toBeLessThan(252 + 1_100 + 60);
  });

  it('keeps going while devices still arrive (an answer to the OS retry one second later)', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, hostsAt(['10.77.0.250', '00:04:13:00:00:03', 1_050]));
    const { promise, seen } = sweep(clock, net);
    expect((await clock.run(promise, 60_000, 1)).outcome).toBe('complete');
    const at = seen.get('10.77.0.250')!.at;
    expect(at).toBeGreaterThanOrEqual(250 + 1_050);
    expect(clock.now()).toBeGreaterThanOrEqual(at + LINUX.quietMs);
  });

  it('on Linux re-probes only what the OS refused; elsewhere every unresolved address, after a second', async () => {
    const clock = new FakeClock();
    const refuse = new Map([['10.77.0.20', 'ENOBUFS']]);
    const net = fakeNetwork(clock, hostsAt(['10.77.0.20', '80:5e:c0:00:00:04']), { refuse, refuseOnce: true });
    const { promise, seen } = sweep(clock, net);
    await clock.run(promise, 60_000, 1);
    expect(net.probes.filter((p) => p.ip === '10.77.0.20')).toHaveLength(2);
    expect(net.probes.filter((p) => p.ip === '10.77.0.30')).toHaveLength(1);
    expect(seen.has('10.77.0.20')).toBe(true);

    const macClock = new FakeClock();
    const macNet = fakeNetwork(macClock, hostsAt(['10.77.0.10', '80:5e:c0:00:00:01']));
    const mac = sweep(macClock, macNet, { timing: defaultSweepTiming('darwin') });
    await macClock.run(mac.promise, 60_000, 1);
    const secondPass = macNet.probes.filter((p) => p.ip === '10.77.0.30');
    expect(secondPass).toHaveLength(2);
    expect(secondPass[1]!.at - secondPass[0]!.at).toBeGreaterThanOrEqual(1_000);
    expect(macNet.probes.filter((p) => p.ip === '10.77.0.10')).toHaveLength(1);
  });

  it('ignores table rows outside the range (other hosts the OS knows)', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, hostsAt(['10.77.0.10', '80:5e:c0:00:00:01']), { extraRows: [{ ip: '10.77.1.5', mac: '80:5e:c0:00:00:09' }, { ip: '192.168.1.1', mac: '00:11:22:33:44:55' }] });
    const { promise, seen } = sweep(clock, net);
    await clock.run(promise, 60_000, 5);
    expect([...seen.keys()]).toEqual(['10.77.0.10']);
  });

  it('stops sending at once when cancelled', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, new Map());
    const { promise, controller } = sweep(clock, net);
    await clock.advance(100);
    controller.abort();
    const result = await clock.run(promise);
    expect(result.outcome).toBe('cancelled');
    const sent = net.probes.length;
    expect(sent).toBeLessThanOrEqual(102);
    await clock.advance(1_000);
    expect(net.probes.length).toBe(sent);
  });

  it('ends with "timeout" at the deadline', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, new Map());
    const { promise } = sweep(clock, net, { deadline: 500 });
    expect((await clock.run(promise, 60_000, 5)).outcome).toBe('timeout');
    expect(clock.now()).toBeLessThan(520);
  });

  it('fails with the reason when the table can never be read', async () => {
    const clock = new FakeClock();
    const net = fakeNetwork(clock, new Map());
    const { promise } = sweep(clock, net, { readTable: () => Promise.reject(new Error('The system tool "arp" is missing')) });
    expect(await clock.run(promise, 60_000, 5)).toMatchObject({ outcome: 'failed', message: expect.stringContaining('"arp" is missing') as string });
  });

  it('slows down for ranges larger than the neighbour table allows in flight (Linux)', () => {
    expect(effectiveRate(253, LINUX)).toBe(1_000);
    expect(effectiveRate(1_022, LINUX)).toBe(256);
    expect(effectiveRate(1_022, defaultSweepTiming('win32'))).toBe(1_000);
  });
});
