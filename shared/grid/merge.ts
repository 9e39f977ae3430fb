import type { Row } from '../domain/project';
import { isLocked } from './cells';
import { EDITABLE_FIELDS } from './columns';

/** The fields the technician edits in the grid, and the MAC's source that goes with it; everything else (state, message, seen on network) belongs to the core. */
export const LOCAL_FIELDS = [...EDITABLE_FIELDS, 'source'] as const;

/** True when the grid changed some of the technician's fields of this row since `base`. */
function editedHere(base: Row, local: Row): boolean {
  return LOCAL_FIELDS.some((field) => local[field] !== base[field]);
}

function withLocalChanges(base: Row, local: Row, remote: Row): Row {
  if (isLocked(remote)) return remote;
  let merged: Row | undefined;
  for (const field of LOCAL_FIELDS) {
    if (local[field] !== base[field] && local[field] !== remote[field]) {
      merged ??= { ...remote };
      (merged as Record<string, unknown>)[field] = local[field];
    }
  }
  return merged ?? remote;
}

/**
 * Three-way merge of a project's rows after someone else saved it (the queue setting states, a scanner or
 * another window adding rows) while the grid had unsaved edits. `base` is what the grid last loaded or
 * saved, `local` the grid's rows now, `remote` the project as stored now.
 *
 * The result follows `remote`, then re-applies the grid's own edits: fields the technician changed since
 * `base` (unless the queue has locked the row meanwhile), rows they deleted (unless queued), and rows they
 * added (after the row they followed). Nothing either side did is lost silently: edits to rows the queue
 * locked meanwhile are listed in `dropped` so the technician is told.
 */
export function mergeRows(base: readonly Row[], local: readonly Row[], remote: readonly Row[]): { rows: Row[]; dropped: string[] } {
  const dropped: string[] = [];
  const baseById = new Map(base.map((r) => [r.id, r]));
  const localById = new Map(local.map((r) => [r.id, r]));
  const remoteIds = new Set(remote.map((r) => r.id));
  const merged: Row[] = [];
  for (const row of remote) {
    const mine = localById.get(row.id);
    const was = baseById.get(row.id);
    if (!mine) {
      // Deleted here (it was in base): drop it unless the queue holds it. New there: keep it.
      if (was && !isLocked(row)) continue;
      merged.push(row);
      continue;
    }
    if (was && isLocked(row) && editedHere(was, mine)) dropped.push(row.id);
    merged.push(was ? withLocalChanges(was, mine, row) : row);
  }
  // Rows added here go after the row that preceded them in the grid.
  const position = new Map(merged.map((r, i) => [r.id, i]));
  const inserts = new Map<number, Row[]>();
  let previous = -1;
  for (const row of local) {
    if (remoteIds.has(row.id)) {
      previous = position.get(row.id) ?? previous;
      continue;
    }
    if (baseById.has(row.id)) continue; // deleted there: the other side removed it on purpose
    const list = inserts.get(previous) ?? [];
    list.push(row);
    inserts.set(previous, list);
  }
  if (inserts.size === 0) return { rows: merged, dropped };
  const out: Row[] = [...(inserts.get(-1) ?? [])];
  merged.forEach((row, i) => {
    out.push(row, ...(inserts.get(i) ?? []));
  });
  return { rows: out, dropped };
}
