import { emptyRow, type Row } from '../domain/project';
import type { CommandContext, CommandResult } from './commands';
import type { Op } from './history';
import { rangeOf } from './selection';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Inserts as many blank rows as the selection has rows, above or below it (as Excel's Insert does). In a
 * sorted or filtered view the new rows appear where they were inserted; in the stored rows they go next to
 * the row they were inserted at.
 */
export function insertRows(ctx: CommandContext, where: 'above' | 'below'): CommandResult {
  const range = rangeOf(ctx.selection);
  const count = range.bottom - range.top + 1;
  const viewAt = where === 'above' ? range.top : range.bottom + 1;
  const neighbour = ctx.rowAt(where === 'above' ? range.top : range.bottom);
  const storedAt = neighbour === undefined ? ctx.rows.length : ctx.positionOf(neighbour.id) + (where === 'above' ? 0 : 1);
  const rows: Row[] = Array.from({ length: count }, () => emptyRow(ctx.newId(), 'typed'));
  const at = Math.min(viewAt, ctx.view.length);
  return {
    label: `insert ${plural(count, 'row')}`,
    ops: [{ kind: 'insert', index: storedAt, rows }],
    selection: { anchor: { row: at, col: range.left }, focus: { row: at + count - 1, col: range.right } },
    viewInsert: { at, ids: rows.map((r) => r.id) },
    report: { changed: count, message: `Inserted ${plural(count, 'row')}.`, rejected: [] },
  };
}

/**
 * Deletes the selected rows. Rows queued or being sent stay (the queue owns them). Deleting a row already on
 * the PBX removes it from the project only; the message says so, because the phone stays on the PBX.
 */
export function deleteRows(ctx: CommandContext): CommandResult {
  const range = rangeOf(ctx.selection);
  const positions: number[] = [];
  let inQueue = 0;
  let onPbx = 0;
  for (let r = range.top; r <= range.bottom; r += 1) {
    const row = ctx.rowAt(r);
    if (!row) continue;
    if (row.status === 'queued' || row.status === 'sending') {
      inQueue += 1;
      continue;
    }
    if (row.status === 'on-pbx') onPbx += 1;
    positions.push(ctx.positionOf(row.id));
  }
  // Contiguous runs, last first, so each recorded index is still right when the step is undone in reverse.
  positions.sort((a, b) => b - a);
  const ops: Op[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const start = run[run.length - 1]!;
    ops.push({ kind: 'delete', index: start, rows: ctx.rows.slice(start, start + run.length) });
    run = [];
  };
  for (const p of positions) {
    if (run.length > 0 && run[run.length - 1]! - 1 !== p) flush();
    run.push(p);
  }
  flush();
  const notes: string[] = [];
  if (inQueue > 0) notes.push(`${plural(inQueue, 'row')} in the queue ${inQueue === 1 ? 'was' : 'were'} kept: take ${inQueue === 1 ? 'it' : 'them'} out of the queue first`);
  if (onPbx > 0) notes.push(`${plural(onPbx, 'phone')} already on the PBX stay${onPbx === 1 ? 's' : ''} there: only the row${onPbx === 1 ? ' was' : 's were'} removed`);
  const message = `Deleted ${plural(positions.length, 'row')}.${notes.length > 0 ? ` ${notes.join('. ')}.` : ''}`;
  const top = Math.min(range.top, Math.max(0, ctx.view.length - positions.length - 1));
  return {
    label: `delete ${plural(positions.length, 'row')}`,
    ops,
    selection: { anchor: { row: top, col: range.left }, focus: { row: top, col: range.left } },
    report: { changed: positions.length, message, rejected: [] },
  };
}
