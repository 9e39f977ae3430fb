import { describe, expect, it } from 'vitest';
import { keyToAction } from '../../shared/grid/keys';
import {
  type GridShape,
  cellSelection,
  jumpTarget,
  moveSelection,
  moveToEdge,
  rangeOf,
  selectAll,
  selectColumns,
  selectRows,
  tabMove,
} from '../../shared/grid/selection';

/** A 10×3 sheet; column 0 filled in rows 0–3 and 6–7 (a gap at 4–5, empty 8–9). */
const filled = new Set(['0,0', '1,0', '2,0', '3,0', '6,0', '7,0']);
const shape: GridShape = { rowCount: 10, colCount: 3, isEmpty: (r, c) => !filled.has(`${r},${c}`) };

describe('selection', () => {
  it('moves one cell and stops at the edges', () => {
    expect(moveSelection(cellSelection(0, 0), 'up', {}, shape).focus).toEqual({ row: 0, col: 0 });
    expect(moveSelection(cellSelection(0, 0), 'down', {}, shape).focus).toEqual({ row: 1, col: 0 });
    expect(moveSelection(cellSelection(9, 2), 'right', {}, shape).focus).toEqual({ row: 9, col: 2 });
  });

  it('Shift extends from a fixed anchor', () => {
    let s = cellSelection(2, 1);
    s = moveSelection(s, 'down', { extend: true }, shape);
    s = moveSelection(s, 'down', { extend: true }, shape);
    s = moveSelection(s, 'left', { extend: true }, shape);
    expect(s.anchor).toEqual({ row: 2, col: 1 });
    expect(rangeOf(s)).toEqual({ top: 2, bottom: 4, left: 0, right: 1 });
  });

  it('Ctrl+arrows jump to the data edge as in Excel', () => {
    // Inside a block: to its last filled cell.
    expect(jumpTarget({ row: 0, col: 0 }, 'down', shape)).toEqual({ row: 3, col: 0 });
    // At a block's end: over the gap to the next filled cell.
    expect(jumpTarget({ row: 3, col: 0 }, 'down', shape)).toEqual({ row: 6, col: 0 });
    expect(jumpTarget({ row: 6, col: 0 }, 'down', shape)).toEqual({ row: 7, col: 0 });
    // Past the last data: to the grid's edge.
    expect(jumpTarget({ row: 7, col: 0 }, 'down', shape)).toEqual({ row: 9, col: 0 });
    expect(jumpTarget({ row: 9, col: 0 }, 'up', shape)).toEqual({ row: 7, col: 0 });
    // An empty column: straight to the edge.
    expect(jumpTarget({ row: 0, col: 1 }, 'down', shape)).toEqual({ row: 9, col: 1 });
    // Ctrl+Shift+Down extends.
    const s = moveSelection(cellSelection(0, 0), 'down', { extend: true, jump: true }, shape);
    expect(rangeOf(s)).toEqual({ top: 0, bottom: 3, left: 0, right: 0 });
  });

  it('Home/End go along the row; with Ctrl to the corners', () => {
    expect(moveToEdge(cellSelection(4, 1), 'end', {}, shape).focus).toEqual({ row: 4, col: 2 });
    expect(moveToEdge(cellSelection(4, 1), 'start', {}, shape).focus).toEqual({ row: 4, col: 0 });
    expect(moveToEdge(cellSelection(4, 1), 'end', { jump: true }, shape).focus).toEqual({ row: 9, col: 2 });
    expect(moveToEdge(cellSelection(4, 1), 'start', { jump: true }, shape).focus).toEqual({ row: 0, col: 0 });
  });

  it('Tab wraps to the next row; whole rows, columns and all', () => {
    expect(tabMove(cellSelection(0, 2), false, shape).focus).toEqual({ row: 1, col: 0 });
    expect(tabMove(cellSelection(1, 0), true, shape).focus).toEqual({ row: 0, col: 2 });
    expect(rangeOf(selectRows(cellSelection(3, 1), shape))).toEqual({ top: 3, bottom: 3, left: 0, right: 2 });
    expect(rangeOf(selectColumns(cellSelection(3, 1), shape))).toEqual({ top: 0, bottom: 9, left: 1, right: 1 });
    expect(rangeOf(selectAll(shape))).toEqual({ top: 0, bottom: 9, left: 0, right: 2 });
  });
});

describe('keyboard map', () => {
  const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) =>
    keyToAction({ key: k, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta });

  it('maps the spreadsheet keys', () => {
    expect(key('ArrowDown', { shift: true, ctrl: true })).toEqual({ type: 'move', direction: 'down', extend: true, jump: true });
    expect(key('End', { ctrl: true })).toEqual({ type: 'edge', edge: 'end', extend: false, jump: true });
    expect(key('Enter')).toEqual({ type: 'edit' });
    expect(key('F2')).toEqual({ type: 'edit' });
    expect(key('Delete')).toEqual({ type: 'clear' });
    expect(key('d', { ctrl: true })).toEqual({ type: 'fill-down' });
    expect(key('D', { ctrl: true, shift: true })).toEqual({ type: 'fill-series' });
    expect(key('z', { meta: true })).toEqual({ type: 'undo' });
    expect(key('Z', { ctrl: true, shift: true })).toEqual({ type: 'redo' });
    expect(key('y', { ctrl: true })).toEqual({ type: 'redo' });
    expect(key('ArrowDown', { alt: true })).toEqual({ type: 'open-picker' });
    expect(key('7')).toEqual({ type: 'type', text: '7' });
    expect(key(' ', { shift: true })).toEqual({ type: 'select-rows' });
  });

  it('leaves clipboard shortcuts and unknown keys to the browser', () => {
    expect(key('c', { ctrl: true })).toBeNull();
    expect(key('v', { ctrl: true })).toBeNull();
    expect(key('x', { ctrl: true })).toBeNull();
    expect(key('Shift', { shift: true })).toBeNull();
    expect(key('1', { alt: true })).toBeNull();
  });
});
