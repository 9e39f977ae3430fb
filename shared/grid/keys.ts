import type { Direction } from './selection';

/** The parts of a keyboard event the grid reads. */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** What a key does in the grid while no cell is being edited. */
export type GridAction =
  | { readonly type: 'move'; readonly direction: Direction; readonly extend: boolean; readonly jump: boolean }
  | { readonly type: 'edge'; readonly edge: 'start' | 'end'; readonly extend: boolean; readonly jump: boolean }
  | { readonly type: 'page'; readonly direction: 'up' | 'down'; readonly extend: boolean }
  | { readonly type: 'tab'; readonly backwards: boolean }
  | { readonly type: 'edit' }
  | { readonly type: 'open-picker' }
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'clear' }
  | { readonly type: 'fill-down' }
  | { readonly type: 'fill-series' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'select-all' }
  | { readonly type: 'select-rows' }
  | { readonly type: 'select-columns' }
  | { readonly type: 'insert-rows' }
  | { readonly type: 'delete-rows' };

const ARROWS: Readonly<Record<string, Direction>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** The keyboard map, for the help panel and the README. */
export const KEY_MAP: readonly (readonly [keys: string, does: string])[] = [
  ['Arrows', 'move one cell'],
  ['Shift+Arrows', 'extend the selection'],
  ['Ctrl+Arrows', 'jump to the edge of the data (as in Excel); with Shift, extend'],
  ['Home / End', 'first / last column of the row'],
  ['Ctrl+Home / Ctrl+End', 'first / last cell'],
  ['Page Up / Page Down', 'a screenful up / down'],
  ['Tab / Shift+Tab', 'next / previous cell'],
  ['Enter or F2', 'edit the cell (Enter again saves and moves down; Esc cancels)'],
  ['Alt+Down', 'open the picker (vendor, model, template, method, extension)'],
  ['typing', 'replaces the cell’s content'],
  ['Space', 'toggles a yes/no cell'],
  ['Delete / Backspace', 'clear the selected cells'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', 'copy / cut / paste (tab-separated, works with Excel and Google Sheets)'],
  ['Ctrl+D', 'fill down'],
  ['Ctrl+Shift+D', 'fill series (extensions count up through free PBX extensions)'],
  ['Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z)', 'undo / redo'],
  ['Ctrl+A', 'select all'],
  ['Shift+Space / Ctrl+Space', 'select the whole rows / columns'],
  ['Ctrl+Shift+= (Ctrl +) / Ctrl+-', 'insert rows / delete rows'],
];

function withMod(key: string, shift: boolean): GridAction | null {
  switch (key.toLowerCase()) {
    case 'z':
      return shift ? { type: 'redo' } : { type: 'undo' };
    case 'y':
      return { type: 'redo' };
    case 'd':
      return shift ? { type: 'fill-series' } : { type: 'fill-down' };
    case 'a':
      return { type: 'select-all' };
    case ' ':
      return { type: 'select-columns' };
    case '+':
    case '=':
      return shift || key === '+' ? { type: 'insert-rows' } : null;
    case '-':
      return { type: 'delete-rows' };
    default:
      return null;
  }
}

/**
 * Maps a key press to a grid action, or null to let the browser have it (Ctrl+C/X/V arrive as clipboard
 * events; Ctrl on Windows/Linux and Cmd on macOS count the same).
 */
export function keyToAction(e: KeyLike): GridAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const direction = ARROWS[e.key];
  if (direction) return e.altKey ? (direction === 'down' ? { type: 'open-picker' } : null) : { type: 'move', direction, extend: e.shiftKey, jump: mod };
  if (e.altKey) return null;
  if (e.key === 'Home' || e.key === 'End') return { type: 'edge', edge: e.key === 'Home' ? 'start' : 'end', extend: e.shiftKey, jump: mod };
  if (mod) return withMod(e.key, e.shiftKey);
  switch (e.key) {
    case 'PageUp':
      return { type: 'page', direction: 'up', extend: e.shiftKey };
    case 'PageDown':
      return { type: 'page', direction: 'down', extend: e.shiftKey };
    case 'Tab':
      return { type: 'tab', backwards: e.shiftKey };
    case 'Enter':
    case 'F2':
      return { type: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { type: 'clear' };
    case ' ':
      return e.shiftKey ? { type: 'select-rows' } : { type: 'type', text: ' ' };
    default:
      return e.key.length === 1 ? { type: 'type', text: e.key } : null;
  }
}
