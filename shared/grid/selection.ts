/** A cell by position in the current view: row index in the view, column index in {@link COLUMNS}. */
export interface CellAddress {
  readonly row: number;
  readonly col: number;
}

/**
 * A rectangular selection as spreadsheets keep it: the anchor is where it started (and stays put while
 * Shift extends), the focus is the active cell that moves.
 */
export interface Selection {
  readonly anchor: CellAddress;
  readonly focus: CellAddress;
}

/** A selection's rectangle, inclusive on all sides. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A direction for arrow keys. */
export type Direction = 'up' | 'down' | 'left' | 'right';

/** The grid's size and contents as selection moves see them. */
export interface GridShape {
  readonly rowCount: number;
  readonly colCount: number;
  /** True when the cell holds nothing (Ctrl+arrows stop at the edges of data, as in Excel). */
  isEmpty(row: number, col: number): boolean;
}

/** How a move treats the selection. */
export interface MoveOptions {
  /** Shift held: keep the anchor, move the focus. */
  readonly extend?: boolean;
  /** Ctrl held: jump to the edge of the data. */
  readonly jump?: boolean;
}

/** A selection of one cell. */
export function cellSelection(row: number, col: number): Selection {
  const at = { row, col };
  return { anchor: at, focus: at };
}

/** The rectangle a selection covers. */
export function rangeOf(selection: Selection): CellRange {
  const { anchor, focus } = selection;
  return {
    top: Math.min(anchor.row, focus.row),
    bottom: Math.max(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    right: Math.max(anchor.col, focus.col),
  };
}

const clamp = (value: number, max: number): number => Math.max(0, Math.min(value, Math.max(0, max)));

function clampCell(cell: CellAddress, shape: Pick<GridShape, 'rowCount' | 'colCount'>): CellAddress {
  return { row: clamp(cell.row, shape.rowCount - 1), col: clamp(cell.col, shape.colCount - 1) };
}

/** Keeps a selection inside the grid after rows were removed or a filter shrank the view. */
export function clampSelection(selection: Selection, shape: Pick<GridShape, 'rowCount' | 'colCount'>): Selection {
  return { anchor: clampCell(selection.anchor, shape), focus: clampCell(selection.focus, shape) };
}

/** Moves or extends to a cell. */
export function selectTo(selection: Selection, target: CellAddress, extend: boolean, shape: Pick<GridShape, 'rowCount' | 'colCount'>): Selection {
  const focus = clampCell(target, shape);
  return extend ? { anchor: selection.anchor, focus } : { anchor: focus, focus };
}

const STEP: Readonly<Record<Direction, CellAddress>> = {
  up: { row: -1, col: 0 },
  down: { row: 1, col: 0 },
  left: { row: 0, col: -1 },
  right: { row: 0, col: 1 },
};

function inside(cell: CellAddress, shape: GridShape): boolean {
  return cell.row >= 0 && cell.col >= 0 && cell.row < shape.rowCount && cell.col < shape.colCount;
}

/**
 * Where Ctrl+arrow lands, as in Excel: inside a block of filled cells, its last cell; otherwise the next
 * filled cell in that direction; with none, the grid's edge.
 */
export function jumpTarget(from: CellAddress, direction: Direction, shape: GridShape): CellAddress {
  const step = STEP[direction];
  const next = (cell: CellAddress): CellAddress => ({ row: cell.row + step.row, col: cell.col + step.col });
  let cell = from;
  const first = next(cell);
  if (!inside(first, shape)) return from;
  if (!shape.isEmpty(from.row, from.col) && !shape.isEmpty(first.row, first.col)) {
    while (inside(next(cell), shape) && !shape.isEmpty(next(cell).row, next(cell).col)) cell = next(cell);
    return cell;
  }
  cell = first;
  while (shape.isEmpty(cell.row, cell.col) && inside(next(cell), shape)) cell = next(cell);
  return cell;
}

/** Arrow keys: one cell, or (Ctrl) to the data edge; Shift extends. */
export function moveSelection(selection: Selection, direction: Direction, options: MoveOptions, shape: GridShape): Selection {
  const from = selection.focus;
  const step = STEP[direction];
  const target = options.jump ? jumpTarget(from, direction, shape) : { row: from.row + step.row, col: from.col + step.col };
  return selectTo(selection, target, options.extend ?? false, shape);
}

/** Home/End: first or last column of the row; with Ctrl, the first or last cell of the grid. */
export function moveToEdge(selection: Selection, edge: 'start' | 'end', options: MoveOptions, shape: GridShape): Selection {
  const { row } = selection.focus;
  const target =
    edge === 'start'
      ? { row: options.jump ? 0 : row, col: 0 }
      : { row: options.jump ? shape.rowCount - 1 : row, col: shape.colCount - 1 };
  return selectTo(selection, target, options.extend ?? false, shape);
}

/** Page Up/Down: moves by a screenful of rows. */
export function movePage(selection: Selection, direction: 'up' | 'down', pageRows: number, extend: boolean, shape: GridShape): Selection {
  const delta = Math.max(1, pageRows) * (direction === 'up' ? -1 : 1);
  return selectTo(selection, { row: selection.focus.row + delta, col: selection.focus.col }, extend, shape);
}

/** Ctrl+A: every cell. */
export function selectAll(shape: Pick<GridShape, 'rowCount' | 'colCount'>): Selection {
  return { anchor: { row: 0, col: 0 }, focus: clampCell({ row: shape.rowCount - 1, col: shape.colCount - 1 }, shape) };
}

/** Shift+Space: the selected rows, every column. */
export function selectRows(selection: Selection, shape: Pick<GridShape, 'rowCount' | 'colCount'>): Selection {
  const { top, bottom } = rangeOf(selection);
  return { anchor: { row: top, col: 0 }, focus: clampCell({ row: bottom, col: shape.colCount - 1 }, shape) };
}

/** Ctrl+Space: the selected columns, every row. */
export function selectColumns(selection: Selection, shape: Pick<GridShape, 'rowCount' | 'colCount'>): Selection {
  const { left, right } = rangeOf(selection);
  return { anchor: { row: 0, col: left }, focus: clampCell({ row: shape.rowCount - 1, col: right }, shape) };
}

/** Tab / Shift+Tab: next or previous cell along the row, wrapping to the next or previous row. */
export function tabMove(selection: Selection, backwards: boolean, shape: Pick<GridShape, 'rowCount' | 'colCount'>): Selection {
  let { row, col } = selection.focus;
  col += backwards ? -1 : 1;
  if (col >= shape.colCount) {
    col = 0;
    row += 1;
  } else if (col < 0) {
    col = shape.colCount - 1;
    row -= 1;
  }
  if (row < 0 || row >= shape.rowCount) return selection;
  return cellSelection(row, col);
}
