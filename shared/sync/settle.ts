import { macHex } from '../domain/mac';
import type { JournalEntry, Outbox, OutboxItem } from './outbox';

/** The fields of a phone read back from the PBX that settling needs. */
export interface PhoneReadBack {
  readonly id: number;
  readonly mac: string;
  readonly extension: string | null;
  readonly status: string;
}

/** The key MACs are compared by: 12 lower-case hex digits, whatever separators or case the PBX used. */
export function macKey(mac: string): string {
  return macHex(mac) ?? mac.toLowerCase();
}

/** Indexes read-back phones by {@link macKey}. */
export function phonesByMac<P extends PhoneReadBack>(phones: readonly P[]): Map<string, P> {
  return new Map(phones.map((p) => [macKey(p.mac), p]));
}

/** Marks an item confirmed on the PBX, and records it in the run that created it (for undo and the report). */
export function confirmOnPbx(outbox: Outbox, item: OutboxItem, phone: PhoneReadBack, createdByRun: string | null, now: string): void {
  item.state = 'on-pbx';
  item.reason = '';
  item.phoneId = phone.id;
  item.registration = phone.status;
  item.confirmedAt = now;
  if (createdByRun === null) return;
  item.createdByRun = createdByRun;
  const run = outbox.runs.find((r) => r.id === createdByRun);
  if (run && !run.created.some((c) => c.rowId === item.rowId)) run.created.push({ rowId: item.rowId, mac: item.mac, phoneId: phone.id });
}

/**
 * Settles one write-ahead record against a read-back of the PBX: each of its phones that is there
 * with the planned extension is confirmed (created by that record's run); one that is there with
 * another extension is a conflict; the rest are returned as missing, for the caller to send again
 * or fail. Only phones still `sending` are touched, so settling twice changes nothing.
 */
export function settleEntry(outbox: Outbox, entry: JournalEntry, byMac: ReadonlyMap<string, PhoneReadBack>, now: string): OutboxItem[] {
  const missing: OutboxItem[] = [];
  for (const rowId of entry.rowIds) {
    const item = outbox.items.find((i) => i.rowId === rowId);
    if (!item || item.state !== 'sending') continue;
    const phone = byMac.get(macKey(item.mac));
    if (phone && phone.extension === item.extension) {
      confirmOnPbx(outbox, item, phone, entry.runId, now);
    } else if (phone) {
      item.state = 'conflict';
      item.reason = `The PBX has this MAC on ${phone.extension === null ? 'no extension' : `extension ${phone.extension}`}, not ${item.extension}: someone else changed it. Check it on the PBX.`;
    } else {
      missing.push(item);
    }
  }
  entry.settled = true;
  return missing;
}
