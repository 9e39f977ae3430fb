import { useEffect, useMemo, useRef, useState } from 'react';
import type { Row } from '../../../../shared/domain/project';
import { type ColumnDef } from '../../../../shared/grid/columns';
import type { PbxIndex } from '../../../../shared/grid/pbx-index';
import { emptyPickerReason, hasPicker, pickOptions } from '../../../../shared/grid/pickers';
import { ROW_HEIGHT } from './GridRow';

/** Where the selection goes after an edit is saved. */
export type AfterEdit = 'down' | 'up' | 'right' | 'left' | 'stay';

interface CellEditorProps {
  readonly column: ColumnDef;
  readonly row: Row | undefined;
  readonly rows: readonly Row[];
  readonly index: PbxIndex;
  readonly initial: string;
  /** True when editing started by typing: the text replaces the cell, so the picker filters by it. */
  readonly typed: boolean;
  readonly left: number;
  readonly top: number;
  /** Snapshot age for the picker's footer, or null when not loaded. */
  readonly age: string | null;
  readonly onCommit: (text: string, after: AfterEdit) => void;
  readonly onCancel: () => void;
}

/**
 * The in-cell editor. Pick columns (vendor, model, template, method, extension) show the PBX's valid choices
 * under it, filtered by what is typed. Enter saves exactly what was typed unless a choice was picked with the
 * arrows or the mouse: typing "10" never silently becomes "100".
 */
export function CellEditor({ column, row, rows, index, initial, typed, left, top, age, onCommit, onCancel }: CellEditorProps) {
  const [text, setText] = useState(initial);
  const [filtering, setFiltering] = useState(typed);
  // Opened without typing: the current value is highlighted, so Enter keeps it and arrows move from it.
  const [active, setActive] = useState(() => (typed || !hasPicker(column.key) ? -1 : pickOptions(column.key, row, '', index, rows).findIndex((o) => o.value === initial)));
  const input = useRef<HTMLInputElement>(null);
  const listed = useRef<HTMLUListElement>(null);
  const done = useRef(false);
  const picker = hasPicker(column.key);
  const options = useMemo(() => (picker ? pickOptions(column.key, row, filtering ? text : '', index, rows) : []), [picker, column.key, row, filtering, text, index, rows]);
  const emptyReason = picker ? emptyPickerReason(column.key, row, index) : null;

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    const end = el.value.length;
    el.setSelectionRange(typed ? end : 0, end);
  }, [typed]);

  useEffect(() => {
    listed.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const finish = (value: string, after: AfterEdit): void => {
    if (done.current) return;
    done.current = true;
    onCommit(value, after);
  };
  const chosen = (): string => (active >= 0 && options[active] ? options[active].value : text);

  return (
    <div className={column.mono ? 'cell-editor mono' : 'cell-editor'} style={{ left, top, width: Math.max(column.width, picker ? 220 : 0) }}>
      <input
        ref={input}
        value={text}
        aria-label={`Edit ${column.label}`}
        data-testid="cell-editor"
        role={picker ? 'combobox' : undefined}
        aria-expanded={picker ? true : undefined}
        aria-controls={picker ? 'cell-picker' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setFiltering(true);
          setActive(-1);
        }}
        onBlur={() => finish(chosen(), 'stay')}
        onKeyDown={(e) => {
          const hasList = picker && options.length > 0;
          if (e.key === 'Enter') finish(chosen(), e.shiftKey ? 'up' : 'down');
          else if (e.key === 'Tab') finish(chosen(), e.shiftKey ? 'left' : 'right');
          else if (e.key === 'Escape') {
            done.current = true;
            onCancel();
          } else if (e.key === 'ArrowDown' && hasList) setActive((a) => Math.min(a + 1, options.length - 1));
          else if (e.key === 'ArrowUp' && hasList) setActive((a) => Math.max(a - 1, 0));
          else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !picker) finish(text, e.key === 'ArrowDown' ? 'down' : 'up');
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {picker && (
        <ul ref={listed} id="cell-picker" className="picker" role="listbox" aria-label={`${column.label} choices`} data-testid="cell-picker">
          {options.map((option, i) => (
            <li
              key={option.value}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => finish(option.value, 'stay')}
              onMouseEnter={() => setActive(i)}
            >
              <strong>{option.label}</strong>
              {option.detail && <span className="detail">{option.detail}</span>}
              {option.badge && <span className={`badge tone-${option.tone ?? 'ok'}`}>{option.badge}</span>}
            </li>
          ))}
          {options.length === 0 && <li className="empty">{emptyReason ?? 'Nothing matches: Enter keeps what you typed.'}</li>}
          {column.key === 'extension' && age && <li className="empty">PBX list from {age}</li>}
        </ul>
      )}
    </div>
  );
}

/** Top of the editor for a view row (rows are laid out at fixed heights). */
export function editorTop(viewRow: number): number {
  return viewRow * ROW_HEIGHT;
}
