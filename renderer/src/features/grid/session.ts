import type { PbxSnapshot } from '../../../../shared/domain/pbx-snapshot';
import type { Project, ProjectSummary, Row } from '../../../../shared/domain/project';
import { type ChangeKind, GridEditor } from '../../../../shared/grid/editor';
import { mergeRows } from '../../../../shared/grid/merge';
import type { Bridge } from '../../bridge';
import { errorText } from '../../../../shared/contract';

/** Where the grid's rows stand against the store. */
export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'unsaved' } | { kind: 'error'; message: string };

/** Wait after the last edit before saving: typing a word is one save, not ten. */
export const SAVE_DELAY_MS = 400;

/**
 * Row ids for this session: one random UUID as a prefix and a counter, unique across windows and runs, and
 * cheap (a 5 000-row paste would otherwise spend tens of milliseconds in `crypto.randomUUID`).
 */
export function rowIds(): () => string {
  const prefix = crypto.randomUUID();
  let n = 0;
  return () => `${prefix}-${(n += 1).toString(36)}`;
}

const sameRows = (a: readonly Row[], b: readonly Row[]): boolean => a.length === b.length && a.every((row, i) => row === b[i]);

/** Saves refused this many times in a row because the project kept changing are reported, then retried later. */
const MAX_CONFLICT_RETRIES = 5;
/** How often a closed session whose last save failed tries again. */
const RETRY_CLOSED_MS = 3_000;

// Sessions closed with edits the store does not have yet (the save failed: link down, disk full). They keep
// retrying, and leaving the page while any is left asks first.
const unsavedClosed = new Set<ProjectSession>();
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (e) => {
    if ([...unsavedClosed].some((s) => s.dirty)) e.preventDefault();
  });
}

/**
 * One open project: its grid editor and the saving of its rows through `projects:save-rows`. Saves are
 * debounced and run one at a time. A save refused because the project changed meanwhile (the queue set
 * states, a scanner added rows, another window) reloads it and merges the grid's unsaved edits into it
 * (three-way, see `mergeRows`), then saves again: an edit is never dropped.
 */
export class ProjectSession {
  readonly editor: GridEditor;
  /** The open project's id. */
  readonly projectId: string;
  private base: readonly Row[];
  private updatedAt: string;
  private state: SaveState = { kind: 'saved' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(state: SaveState) => void>();
  private readonly noticeListeners = new Set<(message: string) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bridge: Bridge,
    project: Project,
    snapshot: PbxSnapshot,
    private readonly retryClosedMs = RETRY_CLOSED_MS,
  ) {
    this.projectId = project.id;
    this.base = project.rows;
    this.updatedAt = project.updatedAt;
    this.editor = new GridEditor({ newId: rowIds(), rows: project.rows, snapshot, now: () => performance.now() });
    this.unsubscribe = this.editor.subscribe((kind) => this.onEditorChange(kind));
  }

  /** Current save state. */
  getSaveState(): SaveState {
    return this.state;
  }

  /** Calls back when the save state changes. */
  onSaveState(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls back with things the technician must be told that no command of theirs reported (a merge dropped an edit). */
  onNotice(listener: (message: string) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  private tell(message: string): void {
    for (const listener of this.noticeListeners) listener(message);
  }

  /** True while there are edits the store does not have yet. */
  get dirty(): boolean {
    return !sameRows(this.editor.getRows(), this.base);
  }

  private setState(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private onEditorChange(kind: ChangeKind): void {
    if (kind !== 'edit' && kind !== 'external') return;
    if (!this.dirty) return;
    if (this.state.kind !== 'saving') this.setState({ kind: 'unsaved' });
    this.scheduleSave();
  }

  /** Saves {@link SAVE_DELAY_MS} after the last call. */
  private scheduleSave(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Saves now (switching projects, closing the window); resolves when the store has the rows. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.enqueue(() => this.save());
  }

  /** Another writer changed the project: take its rows, keeping the grid's unsaved edits. */
  external(summary: ProjectSummary): Promise<void> {
    return this.enqueue(async () => {
      if (summary.updatedAt === this.updatedAt) return;
      await this.reload();
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async save(conflicts = 0): Promise<void> {
    const rows = this.editor.getRows();
    if (sameRows(rows, this.base)) {
      if (this.state.kind !== 'error') this.setState({ kind: 'saved' });
      return;
    }
    this.setState({ kind: 'saving' });
    const result = await this.bridge.call('projects:save-rows', { id: this.projectId, rows: [...rows], expectedUpdatedAt: this.updatedAt });
    if (result.ok) {
      this.base = rows;
      this.updatedAt = result.data.updatedAt;
      this.setState(this.dirty ? { kind: 'unsaved' } : { kind: 'saved' });
      if (this.dirty) this.scheduleSave();
      return;
    }
    if (result.error.code === 'conflict' && conflicts < MAX_CONFLICT_RETRIES) {
      if (await this.reload()) return this.save(conflicts + 1);
      return;
    }
    this.setState({ kind: 'error', message: errorText(result.error) });
  }

  /** Takes the stored rows and merges the grid's edits into them; false when the project could not be read. */
  private async reload(): Promise<boolean> {
    const result = await this.bridge.call('projects:get', { id: this.projectId });
    if (!result.ok) {
      this.setState({ kind: 'error', message: result.error.message });
      return false;
    }
    const { rows: merged, dropped } = mergeRows(this.base, this.editor.getRows(), result.data.rows);
    if (dropped.length > 0) {
      const n = dropped.length;
      this.tell(`${n} row${n === 1 ? ' was' : 's were'} queued for the PBX while you edited ${n === 1 ? 'it' : 'them'}; your change${n === 1 ? ' was' : 's were'} not kept. Take the row out of the queue to change it.`);
    }
    this.base = result.data.rows;
    this.updatedAt = result.data.updatedAt;
    if (!sameRows(merged, this.editor.getRows())) this.editor.applyExternal(merged);
    if (!this.dirty && this.state.kind !== 'error') this.setState({ kind: 'saved' });
    return true;
  }

  /** Uses a new PBX snapshot for checks and pickers. */
  setSnapshot(snapshot: PbxSnapshot): void {
    this.editor.setSnapshot(snapshot);
  }

  /**
   * Saves what is left and stops listening. If that save fails, the session keeps trying in the background
   * until the store has the rows (and leaving the page asks first): switching projects never drops an edit.
   */
  async close(): Promise<void> {
    await this.flush();
    this.unsubscribe();
    if (!this.dirty) return;
    unsavedClosed.add(this);
    const retry = (): void => {
      void this.flush().then(() => {
        if (this.dirty) setTimeout(retry, this.retryClosedMs);
        else unsavedClosed.delete(this);
      });
    };
    setTimeout(retry, this.retryClosedMs);
  }
}
