import { emptyRow, type Row } from '../domain/project';
import { type EditSource, cellText, isLocked, lockedReason, parseCellInput, pbxNames, sameEditableData } from './cells';
import { COLUMNS, type ColumnKey, COLUMN_INDEX, columnAt, isBlankRow } from './columns';
import { describeSeries, extensionSeries, textSeries } from './fill';
import { isKnownHeader } from './headers';
import { type Op, diffRow } from './history';
import type { PbxIndex } from './pbx-index';
import { type CellRange, type Selection, rangeOf } from './selection';
import { parseTsv } from './tsv';

/** What a command sees of the grid. Rows are addressed by view position; commands never mutate. */
export interface CommandContext {
  readonly rows: readonly Row[];
  /** Row ids in view order. */
  readonly view: readonly string[];
  readonly index: PbxIndex;
  readonly selection: Selection;
  /** The row shown at a view position. */
  rowAt(viewRow: number): Row | undefined;
  /** A row's position in the stored rows. */
  positionOf(id: string): number;
  newId(): string;
}

/** A cell a command could not change, and why. */
export interface CellRejection {
  readonly row: number;
  readonly col: number;
  readonly reason: string;
}

/** What a command did, for the status line. */
export interface EditReport {
  /** Cells (or rows, for row commands) changed. */
  readonly changed: number;
  /** A sentence for the technician. */
  readonly message: string;
  readonly rejected: readonly CellRejection[];
}

/** A command's outcome: the ops to apply as one undo step, where the selection goes, and the report. */
export interface CommandResult {
  readonly label: string;
  readonly ops: readonly Op[];
  readonly selection?: Selection;
  /** New rows to show at a view position (in a sorted or filtered view). */
  readonly viewInsert?: { readonly at: number; readonly ids: readonly string[] };
  readonly report: EditReport;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Collects cell edits row by row on one working copy per row (a 5 000-row paste makes 5 000 copies, not one
 * per cell), then turns them into update ops against the original rows.
 */
class Edits {
  private readonly drafts = new Map<string, { original: Row; draft: Row }>();
  readonly rejected: CellRejection[] = [];
  changedCells = 0;

  constructor(
    private readonly index: PbxIndex,
    private readonly source: EditSource,
  ) {}

  set(viewRow: number, col: number, row: Row, text: string): void {
    if (isLocked(row)) {
      this.rejected.push({ row: viewRow, col, reason: lockedReason(row) });
      return;
    }
    const entry = this.drafts.get(row.id);
    const current = entry?.draft ?? row;
    const result = parseCellInput(current, columnAt(col).key, text, this.index);
    if (!result.ok) {
      this.rejected.push({ row: viewRow, col, reason: result.reason });
      return;
    }
    const patch = result.patch as Record<string, unknown>;
    const changed = Object.keys(patch).some((k) => patch[k] !== (current as Record<string, unknown>)[k]);
    if (!changed) return;
    const draft = entry?.draft ?? { ...row };
    Object.assign(draft, patch);
    // The draft is this command's own copy, so the MAC's source is recorded on it directly (see `touch`).
    if (patch.mac !== undefined && draft.mac !== row.mac && draft.mac !== '') draft.source = this.source;
    if (!entry) this.drafts.set(row.id, { original: row, draft });
    this.changedCells += 1;
  }

  private final(original: Row, draft: Row): Row {
    return sameEditableData(original, draft) ? original : draft;
  }

  /** The final rows by id (edited rows only). */
  rows(): Map<string, Row> {
    const out = new Map<string, Row>();
    for (const [id, { original, draft }] of this.drafts) out.set(id, this.final(original, draft));
    return out;
  }

