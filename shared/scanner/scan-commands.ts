/**
 * Scan mode's grid commands: placing an accepted MAC (append: a new row; fill: the MAC column of the
 * selected rows, top-down) and taking the last scan back. Each is one undo step of the grid, and records
 * where the MAC came from (`scanned-wedge` / `scanned-serial`) on the row.
 */
import { emptyRow, type Row } from '../domain/project';
import { isLocked, lockedReason, parseCellInput } from '../grid/cells';
import { COLUMN_INDEX, isBlankRow } from '../grid/columns';
import type { CommandContext, CommandResult } from '../grid/commands';
import { type Op, diffRow } from '../grid/history';
import { type Selection, cellSelection, rangeOf } from '../grid/selection';
import type { AcceptedScan } from './scan-workflow';

/** Append: each MAC adds a row. Fill: MACs go into the MAC column of the selected rows, top-down. */
export type ScanMode = 'append' | 'fill';

const MAC_COL = COLUMN_INDEX.mac;

/** Where a placed scan went, so it can be taken back. */
export interface PlacedScan {
  readonly rowId: string;
  readonly mac: string;
  /** The row's fields before the scan; undefined when the scan added the row. */
  readonly before: Pick<Row, 'mac' | 'vendor' | 'source'> | undefined;
  /** Fill with a one-row selection moves down as it goes; an undo moves back. */
  readonly movedDown: boolean;
}

/** A placement: the grid command and what it placed, or why it could not. */
export type Placement = { readonly ok: true; readonly command: CommandResult; readonly placed: PlacedScan; readonly note: string } | { readonly ok: false; readonly reason: string };

/** What fill mode looks at: the selection and the rows in view. */
export interface FillScope {
  readonly selection: Selection;
  /** Rows in the view. */
  readonly rowCount: number;
  rowAt(viewRow: number): Row | undefined;
}

/** The row fill mode writes the next MAC into: the first selected row (top-down) with an empty MAC; undefined when none. */
export function fillTarget(scope: FillScope): { readonly viewRow: number; readonly row: Row } | undefined {
  const range = rangeOf(scope.selection);
  // One selected row: work down from it, as Enter does; several: stay inside them.
  const last = range.bottom > range.top ? range.bottom : scope.rowCount - 1;
  for (let r = range.top; r <= last; r += 1) {
    const row = scope.rowAt(r);
    if (row && !isLocked(row) && row.mac.trim() === '') return { viewRow: r, row };
  }
  return undefined;
}

/** How scan mode names the row a MAC goes to: "row 7, extension 107" (`number` counts from 1). */
export function rowLabel(number: number, row: Row): string {
  return `row ${number}${row.extension ? `, extension ${row.extension}` : ''}`;
}

/** The vendor as the PBX spells it, when the PBX offers it. */
function pbxVendor(row: Row, vendor: string, ctx: CommandContext): string {
  const parsed = parseCellInput(row, 'vendor', vendor, ctx.index);
  return parsed.ok && typeof parsed.patch.vendor === 'string' ? parsed.patch.vendor : vendor;
}

/** Places an accepted MAC: a new row (append), or the next selected row's MAC cell (fill). */
export function placeScan(ctx: CommandContext, mode: ScanMode, scan: AcceptedScan): Placement {
  if (mode === 'append') {
    const base = emptyRow(ctx.newId(), scan.source);
    const row: Row = { ...base, mac: scan.mac, vendor: scan.vendor ? pbxVendor(base, scan.vendor, ctx) : '' };
    const at = ctx.view.length;
    return {
      ok: true,
      placed: { rowId: row.id, mac: scan.mac, before: undefined, movedDown: false },
      note: `new row ${ctx.rows.length + 1}`,
      command: {
        label: `scan ${scan.mac}`,
        ops: [{ kind: 'insert', index: ctx.rows.length, rows: [row] }],
        viewInsert: { at, ids: [row.id] },
        selection: cellSelection(at, MAC_COL),
        report: { changed: 1, message: `Added ${scan.mac} as row ${ctx.rows.length + 1}.`, rejected: [] },
      },
    };
  }
  const range = rangeOf(ctx.selection);
  const single = range.bottom === range.top;
  const target = fillTarget({ selection: ctx.selection, rowCount: ctx.view.length, rowAt: (r) => ctx.rowAt(r) });
  if (!target) {
    return {
      ok: false,
      reason: single
        ? 'No row from here down has an empty MAC: select the rows to fill, or switch to “Add rows”.'
        : 'Every selected row has a MAC already: select the rows still to fill, or switch to “Add rows”.',
    };
  }
  const { row, viewRow } = target;
  const keepVendor = row.vendor.trim() !== '' || scan.vendor === '';
  const after: Row = { ...row, mac: scan.mac, source: scan.source, vendor: keepVendor ? row.vendor : pbxVendor(row, scan.vendor, ctx) };
  const op = diffRow(row, after);
  const where = rowLabel(ctx.positionOf(row.id) + 1, row);
  const differs = keepVendor && scan.vendor !== '' && row.vendor.trim().toLowerCase() !== scan.vendor.toLowerCase();
  return {
    ok: true,
    placed: { rowId: row.id, mac: scan.mac, before: { mac: row.mac, vendor: row.vendor, source: row.source }, movedDown: single },
    note: differs ? `${where} (the row says ${row.vendor}; this MAC is a ${scan.vendor})` : where,
    command: {
      label: `scan ${scan.mac}`,
      ops: op ? [op] : [],
      // One selected row: the next scan goes to the row below, as after Enter.
      ...(single ? { selection: cellSelection(viewRow + 1, MAC_COL) } : {}),
      report: { changed: 1, message: `${scan.mac} → ${where}.`, rejected: [] },
    },
  };
}

/**
 * Takes a placed scan back: a row the scan added is removed (if nothing else was typed into it), a filled
 * MAC cell gets its old value back. Refused when the row changed since (another MAC, locked for the queue).
 */
export function undoScan(ctx: CommandContext, placed: PlacedScan): Placement {
  const position = ctx.positionOf(placed.rowId);
  const row = ctx.rows[position];
  if (!row || row.mac !== placed.mac) return { ok: false, reason: `The row that got ${placed.mac} has changed since: nothing was undone.` };
  if (isLocked(row)) return { ok: false, reason: lockedReason(row) };
  const number = position + 1;
  let ops: Op[];
  if (!placed.before && isBlankRow({ ...row, mac: '', vendor: '' })) {
    ops = [{ kind: 'delete', index: position, rows: [row] }];
  } else {
    const op = diffRow(row, { ...row, ...(placed.before ?? { mac: '', vendor: '', source: 'typed' as const }) });
    ops = op ? [op] : [];
  }
  const viewRow = ctx.view.indexOf(row.id);
  return {
    ok: true,
    placed,
    note: `row ${number}`,
    command: {
      label: `undo scan ${placed.mac}`,
      ops,
      ...(placed.movedDown && viewRow >= 0 ? { selection: cellSelection(viewRow, MAC_COL) } : {}),
      report: { changed: 1, message: `Took back ${placed.mac} from row ${number}.`, rejected: [] },
    },
  };
}
