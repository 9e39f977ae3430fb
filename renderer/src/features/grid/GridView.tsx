import { useVirtualizer } from '@tanstack/react-virtual';
import { type ClipboardEvent, type KeyboardEvent, type MouseEvent, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { isLocked, lockedReason } from '../../../../shared/grid/cells';
import { COLUMNS, columnAt } from '../../../../shared/grid/columns';
import type { EditReport } from '../../../../shared/grid/commands';
import type { GridEditor } from '../../../../shared/grid/editor';
import { keyToAction } from '../../../../shared/grid/keys';
import { hasPicker } from '../../../../shared/grid/pickers';
import { cellSelection, moveSelection, movePage, moveToEdge, rangeOf, selectAll, selectColumns, selectRows, selectTo, tabMove } from '../../../../shared/grid/selection';
import { type AfterEdit, CellEditor, editorTop } from './CellEditor';
import { GridRow, ROWNUM_WIDTH, ROW_HEIGHT, RowHeader } from './GridRow';

/** Height of the sticky column header. */
const HEADER_HEIGHT = 44;
const COLUMN_LEFT = COLUMNS.reduce<number[]>((acc, c, i) => [...acc, (acc[i] ?? ROWNUM_WIDTH) + c.width], [ROWNUM_WIDTH]);
const TOTAL_WIDTH = COLUMN_LEFT[COLUMNS.length] ?? 0;

interface Editing {
  readonly row: number;
  readonly col: number;
  readonly initial: string;
  readonly typed: boolean;
}

interface GridViewProps {
  readonly editor: GridEditor;
  /** Changes whenever the editor does (from useSyncExternalStore). */
  readonly version: number;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  readonly snapshotAge: string | null;
  readonly onReport: (report: EditReport) => void;
  readonly onHeaderClick: (col: number) => void;
  readonly sortMark: (col: number) => string;
}

/**
 * The assignment grid: a virtualised, keyboard-first spreadsheet over a {@link GridEditor}. Only the rows in
 * view (plus a few) are in the DOM, so 5 000 rows scroll like 50. Keys map to editor commands through the
 * pure keyboard map; clipboard events carry Excel-compatible TSV.
 */
export function GridView({ editor, version, gridRef, snapshotAge, onReport, onHeaderClick, sortMark }: GridViewProps) {
  const [editing, setEditing] = useState<Editing | undefined>();
  const dragging = useRef(false);
  const rowCount = editor.rowCount + 1; // the "new row" after the last
  // The virtualizer re-renders this component itself; nothing it returns is passed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows kept beyond the view cover a frame or two of compositor scrolling ahead of the main thread (80 px); each
    // extra row is another 11 cells to lay out and paint on every jump, so no more than that.
    overscan: 2,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // A first guess at the grid's size, so the very first render already shows rows (it is measured after).
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  // Columns are virtualised too: a row renders only the columns in view (plus one each side). Per scroll frame the
  // browser's work (style, layout, paint) grows with the cells in the DOM, and a third of the 15 columns are
  // usually off to the right.
  const columns = useVirtualizer({
    horizontal: true,
    count: COLUMNS.length,
    getScrollElement: () => gridRef.current,
    estimateSize: (col) => columnAt(col).width,
    overscan: 1,
    scrollMargin: ROWNUM_WIDTH,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  const columnItems = columns.getVirtualItems();
  const colStart = columnItems[0]?.index ?? 0;
  const colEnd = columnItems[columnItems.length - 1]?.index ?? COLUMNS.length - 1;
  const selection = editor.getSelection();
  const range = rangeOf(selection);
  const validation = editor.getValidation();
  const index = editor.getIndex();
  void version;

  // Keep the active cell in view after keyboard moves.
  const { row: focusRow, col: focusCol } = selection.focus;
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    virtualizer.scrollToIndex(focusRow, { align: 'auto' });
    const left = COLUMN_LEFT[focusCol] ?? 0;
    const right = COLUMN_LEFT[focusCol + 1] ?? left;
    if (left - ROWNUM_WIDTH < grid.scrollLeft) grid.scrollLeft = left - ROWNUM_WIDTH;
    else if (right > grid.scrollLeft + grid.clientWidth) grid.scrollLeft = right - grid.clientWidth;
  }, [focusRow, focusCol, virtualizer, gridRef]);

  const startEdit = useCallback(
    (row: number, col: number, initial: string | undefined): void => {
      const column = columnAt(col);
      const target = editor.rowAt(row);
      if (!column.editable) return onReport({ changed: 0, message: `${column.label} is filled in by the app.`, rejected: [] });
      if (target && isLocked(target)) return onReport({ changed: 0, message: lockedReason(target), rejected: [] });
      if (column.kind === 'bool' && initial === undefined) {
        onReport(editor.setCell(row, col, target && editor.cellText(row, col) === 'Yes' ? 'No' : 'Yes'));
        return;
      }
      setEditing({ row, col, initial: initial ?? editor.cellText(row, col), typed: initial !== undefined });
    },
    [editor, onReport],
  );

  const commit = (text: string, after: AfterEdit): void => {
    if (!editing) return;
    const report = editor.setCell(editing.row, editing.col, text);
    onReport(report);
    setEditing(undefined);
    const shape = editor.shape();
    const sel = cellSelection(editing.row, editing.col);
    if (after === 'down' || after === 'up') editor.select(moveSelection(sel, after, {}, shape));
    else if (after === 'right' || after === 'left') editor.select(tabMove(sel, after === 'left', shape));
    gridRef.current?.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (editing || e.target !== e.currentTarget) return;
    const action = keyToAction(e);
    if (!action) return;
    e.preventDefault();
    const shape = editor.shape();
    const sel = editor.getSelection();
    switch (action.type) {
      case 'move':
        return editor.select(moveSelection(sel, action.direction, action, shape));
      case 'edge':
        return editor.select(moveToEdge(sel, action.edge, action, shape));
      case 'page':
        return editor.select(movePage(sel, action.direction, Math.floor((gridRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2, action.extend, shape));
      case 'tab':
        return editor.select(tabMove(sel, action.backwards, shape));
      case 'select-all':
        return editor.select(selectAll(shape));
      case 'select-rows':
        return editor.select(selectRows(sel, shape));
      case 'select-columns':
        return editor.select(selectColumns(sel, shape));
      case 'edit':
        return startEdit(sel.focus.row, sel.focus.col, undefined);
      case 'open-picker':
        return hasPicker(columnAt(sel.focus.col).key) ? startEdit(sel.focus.row, sel.focus.col, undefined) : undefined;
      case 'type':
        if (action.text === ' ' && columnAt(sel.focus.col).kind === 'bool') return startEdit(sel.focus.row, sel.focus.col, undefined);
        return startEdit(sel.focus.row, sel.focus.col, action.text);
      case 'clear':
        return onReport(editor.clear());
      case 'fill-down':
        return onReport(editor.fillDown());
      case 'fill-series':
        return onReport(editor.fillSeries());
      case 'undo':
        return onReport(editor.undo());
      case 'redo':
        return onReport(editor.redo());
      case 'insert-rows':
        return onReport(editor.insertRows('above'));
      case 'delete-rows':
        return onReport(editor.deleteRows());
    }
  };

  const cellAt = (e: MouseEvent): { row: number; col: number } | undefined => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    const row = cell?.closest<HTMLElement>('[data-row]');
    if (!cell || !row) return undefined;
    return { row: Number(row.dataset.row), col: Number(cell.dataset.col) };
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>): void => {
    if (editing) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', editor.copy());
  };
  const onCut = (e: ClipboardEvent<HTMLDivElement>): void => {
    if (editing) return;
    e.preventDefault();
    const { text, report } = editor.cut();
    e.clipboardData.setData('text/plain', text);
    onReport(report);
  };
  const onPaste = (e: ClipboardEvent<HTMLDivElement>): void => {
    if (editing) return;
    e.preventDefault();
    onReport(editor.paste(e.clipboardData.getData('text/plain')));
  };

  const items = virtualizer.getVirtualItems();
  // Rows are keyed by slot, not by row id: a row scrolled out hands its DOM to the row scrolled in, so even a
  // jump to the far end of 5 000 rows updates text in place instead of creating and removing elements.
  const pool = Math.max(64, 2 ** Math.ceil(Math.log2(items.length + 1)));
  const editColumn = editing ? columnAt(editing.col) : undefined;
  return (
    <div
      ref={gridRef}
      className="grid"
      tabIndex={0}
      role="grid"
      aria-label="Phones and extensions"
      aria-rowcount={rowCount + 1}
      aria-colcount={COLUMNS.length}
      aria-multiselectable="true"
      data-testid="grid"
      data-rows={editor.rowCount}
      onKeyDown={onKeyDown}
      onCopy={onCopy}
      onCut={onCut}
      onPaste={onPaste}
      onMouseDown={(e) => {
        const header = (e.target as HTMLElement).closest<HTMLElement>('[data-rownum]');
        if (header && e.button === 0) {
          const row = Number(header.dataset.rownum);
          const sel = editor.getSelection();
          const anchorRow = e.shiftKey ? sel.anchor.row : row;
          editor.select({ anchor: { row: anchorRow, col: 0 }, focus: { row, col: COLUMNS.length - 1 } });
          return;
        }
        const at = cellAt(e);
        if (!at || e.button !== 0) return;
        dragging.current = true;
        editor.select(selectTo(editor.getSelection(), at, e.shiftKey, editor.shape()));
      }}
      onMouseMove={(e) => {
        if (!dragging.current || (e.buttons & 1) === 0) return;
        const at = cellAt(e);
        if (at) editor.select(selectTo(editor.getSelection(), at, true, editor.shape()));
      }}
      onMouseUp={() => (dragging.current = false)}
      onDoubleClick={(e) => {
        const at = cellAt(e);
        if (at) startEdit(at.row, at.col, undefined);
      }}
    >
      <div className="grid-header" role="row" style={{ width: TOTAL_WIDTH }}>
        <div className="grid-corner" />
        {COLUMNS.map((column, col) => (
          <div
            key={column.key}
            className={column.editable ? 'grid-hcell' : 'grid-hcell readonly'}
            role="columnheader"
            aria-colindex={col + 1}
            style={{ width: column.width }}
            title={`${column.help} Click to sort.`}
            onClick={() => onHeaderClick(col)}
          >
            {column.label}
            <span className="sort">{sortMark(col)}</span>
          </div>
        ))}
      </div>
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT, width: TOTAL_WIDTH }}>
        <div className="grid-rownums">
          {items.map((item) => {
            const row = editor.rowAt(item.index);
            return (
              <RowHeader
                key={item.index % pool}
                row={row}
                viewRow={item.index}
                rowNumber={row ? editor.positionOf(row.id) + 1 : 0}
                top={item.start - HEADER_HEIGHT}
                selected={item.index >= range.top && item.index <= range.bottom && range.left === 0 && range.right === COLUMNS.length - 1}
              />
            );
          })}
        </div>
        {items.map((item) => {
          const row = editor.rowAt(item.index);
          const selected = item.index >= range.top && item.index <= range.bottom;
          return (
            <GridRow
              key={item.index % pool}
              row={row}
              viewRow={item.index}
              top={item.start - HEADER_HEIGHT}
              width={TOTAL_WIDTH - ROWNUM_WIDTH}
              index={index}
              problems={row ? validation.byRow.get(row.id) : undefined}
              selLeft={selected ? range.left : -1}
              selRight={selected ? range.right : -2}
              focusCol={item.index === selection.focus.row ? selection.focus.col : -1}
              colStart={colStart}
              colEnd={colEnd}
            />
          );
        })}
        {editing && editColumn && (
          <CellEditor
            key={`${editing.row}:${editing.col}`}
            column={editColumn}
            row={editor.rowAt(editing.row)}
            rows={editor.getRows()}
            index={index}
            initial={editing.initial}
            typed={editing.typed}
            left={COLUMN_LEFT[editing.col] ?? 0}
            top={editorTop(editing.row)}
            age={snapshotAge}
            onCommit={commit}
            onCancel={() => {
              setEditing(undefined);
              gridRef.current?.focus({ preventScroll: true });
            }}
          />
        )}
      </div>
    </div>
  );
}
