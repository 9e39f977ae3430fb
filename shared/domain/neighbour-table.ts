/**
 * Parsers for the OS neighbour (ARP) table in the three forms the sweep reads: Linux `/proc/net/arp`,
 * macOS `arp -an` and Windows `arp -a`. Each keeps only complete rows with a real unicast MAC (no
 * incomplete, failed, broadcast or multicast entries) and returns canonical MACs.
 */
import { parseIpv4 } from './cidr';
import { parseMac } from './mac';

/** One resolved neighbour. */
export interface NeighbourEntry {
  readonly ip: string;
  /** Canonical MAC (`80:5e:c0:12:34:56`). */
  readonly mac: string;
}

/** Which table format a text is in. */
export type NeighbourTableFormat = 'linux-proc' | 'macos-arp' | 'windows-arp';

/** Linux ATF_COM: the entry is complete (resolved). Rows without it (flags 0x0) are incomplete or failed. */
const ATF_COM = 0x2;
const ARPHRD_ETHER = 0x1;

function entry(ip: string, macText: string): NeighbourEntry | null {
  if (parseIpv4(ip) === null) return null;
  const mac = parseMac(macText);
  return mac.ok ? { ip, mac: mac.mac } : null;
}

/**
 * Linux `/proc/net/arp` (columns: IP address, HW type, Flags, HW address, Mask, Device), rows of `device`
 * only. Keeps complete rows (flag 0x2; 0x6 is permanent); skips incomplete and failed ones (flag 0x0,
 * MAC 00:00:00:00:00:00) and non-Ethernet hardware.
 */
export function parseLinuxProcArp(text: string, device: string): NeighbourEntry[] {
  const entries: NeighbourEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [ip, hwType, flags, mac, , dev] = line.trim().split(/\s+/);
    if (ip === undefined || mac === undefined || dev !== device) continue;
    if (Number.parseInt(hwType ?? '', 16) !== ARPHRD_ETHER) continue;
    if ((Number.parseInt(flags ?? '', 16) & ATF_COM) === 0) continue;
    const parsed = entry(ip, mac);
    if (parsed) entries.push(parsed);
  }
  return entries;
}

const MAC_ROW = /^\S+ \((\d{1,3}(?:\.\d{1,3}){3})\) at (\S+) on (\S+)/;
const UNPADDED_MAC = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/i;

/**
 * macOS `arp -an` (`? (192.0.2.10) at 0:15:65:a:b:c on en0 ifscope [ethernet]`), rows of `device` only.
 * macOS drops leading zeros from octets, so each is padded back before parsing; `(incomplete)` rows are skipped.
 */
export function parseMacosArp(text: string, device: string): NeighbourEntry[] {
  const entries: NeighbourEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = MAC_ROW.exec(line.trim());
    if (!match || match[3] !== device) continue;
    const [, ip = '', mac = ''] = match;
    if (!UNPADDED_MAC.test(mac)) continue;
    const parsed = entry(ip, mac.split(':').map((octet) => octet.padStart(2, '0')).join(':'));
    if (parsed) entries.push(parsed);
  }
  return entries;
}

// Header and type words are localised (`Interface:`, `Schnittstelle:`, `Interface :`; `dynamic`, `dynamisch`),
// so only the shapes are matched: a block header is "<words> <IPv4> --- 0x<hex>", a row is "<IPv4> <xx-xx-xx-xx-xx-xx> …".
const WINDOWS_BLOCK = /(\d{1,3}(?:\.\d{1,3}){3})\s+---\s+0x[0-9a-f]+\s*$/i;
const WINDOWS_ROW = /^\s*(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-f]{2}(?:-[0-9a-f]{2}){5})(?:\s|$)/i;

/**
 * Windows `arp -a`, rows of the block whose header names `interfaceAddress` (the address of the swept
 * interface) only. Works whatever the display language.
 */
export function parseWindowsArp(text: string, interfaceAddress: string): NeighbourEntry[] {
  const entries: NeighbourEntry[] = [];
  let inBlock = false;
  for (const line of text.split(/\r?\n/)) {
    const header = WINDOWS_BLOCK.exec(line);
    if (header) {
      inBlock = header[1] === interfaceAddress;
      continue;
    }
    if (!inBlock) continue;
    const row = WINDOWS_ROW.exec(line);
    if (!row) continue;
    const parsed = entry(row[1] ?? '', row[2] ?? '');
    if (parsed) entries.push(parsed);
  }
  return entries;
}

/** Parses a neighbour table in `format`; `scope` is the device name (Linux, macOS) or interface address (Windows). */
export function parseNeighbourTable(format: NeighbourTableFormat, text: string, scope: { device: string; address: string }): NeighbourEntry[] {
  switch (format) {
    case 'linux-proc':
      return parseLinuxProcArp(text, scope.device);
    case 'macos-arp':
      return parseMacosArp(text, scope.device);
    case 'windows-arp':
      return parseWindowsArp(text, scope.address);
  }
}
