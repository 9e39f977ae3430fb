import { ROW_STATES, type RowState } from '../../../../shared/domain/project';
import type { EditReport } from '../../../../shared/grid/commands';
import type { GridEditor } from '../../../../shared/grid/editor';
import { KEY_MAP } from '../../../../shared/grid/keys';
import { PLAIN_VIEW, type ViewSpec, isPlainView } from '../../../../shared/grid/view';
import { Dialog } from '../pbx/Dialog';
import { STATE_LOOK } from './GridRow';

/** The dialogs the toolbar opens. */
export type GridDialog = 'bulk' | 'import' | 'help';

interface ToolbarProps {
  readonly editor: GridEditor;
  /** "Queue for PBX": rows ready to queue, and the action (the queue panel's). */
  readonly queue?: { readonly ready: number; readonly onQueue: () => void };
  readonly onReport: (report: EditReport) => void;
  readonly onDialog: (dialog: GridDialog) => void;
  readonly onExport: (format: 'ours' | 'pbx') => void;
}

/** Commands for people who prefer the mouse (every one also has a key), and the view's sort and filters. */
export function Toolbar({ editor, onReport, onDialog, onExport, queue }: ToolbarProps) {
  const history = editor.historyState();
  const spec = editor.getViewSpec();
  const vendors = [...new Set(editor.getRows().map((r) => r.vendor).filter((v) => v !== ''))].sort();
  const setSpec = (change: Partial<ViewSpec>): void => editor.setViewSpec({ ...spec, ...change });
  const nameProblems = (editor.getValidation().counts.byCode['pbx-spelling'] ?? 0) > 0;
  return (
    <div className="toolbar" role="toolbar" aria-label="Grid commands">
      {queue && (
        <div className="group">
          <button type="button" onClick={queue.onQueue} disabled={queue.ready === 0} title="Queue every valid draft row for the PBX (Ctrl+Shift+Enter)" data-testid="queue-add">
            Queue for PBX{queue.ready > 0 ? ` (${queue.ready})` : ''}
          </button>
        </div>
      )}
      <div className="group">
        <button type="button" className="button-quiet" disabled={!history.canUndo} onClick={() => onReport(editor.undo())} title={history.undoLabel ? `Undo ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>
          ↶ Undo
        </button>
        <button type="button" className="button-quiet" disabled={!history.canRedo} onClick={() => onReport(editor.redo())} title={history.redoLabel ? `Redo ${history.redoLabel} (Ctrl+Y)` : 'Nothing to redo'}>
          ↷ Redo
        </button>
      </div>
      <div className="group">
        <button type="button" className="button-quiet" onClick={() => onReport(editor.fillDown())} title="Copy the top row down the selection (Ctrl+D)">
          Fill down
        </button>
        <button type="button" className="button-quiet" onClick={() => onReport(editor.fillSeries())} title="Count extensions up through free PBX extensions (Ctrl+Shift+D)" data-testid="fill-series">
          Fill series
        </button>
        <button type="button" className="button-quiet" onClick={() => onDialog('bulk')} data-testid="open-bulk-set">
          Set vendor/model…
        </button>
        {nameProblems && (
          <button type="button" className="button-quiet" onClick={() => onReport(editor.usePbxNames())}>
            Use PBX names
          </button>
        )}
      </div>
      <div className="group">
        <button type="button" className="button-quiet" onClick={() => onReport(editor.insertRows('above'))} title="Insert rows above the selection (Ctrl+Shift+=)">
          + Rows
        </button>
        <button type="button" className="button-quiet" onClick={() => onReport(editor.deleteRows())} title="Delete the selected rows (Ctrl+-)">
          − Rows
        </button>
      </div>
      <div className="group">
        <button type="button" className="button-quiet" onClick={() => onDialog('import')} data-testid="open-csv-import">
          Import CSV…
        </button>
        <button type="button" className="button-quiet" onClick={() => onExport('ours')} title="Every field, our format">
          Export CSV
        </button>
        <button type="button" className="button-quiet" onClick={() => onExport('pbx')} title="Yeastar Auto Provisioning import format; rows with errors are left out">
          Export for PBX
        </button>
      </div>
      <div className="group">
        <label>
          State
          <select value={spec.statuses[0] ?? ''} onChange={(e) => setSpec({ statuses: e.target.value === '' ? [] : [e.target.value as RowState] })} aria-label="Show rows in state">
            <option value="">all</option>
            {ROW_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LOOK[s].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Vendor
          <select value={spec.vendors[0] ?? ''} onChange={(e) => setSpec({ vendors: e.target.value === '' ? [] : [e.target.value] })} aria-label="Show vendor">
            <option value="">all</option>
            {vendors.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={spec.problemsOnly} onChange={(e) => setSpec({ problemsOnly: e.target.checked })} data-testid="problems-only" /> Problems only
        </label>
        {!isPlainView(spec) && (
          <>
            <button type="button" className="button-quiet" onClick={() => editor.setViewSpec(spec)} title="Sort and filter again with the current values">
              Apply again
            </button>
            <button type="button" className="button-quiet" onClick={() => editor.setViewSpec(PLAIN_VIEW)}>
              Show all
            </button>
          </>
        )}
        <button type="button" className="button-quiet" onClick={() => onDialog('help')} title="Keyboard map">
          ? Keys
        </button>
      </div>
    </div>
  );
}

/** The keyboard map. */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog className="modal" title="Keyboard" onClose={onClose}>
      <table className="help-table">
        <tbody>
          {KEY_MAP.map(([keys, does]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
