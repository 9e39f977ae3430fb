import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../shared/contract';
import { formatIpv4 } from '../../shared/domain/cidr';
import { resolveSweepTarget } from '../../shared/domain/sweep-target';

function iface(name: string, address: string, prefix: number, extra: Partial<NetInterface> = {}): NetInterface {
  const [a, b, c] = address.split('.');
  return { name, address, prefix, subnet: prefix === 24 ? `${a}.${b}.${c}.0/24` : `${address}/${prefix}`, kind: 'wired', hasDefaultRoute: false, isDefault: false, ...extra };
}

const eth = iface('eth0', '192.168.1.20', 24, { isDefault: true, hasDefaultRoute: true });
const voice = iface('eth0.20', '10.20.0.5', 24);
const wide = iface('eth1', '172.16.4.9', 20);
const vpn = iface('tun0', '10.8.0.2', 32, { kind: 'vpn', subnet: '10.8.0.2/32' });
const all = [eth, voice, wide, vpn];

describe('resolveSweepTarget', () => {
  it('sweeps the default interface subnet when nothing is chosen', () => {
    const result = resolveSweepTarget(all, {});
    expect(result).toMatchObject({ ok: true, target: { rangeText: '192.168.1.0/24', iface: { name: 'eth0' } } });
    if (result.ok) expect(result.target.hosts.map(formatIpv4)).not.toContain('192.168.1.20');
  });

  it('finds the interface whose subnet holds a typed CIDR', () => {
    expect(resolveSweepTarget(all, { cidr: '10.20.0.0/25' })).toMatchObject({ ok: true, target: { iface: { name: 'eth0.20' }, rangeText: '10.20.0.0/25' } });
  });

  it('refuses a CIDR outside every local subnet, and one outside the named interface', () => {
    const outside = resolveSweepTarget(all, { cidr: '10.99.0.0/24' });
    expect(outside).toMatchObject({ ok: false, reason: expect.stringContaining('not inside a subnet this computer is on') as string });
    expect(outside.ok ? '' : outside.hint).toContain('voice VLAN');
    expect(resolveSweepTarget(all, { interface: 'eth0', cidr: '10.20.0.0/24' })).toMatchObject({ ok: false, reason: expect.stringContaining('not inside eth0') as string });
  });

  it('refuses a CIDR larger than the interface subnet even if it starts inside it', () => {
    expect(resolveSweepTarget(all, { cidr: '192.168.0.0/23' })).toMatchObject({ ok: false });
  });

  it('names the interfaces when the chosen one does not exist', () => {
    expect(resolveSweepTarget(all, { interface: 'wlan9' })).toMatchObject({ ok: false, reason: expect.stringContaining('eth0 (192.168.1.0/24)') as string });
    expect(resolveSweepTarget(all, { interface: 'ETH0' })).toMatchObject({ ok: true });
  });

  it('asks for confirmation above /22 and sweeps once confirmed', () => {
    const unconfirmed = resolveSweepTarget(all, { interface: 'eth1' });
    expect(unconfirmed).toMatchObject({ ok: false, needsConfirmation: true, reason: expect.stringContaining('4,093 addresses') as string });
    const confirmed = resolveSweepTarget(all, { interface: 'eth1', confirmLarge: true });
    expect(confirmed.ok && confirmed.target.hosts.length).toBe(4093);
    expect(resolveSweepTarget(all, { cidr: '172.16.4.0/22' })).toMatchObject({ ok: true });
  });

  it('refuses anything larger than a /16', () => {
    const big = iface('eth2', '10.0.0.5', 8, { subnet: '10.0.0.0/8' });
    expect(resolveSweepTarget([big], { interface: 'eth2', confirmLarge: true })).toMatchObject({ ok: false, reason: expect.stringContaining('more than one LAN segment') as string });
  });

  it('explains that a point-to-point VPN address has nothing to sweep', () => {
    expect(resolveSweepTarget(all, { interface: 'tun0' })).toMatchObject({ ok: false, hint: expect.stringContaining('point-to-point') as string });
  });

  it('says what to do when there is no interface at all', () => {
    expect(resolveSweepTarget([], {})).toMatchObject({ ok: false, hint: expect.stringContaining('Plug the laptop') as string });
  });

  it('passes a bad CIDR reason through', () => {
    expect(resolveSweepTarget(all, { cidr: '10.20.0.0/40' })).toMatchObject({ ok: false, reason: expect.stringContaining('prefix length') as string });
  });
});
