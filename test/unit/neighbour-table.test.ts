import { describe, expect, it } from 'vitest';
import { parseLinuxProcArp, parseMacosArp, parseNeighbourTable, parseWindowsArp } from '../../shared/domain/neighbour-table';

// Captured in the fake LAN (network namespace) after probing .10, .11 (absent), .14 and .162 (ARP off), plus a
// permanent entry; the docker0 row is added as on a developer laptop. 0x0 rows are INCOMPLETE/FAILED.
const LINUX = `IP address       HW type     Flags       HW address            Mask     Device
10.77.90.11      0x1         0x0         00:00:00:00:00:00     *        osp-dz-e0
10.77.90.162     0x1         0x0         00:00:00:00:00:00     *        osp-dz-e0
10.77.90.250     0x1         0x6         00:04:13:aa:bb:cc     *        osp-dz-e0
10.77.90.10      0x1         0x2         80:5e:c0:5a:00:00     *        osp-dz-e0
10.77.90.14      0x1         0x2         00:15:65:5a:00:01     *        osp-dz-e0
172.17.0.2       0x1         0x2         02:42:ac:11:00:02     *        docker0
`;

// macOS 14 `arp -an`: unpadded octets, `(incomplete)`, ifscope, permanent, broadcast and multicast rows, another interface.
const MACOS = `? (192.168.1.1) at 0:1a:2b:3c:4d:5e on en7 ifscope [ethernet]
? (192.168.1.23) at 80:5e:c0:a:b:c on en7 ifscope [ethernet]
? (192.168.1.24) at (incomplete) on en7 ifscope [ethernet]
? (192.168.1.30) at 0:4:13:1:2:3 on en7 ifscope permanent [ethernet]
? (192.168.1.255) at ff:ff:ff:ff:ff:ff on en7 ifscope [ethernet]
? (224.0.0.251) at 1:0:5e:0:0:fb on en7 ifscope permanent [ethernet]
? (10.0.0.8) at c0:74:ad:11:22:33 on en0 ifscope [ethernet]
? (169.254.10.1) at 0:15:65:aa:bb:cc on en7 [ethernet]
`;

// Windows 11 `arp -a`, English: two interface blocks; static broadcast and multicast rows.
const WINDOWS_EN = [
  '',
  'Interface: 192.168.1.20 --- 0x4',
  '  Internet Address      Physical Address      Type',
  '  192.168.1.1           00-1a-2b-3c-4d-5e     dynamic',
  '  192.168.1.23          80-5e-c0-0a-0b-0c     dynamic',
  '  192.168.1.255         ff-ff-ff-ff-ff-ff     static',
  '  224.0.0.22            01-00-5e-00-00-16     static',
  '  239.255.255.250       01-00-5e-7f-ff-fa     static',
  '',
  'Interface: 172.29.112.1 --- 0x1a',
  '  Internet Address      Physical Address      Type',
  '  172.29.127.255        ff-ff-ff-ff-ff-ff     static',
  '  172.29.112.50         00-15-5d-01-02-03     dynamic',
  '',
].join('\r\n');

// Windows 10, German display language: localised header and type words.
const WINDOWS_DE = [
  '',
  'Schnittstelle: 10.20.0.5 --- 0xb',
  '  Internetadresse       Physische Adresse     Typ',
  '  10.20.0.1             00-0b-82-11-22-33     dynamisch',
  '  10.20.0.44            0c-38-3e-a1-b2-c3     dynamisch',
  '  10.20.0.45            00-00-00-00-00-00     ungültig',
  '  10.20.0.255           ff-ff-ff-ff-ff-ff     statisch',
  '',
].join('\r\n');

// Windows, French display language: "Interface :" with a space before the colon.
const WINDOWS_FR = ['', 'Interface : 10.20.0.5 --- 0xb', '  Adresse Internet      Adresse physique      Type', '  10.20.0.44            0c-38-3e-a1-b2-c3     dynamique', ''].join('\r\n');

describe('Linux /proc/net/arp', () => {
  it('keeps complete and permanent rows of the interface, skips incomplete/failed rows and other devices', () => {
    expect(parseLinuxProcArp(LINUX, 'osp-dz-e0')).toEqual([
      { ip: '10.77.90.250', mac: '00:04:13:aa:bb:cc' },
      { ip: '10.77.90.10', mac: '80:5e:c0:5a:00:00' },
      { ip: '10.77.90.14', mac: '00:15:65:5a:00:01' },
    ]);
    expect(parseLinuxProcArp(LINUX, 'docker0')).toEqual([{ ip: '172.17.0.2', mac: '02:42:ac:11:00:02' }]);
  });

  it('returns nothing for an empty table or garbage', () => {
    expect(parseLinuxProcArp('IP address       HW type     Flags       HW address            Mask     Device\n', 'eth0')).toEqual([]);
    expect(parseLinuxProcArp('nonsense\nmore nonsense here 1 2 3 4 5', 'eth0')).toEqual([]);
  });
});

describe('macOS arp -an', () => {
  it('pads unpadded octets, skips incomplete, broadcast, multicast and other interfaces', () => {
    expect(parseMacosArp(MACOS, 'en7')).toEqual([
      { ip: '192.168.1.1', mac: '00:1a:2b:3c:4d:5e' },
      { ip: '192.168.1.23', mac: '80:5e:c0:0a:0b:0c' },
      { ip: '192.168.1.30', mac: '00:04:13:01:02:03' },
      { ip: '169.254.10.1', mac: '00:15:65:aa:bb:cc' },
    ]);
    expect(parseMacosArp(MACOS, 'en0')).toEqual([{ ip: '10.0.0.8', mac: 'c0:74:ad:11:22:33' }]);
  });
});

describe('Windows arp -a', () => {
  it('keeps only the block of the swept interface, without broadcast and multicast rows', () => {
    expect(parseWindowsArp(WINDOWS_EN, '192.168.1.20')).toEqual([
      { ip: '192.168.1.1', mac: '00:1a:2b:3c:4d:5e' },
      { ip: '192.168.1.23', mac: '80:5e:c0:0a:0b:0c' },
    ]);
    expect(parseWindowsArp(WINDOWS_EN, '172.29.112.1')).toEqual([{ ip: '172.29.112.50', mac: '00:15:5d:01:02:03' }]);
    expect(parseWindowsArp(WINDOWS_EN, '10.1.1.1')).toEqual([]);
  });

  it('reads localised output (German, French) and skips all-zero "ungültig" rows', () => {
    expect(parseWindowsArp(WINDOWS_DE, '10.20.0.5')).toEqual([
      { ip: '10.20.0.1', mac: '00:0b:82:11:22:33' },
      { ip: '10.20.0.44', mac: '0c:38:3e:a1:b2:c3' },
    ]);
    expect(parseWindowsArp(WINDOWS_FR, '10.20.0.5')).toEqual([{ ip: '10.20.0.44', mac: '0c:38:3e:a1:b2:c3' }]);
  });
});

describe('parseNeighbourTable', () => {
  it('dispatches on the format with the right scope', () => {
    expect(parseNeighbourTable('linux-proc', LINUX, { device: 'docker0', address: '' })).toHaveLength(1);
    expect(parseNeighbourTable('macos-arp', MACOS, { device: 'en0', address: '' })).toHaveLength(1);
    expect(parseNeighbourTable('windows-arp', WINDOWS_DE, { device: 'Ethernet', address: '10.20.0.5' })).toHaveLength(2);
  });
});
