import { describe, expect, it } from 'vitest';
import { AppFailure, type NetInterface, type PnpStatus } from '../../shared/contract';
import { parsePnpSubscribe } from '../../shared/domain/sip-pnp';
import type { PnpListenerOptions } from '../../electron/core/discovery/pnp-listener';
import { type DiscoveryDeps, DiscoveryService } from '../../electron/core/discovery/service';
import { type CoreEvent, EventHub } from '../../electron/core/events';
import { FakeClock } from '../support/fake-clock';
import { type FakeHost, fakeNetwork } from '../support/fake-lan-parts';

const ETH: NetInterface = { name: 'eth0', address: '10.77.0.1', prefix: 24, subnet: '10.77.0.0/24', kind: 'wired', hasDefaultRoute: true, isDefault: true };
const WIDE: NetInterface = { name: 'eth1', address: '172.16.0.1', prefix: 20, subnet: '172.16.0.0/20', kind: 'wired', hasDefaultRoute: false, isDefault: false };
const LISTENING: PnpStatus = { state: 'listening', message: 'Listening.' };

const HOSTS = new Map<string, FakeHost>([
  ['10.77.0.50', { mac: 'b8:27:eb:00:00:01' }],
  ['10.77.0.60', { mac: '80:5e:c0:00:00:01' }],
  ['10.77.0.70', { mac: '00:90:8f:00:00:01' }],
]);

function setup(options: { pnp?: PnpStatus; openProber?: DiscoveryDeps['openProber']; prepare?: () => void } = {}) {
  const clock = new FakeClock();
  const net = fakeNetwork(clock, HOSTS);
  const hub = new EventHub();
  const events: CoreEvent[] = [];
  hub.subscribe((e) => events.push(e));
  let pnp: PnpListenerOptions | undefined;
  let pnpStopped = false;
  const service = new DiscoveryService({
    emit: (event, payload) => hub.emit(event, payload),
    clock,
    platform: 'linux',
    listInterfaces: () => Promise.resolve([ETH, WIDE]),
    openProber: options.openProber ?? (() => Promise.resolve(net.prober)),
    createReader: () => net.readTable,
    startPnp: (o) => {
      pnp = o;
      return Promise.resolve({
        status: options.pnp ?? LISTENING,
        stop: () => {
          pnpStopped = true;
          return Promise.resolve();
        },
      });
    },
    otherVendor: (mac) => (mac.startsWith('b8:27:eb') ? 'Raspberry Pi Foundation' : null),
    prepare: options.prepare,
  });
  const announce = (text: string, from: string): void => pnp?.onMessage(parsePnpSubscribe(text, from), { address: from, port: 5060, family: 'IPv4', size: text.length });
  const named = (name: string) => events.filter((e) => e.event === name).map((e) => e.payload as Record<string, unknown>);
  return { clock, net, service, events, named, announce, pnpStopped: () => pnpStopped };
}

const YEALINK_BOOT = [
  'SUBSCRIBE sip:MAC805ec0000001@224.0.1.75 SIP/2.0',
  'Via: SIP/2.0/UDP 10.77.0.60:5060;branch=z9hG4bK1',
  'Event: ua-profile;profile-type="device";vendor="Yealink";model="T54W";version="96.86.0.70"',
  '',
  '',
].join('\r\n');
const AUDIOCODES_BOOT = ['SUBSCRIBE sip:224.0.1.75:5060 SIP/2.0', 'From: <sip:00000001@10.77.0.70>', 'Event: ua-profile;profile-type="application";model="420HD";version="1.2.1"', '', ''].join('\r\n');

