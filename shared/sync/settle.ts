import { macHex } from '../domain/mac';
import { type Chunk, bisect } from './chunks';
import { type JournalEntry, type Outbox, type OutboxItem, groupOf } from './outbox';

/** The fields of a phone read back from the PBX that settling needs. */
export interface PhoneReadBack {
  readonly id: number;
  readonly mac: string;
  readonly extension: string | null;
  readonly status: string;
}

// The forms the PBX and the app write (pairs joined by one kind of separator, or none): read without the full parser,
// which matters when thousands of MACs are compared on every read-back.
const PLAIN = /^[0-9a-f]{2}([:-]?)[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;

/** The key MACs are compared by: 12 lower-case hex digits, whatever separators or case the PBX used. */
export function macKey(mac: string): string {
  if (PLAIN.test(mac)) return mac.replace(/[:-]/g, '').toLowerCase();
  return macHex(mac) ?? mac.toLowerCase();
}

/** Indexes read-back phones by {@link macKey}. */
export function phonesByMac<P extends PhoneReadBack>(phones: readonly P[]): Map<string, P> {
  return new Map(phones.map((p) => [macKey(p.mac), p]));
}

/** Outbox items by row id (one pass; lookups inside loops stay cheap for thousands of phones). */
export function itemsByRow(outbox: Outbox): Map<string, OutboxItem> {
  return new Map(outbox.items.map((i) => [i.rowId, i]));
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
 * or fail. Counts the attempt. Only phones still `sending` are touched.
 */
export function settleEntry(outbox: Outbox, entry: JournalEntry, byMac: ReadonlyMap<string, PhoneReadBack>, now: string, items = itemsByRow(outbox)): OutboxItem[] {
  const missing: OutboxItem[] = [];
  for (const rowId of entry.rowIds) {
    const item = items.get(rowId);
    if (!item || item.state !== 'sending') continue;
    item.attempts += 1;
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

/** Why the PBX refused a request, for the rows it carried: the overall reason and any per-MAC reasons. */
export interface Refusal {
  readonly reason: string;
  readonly conflict: boolean;
  /** Per-MAC reasons by {@link macKey}, when the PBX named the phones. */
  readonly items: ReadonlyMap<string, { readonly reason: string; readonly conflict: boolean }>;
}

/** What settling every open record decided. */
export interface Settlement {
  /** Rows of refused requests still missing, split in two for the next round (bisection). */
  readonly retry: Chunk[];
}

/** A phone the PBX acknowledged this many times without listing it fails instead of being sent again. */
export const MAX_ATTEMPTS = 3;

function requeue(item: OutboxItem, reason = ''): void {
  item.state = 'queued';
  item.reason = reason;
}

/**
 * Settles every open write-ahead record against one read-back of the PBX, deciding for each phone that
 * did not land:
 * - after a refusal (`refusals` by record id): alone, it fails (or conflicts) with the PBX's reason; with
 *   others, its group is split in two and sent again, so the phones the PBX refuses are isolated;
 * - after an acknowledged request: queued again (the PBX said yes but does not list it), or failed after
 *   {@link MAX_ATTEMPTS};
 * - after no answer, or a crash mid-request: queued again.
 * Settled records are marked, so settling twice changes nothing.
 */
export function settleAll(outbox: Outbox, byMac: ReadonlyMap<string, PhoneReadBack>, refusals: ReadonlyMap<string, Refusal>, now: string): Settlement {
  const items = itemsByRow(outbox);
  const retry: Chunk[] = [];
  for (const entry of outbox.journal) {
    if (entry.settled) continue;
    const missing = settleEntry(outbox, entry, byMac, now, items);
    const refusal = refusals.get(entry.id);
    if (refusal) {
      const single = missing.length === 1 ? missing[0] : undefined;
      if (single) {
        // Everything else landed, or it was alone: this is the phone the PBX refused.
        const own = refusal.items.get(macKey(single.mac));
        single.state = (own?.conflict ?? refusal.conflict) ? 'conflict' : 'failed';
        single.reason = own?.reason ?? refusal.reason;
        continue;
      }
      const first = missing[0];
      for (const item of missing) requeue(item);
      const split = first ? bisect({ key: groupOf(first), rowIds: missing.map((i) => i.rowId) }) : undefined;
      if (split) retry.push(...split);
      continue;
    }
    for (const item of missing) {
      if (entry.outcome !== 'created') {
        requeue(item);
      } else if (item.attempts >= MAX_ATTEMPTS) {
        item.state = 'failed';
        item.reason = `The PBX accepted this phone ${item.attempts} times but never listed it. Check the PBX's Auto Provisioning list, then retry.`;
      } else {
        requeue(item, 'The PBX accepted this phone but does not list it: sending it again.');
      }
    }
  }
  return { retry };
}
