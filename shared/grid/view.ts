import { ROW_STATES, type Row, type RowState } from '../domain/project';
import { type ColumnKey, isBlankRow } from './columns';
import { cellText } from './cells';
import { type PbxIndex, compareExtensionNumbers } from './pbx-index';
import type { ValidationResult } from './validate';

/**
 * Sorting and filtering are views: an ordered list of row ids over the stored rows, which never change order.
 * A view is computed when the technician changes the sort or filter, not after each edit, so a row being
 * fixed does not jump away or vanish under the cursor; {@link refreshView} only drops deleted rows and adds
 * new ones at the end. "Apply again" recomputes it.
 */

/** A sort on one column. */
export interface SortSpec {
  readonly column: ColumnKey;
  readonly direction: 'asc' | 'desc';
}

/** What the view shows and in which order. */
export interface ViewSpec {
  readonly sort: SortSpec | null;
  /** Row states to show; empty shows all. */
  readonly statuses: readonly RowState[];
  /** Vendors to show (as stored, any case); empty shows all. */
  readonly vendors: readonly string[];
  /** Only rows with errors or warnings. */
  readonly problemsOnly: boolean;
}

/** Stored order, everything shown. */
export const PLAIN_VIEW: ViewSpec = { sort: null, statuses: [], vendors: [], problemsOnly: false };

/** True when the view is the stored order with nothing hidden. */
export function isPlainView(spec: ViewSpec): boolean {
  return spec.sort === null && spec.statuses.length === 0 && spec.vendors.length === 0 && !spec.problemsOnly;
}

function comparator(spec: SortSpec, index: PbxIndex): (a: Row, b: Row) => number {
  const sign = spec.direction === 'asc' ? 1 : -1;
  if (spec.column === 'status') return (a, b) => sign * (ROW_STATES.indexOf(a.status) - ROW_STATES.indexOf(b.status));
  if (spec.column === 'extension') {
    return (a, b) => {
      // Empty extensions last whichever the direction: they are the rows still to be filled in.
      if ((a.extension === '') !== (b.extension === '')) return a.extension === '' ? 1 : -1;
      return sign * compareExtensionNumbers(a.extension, b.extension);
    };
  }
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    const x = cellText(a, spec.column, index);
    const y = cellText(b, spec.column, index);
    if ((x === '') !== (y === '')) return x === '' ? 1 : -1;
    return sign * collator.compare(x, y);
  };
}

/** True when a row passes the view's filters. */
function shown(row: Row, spec: ViewSpec, validation: ValidationResult): boolean {
  if (spec.statuses.length > 0 && !spec.statuses.includes(row.status)) return false;
  if (spec.vendors.length > 0) {
    const vendor = row.vendor.trim().toLowerCase();
    if (!spec.vendors.some((v) => v.trim().toLowerCase() === vendor)) return false;
  }
  if (spec.problemsOnly) {
    const problems = validation.byRow.get(row.id);
    if (!problems?.some((p) => p.severity !== 'info')) return false;
  }
  return true;
}

/** The row ids a view shows, in order (ties keep stored order). Blank rows pass filters only in a plain view. */
export function buildView(rows: readonly Row[], spec: ViewSpec, validation: ValidationResult, index: PbxIndex): string[] {
  if (isPlainView(spec)) return rows.map((r) => r.id);
  const kept = rows.filter((row) => !isBlankRow(row) && shown(row, spec, validation));
  if (spec.sort) {
    const compare = comparator(spec.sort, index);
    const position = new Map(rows.map((r, i) => [r.id, i]));
    kept.sort((a, b) => compare(a, b) || position.get(a.id)! - position.get(b.id)!);
  }
  return kept.map((r) => r.id);
}

/**
 * Keeps a computed view's order after rows changed: ids of deleted rows go, rows that did not exist before
 * come at the end in stored order (rows hidden by a filter stay hidden). A plain view follows the stored order.
 */
export function refreshView(ids: readonly string[], before: readonly Row[], after: readonly Row[], spec: ViewSpec): string[] {
  if (isPlainView(spec)) return after.map((r) => r.id);
  const present = new Set(after.map((r) => r.id));
  const existed = new Set(before.map((r) => r.id));
  const kept = ids.filter((id) => present.has(id));
  for (const row of after) if (!existed.has(row.id)) kept.push(row.id);
  return kept;
}
