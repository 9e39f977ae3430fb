/**
 * IPv4 address and CIDR arithmetic for the LAN sweep. Addresses are unsigned 32-bit numbers so ranges
 * are plain integer intervals; every public function validates its text input and never throws.
 */

/** An IPv4 block: network address (host bits zero) and prefix length. */
export interface Cidr {
  readonly network: number;
  readonly prefix: number;
}

/** Parsing a CIDR: the block, or a reason in words the technician can act on. */
export type CidrParse =
  | { readonly ok: true; readonly cidr: Cidr; readonly text: string; readonly hostBitsSet: boolean }
  | { readonly ok: false; readonly reason: string };

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Parses a dotted-quad IPv4 address (`10.77.0.2`) to a number; null when it is not one. Leading zeros are refused (octal ambiguity). */
export function parseIpv4(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Formats a numeric IPv4 address as a dotted quad. */
export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The netmask of a prefix length as a number (`/24` → 255.255.255.0). */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The block of `prefix` bits that contains `address`. */
export function blockOf(address: number, prefix: number): Cidr {
  return { network: (address & prefixMask(prefix)) >>> 0, prefix };
}

/** How many addresses a block holds, network and broadcast included. */
export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** The last address of a block (its broadcast address for prefixes up to /30). */
export function lastAddress(cidr: Cidr): number {
  return cidr.network + blockSize(cidr.prefix) - 1;
}

/** Formats a block as `10.77.0.0/24`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** True when `address` lies inside `cidr`. */
export function cidrContains(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address <= lastAddress(cidr);
}

/** True when every address of `inner` lies inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContains(outer, inner.network);
}

/**
 * Parses `10.77.0.0/24`. A bare address means `/32`. Host bits are allowed (`10.77.0.5/24` is read as
 * `10.77.0.0/24`, as `ip` and most tools do) and reported through `hostBitsSet` so the UI can show the block it used.
 */
export function parseCidr(text: string): CidrParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a range such as 192.168.1.0/24.' };
  const [addressText = '', prefixText, ...rest] = trimmed.split('/');
  if (rest.length > 0) return { ok: false, reason: `"${trimmed}" has more than one "/". Enter a range such as 192.168.1.0/24.` };
  const address = parseIpv4(addressText);
  if (address === null) return { ok: false, reason: `"${addressText}" is not an IPv4 address (four numbers 0–255 separated by dots).` };
  let prefix = 32;
  if (prefixText !== undefined) {
    if (!/^[0-9]{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
      return { ok: false, reason: `"/${prefixText}" is not a prefix length: use a number from 0 to 32, such as /24.` };
    }
    prefix = Number(prefixText);
  }
  const cidr = blockOf(address, prefix);
  return { ok: true, cidr, text: formatCidr(cidr), hostBitsSet: cidr.network !== address };
}

/**
 * True when `address` is the network or broadcast address of `subnet`. Those are not hosts for prefixes
 * up to /30; a /31 (RFC 3021) and a /32 have no such addresses.
 */
export function isNetworkOrBroadcast(subnet: Cidr, address: number): boolean {
  if (subnet.prefix > 30) return false;
  return address === subnet.network || address === lastAddress(subnet);
}

/**
 * The addresses to probe in `range`, which lies inside the interface's `subnet`: every address except the
 * subnet's network and broadcast addresses and the ones in `exclude` (our own address), in ascending order.
 */
export function sweepAddresses(range: Cidr, subnet: Cidr, exclude: readonly number[] = []): number[] {
  const skip = new Set(exclude);
  const hosts: number[] = [];
  const last = lastAddress(range);
  for (let address = range.network; address <= last; address += 1) {
    if (!isNetworkOrBroadcast(subnet, address) && !skip.has(address)) hosts.push(address);
  }
  return hosts;
}
