import { emptySnapshot, type PbxSnapshot } from '../domain/pbx-snapshot';
import type { Row } from '../domain/project';
import { cellText, isLocked } from './cells';
import { COLUMNS, columnAt } from './columns';
import * as cmd from './commands';
import { type BulkFields, type CommandContext, type CommandResult, type EditReport } from './commands';
import { type HistoryLimits, History, applyOps, invertOps } from './history';
import { type PbxIndex, indexSnapshot } from './pbx-index';
import { deleteRows, insertRows } from './row-commands';
import { type GridShape, type Selection, cellSelection, clampSelection, rangeOf } from './selection';
import { toTsv } from './tsv';
import { type ValidationResult, validateRows } from './validate';
import { PLAIN_VIEW, type ViewSpec, buildView, isPlainView, refreshView } from './view';

/** Options for a grid editor. */
export interface GridEditorOptions {
  /** Makes ids for new rows (the UI passes `crypto.randomUUID`). */
  readonly newId: () => string;
  readonly rows?: readonly Row[];
  readonly snapshot?: PbxSnapshot;
  readonly historyLimits?: HistoryLimits;
  /** A clock in milliseconds, for {@link GridEditor.lastValidationMs} (the UI passes `performance.now`). */
  readonly now?: () => number;
}

interface SelectionMeta {
  readonly before: Selection;
  readonly after: Selection;
}

/** Why the rows changed, so the UI knows whether to save them. */
export type ChangeKind = 'edit' | 'load' | 'external' | 'view' | 'selection';

/**
 * The grid's whole behaviour without a DOM: stored rows, the current view (sort/filter), the selection, undo
 * history, the PBX snapshot and live validation. Every command is one undo step. The React grid renders it
 * and forwards keys and clipboard events; tests and benchmarks drive it directly.
 */
export class GridEditor {
  private rows: readonly Row[];
  private view: string[];
  private spec: ViewSpec = PLAIN_VIEW;
  private selection: Selection = cellSelection(0, 0);
  private readonly history: History<SelectionMeta>;
  private snapshot: PbxSnapshot;
  private positions: Map<string, number> | undefined;
  private validation: ValidationResult | undefined;
  private readonly listeners = new Set<(kind: ChangeKind) => void>();
  private readonly newId: () => string;
  private readonly now: () => number;
  /** How long the last full validation pass took, in milliseconds (shown to benchmarks, not people). */
  lastValidationMs = 0;
  /** Increases on every change; the UI re-renders when it moves. */
  version = 0;

  constructor(options: GridEditorOptions) {
    this.newId = options.newId;
    this.now = options.now ?? Date.now;
    this.rows = options.rows ?? [];
    this.view = this.rows.map((r) => r.id);
    this.snapshot = options.snapshot ?? emptySnapshot();
    this.history = new History(options.historyLimits);
  }

