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
  readonly rowNumber: number;
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
}

/** One grid row; re-renders only when its row, problems or selection change. */
export const GridRow = memo(function GridRow({ row, viewRow, rowNumber, top, width, index, problems, selLeft, selRight, focusCol }: GridRowProps) {
  const locked = row ? isLocked(row) : false;
  return (
    <div className={row ? 'grid-row' : 'grid-row new-row'} role="row" aria-rowindex={viewRow + 2} style={{ transform: `translateY(${top}px)`, width }} data-row-id={row?.id}>
      <div className="grid-rownum" role="rowheader" title={row ? `Row ${rowNumber}: ${STATE_LOOK[row.status].label}` : 'Type or paste here to add rows'}>
        <span>{row ? rowNumber : '+'}</span>
        {row && <span className={`status-chip st-${row.status}`}>{STATE_LOOK[row.status].icon}</span>}
      </div>
      {COLUMNS.map((column, col) => {
        const problem = worst(problems, column.key);
        const classes = ['cell'];
        if (column.mono) classes.push('mono');
        if (!column.editable) classes.push('readonly');
        if (locked && column.editable) classes.push('locked');
        if (col >= selLeft && col <= selRight) classes.push('sel');
        if (col === focusCol) classes.push('focus');
        if (problem) classes.push(`p-${problem.severity}`);
        const text = row ? cellText(row, column.key, index) : '';
        return (
          <div
            key={column.key}
            className={classes.join(' ')}
            style={{ width: column.width }}
            role="gridcell"
            aria-selected={col >= selLeft && col <= selRight}
            aria-invalid={problem?.severity === 'error' ? true : undefined}
            aria-description={problem?.message}
            data-row={viewRow}
            data-col={col}
            title={problem ? problem.message : text.length > 18 ? text : undefined}
          >
            {column.key === 'status' && row ? <span className={`status-chip st-${row.status}`}>{STATE_LOOK[row.status].icon}</span> : null}
            <span className="text">{column.key === 'status' && row ? STATE_LOOK[row.status].label : text}</span>
            {problem && (
              <span className={`picon picon-${problem.severity}`} aria-hidden="true">
                {SEVERITY_ICON[problem.severity]}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});
