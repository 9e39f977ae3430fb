import type { NetInterface } from '../contract/discovery';
import { type Cidr, blockOf, blockSize, cidrCovers, formatCidr, parseCidr, parseIpv4, sweepAddresses } from './cidr';

/** Ranges with a shorter prefix than this (more than 1,024 addresses) need the technician's confirmation. */
export const LARGE_SWEEP_PREFIX = 22;
/** Ranges with a shorter prefix than this are refused: that is not one LAN segment. */
export const MAX_SWEEP_PREFIX = 16;

/** What the technician asked to sweep. */
export interface SweepRequest {
  readonly interface?: string | undefined;
  readonly cidr?: string | undefined;
  readonly confirmLarge?: boolean | undefined;
}

/** A resolved sweep: the interface to send from, its subnet, the range, and the addresses to probe. */
export interface SweepTarget {
  readonly iface: NetInterface;
  readonly subnet: Cidr;
  readonly range: Cidr;
  readonly rangeText: string;
  /** Addresses to probe, ascending: inside the range, never the subnet's network/broadcast or our own address. */
  readonly hosts: readonly number[];
}

/** A resolution: the target, or why not (with `needsConfirmation` when only the size confirmation is missing). */
export type SweepTargetResult =
  | { readonly ok: true; readonly target: SweepTarget }
  | { readonly ok: false; readonly reason: string; readonly hint?: string; readonly needsConfirmation?: boolean };

function subnetOf(iface: NetInterface): Cidr | null {
  const address = parseIpv4(iface.address);
  return address === null ? null : blockOf(address, iface.prefix);
}

function describe(iface: NetInterface): string {
  return `${iface.name} (${iface.subnet})`;
}

function pickInterface(interfaces: readonly NetInterface[], request: SweepRequest, range: Cidr | null): SweepTargetResult | NetInterface {
  const listed = interfaces.map(describe).join(', ') || 'none';
  if (request.interface !== undefined) {
    const wanted = request.interface;
    const found = interfaces.find((i) => i.name === wanted) ?? interfaces.find((i) => i.name.toLowerCase() === wanted.toLowerCase());
    if (!found) return { ok: false, reason: `There is no IPv4 interface called "${wanted}". Interfaces: ${listed}.` };
    return found;
  }
  if (range !== null) {
    const covering = interfaces.filter((i) => {
      const subnet = subnetOf(i);
      return subnet !== null && cidrCovers(subnet, range);
    });
    const best = covering.find((i) => i.isDefault) ?? covering.find((i) => i.kind !== 'vpn' && i.kind !== 'virtual') ?? covering[0];
    if (!best) {
      return {
        ok: false,
        reason: `${formatCidr(range)} is not inside a subnet this computer is on (${listed}).`,
        hint: 'The sweep only reaches the network segment the laptop is plugged into: connect to the phones\' network (often the voice VLAN) or pick one of the listed subnets.',
      };
    }
    return best;
  }
  const fallback = interfaces.find((i) => i.isDefault);
  if (!fallback) {
    return { ok: false, reason: 'No network interface with an IPv4 address is up.', hint: 'Plug the laptop into the phones\' network and wait for an address, then try again.' };
  }
  return fallback;
}

/**
 * Works out what to sweep from the technician's choice: an interface (its whole subnet), a CIDR inside a
 * local subnet, or both. Never yields an address outside the chosen range or outside the interface's subnet.
 */
export function resolveSweepTarget(interfaces: readonly NetInterface[], request: SweepRequest): SweepTargetResult {
  let range: Cidr | null = null;
  if (request.cidr !== undefined) {
    const parsed = parseCidr(request.cidr);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    range = parsed.cidr;
  }
  const picked = pickInterface(interfaces, request, range);
  if ('ok' in picked) return picked;
  const iface = picked;
  const subnet = subnetOf(iface);
  if (subnet === null) return { ok: false, reason: `Interface ${iface.name} has no usable IPv4 address.` };
  if (range === null) range = subnet;
  else if (!cidrCovers(subnet, range)) {
    return {
      ok: false,
      reason: `${formatCidr(range)} is not inside ${describe(iface)}.`,
      hint: `Enter a range inside ${iface.subnet}, or pick the interface on that network.`,
    };
  }
  if (range.prefix < MAX_SWEEP_PREFIX) {
    return {
      ok: false,
      reason: `${formatCidr(range)} has ${blockSize(range.prefix).toLocaleString('en')} addresses: that is more than one LAN segment can hold.`,
      hint: `Enter the phones' subnet, at most a /${MAX_SWEEP_PREFIX}.`,
    };
  }
  const own = parseIpv4(iface.address);
  const hosts = sweepAddresses(range, subnet, own === null ? [] : [own]);
  if (hosts.length === 0) {
    return {
      ok: false,
      reason: `${formatCidr(range)} on ${iface.name} has no other addresses to sweep.`,
      hint: iface.prefix >= 31 ? `${iface.name} is a point-to-point link (/${iface.prefix}), not a LAN: pick the wired interface.` : undefined,
    };
  }
  if (range.prefix < LARGE_SWEEP_PREFIX && request.confirmLarge !== true) {
    return {
      ok: false,
      needsConfirmation: true,
      reason: `${formatCidr(range)} has ${hosts.length.toLocaleString('en')} addresses to probe; ranges larger than /${LARGE_SWEEP_PREFIX} need confirmation.`,
      hint: 'Confirm the large sweep, or enter the smaller range the phones are in.',
    };
  }
  return { ok: true, target: { iface, subnet, range, rangeText: formatCidr(range), hosts } };
}