  /** Calls back after every change; returns the unsubscribe. */
  subscribe(listener: (kind: ChangeKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(kind: ChangeKind): void {
    this.version += 1;
    for (const listener of this.listeners) listener(kind);
  }

  // ---- reading ----

  /** The stored rows, in stored order. */
  getRows(): readonly Row[] {
    return this.rows;
  }

  /** Row ids in view order. */
  getView(): readonly string[] {
    return this.view;
  }

  /** The current sort and filter. */
  getViewSpec(): ViewSpec {
    return this.spec;
  }

  /** The PBX snapshot checks run against. */
  getSnapshot(): PbxSnapshot {
    return this.snapshot;
  }

  /** Lookups over the snapshot. */
  getIndex(): PbxIndex {
    return indexSnapshot(this.snapshot);
  }

  /** The selection, in view positions. */
  getSelection(): Selection {
    return this.selection;
  }

  /** Number of rows in the view. */
  get rowCount(): number {
    return this.view.length;
  }

  /** A row's position in the stored rows (its row number minus one). */
  positionOf(id: string): number {
    this.positions ??= new Map(this.rows.map((r, i) => [r.id, i]));
    return this.positions.get(id) ?? -1;
  }

  /** The row at a view position. */
  rowAt(viewRow: number): Row | undefined {
    const id = this.view[viewRow];
    if (id === undefined) return undefined;
    if (isPlainView(this.spec)) return this.rows[viewRow];
    return this.rows[this.positionOf(id)];
  }

  /** The view position of a row id, or -1 when it is hidden by the view. */
  viewPositionOf(id: string): number {
    return isPlainView(this.spec) ? this.positionOf(id) : this.view.indexOf(id);
  }

  /** The text a cell shows. */
  cellText(viewRow: number, col: number): string {
    const row = this.rowAt(viewRow);
    return row ? cellText(row, columnAt(col).key, this.getIndex()) : '';
  }

  /**
   * Size and emptiness of cells, for selection moves. The selection can reach one row past the last: the
   * empty "new row" where typing or pasting adds rows, as in a spreadsheet.
   */
  shape(): GridShape {
    return { rowCount: this.view.length + 1, colCount: COLUMNS.length, isEmpty: (r, c) => this.cellText(r, c).trim() === '' };
  }

  /** Live validation of all rows against the project and the snapshot (computed once per change). */
  getValidation(): ValidationResult {
    if (!this.validation) {
      const start = this.now();
      this.validation = validateRows(this.rows, this.snapshot);
      this.lastValidationMs = this.now() - start;
    }
    return this.validation;
  }

  /** Whether Undo/Redo can act, and what they would act on. */
  historyState(): { canUndo: boolean; canRedo: boolean; undoLabel?: string; redoLabel?: string } {
    return { canUndo: this.history.undoLabel !== undefined, canRedo: this.history.redoLabel !== undefined, undoLabel: this.history.undoLabel, redoLabel: this.history.redoLabel };
  }

  // ---- state changes without history ----

  /** Replaces all rows (another project was opened); forgets undo history. */
  load(rows: readonly Row[]): void {
    this.rows = rows;
    this.positions = undefined;
    this.validation = undefined;
    this.history.clear();
    this.view = buildView(rows, this.spec, this.getValidation(), this.getIndex());
    this.selection = clampSelection(this.selection, this.shape());
    this.changed('load');
  }

  /**
   * Takes rows changed by someone else (the queue setting states, a scanner adding phones). Undo history is
   * kept: undo restores only the fields it changed and leaves rows the queue has locked alone.
   */
  applyExternal(rows: readonly Row[]): void {
    const before = this.rows;
    this.rows = rows;
    this.positions = undefined;
    this.validation = undefined;
    this.view = refreshView(this.view, before, rows, this.spec);
    this.selection = clampSelection(this.selection, this.shape());
    this.changed('external');
  }

  /** Uses a new PBX snapshot for checks and pickers. */
  setSnapshot(snapshot: PbxSnapshot): void {
    this.snapshot = snapshot;
    this.validation = undefined;
    this.changed('view');
  }

  /** Sorts and filters (a view: the stored order does not change). */
  setViewSpec(spec: ViewSpec): void {
    this.spec = spec;
    this.view = buildView(this.rows, spec, this.getValidation(), this.getIndex());
    this.selection = clampSelection(this.selection, this.shape());
    this.changed('view');
  }

  /** Moves the selection. */
  select(selection: Selection): void {
    const next = clampSelection(selection, this.shape());
    if (next.anchor.row === this.selection.anchor.row && next.anchor.col === this.selection.anchor.col && next.focus.row === this.selection.focus.row && next.focus.col === this.selection.focus.col) return;
    this.selection = next;
    this.changed('selection');
  }

  // ---- commands (each one undo step) ----

  private context(): CommandContext {
    return {
      rows: this.rows,
      view: this.view,
      index: this.getIndex(),
      selection: this.selection,
      rowAt: (r) => this.rowAt(r),
      positionOf: (id) => this.positionOf(id),
      newId: this.newId,
    };
  }

  private run(result: CommandResult): EditReport {
    if (result.ops.length === 0) {
      if (result.selection) this.select(result.selection);
      return result.report;
    }
    const before = this.rows;
    const selectionBefore = this.selection;
    this.rows = applyOps(this.rows, result.ops).rows;
    this.positions = undefined;
    this.validation = undefined;
    if (result.viewInsert && !isPlainView(this.spec)) {
      const ids = new Set(result.viewInsert.ids);
      const view = refreshView(this.view, before, this.rows, this.spec).filter((id) => !ids.has(id));
      view.splice(result.viewInsert.at, 0, ...result.viewInsert.ids);
      this.view = view;
    } else {
      this.view = refreshView(this.view, before, this.rows, this.spec);
    }
    this.selection = clampSelection(result.selection ?? this.selection, this.shape());
    this.history.push({ label: result.label, ops: result.ops, meta: { before: selectionBefore, after: this.selection } });
    this.changed('edit');
    return result.report;
  }

  /** Types text into a cell (view position). */
  setCell(viewRow: number, col: number, text: string): EditReport {
    return this.run(cmd.setCell(this.context(), viewRow, col, text));
  }

  /** Delete key: clears the selected editable cells. */
  clear(): EditReport {
    return this.run(cmd.clearCells(this.context()));
  }

  /** Pastes clipboard text (TSV) at the selection. */
  paste(text: string): EditReport {
    return this.run(cmd.paste(this.context(), text));
  }

  /** The selection as clipboard text (TSV, CRLF, as Excel writes it). */
  copy(): string {
    return toTsv(cmd.copyCells(this.context()));
  }

  /** Copies the selection, then clears it (one undo step). */
  cut(): { text: string; report: EditReport } {
    const text = this.copy();
    return { text, report: this.run({ ...cmd.clearCells(this.context()), label: 'cut' }) };
  }

  /** Ctrl+D. */
  fillDown(): EditReport {
    return this.run(cmd.fillDown(this.context()));
  }

  /** Fill series down the selection. */
  fillSeries(): EditReport {
    return this.run(cmd.fillSeries(this.context()));
  }

  /** Sets provisioning fields on the selected rows. */
  bulkSet(fields: BulkFields): EditReport {
    return this.run(cmd.bulkSet(this.context(), fields));
  }

  /** Inserts blank rows above or below the selection. */
  insertRows(where: 'above' | 'below'): EditReport {
    return this.run(insertRows(this.context(), where));
  }

  /** Deletes the selected rows. */
  deleteRows(): EditReport {
    return this.run(deleteRows(this.context()));
  }

  /** Rewrites vendor/model/template as the PBX spells them, as one undo step. */
  usePbxNames(): EditReport {
    return this.run(cmd.usePbxNames(this.context()));
  }

  /** Appends rows (CSV import) as one undo step. */
  appendRows(rows: readonly Row[], label: string): EditReport {
    return this.run(cmd.appendRows(this.context(), rows, label));
  }

  /** Runs a command built outside the grid model (scan mode's placements) as one undo step. */
  apply(build: (ctx: CommandContext) => CommandResult): EditReport {
    return this.run(build(this.context()));
  }

  /** The selected rows that are not blank (for actions on whole rows). */
  selectedRows(): Row[] {
    const { top, bottom } = rangeOf(this.selection);
    const out: Row[] = [];
    for (let r = top; r <= bottom; r += 1) {
      const row = this.rowAt(r);
      if (row) out.push(row);
    }
    return out;
  }

  private replay(ops: ReturnType<typeof invertOps>, selection: Selection | undefined, verb: string, label: string): EditReport {
    const before = this.rows;
    const applied = applyOps(this.rows, ops, isLocked);
    this.rows = applied.rows;
    this.positions = undefined;
    this.validation = undefined;
    this.view = refreshView(this.view, before, this.rows, this.spec);
    this.selection = clampSelection(selection ?? this.selection, this.shape());
    this.changed('edit');
    const kept = applied.kept.length;
    const note = kept > 0 ? ` ${kept} row${kept === 1 ? ' is' : 's are'} in the queue or on the PBX now and ${kept === 1 ? 'was' : 'were'} left as ${kept === 1 ? 'it is' : 'they are'}.` : '';
    return { changed: ops.length, message: `${verb} ${label}.${note}`, rejected: [] };
  }

  /** Undoes the last step. */
  undo(): EditReport {
    const step = this.history.undo();
    if (!step) return { changed: 0, message: 'Nothing to undo.', rejected: [] };
    return this.replay(invertOps(step.ops), step.meta?.before, 'Undid', step.label);
  }

  /** Redoes the last undone step. */
  redo(): EditReport {
    const step = this.history.redo();
    if (!step) return { changed: 0, message: 'Nothing to redo.', rejected: [] };
    return this.replay([...step.ops], step.meta?.after, 'Redid', step.label);
  }
}
