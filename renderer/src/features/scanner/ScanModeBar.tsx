import { type RefObject, useState } from 'react';
import type { EditReport } from '../../../../shared/grid/commands';
import type { GridEditor } from '../../../../shared/grid/editor';
import { type ScanMode, fillTarget, rowLabel } from '../../../../shared/scanner/scan-commands';
import { LastScansPanel, ScanFlash } from './ScanFeedbackViews';
import { useScanMode } from './useScanMode';

/** Where the next MAC goes, in words. */
function nextTarget(editor: GridEditor, mode: ScanMode): string {
  if (mode === 'append') return `Each MAC adds a row (row ${editor.getRows().length + 1} next).`;
  const target = fillTarget({ selection: editor.getSelection(), rowCount: editor.rowCount, rowAt: (r) => editor.rowAt(r) });
  if (!target) return 'No selected row has an empty MAC: select the rows to fill.';
  return `Next MAC goes to ${rowLabel(editor.positionOf(target.row.id) + 1, target.row)}.`;
}

/**
 * The Site screen's scan mode: on/off, fill selected rows or add rows, "scan twice to confirm", the MAC
 * waiting for a confirmation, "Undo last scan", and the last scans with their outcome (with the big flash).
 * Scans need no focus anywhere: keyboard-mode scans are caught before they reach the grid.
 */
export function ScanModeBar({ editor, gridRef, onReport }: { editor: GridEditor; gridRef: RefObject<HTMLDivElement | null>; onReport: (report: EditReport) => void }) {
  const [on, setOn] = useState(false);
  const [mode, setMode] = useState<ScanMode>('fill');
  const [confirmTwice, setConfirmTwice] = useState(false);
  const scan = useScanMode(editor, { on, mode, confirmTwice }, onReport);
  const backToGrid = (): void => gridRef.current?.focus({ preventScroll: true });
  return (
    <section className={on ? 'scan-bar scan-bar-on' : 'scan-bar'} aria-label="Scan mode" data-testid="scan-bar" data-scan-mode={on ? mode : 'off'} data-handled={scan.handled}>
      <div className="scan-bar-row">
        <button
          type="button"
          className={on ? '' : 'button-quiet'}
          aria-pressed={on}
          data-testid="scan-mode-toggle"
          onClick={() => {
            setOn(!on);
            backToGrid();
          }}
        >
          {on ? '◉ Scan mode on' : '○ Scan mode'}
        </button>
        {on && (
          <>
            <label>
              <input type="radio" name="scan-mode" checked={mode === 'fill'} onChange={() => setMode('fill')} data-testid="scan-fill" /> Fill selected rows
            </label>
            <label>
              <input type="radio" name="scan-mode" checked={mode === 'append'} onChange={() => setMode('append')} data-testid="scan-append" /> Add rows
            </label>
            <label title="For noisy labels: a MAC is used only when the same barcode is read twice in a row">
              <input type="checkbox" checked={confirmTwice} onChange={(e) => setConfirmTwice(e.target.checked)} data-testid="scan-twice" /> Scan twice to confirm
            </label>
            <button type="button" className="button-quiet" disabled={!scan.canUndo} onClick={scan.undoLast} data-testid="undo-last-scan">
              Undo last scan
            </button>
            <span className="scan-target" data-testid="scan-target">
              {nextTarget(editor, mode)}
            </span>
          </>
        )}
      </div>
      {on && scan.waiting && (
        <div className="scan-confirm" role="alert" data-testid="scan-confirm">
          <span>{scan.waiting.message}</span>
          <button type="button" onClick={scan.confirm}>
            Use it
          </button>
          <button type="button" className="button-quiet" onClick={scan.refuse}>
            Refuse
          </button>
        </div>
      )}
      {on && <LastScansPanel scans={scan.scans.slice(0, 3)} compact />}
      {on && <ScanFlash scan={scan.scans[0]} />}
    </section>
  );
}
