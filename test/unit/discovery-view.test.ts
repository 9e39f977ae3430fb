import { describe, expect, it } from 'vitest';
import type { DiscoveredDevice, DiscoveryFinished } from '../../shared/contract';
import { EMPTY_VIEW, discoveryReducer, phaseLabel } from '../../renderer/src/features/discovery/discovery-view';

function device(mac: string, ip: string, isPhone: boolean, extra: Partial<DiscoveredDevice> = {}): DiscoveredDevice {
  return { mac, ip, vendor: isPhone ? 'Yealink' : null, isPhone, model: null, firmware: null, source: 'sweep', firstSeen: 't', lastSeen: 't', ...extra };
}

const finished = (scanId: string): DiscoveryFinished => ({
  scanId,
  outcome: 'complete',
  message: 'Found 2 devices (1 phone) in 10.0.0.0/24; the sweep took 1.4 s.',
  devices: 2,
  phones: 1,
  durationMs: 1400,
  sweepMs: 1400,
  pnp: { state: 'off', message: '' },
});

describe('discovery view', () => {
  it('follows a run from its first event, even before the start answer, keeping phones first and one row per MAC', () => {
    let view = discoveryReducer(EMPTY_VIEW, { type: 'event', event: { event: 'discovery:progress', payload: { scanId: 'a', phase: 'sweep', sent: 10, total: 253, found: 0, elapsedMs: 10 } } });
    expect(view).toMatchObject({ scanId: 'a', running: true });
    expect(phaseLabel(view)).toBe('Sending probes: 10 of 253 addresses');
    view = discoveryReducer(view, { type: 'event', event: { event: 'discovery:device', payload: { scanId: 'a', device: device('b8:27:eb:00:00:01', '10.0.0.3', false) } } });
    view = discoveryReducer(view, { type: 'event', event: { event: 'discovery:device', payload: { scanId: 'a', device: device('80:5e:c0:00:00:01', '10.0.0.9', true) } } });
    view = discoveryReducer(view, { type: 'started', data: { scanId: 'a', interface: 'eth0', address: '10.0.0.1', cidr: '10.0.0.0/24', hostCount: 253, pnp: { state: 'off', message: '' } } });
    view = discoveryReducer(view, { type: 'event', event: { event: 'discovery:device', payload: { scanId: 'a', device: device('80:5e:c0:00:00:01', '10.0.0.9', true, { model: 'T54W', source: 'both' }) } } });
    expect(view.devices.map((d) => [d.mac, d.model])).toEqual([
      ['80:5e:c0:00:00:01', 'T54W'],
      ['b8:27:eb:00:00:01', null],
    ]);
    view = discoveryReducer(view, { type: 'event', event: { event: 'discovery:finished', payload: finished('a') } });
    expect(view.running).toBe(false);
    expect(phaseLabel(view)).toContain('Found 2 devices');
  });

  it('starts afresh when another run begins, and ignores late progress of a finished run', () => {
    let view = discoveryReducer(EMPTY_VIEW, { type: 'event', event: { event: 'discovery:device', payload: { scanId: 'a', device: device('80:5e:c0:00:00:01', '10.0.0.9', true) } } });
    view = discoveryReducer(view, { type: 'event', event: { event: 'discovery:finished', payload: finished('a') } });
    const late = discoveryReducer(view, { type: 'event', event: { event: 'discovery:progress', payload: { scanId: 'a', phase: 'settling', sent: 253, total: 253, found: 1, elapsedMs: 900 } } });
    expect(late.running).toBe(false);
    const next = discoveryReducer(view, { type: 'started', data: { scanId: 'b', interface: 'eth0', address: '10.0.0.1', cidr: '10.0.0.0/25', hostCount: 125, pnp: { state: 'listening', message: 'Listening.' } } });
    expect(next).toMatchObject({ scanId: 'b', running: true, devices: [], finished: null, pnp: { state: 'listening' } });
  });

  it('restores a run in progress from a snapshot', () => {
    const view = discoveryReducer(EMPTY_VIEW, {
      type: 'snapshot',
      data: { scanId: 'c', running: true, devices: [device('b8:27:eb:00:00:01', '10.0.0.3', false), device('0c:38:3e:00:00:01', '10.0.0.200', true)], progress: { scanId: 'c', phase: 'listening', sent: 253, total: 253, found: 2, elapsedMs: 5000 }, finished: null, pnp: { state: 'listening', message: 'Listening.' } },
    });
    expect(view.devices[0]?.mac).toBe('0c:38:3e:00:00:01');
    expect(phaseLabel(view)).toBe('Sweep complete: 2 found. Listening for booting phones until you stop.');
  });
});
