import type { DiscoveredDevice } from '../contract/discovery';
import { parseIpv4 } from './cidr';
import type { NeighbourEntry } from './neighbour-table';
import { phoneVendorFor } from './oui';
import type { PnpAnnouncement } from './sip-pnp';

/** Names the maker of a non-phone MAC (IEEE registrant), or null when unknown. */
export type OtherVendorLookup = (mac: string) => string | null;

function ipOrder(ip: string): number {
  return parseIpv4(ip) ?? Number.MAX_SAFE_INTEGER;
}

/** Phones first, then by IP address, then by MAC: the order the list is shown in. */
export function compareDevices(a: DiscoveredDevice, b: DiscoveredDevice): number {
  if (a.isPhone !== b.isPhone) return a.isPhone ? -1 : 1;
  return ipOrder(a.ip) - ipOrder(b.ip) || a.mac.localeCompare(b.mac);
}

function sameShown(a: DiscoveredDevice, b: DiscoveredDevice): boolean {
  return a.ip === b.ip && a.vendor === b.vendor && a.isPhone === b.isPhone && a.model === b.model && a.firmware === b.firmware && a.source === b.source;
}

/**
 * The run's device list, keyed by MAC, merging what the sweep and the PnP listener see. Each `record…`
 * call returns the device when something the technician sees changed (so the caller emits one event), or
 * null when it only refreshed `lastSeen`.
 */
export class DeviceBook {
  private readonly byMac = new Map<string, DiscoveredDevice>();

  constructor(private readonly otherVendor: OtherVendorLookup = () => null) {}

  /** Records a neighbour-table row seen at `at` (ISO time). */
  recordSweep(entry: NeighbourEntry, at: string): DiscoveredDevice | null {
    const known = this.byMac.get(entry.mac);
    if (!known) {
      const phoneVendor = phoneVendorFor(entry.mac);
      return this.put({
        mac: entry.mac,
        ip: entry.ip,
        vendor: phoneVendor ?? this.otherVendor(entry.mac),
        isPhone: phoneVendor !== null,
        model: null,
        firmware: null,
        source: 'sweep',
        firstSeen: at,
        lastSeen: at,
      }, null);
    }
    return this.put({ ...known, ip: entry.ip, source: known.source === 'pnp' ? 'both' : known.source, lastSeen: at }, known);
  }

  /** Records a PnP announcement received at `at`. A phone that announces is a phone, whatever its OUI. */
  recordPnp(announcement: PnpAnnouncement, at: string): DiscoveredDevice | null {
    const known = this.byMac.get(announcement.mac);
    const vendor = announcement.vendor ?? known?.vendor ?? this.otherVendor(announcement.mac);
    const next: DiscoveredDevice = {
      mac: announcement.mac,
      ip: announcement.ip ?? known?.ip ?? '',
      vendor,
      isPhone: true,
      model: announcement.model ?? known?.model ?? null,
      firmware: announcement.firmware ?? known?.firmware ?? null,
      source: known === undefined || known.source === 'pnp' ? 'pnp' : 'both',
      firstSeen: known?.firstSeen ?? at,
      lastSeen: at,
    };
    return this.put(next, known ?? null);
  }

  private put(next: DiscoveredDevice, previous: DiscoveredDevice | null): DiscoveredDevice | null {
    this.byMac.set(next.mac, next);
    return previous !== null && sameShown(previous, next) ? null : next;
  }

  /** The device with this canonical MAC, if seen. */
  get(mac: string): DiscoveredDevice | undefined {
    return this.byMac.get(mac);
  }

  /** Every device, phones first. */
  list(): DiscoveredDevice[] {
    return [...this.byMac.values()].sort(compareDevices);
  }

  /** How many devices, and how many of them are phones. */
  counts(): { devices: number; phones: number } {
    let phones = 0;
    for (const device of this.byMac.values()) if (device.isPhone) phones += 1;
    return { devices: this.byMac.size, phones };
  }
}
