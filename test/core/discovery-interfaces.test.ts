import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type InterfaceSources, listInterfaces } from '../../electron/core/discovery/interfaces';
import type { DiscoveryFinished } from '../../shared/contract';
import { createCore } from '../../electron/core/core';
import { tempDir } from '../support/temp';

function v4(address: string, cidr: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr };
}

const ROUTES = 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nwlp2s0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\nenp0s31f6\t00000000\t0100140A\t0003\t0\t0\t100\t00000000\n';

function linuxSources(): InterfaceSources {
  const sys = new Set(['/sys/class/net/lo', '/sys/class/net/enp0s31f6', '/sys/class/net/enp0s31f6/device', '/sys/class/net/wlp2s0', '/sys/class/net/wlp2s0/device', '/sys/class/net/wlp2s0/wireless', '/sys/class/net/docker0', '/sys/class/net/tun0']);
  return {
    platform: 'linux',
    networkInterfaces: () => ({
      lo: [v4('127.0.0.1', '127.0.0.1/8', true)],
      wlp2s0: [v4('192.168.1.20', '192.168.1.20/24'), { ...v4('fe80::1', 'fe80::1/64'), family: 'IPv6', scopeid: 2 }],
      enp0s31f6: [v4('10.20.0.5', '10.20.0.5/24')],
      docker0: [v4('172.17.0.1', '172.17.0.1/16')],
      tun0: [{ ...v4('10.8.0.2', '10.8.0.2/32'), netmask: '255.255.255.255' }],
    }),
    readText: (path) => (path === '/proc/net/route' ? ROUTES : undefined),
    exists: (path) => sys.has(path),
    run: () => Promise.resolve(undefined),
  };
}

describe('listInterfaces', () => {
  it('lists IPv4 interfaces with kinds from /sys, the default route from /proc, loopback last, wired default chosen', async () => {
    const list = await listInterfaces(linuxSources());
    expect(list.map((i) => [i.name, i.subnet, i.kind, i.hasDefaultRoute, i.isDefault])).toEqual([
      ['wlp2s0', '192.168.1.0/24', 'wifi', true, false],
      ['enp0s31f6', '10.20.0.0/24', 'wired', true, true],
      ['docker0', '172.17.0.0/16', 'virtual', false, false],
      ['tun0', '10.8.0.2/32', 'vpn', false, false],
      ['lo', '127.0.0.0/8', 'loopback', false, false],
    ]);
  });

  it('uses networksetup and route on macOS', async () => {
    const sources: InterfaceSources = {
      platform: 'darwin',
      networkInterfaces: () => ({ en0: [v4('192.168.1.20', '192.168.1.20/24')], en7: [v4('10.20.0.5', '10.20.0.5/24')] }),
      readText: () => undefined,
      exists: () => false,
      run: (command) =>
        Promise.resolve(command.endsWith('networksetup') ? 'Hardware Port: Wi-Fi\nDevice: en0\n\nHardware Port: USB 10/100/1000 LAN\nDevice: en7\n' : 'interface: en0\n'),
    };
    const list = await listInterfaces(sources);
    expect(list.map((i) => [i.name, i.kind, i.hasDefaultRoute, i.isDefault])).toEqual([
      ['en0', 'wifi', true, true],
      ['en7', 'wired', false, false],
    ]);
  });
});

describe('discovery through the core dispatcher (this machine, loopback only)', () => {
  it('lists this machine\'s interfaces and refuses a range outside every local subnet without sending anything', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir.path, shell: 'web' });
    try {
      const listed = await core.dispatch('discovery:interfaces', {});
      expect(listed).toMatchObject({ ok: true, data: { interfaces: expect.arrayContaining([expect.objectContaining({ kind: 'loopback', address: '127.0.0.1' })]) as unknown } });
      const refused = await core.dispatch('discovery:start', { cidr: '203.0.113.0/24', pnp: false });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('203.0.113.0/24 is not inside') as string } });
      const invalid = await core.dispatch('discovery:start', { cidr: '10.0.0.0/24', bogus: true });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await core.dispatch('discovery:devices', {})).toMatchObject({ ok: true, data: { scanId: null, running: false, devices: [] } });
    } finally {
      await core.close();
      dir.cleanup();
    }
  });

  it('runs a real sweep of a loopback range end to end: events, a complete result, no devices (loopback has no ARP)', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir.path, shell: 'web' });
    const seen: string[] = [];
    const finished = new Promise<DiscoveryFinished>((resolve) => {
      core.events.subscribe((e) => {
        seen.push(e.event);
        if (e.event === 'discovery:finished') resolve(e.payload);
      });
    });
    try {
      const started = await core.dispatch('discovery:start', { cidr: '127.0.0.0/29', pnp: false });
      expect(started).toMatchObject({ ok: true, data: { interface: expect.stringMatching(/^lo/) as string, cidr: '127.0.0.0/29', hostCount: 6 } });
      expect(await finished).toMatchObject({ outcome: 'complete', devices: 0 });
      expect(seen).toContain('discovery:progress');
    } finally {
      await core.close();
      dir.cleanup();
    }
  });
});