describe('DiscoveryService', () => {
  it('sweeps, streams devices and progress, and finishes with phones first', async () => {
    const { clock, service, named } = setup();
    const started = await service.start({ pnp: false, confirmLarge: false });
    expect(started).toMatchObject({ interface: 'eth0', cidr: '10.77.0.0/24', hostCount: 253, pnp: { state: 'off' } });
    const finished = await clock.run(service.whenFinished());
    expect(finished).toMatchObject({ outcome: 'complete', devices: 3, phones: 2, message: expect.stringMatching(/^Found 3 devices \(2 phones\) in 10\.77\.0\.0\/24; the sweep took 1\.[0-9] s\.$/) as string });
    expect(finished!.sweepMs).toBeLessThan(1_500);
    expect(named('discovery:device')).toHaveLength(3);
    expect(named('discovery:progress').map((p) => p.phase)).toEqual(expect.arrayContaining(['sweep', 'second-pass', 'settling']) as unknown);
    expect(named('discovery:progress').at(-1)).toMatchObject({ sent: 253, total: 253, found: 3 });
    const listed = service.devices();
    expect(listed.running).toBe(false);
    expect(listed.devices.map((d) => [d.ip, d.vendor, d.source])).toEqual([
      ['10.77.0.60', 'Yealink', 'sweep'],
      ['10.77.0.70', 'AudioCodes', 'sweep'],
      ['10.77.0.50', 'Raspberry Pi Foundation', 'sweep'],
    ]);
  });

  it('merges PnP announcements, completes a MAC-less one from the table, and listens until cancelled', async () => {
    const { clock, service, announce, named, pnpStopped } = setup();
    await service.start({ pnp: true, confirmLarge: false });
    await clock.advance(2_000);
    expect(named('discovery:progress').at(-1)).toMatchObject({ phase: 'listening' });
    announce(YEALINK_BOOT, '10.77.0.60');
    announce(AUDIOCODES_BOOT, '10.77.0.70');
    await clock.advance(10);
    expect(service.devices().devices.filter((d) => d.source === 'both').map((d) => [d.mac, d.model, d.firmware])).toEqual([
      ['80:5e:c0:00:00:01', 'T54W', '96.86.0.70'],
      ['00:90:8f:00:00:01', '420HD', '1.2.1'],
    ]);
    expect(service.devices().running).toBe(true);
    await clock.advance(60_000);
    expect(service.devices().running).toBe(true);
    expect(await service.cancel()).toEqual({ cancelled: true });
    expect(named('discovery:finished')).toEqual([expect.objectContaining({ outcome: 'complete', pnp: expect.objectContaining({ state: 'stopped' }) as unknown }) as unknown]);
    expect(pnpStopped()).toBe(true);
    expect(await service.cancel()).toEqual({ cancelled: false });
  });

  it('ends a PnP run at the time limit', async () => {
    const { clock, service } = setup();
    await service.start({ pnp: true, confirmLarge: false, timeoutMs: 5_000 });
    const finished = await clock.run(service.whenFinished());
    expect(finished).toMatchObject({ outcome: 'complete' });
    expect(finished!.durationMs).toBeGreaterThanOrEqual(5_000);
    expect(finished!.durationMs).toBeLessThan(5_100);
  });

  it('keeps the sweep when the PnP port is taken, and ends after it', async () => {
    const unavailable: PnpStatus = { state: 'unavailable', message: 'UDP port 5060 is in use by "baresip" (process 77).' };
    const { clock, service } = setup({ pnp: unavailable });
    expect(await service.start({ pnp: true, confirmLarge: false })).toMatchObject({ pnp: unavailable });
    expect(await clock.run(service.whenFinished())).toMatchObject({ outcome: 'complete', devices: 3, pnp: unavailable });
  });

  it('a new start cancels the running one first', async () => {
    const { clock, service, named } = setup();
    const first = await service.start({ pnp: false, confirmLarge: false });
    await clock.advance(100);
    const second = await service.start({ pnp: false, confirmLarge: false, cidr: '10.77.0.64/26' });
    expect(second.scanId).not.toBe(first.scanId);
    await clock.run(service.whenFinished());
    expect(named('discovery:finished').map((f) => [f.scanId, f.outcome])).toEqual([
      [first.scanId, 'cancelled'],
      [second.scanId, 'complete'],
    ]);
    expect(service.devices().devices.map((d) => d.ip)).toEqual(['10.77.0.70']);
  });

  it('refuses bad targets with a validation error the UI can act on, without stopping a running listener', async () => {
    const { clock, service } = setup();
    await service.start({ pnp: true, confirmLarge: false });
    await clock.advance(2_000);
    await expect(service.start({ pnp: false, confirmLarge: false, cidr: '10.99.0.0/24' })).rejects.toMatchObject({ code: 'validation', hint: expect.stringContaining('voice VLAN') as string });
    const large = await service.start({ pnp: false, confirmLarge: false, interface: 'eth1' }).catch((e: unknown) => e);
    expect(large).toBeInstanceOf(AppFailure);
    expect((large as AppFailure).fields).toEqual([{ path: 'confirmLarge', message: expect.stringContaining('need confirmation') as string }]);
    expect(service.devices()).toMatchObject({ running: true, progress: { phase: 'listening' } });
    await service.cancel();
  });

  it('reports a socket that cannot be opened as a network error', async () => {
    const error = Object.assign(new Error('bind EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' });
    const { service } = setup({ openProber: () => Promise.reject(error) });
    await expect(service.start({ pnp: false, confirmLarge: false })).rejects.toMatchObject({ code: 'network', message: 'Cannot send on eth0 (10.77.0.1): EADDRNOTAVAIL.' });
  });

  it('loads the maker registry when the interfaces are listed or at the latest before a run starts, never during it', async () => {
    const loads: number[] = [];
    const { clock, service } = setup({ prepare: () => loads.push(clock.now()) });
    await service.interfaces();
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toEqual([0]);
    await service.start({ pnp: false, confirmLarge: false });
    await clock.run(service.whenFinished());
    expect(loads).toEqual([0]);

    const cold = setup({ prepare: () => loads.push(-1) });
    await cold.service.start({ pnp: false, confirmLarge: false });
    expect(loads).toEqual([0, -1]);
    await cold.clock.run(cold.service.whenFinished());
  });
});
