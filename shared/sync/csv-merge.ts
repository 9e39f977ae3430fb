import type { Row } from '../domain/project';
import { isLocked } from '../grid/cells';
import { SYNC_FIELDS } from './outbox';
import { macKey } from './settle';

/** What merging a file's rows into a project did. */
export interface MergeResult {
  readonly rows: Row[];
  readonly added: number;
  readonly updated: number;
  /** Lines whose phone is queued or on the PBX already with other values: left as they were, with why. */
  readonly held: { readonly mac: string; readonly reason: string }[];
}

const sameSync = (a: Omit<Row, 'id'>, b: Row): boolean => SYNC_FIELDS.every((f) => (f === 'mac' ? macKey(a.mac) === macKey(b.mac) : a[f] === b[f]));

/**
 * Merges rows read from a file into a project's rows, by MAC, so importing the same file again (a re-run
 * of `onsite sync`) adds nothing twice: a new MAC adds a row; a known MAC with other values updates its
 * row (which leaves the queue and is queued again with the new values) unless the row is queued, in flight
 * or on the PBX, which the import leaves alone and reports. Rows without a MAC are always added.
 */
export function mergeImportedRows(existing: readonly Row[], imported: readonly Omit<Row, 'id'>[], newId: () => string): MergeResult {
  const rows = [...existing];
  const byMac = new Map(existing.filter((r) => r.mac.trim() !== '').map((r, i) => [macKey(r.mac), i] as const));
  let added = 0;
  let updated = 0;
  const held: MergeResult['held'] = [];
  for (const row of imported) {
    const at = row.mac.trim() === '' ? undefined : byMac.get(macKey(row.mac));
    if (at === undefined) {
      const fresh = { ...row, id: newId() };
      if (row.mac.trim() !== '') byMac.set(macKey(row.mac), rows.length);
      rows.push(fresh);
      added += 1;
      continue;
    }
    const current = rows[at]!;
    if (sameSync(row, current) && row.location === current.location) continue;
    if (isLocked(current)) {
      if (!sameSync(row, current)) held.push({ mac: current.mac, reason: `${current.status === 'on-pbx' ? 'It is on the PBX' : 'It is queued'} with extension ${current.extension}; the file's values were not applied.` });
      continue;
    }
    rows[at] = { ...current, ...row, id: current.id, status: current.status, message: current.message };
    updated += 1;
  }
  return { rows, added, updated, held };
}
