import { describe, expect, it } from 'vitest';
import { chooseDefaultInterface, interfaceKind, parseHardwarePorts, parseProcNetRoute, parseRouteGetInterface } from '../../shared/domain/net-interfaces';

describe('interfaceKind', () => {
  it('trusts OS facts first', () => {
    expect(interfaceKind('lo', { internal: true })).toBe('loopback');
    expect(interfaceKind('wlp2s0', { wireless: true, hasDevice: true })).toBe('wifi');
    expect(interfaceKind('enp0s31f6', { wireless: false, hasDevice: true })).toBe('wired');
    expect(interfaceKind('veth1234', { hasDevice: false })).toBe('virtual');
    expect(interfaceKind('br0', { hasDevice: false })).toBe('virtual');
    expect(interfaceKind('en0', { hardwarePort: 'Wi-Fi' })).toBe('wifi');
    expect(interfaceKind('en7', { hardwarePort: 'USB 10/100/1000 LAN' })).toBe('wired');
    expect(interfaceKind('bridge0', { hardwarePort: 'Thunderbolt Bridge' })).toBe('virtual');
  });

  it('recognises VPNs before anything else, whatever the OS says about the device', () => {
    for (const name of ['tun0', 'wg0', 'utun3', 'ppp0', 'tailscale0', 'NordLynx', 'OpenVPN TAP-Windows6', 'Cisco AnyConnect Secure Mobility Client Connection']) {
      expect(interfaceKind(name, { hasDevice: false }), name).toBe('vpn');
    }
  });

  it('guesses from names where the OS tells nothing (Windows)', () => {
    expect(interfaceKind('Ethernet')).toBe('wired');
    expect(interfaceKind('Ethernet 2')).toBe('wired');
    expect(interfaceKind('LAN-Verbindung')).toBe('wired');
    expect(interfaceKind('WLAN')).toBe('wifi');
    expect(interfaceKind('Wi-Fi')).toBe('wifi');
    expect(interfaceKind('vEthernet (WSL)')).toBe('virtual');
    expect(interfaceKind('VirtualBox Host-Only Network')).toBe('virtual');
    expect(interfaceKind('en0')).toBe('unknown');
    expect(interfaceKind('qwerty')).toBe('unknown');
  });
});

describe('chooseDefaultInterface', () => {
  const wifi = { name: 'wlan0', kind: 'wifi' as const, hasDefaultRoute: true };
  const eth = { name: 'eth0', kind: 'wired' as const, hasDefaultRoute: false };
  const ethRouted = { name: 'eth1', kind: 'wired' as const, hasDefaultRoute: true };
  const vpn = { name: 'tun0', kind: 'vpn' as const, hasDefaultRoute: true };
  const lo = { name: 'lo', kind: 'loopback' as const, hasDefaultRoute: false };
  const veth = { name: 'veth0', kind: 'virtual' as const, hasDefaultRoute: false };

  it('prefers the wired interface with the default route, then any LAN with it, then wired, then Wi-Fi', () => {
    expect(chooseDefaultInterface([wifi, eth, ethRouted, vpn])?.name).toBe('eth1');
    expect(chooseDefaultInterface([eth, wifi, vpn])?.name).toBe('wlan0');
    expect(chooseDefaultInterface([vpn, eth, lo])?.name).toBe('eth0');
    expect(chooseDefaultInterface([lo, veth])?.name).toBe('veth0');
    expect(chooseDefaultInterface([lo, vpn])).toBeUndefined();
  });
});

describe('OS outputs', () => {
  it('finds default routes in /proc/net/route, lowest metric first, only when up', () => {
    const table = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0',
      'eth0\t00000000\t0100140A\t0003\t0\t0\t100\t00000000\t0\t0\t0',
      'eth0\t0000140A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0',
      'eth9\t00000000\t0100140A\t0002\t0\t0\t50\t00000000\t0\t0\t0',
      '',
    ].join('\n');
    expect(parseProcNetRoute(table)).toEqual(['eth0', 'wlan0']);
    expect(parseProcNetRoute('')).toEqual([]);
  });

  it('maps macOS devices to hardware ports and reads the default route interface', () => {
    const ports = 'Hardware Port: Wi-Fi\nDevice: en0\nEthernet Address: a4:83:e7:00:00:01\n\nHardware Port: USB 10/100/1000 LAN\nDevice: en7\nEthernet Address: 00:e0:4c:00:00:02\n\nVLAN Configurations\n===================\n';
    expect([...parseHardwarePorts(ports)]).toEqual([['en0', 'Wi-Fi'], ['en7', 'USB 10/100/1000 LAN']]);
    expect(parseRouteGetInterface('   route to: default\ndestination: default\n       mask: default\n    gateway: 192.168.1.1\n  interface: en7\n      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>\n')).toBe('en7');
    expect(parseRouteGetInterface('route: writing to routing socket: not in table')).toBeUndefined();
  });
});
