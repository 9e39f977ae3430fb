import { memo } from 'react';
import type { Row, RowState } from '../../../../shared/domain/project';
import { cellText, isLocked } from '../../../../shared/grid/cells';
import { COLUMNS } from '../../../../shared/grid/columns';
import type { PbxIndex } from '../../../../shared/grid/pbx-index';
import type { CellProblem, Severity } from '../../../../shared/grid/validate';

/** Height of a grid row in pixels (large enough to read and hit on a laptop in a plant room). */
export const ROW_HEIGHT = 40;
/** Width of the row-number column. */
export const ROWNUM_WIDTH = 76;

/** Icon and words for each row state, so state never depends on colour alone. */
export const STATE_LOOK: Readonly<Record<RowState, { icon: string; label: string }>> = {
  draft: { icon: '○', label: 'Draft' },
  queued: { icon: '◔', label: 'Queued' },
  sending: { icon: '↻', label: 'Sending' },
  'on-pbx': { icon: '✓', label: 'On PBX' },
  failed: { icon: '✕', label: 'Failed' },
  conflict: { icon: '⚠', label: 'Conflict' },
};

/** Icon per problem severity. */
export const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: '!', warning: '⚠', info: 'i' };

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** The worst problem on a cell. */
export function worst(problems: readonly CellProblem[] | undefined, column: string): CellProblem | undefined {
  let found: CellProblem | undefined;
  for (const p of problems ?? []) if (p.column === column && (!found || RANK[p.severity] > RANK[found.severity])) found = p;
  return found;
}

interface GridRowProps {
  readonly row: Row | undefined;
  readonly viewRow: number;
  readonly top: number;
  readonly width: number;
  /** Lookups over the PBX snapshot (for the extension's name). */
  readonly index: PbxIndex;
  readonly problems: readonly CellProblem[] | undefined;
  /** Selected columns in this row, or null. */
  readonly selLeft: number;
  readonly selRight: number;
  /** Column of the active cell when it is in this row, else -1. */
  readonly focusCol: number;
  /** First and last column to render (the columns in view); the others are left out of the DOM. */
  readonly colStart: number;
  readonly colEnd: number;
}

// Constant style objects: React skips diffing a style it has seen before, which matters when every row of a
// jump re-renders.
const CELL_STYLES = COLUMNS.map((column) => ({ width: column.width }));
const CELL_BASE = COLUMNS.map((column) => `cell${column.mono ? ' mono' : ''}${column.editable ? '' : ' readonly'}`);
/** Left edge of each column inside a row (the row starts after the row-number column). */
const CELL_LEFT = COLUMNS.reduce<number[]>((acc, column, i) => [...acc, (acc[i] ?? 0) + column.width], [0]);

/** One row's cells in view; re-renders only when its row, problems, selection or the columns in view change. Cells are one element each. */
export const GridRow = memo(function GridRow({ row, viewRow, top, width, index, problems, selLeft, selRight, focusCol, colStart, colEnd }: GridRowProps) {
  const locked = row ? isLocked(row) : false;
  const cells = [];
  for (let col = colStart; col <= colEnd; col += 1) cells.push(col);
  return (
    <div className="grid-row" role="row" aria-rowindex={viewRow + 2} style={{ transform: `translateY(${top}px)`, width, paddingLeft: CELL_LEFT[colStart] }} data-row={viewRow} data-row-id={row?.id}>
      {cells.map((col) => {
        const column = COLUMNS[col]!;
        const problem = problems && worst(problems, column.key);
        const selected = col >= selLeft && col <= selRight;
        let classes = CELL_BASE[col]!;
        if (locked && column.editable) classes += ' locked';
        if (selected) classes += ' sel';
        if (col === focusCol) classes += ' focus';
        if (problem) classes += ` p-${problem.severity}`;
        if (column.key === 'status' && row) classes += ` st-${row.status}`;
        if (column.key === 'source' && row?.seenOnNetwork) classes += ' seen-net';
        const text = !row ? '' : column.key === 'status' ? `${STATE_LOOK[row.status].icon} ${STATE_LOOK[row.status].label}` : cellText(row, column.key, index);
        return (
          <div
            key={column.key}
            className={classes}
            style={CELL_STYLES[col]}
            role="gridcell"
            aria-colindex={col + 1}
            aria-selected={selected || undefined}
            aria-invalid={problem?.severity === 'error' || undefined}
            data-col={col}
            title={problem ? problem.message : text.length > 18 ? text : undefined}
          >
            {text}
          </div>
        );
      })}
    </div>
  );
});

/** A row's number (its place in the project) and state icon, in the frozen column at the left. */
export const RowHeader = memo(function RowHeader({ row, viewRow, rowNumber, top, selected }: { row: Row | undefined; viewRow: number; rowNumber: number; top: number; selected: boolean }) {
  return (
    <div
      className={`grid-rownum${row ? ` st-${row.status}` : ' new-row'}${selected ? ' sel' : ''}`}
      role="rowheader"
      style={{ transform: `translateY(${top}px)` }}
      data-rownum={viewRow}
      title={row ? `Row ${rowNumber}: ${STATE_LOOK[row.status].label}. Click to select the row.` : 'Type or paste here to add rows'}
    >
      {row ? `${rowNumber} ${STATE_LOOK[row.status].icon}` : '+'}
    </div>
  );
});
