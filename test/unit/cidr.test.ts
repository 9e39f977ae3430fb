import { describe, expect, it } from 'vitest';
import { cidrCovers, formatIpv4, isNetworkOrBroadcast, parseCidr, parseIpv4, sweepAddresses } from '../../shared/domain/cidr';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr;
}

describe('IPv4 addresses', () => {
  it('parses dotted quads and formats them back', () => {
    expect(parseIpv4('10.77.0.2')).toBe(0x0a4d0002);
    expect(formatIpv4(0x0a4d0002)).toBe('10.77.0.2');
    expect(formatIpv4(parseIpv4('255.255.255.255')!)).toBe('255.255.255.255');
  });

  it('refuses what is not an address, including octal-looking leading zeros', () => {
    for (const bad of ['', '10.77.0', '10.77.0.256', '10.77.0.2.1', '10.77.0.-1', '010.77.0.2', '10.77.0.x', '1e1.0.0.1']) {
      expect(parseIpv4(bad), bad).toBeNull();
    }
  });
});

describe('parseCidr', () => {
  it('normalises host bits and says it did', () => {
    const parsed = parseCidr(' 10.77.0.5/24 ');
    expect(parsed).toMatchObject({ ok: true, text: '10.77.0.0/24', hostBitsSet: true });
    expect(parseCidr('10.77.0.0/24')).toMatchObject({ ok: true, hostBitsSet: false });
  });

  it('reads a bare address as /32', () => {
    expect(parseCidr('192.168.1.20')).toMatchObject({ ok: true, text: '192.168.1.20/32' });
  });

  it('explains what is wrong', () => {
    expect(parseCidr('')).toMatchObject({ ok: false, reason: expect.stringContaining('such as 192.168.1.0/24') as string });
    expect(parseCidr('10.77.0.0/33')).toMatchObject({ ok: false, reason: expect.stringContaining('0 to 32') as string });
    expect(parseCidr('10.77.0.0/2x')).toMatchObject({ ok: false });
    expect(parseCidr('10.77.0.0/24/8')).toMatchObject({ ok: false, reason: expect.stringContaining('more than one') as string });
    expect(parseCidr('10.777.0.0/24')).toMatchObject({ ok: false, reason: expect.stringContaining('not an IPv4 address') as string });
  });
});

describe('sweepAddresses', () => {
  it('never includes the network or broadcast address of the subnet, or our own address', () => {
    const subnet = cidr('10.77.0.0/24');
    const hosts = sweepAddresses(subnet, subnet, [parseIpv4('10.77.0.1')!]);
    expect(hosts).toHaveLength(253);
    expect(hosts.map(formatIpv4)).not.toContain('10.77.0.0');
    expect(hosts.map(formatIpv4)).not.toContain('10.77.0.255');
    expect(hosts.map(formatIpv4)).not.toContain('10.77.0.1');
    expect(formatIpv4(hosts[0]!)).toBe('10.77.0.2');
    expect(formatIpv4(hosts.at(-1)!)).toBe('10.77.0.254');
  });

  it('keeps a sub-range inside the subnet, including its ends when they are ordinary hosts', () => {
    const hosts = sweepAddresses(cidr('10.77.0.128/25'), cidr('10.77.0.0/24')).map(formatIpv4);
    expect(hosts[0]).toBe('10.77.0.128');
    expect(hosts.at(-1)).toBe('10.77.0.254');
    expect(hosts).toHaveLength(127);
  });

  it('treats /31 and /32 as having no network or broadcast address', () => {
    expect(isNetworkOrBroadcast(cidr('10.0.0.0/31'), parseIpv4('10.0.0.0')!)).toBe(false);
    expect(sweepAddresses(cidr('10.0.0.0/31'), cidr('10.0.0.0/31')).map(formatIpv4)).toEqual(['10.0.0.0', '10.0.0.1']);
  });

  it('knows which block covers which', () => {
    expect(cidrCovers(cidr('10.77.0.0/24'), cidr('10.77.0.64/26'))).toBe(true);
    expect(cidrCovers(cidr('10.77.0.0/24'), cidr('10.77.0.0/23'))).toBe(false);
    expect(cidrCovers(cidr('10.77.0.0/24'), cidr('10.77.1.0/26'))).toBe(false);
  });
});