  /** Update ops for the edited rows, except rows in `skip` (rows the command is inserting). */
  ops(skip?: ReadonlySet<string>): Op[] {
    const ops: Op[] = [];
    for (const [id, { original, draft }] of this.drafts) {
      if (skip?.has(id)) continue;
      const op = diffRow(original, this.final(original, draft));
      if (op) ops.push(op);
    }
    return ops;
  }
}

function rejectionNote(rejected: readonly CellRejection[]): string {
  if (rejected.length === 0) return '';
  const first = rejected[0]!;
  return ` ${plural(rejected.length, 'cell')} not changed (first: row ${first.row + 1}, ${columnAt(first.col).label}: ${first.reason})`;
}

/** Typing into one cell; typing into the empty row after the last adds a row. */
export function setCell(ctx: CommandContext, viewRow: number, col: number, text: string): CommandResult {
  const existing = ctx.rowAt(viewRow);
  const row = existing ?? emptyRow(ctx.newId(), 'typed');
  const edits = new Edits(ctx.index, 'typed');
  edits.set(viewRow, col, row, text);
  const label = `edit ${columnAt(col).label}`;
  const report = { changed: edits.changedCells, message: edits.rejected[0]?.reason ?? '', rejected: edits.rejected };
  if (existing) return { label, ops: edits.ops(), report };
  const added = edits.rows().get(row.id);
  if (!added) return { label, ops: [], report };
  return { label: 'new row', ops: [{ kind: 'insert', index: ctx.rows.length, rows: [added] }], viewInsert: { at: ctx.view.length, ids: [added.id] }, report };
}

/** Delete: empties the editable cells of the selection (read-only columns and locked rows are left alone). */
export function clearCells(ctx: CommandContext, range: CellRange = rangeOf(ctx.selection)): CommandResult {
  const edits = new Edits(ctx.index, 'typed');
  for (let r = range.top; r <= range.bottom; r += 1) {
    const row = ctx.rowAt(r);
    if (!row) continue;
    for (let c = range.left; c <= range.right; c += 1) {
      if (!columnAt(c).editable) continue;
      if (isLocked(row)) {
        edits.rejected.push({ row: r, col: c, reason: lockedReason(row) });
        break;
      }
      edits.set(r, c, row, '');
    }
  }
  const message = `Cleared ${plural(edits.changedCells, 'cell')}.${rejectionNote(edits.rejected)}`;
  return { label: 'clear', ops: edits.ops(), report: { changed: edits.changedCells, message, rejected: edits.rejected } };
}

const LABELS = COLUMNS.map((c) => c.label);

/** True when a pasted first line is column names, not data (copied with the spreadsheet's header). */
function isHeaderLine(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length > 0 && filled.every((c) => isKnownHeader(c, LABELS));
}

/**
 * Paste of clipboard text at the selection, as spreadsheets do it: the block lands at the selection's top-left
 * cell; a block that fits a larger selection a whole number of times fills it (one value fills every selected
 * cell); rows beyond the last are appended; columns beyond the last are dropped and counted; a header line
 * is skipped. Read-only columns are skipped, locked rows and unreadable values are listed.
 */
export function paste(ctx: CommandContext, text: string): CommandResult {
  let block = parseTsv(text);
  let headerSkipped = false;
  if (block.length > 1 && isHeaderLine(block[0]!)) {
    block = block.slice(1);
    headerSkipped = true;
  }
  const range = rangeOf(ctx.selection);
  const height = block.length;
  const width = Math.max(0, ...block.map((line) => line.length));
  if (height === 0 || width === 0) return { label: 'paste', ops: [], report: { changed: 0, message: 'The clipboard is empty.', rejected: [] } };
  const selRows = range.bottom - range.top + 1;
  const selCols = range.right - range.left + 1;
  const tiles = selRows % height === 0 && selCols % width === 0 && (selRows > height || selCols > width);
  const rowsOut = tiles ? selRows : height;
  const colsOut = Math.min(tiles ? selCols : width, COLUMNS.length - range.left);
  const droppedCols = (tiles ? selCols : width) - colsOut;

  const edits = new Edits(ctx.index, 'pasted');
  const added: Row[] = [];
  let readOnly = 0;
  for (let r = 0; r < rowsOut; r += 1) {
    const viewRow = range.top + r;
    let row = ctx.rowAt(viewRow);
    if (!row) {
      row = emptyRow(ctx.newId(), 'pasted');
      added.push(row);
    }
    const line = block[r % height]!;
    for (let c = 0; c < colsOut; c += 1) {
      const value = line[c % width];
      if (value === undefined) continue;
      const col = range.left + c;
      if (!columnAt(col).editable) {
        readOnly += 1;
        continue;
      }
      edits.set(viewRow, col, row, value);
    }
  }
  const latest = edits.rows();
  const newRows = added.map((row) => latest.get(row.id) ?? row);
  const ops: Op[] = edits.ops(new Set(added.map((r) => r.id)));
  if (newRows.length > 0) ops.push({ kind: 'insert', index: ctx.rows.length, rows: newRows });

  const notes: string[] = [];
  if (newRows.length > 0) notes.push(`added ${plural(newRows.length, 'row')}`);
  if (headerSkipped) notes.push('skipped the header line');
  if (readOnly > 0) notes.push(`left ${plural(readOnly, 'read-only cell')} as they were`);
  if (droppedCols > 0) notes.push(`dropped ${plural(droppedCols, 'column')} past the last column`);
  const extra = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  const message = `Pasted ${rowsOut} × ${colsOut}${extra}.${rejectionNote(edits.rejected)}`;
  // The pasted block stays selected with the active cell at its top-left, where the view stays (as in Excel).
  const selection = { anchor: { row: range.top + rowsOut - 1, col: range.left + Math.max(0, colsOut - 1) }, focus: { row: range.top, col: range.left } };
  return {
    label: `paste of ${plural(rowsOut, 'row')}`,
    ops,
    selection,
    viewInsert: newRows.length > 0 ? { at: ctx.view.length, ids: newRows.map((r) => r.id) } : undefined,
    report: { changed: edits.changedCells, message, rejected: edits.rejected },
  };
}

/** The selection as clipboard rows of cell text (what Ctrl+C copies). */
export function copyCells(ctx: CommandContext, range: CellRange = rangeOf(ctx.selection)): string[][] {
  const out: string[][] = [];
  for (let r = range.top; r <= range.bottom; r += 1) {
    const row = ctx.rowAt(r);
    if (!row) continue;
    const line: string[] = [];
    for (let c = range.left; c <= range.right; c += 1) line.push(cellText(row, columnAt(c).key, ctx.index));
    out.push(line);
  }
  return out;
}

/**
 * Ctrl+D: the top row's values copied down the selection; with a one-row selection, the row above is copied
 * into it (as in Excel).
 */
export function fillDown(ctx: CommandContext): CommandResult {
  const range = rangeOf(ctx.selection);
  const sourceRow = range.top === range.bottom ? range.top - 1 : range.top;
  const firstTarget = range.top === range.bottom ? range.top : range.top + 1;
  const source = ctx.rowAt(sourceRow);
  const edits = new Edits(ctx.index, 'typed');
  if (source) {
    for (let r = firstTarget; r <= range.bottom; r += 1) {
      const row = ctx.rowAt(r);
      if (!row) continue;
      for (let c = range.left; c <= range.right; c += 1) {
        if (columnAt(c).editable) edits.set(r, c, row, cellText(source, columnAt(c).key, ctx.index));
      }
    }
  }
  const message = source ? `Filled down ${plural(edits.changedCells, 'cell')}.${rejectionNote(edits.rejected)}` : 'Nothing above to fill down from.';
  return { label: 'fill down', ops: edits.ops(), report: { changed: edits.changedCells, message, rejected: edits.rejected } };
}

/**
 * Fill series down the selection from its top cell: extension numbers count up through the PBX's free
 * extensions; text with a number counts up (`Desk 9` → `Desk 10`); other columns are filled down. MACs are
 * never a series.
 */
export function fillSeries(ctx: CommandContext): CommandResult {
  const range = rangeOf(ctx.selection);
  const edits = new Edits(ctx.index, 'typed');
  const notes: string[] = [];
  const seedRow = ctx.rowAt(range.top);
  for (let c = range.left; c <= range.right && seedRow; c += 1) {
    const column = columnAt(c);
    if (!column.editable) continue;
    if (column.key === 'mac') {
      notes.push('MACs are not a series: the MAC column was left as it was.');
      continue;
    }
    const targets: { r: number; row: Row }[] = [];
    for (let r = range.top + 1; r <= range.bottom; r += 1) {
      const row = ctx.rowAt(r);
      if (row && !isLocked(row)) targets.push({ r, row });
    }
    const seed = cellText(seedRow, column.key, ctx.index).trim();
    if (column.key === 'extension') {
      if (!/^\d{1,7}$/.test(seed)) {
        notes.push('Fill series needs an extension number in the first cell.');
        continue;
      }
      const targetIds = new Set(targets.map((t) => t.row.id));
      const used = new Set<string>();
      for (const row of ctx.rows) if (!targetIds.has(row.id) && row.extension.trim() !== '' && row.id !== seedRow.id) used.add(row.extension.trim());
      const series = extensionSeries(seed, targets.length, ctx.index, used);
      series.values.forEach((value, k) => edits.set(targets[k]!.r, c, targets[k]!.row, value));
      notes.push(describeSeries(series, targets.length));
    } else {
      targets.forEach(({ r, row }, k) => edits.set(r, c, row, column.kind === 'text' ? textSeries(seed, k + 1) : seed));
    }
  }
  if (notes.length === 0) notes.push(`Filled ${plural(edits.changedCells, 'cell')}.`);
  const message = notes.join(' ') + rejectionNote(edits.rejected);
  return { label: 'fill series', ops: edits.ops(), report: { changed: edits.changedCells, message, rejected: edits.rejected } };
}

/** The provisioning fields "Set vendor/model" writes on every selected row. */
export type BulkFields = Partial<Record<Extract<ColumnKey, 'vendor' | 'model' | 'template' | 'method' | 'auth'>, string>>;

/** Sets vendor, model, template, method and/or auth on every row of the selection, in that order. */
export function bulkSet(ctx: CommandContext, fields: BulkFields): CommandResult {
  const range = rangeOf(ctx.selection);
  const edits = new Edits(ctx.index, 'typed');
  const order = (['vendor', 'model', 'template', 'method', 'auth'] as const).filter((k) => fields[k] !== undefined);
  let rows = 0;
  for (let r = range.top; r <= range.bottom; r += 1) {
    const row = ctx.rowAt(r);
    if (!row || isBlankRow(row)) continue;
    rows += 1;
    for (const key of order) edits.set(r, COLUMN_INDEX[key], row, fields[key]!);
  }
  const what = order.join(', ');
  const message = `Set ${what} on ${plural(rows, 'row')}.${rejectionNote(edits.rejected)}`;
  return { label: `set ${what}`, ops: edits.ops(), report: { changed: edits.changedCells, message, rejected: edits.rejected } };
}

/**
 * Rewrites vendor, model and template as the PBX spells them (`yealink` → `Yealink`) on every row that is
 * not locked: for rows typed before the PBX data was loaded.
 */
export function usePbxNames(ctx: CommandContext): CommandResult {
  const ops: Op[] = [];
  for (const row of ctx.rows) {
    if (isLocked(row)) continue;
    const op = diffRow(row, { ...row, ...pbxNames(row, ctx.index) });
    if (op) ops.push(op);
  }
  return { label: 'use PBX names', ops, report: { changed: ops.length, message: `Corrected names on ${plural(ops.length, 'row')}.`, rejected: [] } };
}

/** Appends rows (CSV import, phones found on the LAN) as one undo step. */
export function appendRows(ctx: CommandContext, rows: readonly Row[], label: string): CommandResult {
  const ops: Op[] = rows.length > 0 ? [{ kind: 'insert', index: ctx.rows.length, rows }] : [];
  const selection = rows.length > 0 ? { anchor: { row: ctx.view.length, col: 0 }, focus: { row: ctx.view.length + rows.length - 1, col: 0 } } : undefined;
  return {
    label,
    ops,
    selection,
    viewInsert: rows.length > 0 ? { at: ctx.view.length, ids: rows.map((r) => r.id) } : undefined,
    report: { changed: rows.length, message: `Added ${plural(rows.length, 'row')}.`, rejected: [] },
  };
}
