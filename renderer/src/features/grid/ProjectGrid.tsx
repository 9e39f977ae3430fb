import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { emptySnapshot } from '../../../../shared/domain/pbx-snapshot';
import type { ProjectSummary } from '../../../../shared/domain/project';
import { COLUMNS, COLUMN_INDEX } from '../../../../shared/grid/columns';
import type { EditReport } from '../../../../shared/grid/commands';
import { exportCsv } from '../../../../shared/grid/csv';
import { cellSelection } from '../../../../shared/grid/selection';
import { type ProblemCode, hasErrors, queueableRows } from '../../../../shared/grid/validate';
import { useBridge, useCoreEvents } from '../../app/bridge-context';
import { safeFileName } from '../../../../shared/domain/project-file';
import { downloadText } from '../projects/files';
import { QueuePanel } from '../queue/QueuePanel';
import { ScanModeBar } from '../scanner/ScanModeBar';
import { ProblemsBar, SaveBadge, StatusBar } from './Bars';
import { BulkSetDialog } from './BulkSetDialog';
import { CsvImportDialog } from './CsvImportDialog';
import { GridView } from './GridView';
import { worst } from './GridRow';
import { ProjectSession, type SaveState } from './session';
import { type SnapshotState, usePbxSnapshot } from './snapshot';
import { PbxChooser } from './PbxChooser';
import { type GridDialog, HelpDialog, Toolbar } from './Toolbar';
import './grid.css';

