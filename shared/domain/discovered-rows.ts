/**
 * Turning discovered devices into grid rows: one new row per MAC the project does not have yet (MAC, vendor and
 * model pre-filled, marked as seen on the network), and existing rows with a discovered MAC marked seen on the
 * network. Adding the same devices twice adds nothing the second time.
 */
import type { DiscoveredDevice } from '../contract/discovery';
import { macHex } from './mac';
import { type Row, emptyRow } from './project';

/** The rows after adding, and what happened. */
export interface AddDevicesOutcome {
  readonly rows: Row[];
  /** New rows. */
  readonly added: number;
  /** Devices whose MAC was already in the project (those rows are now marked seen on the network). */
  readonly alreadyThere: number;
}

/** The 12-hex-digit forms of every MAC in the rows that parses (rows hold MACs as typed). */
export function macsInRows(rows: readonly Row[]): Set<string> {
  const macs = new Set<string>();
  for (const row of rows) {
    const hex = macHex(row.mac);
    if (hex !== null) macs.add(hex);
  }
  return macs;
}

/** Adds `devices` to `rows`; `newId` makes row ids. Never duplicates a MAC, never changes a row's other fields. */
export function addDevicesToRows(rows: readonly Row[], devices: readonly DiscoveredDevice[], newId: () => string): AddDevicesOutcome {
  const wanted = new Map<string, DiscoveredDevice>();
  for (const device of devices) {
    const hex = macHex(device.mac);
    if (hex !== null && !wanted.has(hex)) wanted.set(hex, device);
  }
  let alreadyThere = 0;
  const next = rows.map((row) => {
    const hex = macHex(row.mac);
    if (hex === null || !wanted.has(hex)) return row;
    wanted.delete(hex);
    alreadyThere += 1;
    return row.seenOnNetwork ? row : { ...row, seenOnNetwork: true };
  });
  for (const device of wanted.values()) {
    next.push({ ...emptyRow(newId(), 'discovered'), mac: device.mac, vendor: device.vendor ?? '', model: device.model ?? '', seenOnNetwork: true });
  }
  return { rows: next, added: wanted.size, alreadyThere };
}
