import { useCallback, useEffect, useState } from 'react';
import { type RunInfo, errorText } from '../../../../shared/contract';
import { useBridge } from '../../app/bridge-context';
import { Dialog } from '../pbx/Dialog';
import { downloadText } from '../projects/files';

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');

/**
 * The sync runs of a project with "Undo this run" (after a confirmation naming how many phones go), and
 * the hand-over report as CSV or printable HTML (downloaded: the app opens no windows), with the technician's
 * name printed on it.
 */
export function RunsDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const bridge = useBridge();
  const [runs, setRuns] = useState<RunInfo[] | null>(null);
  const [confirming, setConfirming] = useState<RunInfo | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [technician, setTechnician] = useState('');

  const load = useCallback(() => {
    void bridge.call('queue:runs', { projectId }).then((r) => (r.ok ? setRuns(r.data.runs) : setMessage(r.error.message)));
  }, [bridge, projectId]);
  useEffect(load, [load]);
  useEffect(() => {
    void bridge.call('settings:get', {}).then((r) => r.ok && setTechnician(r.data.technicianName));
  }, [bridge]);

  const report = async (format: 'csv' | 'html'): Promise<void> => {
    await bridge.call('settings:update', { technicianName: technician });
    const r = await bridge.call('queue:report', { projectId, format });
    if (!r.ok) return setMessage(r.error.message);
    downloadText(r.data.fileName, r.data.text, r.data.mimeType);
    setMessage(`Saved ${r.data.fileName} to your downloads.`);
  };

  const undo = async (run: RunInfo): Promise<void> => {
    setBusy(true);
    const r = await bridge.call('queue:undo', { projectId, runId: run.id, confirm: true });
    setBusy(false);
    setConfirming(null);
    if (!r.ok) return setMessage(errorText(r.error));
    const { removed, leftAlone, problem } = r.data;
    setMessage(`Removed ${removed} phone${removed === 1 ? '' : 's'} from the PBX${leftAlone > 0 ? `; ${leftAlone} were changed or gone there and were left alone` : ''}.${problem ? ` ${problem}` : ''}`);
    load();
  };

  if (confirming) {
    return (
      <Dialog title="Undo this sync run?" onClose={() => setConfirming(null)} testId="undo-dialog" className="modal">
        <p>
          This removes the <strong data-testid="undo-count">{confirming.created}</strong> phones this sync put on the PBX (started {when(confirming.startedAt)}). Phones that were
          on the PBX before, or that someone changed there since, are not touched. Their rows become drafts again.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button-danger" onClick={() => void undo(confirming)} disabled={busy} data-testid="undo-confirm">
            {busy ? 'Removing…' : `Remove ${confirming.created} phones from the PBX`}
          </button>
          <button type="button" className="button-quiet" onClick={() => setConfirming(null)} autoFocus>
            Cancel
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Sync runs and hand-over report" onClose={onClose} testId="runs-dialog" className="modal modal-wide">
      <div className="report-row">
        <label>
          Technician{' '}
          <input value={technician} onChange={(e) => setTechnician(e.target.value)} maxLength={200} placeholder="Your name, for the report" data-testid="technician-name" />
        </label>
        <button type="button" onClick={() => void report('csv')} data-testid="report-csv">
          Hand-over report (CSV)
        </button>
        <button type="button" className="button-quiet" onClick={() => void report('html')} data-testid="report-html">
          Printable report (HTML)
        </button>
      </div>
      {runs === null ? (
        <p aria-busy="true">Loading the runs…</p>
      ) : runs.length === 0 ? (
        <p>No sync has run for this site yet.</p>
      ) : (
        <table className="runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>Started</th>
              <th>Finished</th>
              <th>Phones added</th>
              <th>Requests</th>
              <th>Outcome</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-run={run.id}>
                <td>{when(run.startedAt)}</td>
                <td>{run.finishedAt ? when(run.finishedAt) : 'running'}</td>
                <td>{run.created}</td>
                <td>{run.requests}</td>
                <td>{run.undoneAt ? `Undone ${when(run.undoneAt)}` : (run.stoppedBecause ?? 'Finished')}</td>
                <td>
                  {run.undoable && (
                    <button type="button" className="button-quiet" onClick={() => setConfirming(run)} data-testid="undo-run">
                      Undo this run…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && (
        <p role="status" data-testid="runs-message">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