/** Loads a project into a grid session; saves and closes it when the project is switched or the page goes. */
function useSession(projectId: string): { session: ProjectSession | undefined; summary: ProjectSummary | undefined; error: string | undefined } {
  const bridge = useBridge();
  const [session, setSession] = useState<ProjectSession>();
  const [summary, setSummary] = useState<ProjectSummary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    let opened: ProjectSession | undefined;
    void bridge.call('projects:get', { id: projectId }).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(result.error.message);
      const { rows, ...rest } = result.data;
      performance.mark('onsite:grid-data');
      opened = new ProjectSession(bridge, result.data, emptySnapshot());
      setSummary({ ...rest, rowCount: rows.length });
      setSession(opened);
    });
    return () => {
      live = false;
      void opened?.close();
    };
  }, [bridge, projectId]);
  useEffect(() => {
    if (!session) return;
    // Never lose an edit: save at once when the page is hidden or closed, and ask before leaving unsaved work.
    const flush = (): void => void session.flush();
    const beforeUnload = (e: BeforeUnloadEvent): void => {
      if (!session.dirty) return;
      void session.flush();
      e.preventDefault();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [session]);
  useCoreEvents((event) => {
    if (event.event === 'projects:changed' && event.payload.id === projectId) {
      setSummary(event.payload);
      void session?.external(event.payload);
    } else if (event.event === 'projects:deleted' && event.payload.id === projectId) {
      setError('This project was deleted.');
    }
  });
  return { session, summary, error };
}

/**
 * The grid screen of one open project: title and save state, toolbar, problems, the grid, the active cell's
 * message and the status bar. `actions` go at the right of the title line (switching projects).
 */
export function ProjectGrid({ projectId, actions }: { projectId: string; actions: ReactNode }) {
  const { session, summary, error } = useSession(projectId);
  const pbx = usePbxSnapshot(summary?.pbxProfileId ?? null);
  useEffect(() => session?.setSnapshot(pbx.snapshot), [session, pbx.snapshot]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!session || !summary) return <p aria-busy="true">Opening the project…</p>;
  return <OpenGrid session={session} summary={summary} actions={actions} pbx={pbx} />;
}

function OpenGrid({ session, summary, actions, pbx: snapshot }: { session: ProjectSession; summary: ProjectSummary; actions: ReactNode; pbx: SnapshotState }) {
  const bridge = useBridge();
  const { editor } = session;
  const subscribe = useCallback((listener: () => void) => editor.subscribe(listener), [editor]);
  const version = useSyncExternalStore(subscribe, () => editor.version);
  const [saveState, setSaveState] = useState<SaveState>(session.getSaveState());
  const [report, setReport] = useState('');
  const [dialog, setDialog] = useState<GridDialog | undefined>();
  const gridRef = useRef<HTMLDivElement>(null);
  useEffect(() => session.onSaveState(setSaveState), [session]);
  useEffect(() => session.onNotice(setReport), [session]);
  useEffect(() => gridRef.current?.focus({ preventScroll: true }), []);

  const validation = editor.getValidation();
  // A User Timing mark for the grid benchmark (time to first render); cheap enough to keep in the product.
  useLayoutEffect(() => void performance.mark('onsite:grid-rendered'), []);
  const rows = editor.getRows();
  const ready = useMemo(() => queueableRows(rows, validation).length, [rows, validation]);
  const onReport = useCallback((r: EditReport) => setReport(r.message), []);
  void version;

  const jump = (code: ProblemCode): void => {
    const positions = new Map(editor.getView().map((id, i) => [id, i]));
    const here = editor.getSelection().focus;
    const spots = validation.problems
      .filter((p) => p.code === code)
      .map((p) => ({ row: positions.get(p.rowId) ?? -1, col: COLUMN_INDEX[p.column] }))
      .filter((s) => s.row >= 0)
      .sort((a, b) => a.row - b.row || a.col - b.col);
    const next = spots.find((s) => s.row > here.row || (s.row === here.row && s.col > here.col)) ?? spots[0];
    if (!next) return setReport('Those rows are hidden by the current filter: press Show all.');
    editor.select(cellSelection(next.row, next.col));
    gridRef.current?.focus({ preventScroll: true });
  };

  const exportRows = (format: 'ours' | 'pbx'): void => {
    const chosen = format === 'pbx' ? rows.filter((r) => !hasErrors(validation, r.id)) : rows;
    const left = rows.length - chosen.length;
    downloadText(`${safeFileName(summary.name)}-${format === 'pbx' ? 'pbx-import' : 'phones'}.csv`, exportCsv(chosen, format, snapshot.snapshot), 'text/csv;charset=utf-8');
    setReport(`Exported ${chosen.length} rows${left > 0 ? `; ${left} rows with errors were left out of the PBX file` : ''}.`);
  };

  // "Queue for PBX": save what the grid has first, so what is queued is what the technician sees.
  const queueRows = useCallback(async (): Promise<void> => {
    await session.flush();
    const result = await bridge.call('queue:add', { projectId: summary.id });
    if (!result.ok) return setReport(result.error.message);
    const { added, skipped } = result.data;
    setReport(`Queued ${added} row${added === 1 ? '' : 's'} for the PBX${skipped.length > 0 ? `; ${skipped.length} left out (${skipped[0]!.reason}${skipped.length > 1 ? ' …' : ''})` : ''}.`);
  }, [bridge, session, summary.id]);

  const spec = editor.getViewSpec();
  const headerClick = (col: number): void => {
    const column = COLUMNS[col]!.key;
    const sort = spec.sort?.column !== column ? { column, direction: 'asc' as const } : spec.sort.direction === 'asc' ? { column, direction: 'desc' as const } : null;
    editor.setViewSpec({ ...spec, sort });
  };
  const sortMark = (col: number): string => (spec.sort?.column === COLUMNS[col]!.key ? (spec.sort.direction === 'asc' ? '▲' : '▼') : '');

  const focus = editor.getSelection().focus;
  const focusRow = editor.rowAt(focus.row);
  const problem = focusRow ? worst(validation.byRow.get(focusRow.id), COLUMNS[focus.col]!.key) : undefined;
  const shown = editor.getView().length;
  return (
    <div className="site-grid" data-testid="project-grid" data-project-id={summary.id} data-validation-ms={editor.lastValidationMs.toFixed(2)}>
      <div className="site-header">
        <h2 data-testid="site-title">{summary.name}</h2>
        {summary.archived && <span className="chip chip-warn">archived</span>}
        <SaveBadge state={saveState} onRetry={() => void session.flush()} />
        <span className="spacer" />
        <PbxChooser projectId={summary.id} profileId={summary.pbxProfileId} pbx={snapshot} />
        {actions}
      </div>
      <Toolbar editor={editor} onReport={onReport} onDialog={setDialog} onExport={exportRows} queue={{ ready, onQueue: () => void queueRows() }} />
      <QueuePanel summary={summary} onQueue={queueRows} />
      <ScanModeBar editor={editor} gridRef={gridRef} onReport={onReport} />
      <ProblemsBar validation={validation} onJump={jump} />
      <div className="grid-wrap">
        <GridView editor={editor} version={version} gridRef={gridRef} snapshotAge={snapshot.age} onReport={onReport} onHeaderClick={headerClick} sortMark={sortMark} />
        <div className="grid-foot">
          <span className={`cell-message ${problem ? `sev-${problem.severity}` : ''}`} data-testid="cell-message">
            {focusRow ? `Row ${editor.positionOf(focusRow.id) + 1} · ${COLUMNS[focus.col]!.label}: ` : `New row · ${COLUMNS[focus.col]!.label}: `}
            {problem ? problem.message : focusRow ? 'no problem here.' : 'type or paste to add rows.'}
            {shown !== rows.length && ` (showing ${shown} of ${rows.length} rows)`}
          </span>
          <span className="report-line" aria-live="polite" data-testid="report">
            {report}
          </span>
        </div>
      </div>
      <StatusBar rows={rows} ready={ready} snapshot={snapshot} />
      {dialog === 'bulk' && <BulkSetDialog editor={editor} onClose={() => setDialog(undefined)} onReport={onReport} />}
      {dialog === 'import' && <CsvImportDialog editor={editor} onClose={() => setDialog(undefined)} onReport={onReport} />}
      {dialog === 'help' && <HelpDialog onClose={() => setDialog(undefined)} />}
      <NotesField bridgeCall={(notes) => bridge.call('projects:update', { id: summary.id, notes })} notes={summary.notes} />
    </div>
  );
}

/** The project's notes, saved when the field loses focus. */
function NotesField({ notes, bridgeCall }: { notes: string; bridgeCall: (notes: string) => Promise<{ ok: boolean }> }) {
  const [text, setText] = useState(notes);
  const [state, setState] = useState('');
  return (
    <details className="notes">
      <summary>Notes{notes ? ` · ${notes.split('\n')[0]!.slice(0, 60)}` : ''}</summary>
      <textarea
        aria-label="Project notes"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text === notes) return;
          setState('Saving…');
          void bridgeCall(text).then((r) => setState(r.ok ? 'Saved ✓' : 'Notes not saved: try again.'));
        }}
      />
      <span role="status">{state}</span>
    </details>
  );
}
