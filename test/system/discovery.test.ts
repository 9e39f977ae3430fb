import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeLan, type LanHost, buildFakeLan, onsiteInNamespace, sendFromNamespace, spawnInNamespace } from '../support/fake-lan';
import { ANNOUNCEMENTS } from '../support/pnp-announcements';
import { describeWith, netns } from '../support/system';

interface JsonDevice {
  ip: string;
  mac: string;
  vendor: string | null;
  model?: string;
  firmware?: string;
  source: 'sweep' | 'pnp' | 'both';
}

function byIp(devices: readonly { ip: string }[]): string[] {
  return devices.map((d) => d.ip).sort();
}

function ipOctet(ip: string): number {
  return Number(ip.split('.')[3]);
}

describeWith(netns(), 'LAN discovery on a fake LAN in network namespaces (as an ordinary user)', () => {
  let lan: FakeLan;

  beforeAll(() => {
    lan = buildFakeLan({ prefix: 'osp-da', net: 41, phones: 42, others: 10, silentPhones: 4 });
  });
  afterAll(() => lan?.teardown());

  it('the sweep finds every answering host with the right MAC and vendor, and no silent one', async () => {
    lan.flushNeighbours();
    const run = onsiteInNamespace(lan.techNs, ['discover', '--cidr', lan.subnet, '--json']);
    expect(await run.exited).toBe(0);
    const devices = JSON.parse(run.stdout()) as JsonDevice[];
    expect(byIp(devices)).toEqual(byIp(lan.answering));
    const expected = new Map(lan.answering.map((h) => [h.ip, h]));
    for (const device of devices) {
      const host = expected.get(device.ip)!;
      expect(device.mac, device.ip).toBe(host.mac);
      expect(device.vendor, device.mac).toBe(host.vendor);
      expect(device.source).toBe('sweep');
    }
    // Phones are listed first.
    const firstOther = devices.findIndex((d) => !expected.get(d.ip)!.phone);
    expect(devices.slice(firstOther).every((d) => !expected.get(d.ip)!.phone)).toBe(true);
    // Complete in about 1.4 s: probes out in 0.25 s, then the OS's 1 s ARP retry window (not its 3 s give-up).
    const seconds = Number(/Found 48 devices \(38 phones\) in 10\.77\.41\.0\/24; the sweep took ([0-9.]+) s\./.exec(run.stderr())?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1.3);
    expect(seconds).toBeLessThan(2.5);
  });

  it('a CIDR inside the subnet is swept alone: no device and no probe outside it', async () => {
    lan.flushNeighbours();
    const run = onsiteInNamespace(lan.techNs, ['discover', '--cidr', '10.77.41.0/25', '--json']);
    expect(await run.exited).toBe(0);
    const devices = JSON.parse(run.stdout()) as JsonDevice[];
    expect(byIp(devices)).toEqual(byIp(lan.answering.filter((h) => ipOctet(h.ip) < 128)));
    // Every probe leaves a neighbour entry: INCOMPLETE or FAILED until answered, then REACHABLE. An address we
    // never probed can only show up STALE, learned from that host's own ARP (hosts re-check us after the last test).
    const table = lan.neighbours();
    expect(table.filter((n) => n.state.includes('FAILED') || n.state.includes('INCOMPLETE')).length).toBeGreaterThan(80);
    const outside = table.filter((n) => !n.dst.startsWith('10.77.41.') || ipOctet(n.dst) >= 128);
    expect(outside.filter((n) => !n.state.every((state) => state === 'STALE'))).toEqual([]);
  });

  it('hears booting phones of every vendor variant, merges them with the sweep, and stops on Ctrl+C', async () => {
    lan.flushNeighbours();
    const run = onsiteInNamespace(lan.techNs, ['discover', '--interface', lan.techIf, '--pnp', '--json']);
    await run.waitForStderr(/PnP: Listening on osp-da-e0/);
    const booting: { host: LanHost; expect: ReturnType<(typeof ANNOUNCEMENTS)[string]> }[] = [];
    for (const [vendor, make] of Object.entries(ANNOUNCEMENTS)) {
      const host = lan.answering.find((h) => h.vendor === vendor)!;
      booting.push({ host, expect: make(host.mac.replaceAll(':', ''), host.ip) });
    }
    // A phone that ignores ARP (not found by the sweep) but announces itself.
    const silent = lan.hosts.find((h) => h.silent === 'arp-off')!;
    booting.push({ host: silent, expect: ANNOUNCEMENTS.Yealink!(silent.mac.replaceAll(':', ''), silent.ip) });
    await run.waitForStderr(/Sweep complete/);
    await Promise.all(booting.map(({ host, expect: e }) => sendFromNamespace(host.ns, host.ip, { address: '224.0.1.75', port: 5060 }, e.text)));
    for (const { host } of booting) await run.waitForStderr(new RegExp(`${host.mac} .*\\((both|pnp)\\)`));
    run.signal('SIGINT');
    expect(await run.exited).toBe(0);
    const devices = new Map((JSON.parse(run.stdout()) as JsonDevice[]).map((d) => [d.mac, d]));
    for (const { host, expect: e } of booting) {
      const device = devices.get(host.mac);
      expect(device, host.mac).toBeDefined();
      expect({ ip: device!.ip, vendor: device!.vendor, model: device!.model, firmware: device!.firmware }, host.mac).toEqual({ ip: host.ip, vendor: host.vendor, model: e.model, firmware: e.firmware });
      expect(device!.source).toBe(host === silent ? 'pnp' : 'both');
    }
    expect(devices.size).toBe(lan.answering.length + 1);
  });

  it('when another program holds UDP 5060, says which one and still sweeps', async () => {
    lan.flushNeighbours();
    const holder = spawnInNamespace(lan.techNs, [
      process.execPath,
      '-e',
      "const s = require('node:dgram').createSocket('udp4'); s.bind(5060, '0.0.0.0', () => console.error('bound'));",
    ]);
    try {
      await holder.waitForStderr(/bound/);
      const run = onsiteInNamespace(lan.techNs, ['discover', '--cidr', lan.subnet, '--pnp', '--json']);
      expect(await run.exited).toBe(0);
      expect(run.stderr()).toContain(`UDP port 5060 is in use by "node" (process ${holder.pid}), so booting phones' PnP announcements cannot be heard. The sweep still works.`);
      expect(byIp(JSON.parse(run.stdout()) as JsonDevice[])).toEqual(byIp(lan.answering));
    } finally {
      holder.signal('SIGTERM');
      await holder.exited;
    }
  });

  it('refuses a range outside the subnet with a message that says what to do', async () => {
    const run = onsiteInNamespace(lan.techNs, ['discover', '--cidr', '10.77.42.0/24', '--json']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('10.77.42.0/24 is not inside a subnet this computer is on (osp-da-e0 (10.77.41.0/24)');
    expect(run.stdout()).toBe('');
    expect(lan.neighbours().filter((n) => n.dst.startsWith('10.77.42.'))).toEqual([]);
  });
});
