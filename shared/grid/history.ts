import { type Row, rowSchema } from '../domain/project';

/**
 * Undo/redo as patches. An update records only the fields it changed, so undoing it restores those fields and
 * nothing else: a status the queue set in between is kept. Deletes are recorded by row id, so rows added
 * meanwhile (a scanner, discovery) do not shift what an undo removes. A 5 000-row paste is one step.
 */

/** Some fields of a row. */
export type RowFields = Partial<Omit<Row, 'id'>>;

/** One change to the stored rows. */
export type Op =
  | { readonly kind: 'update'; readonly id: string; readonly before: RowFields; readonly after: RowFields }
  | { readonly kind: 'insert'; readonly index: number; readonly rows: readonly Row[] }
  | { readonly kind: 'delete'; readonly index: number; readonly rows: readonly Row[] };

/** One undoable step: everything a single command changed, applied in order. */
export interface Step<M = unknown> {
  /** What the step did, for the Undo button's tooltip ("Undo paste of 100 rows"). */
  readonly label: string;
  readonly ops: readonly Op[];
  /** What the caller wants back on undo/redo (e.g. the selection before and after). */
  readonly meta?: M;
}

/** Every row field but the id (from the schema, so a field added to rows is diffed too). */
const ROW_FIELDS = Object.keys(rowSchema.shape).filter((key) => key !== 'id') as (keyof Row)[];

/** The update op turning `before` into `after` (same row id), or null when they hold the same values. */
export function diffRow(before: Row, after: Row): Op | null {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  let changed = false;
  for (const key of ROW_FIELDS) {
    if (before[key] !== after[key]) {
      was[key] = before[key];
      now[key] = after[key];
      changed = true;
    }
  }
  return changed ? { kind: 'update', id: before.id, before: was, after: now } : null;
}

/** What applying ops did. */
export interface Applied {
  readonly rows: Row[];
  /** Ids of rows an update left alone because `keep` said so (e.g. rows the queue has locked since). */
  readonly kept: readonly string[];
}

/**
 * Applies ops to rows and returns a new array (the input is not changed). Updates to rows that no longer
 * exist are ignored; `keep` can protect rows from updates.
 */
export function applyOps(rows: readonly Row[], ops: readonly Op[], keep: (row: Row) => boolean = () => false): Applied {
  let next = rows.slice();
  const kept: string[] = [];
  let positions: Map<string, number> | undefined;
  for (const op of ops) {
    if (op.kind === 'update') {
      positions ??= new Map(next.map((row, i) => [row.id, i]));
      const at = positions.get(op.id);
      const current = at === undefined ? undefined : next[at];
      if (at === undefined || current === undefined) continue;
      if (keep(current)) kept.push(op.id);
      else next[at] = { ...current, ...op.after };
    } else if (op.kind === 'insert') {
      next.splice(Math.min(op.index, next.length), 0, ...op.rows);
      positions = undefined;
    } else {
      const gone = new Set(op.rows.map((r) => r.id));
      next = next.filter((row) => !gone.has(row.id));
      positions = undefined;
    }
  }
  return { rows: next, kept };
}

/** The ops that undo `ops`. */
export function invertOps(ops: readonly Op[]): Op[] {
  const inverse: Op[] = [];
  for (let i = ops.length - 1; i >= 0; i -= 1) {
    const op = ops[i]!;
    if (op.kind === 'update') inverse.push({ kind: 'update', id: op.id, before: op.after, after: op.before });
    else if (op.kind === 'insert') inverse.push({ kind: 'delete', index: op.index, rows: op.rows });
    else inverse.push({ kind: 'insert', index: op.index, rows: op.rows });
  }
  return inverse;
}

/** Roughly how many rows' worth of memory a step keeps alive: the measure the history's bound uses. */
export function stepCost(step: Step): number {
  let cost = 0;
  for (const op of step.ops) cost += op.kind === 'update' ? 1 : op.rows.length;
  return cost;
}

/** Limits that keep the history's memory bounded. */
export interface HistoryLimits {
  /** Steps kept for undo. */
  readonly maxSteps: number;
  /** Rows' worth of changes kept across all steps; the oldest steps go first. The newest step is always kept. */
  readonly maxCost: number;
}

/** Defaults: 200 steps, or about 20 full 5 000-row pastes. */
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxSteps: 200, maxCost: 200_000 };

/** An undo stack and a redo stack with a memory bound. */
export class History<M = unknown> {
  private readonly past: Step<M>[] = [];
  private future: Step<M>[] = [];
  private cost = 0;

  constructor(private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS) {}

  /** Records a step the caller has just applied; clears redo. Empty steps are not recorded. */
  push(step: Step<M>): void {
    if (step.ops.length === 0) return;
    this.past.push(step);
    this.cost += stepCost(step);
    this.future = [];
    while (this.past.length > 1 && (this.past.length > this.limits.maxSteps || this.cost > this.limits.maxCost)) {
      this.cost -= stepCost(this.past.shift()!);
    }
  }

  /** The step to undo (the caller applies `invertOps(step.ops)`), moved to the redo stack. */
  undo(): Step<M> | undefined {
    const step = this.past.pop();
    if (!step) return undefined;
    this.cost -= stepCost(step);
    this.future.push(step);
    return step;
  }

  /** The step to redo (the caller applies `step.ops` again), moved back to the undo stack. */
  redo(): Step<M> | undefined {
    const step = this.future.pop();
    if (!step) return undefined;
    this.past.push(step);
    this.cost += stepCost(step);
    return step;
  }

  /** Forgets everything (a different project was loaded). */
  clear(): void {
    this.past.length = 0;
    this.future = [];
    this.cost = 0;
  }

  /** Label of the step Undo would revert, if any. */
  get undoLabel(): string | undefined {
    return this.past[this.past.length - 1]?.label;
  }

  /** Label of the step Redo would apply, if any. */
  get redoLabel(): string | undefined {
    return this.future[this.future.length - 1]?.label;
  }

  /** Steps available to undo. */
  get depth(): number {
    return this.past.length;
  }

  /** Rows' worth of changes currently held (for tests of the memory bound). */
  get heldCost(): number {
    return this.cost;
  }
}
