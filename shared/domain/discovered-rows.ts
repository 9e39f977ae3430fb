/**
 * Turning discovered devices into grid rows: one new row per MAC the project does not have yet (MAC, vendor and
 * model pre-filled, marked as seen on the network). MACs the project already has are counted, not added again;
 * marking those rows seen on the network is the core's job (see `shared/domain/seen-on-network.ts`), which it
 * does as soon as discovery sees them, whichever screen is open. Adding the same devices twice adds nothing.
 */
import type { DiscoveredDevice } from '../contract/discovery';
import { type Row, emptyRow } from './project';
import { sightingKey } from './seen-on-network';

/** The rows after adding, and what happened. */
export interface AddDevicesOutcome {
  readonly rows: Row[];
  /** New rows. */
  readonly added: number;
  /** Devices whose MAC was already in the project. */
  readonly alreadyThere: number;
}

/** The 12-hex-digit forms of every MAC in the rows that parses (rows hold MACs as typed). */
export function macsInRows(rows: readonly Row[]): Set<string> {
  const macs = new Set<string>();
  for (const row of rows) {
    const hex = sightingKey(row.mac);
    if (hex !== null) macs.add(hex);
  }
  return macs;
}

/** Adds `devices` to `rows`; `newId` makes row ids. Never duplicates a MAC, never changes an existing row. */
export function addDevicesToRows(rows: readonly Row[], devices: readonly DiscoveredDevice[], newId: () => string): AddDevicesOutcome {
  const have = macsInRows(rows);
  const picked = new Set<string>();
  const wanted = new Map<string, DiscoveredDevice>();
  let alreadyThere = 0;
  for (const device of devices) {
    const hex = sightingKey(device.mac);
    if (hex === null || picked.has(hex)) continue; // each MAC once, however often it was picked
    picked.add(hex);
    if (have.has(hex)) alreadyThere += 1;
    else wanted.set(hex, device);
  }
  const next = [...rows];
  for (const device of wanted.values()) {
    next.push({ ...emptyRow(newId(), 'discovered'), mac: device.mac, vendor: device.vendor ?? '', model: device.model ?? '', seenOnNetwork: true });
  }
  return { rows: next, added: wanted.size, alreadyThere };
}
