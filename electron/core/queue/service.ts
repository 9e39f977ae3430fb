import { AppFailure } from '../../../shared/contract';
import type { QueueState, RunInfo } from '../../../shared/contract/queue';
import { type PbxSnapshot, emptySnapshot } from '../../../shared/domain/pbx-snapshot';
import type { Row } from '../../../shared/domain/project';
import { isBlankRow } from '../../../shared/grid/columns';
import { validateRows } from '../../../shared/grid/validate';
import { mirrorOntoRows } from '../../../shared/sync/mirror';
import { type Outbox, type SyncRun, countStates } from '../../../shared/sync/outbox';
import { type Skipped, holdInFlight, queueRows, removeItems, retryItems, staleItems } from '../../../shared/sync/queue-ops';
import { reportCsv, reportFileName, reportHtml } from '../../../shared/sync/report';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import type { ProjectService, RowOverlay } from '../projects/project-service';
import type { SettingsService } from '../settings/settings-service';
import { SyncEngine } from './engine';
import { StoreOutboxRepository } from './outbox-repository';
import type { Clock, PbxPort } from './ports';
import { type PortLease, type SchedulerTuning, SyncScheduler, type TimerHandle, type Timers, systemTimers } from './scheduler';
import { type UndoSummary, undoRun } from './undo';

/** Where the queue finds each PBX profile's sync port, and how reports name it. */
export interface PbxDirectory {
  /** The port of a PBX profile, or why there is none (unknown profile, no credentials). */
  portFor(profileId: string): { readonly port: PbxPort } | { readonly problem: string };
  /** Name and address of a PBX profile for reports; null when unknown. */
  describe(profileId: string): { readonly name: string; readonly url: string } | null;
}

/** A directory of one PBX (the CLI, tests): projects of profile `profileId` sync through `port`. */
export function singlePbx(profileId: string, port: PbxPort, pbx: { readonly name: string; readonly url: string }): PbxDirectory {
  return {
    portFor: (id) => (id === profileId ? { port } : { problem: `This project belongs to PBX profile ${id}, which is not available here.` }),
    describe: (id) => (id === profileId ? pbx : null),
  };
}

/** What the queue service needs. */
export interface QueueDeps {
  readonly projects: ProjectService;
  readonly settings: SettingsService;
  readonly events: EventHub;
  readonly log: Logger;
  readonly pbx: PbxDirectory;
  readonly timers?: Timers;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly tuning?: Partial<SchedulerTuning>;
  /**
   * What the app knows offline about a PBX profile (the cached snapshot), for the grid's checks when rows
   * are queued; without it the checks that need PBX data are left to pre-flight.
   */
  readonly snapshotFor?: (profileId: string) => PbxSnapshot | null;
}

/** Node's clock: real time, and sleeps that end early (rejecting) when the signal aborts. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

// Windows reload the project when its version changes: during a sync, at most this often.
const ANNOUNCE_EVERY_MS = 300;


const STATE_WORDS: Readonly<Record<Row['status'], string>> = {
  draft: 'It is not in the queue.',
  queued: 'It is queued already.',
  sending: 'It is being sent.',
  'on-pbx': 'It is on the PBX already.',
  failed: 'It failed: use Retry to queue it again.',
  conflict: 'It conflicts with the PBX: use Retry once fixed.',
};

function runInfo(run: SyncRun, running: boolean): RunInfo {
  return {
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    requests: run.requests,
    created: run.created.length,
    stoppedBecause: run.stoppedBecause,
    undoneAt: run.undoneAt,
    undoable: run.created.length > 0 && run.undoneAt === null && run.finishedAt !== null && !running,
  };
}

/**
 * The offline queue: "Queue for PBX", retry, remove, status, sync now, pause/resume, runs, undo and the
 * hand-over report, over one outbox document per project. It is also the projects' {@link RowOverlay}:
 * the outbox is the only source of a queued row's state, merged into every read of the project.
 */
export class QueueService implements RowOverlay {
  readonly repo: StoreOutboxRepository;
  readonly scheduler: SyncScheduler;
  readonly engine: SyncEngine;
  private readonly timers: Timers;
  private readonly clock: Clock;
  private readonly pending = new Map<string, TimerHandle>();
  private readonly lastAnnounced = new Map<string, number>();
  private closed = false;

  constructor(private readonly deps: QueueDeps) {
    this.timers = deps.timers ?? systemTimers;
    this.clock = deps.clock ?? systemClock;
    this.repo = new StoreOutboxRepository(deps.projects, { now: () => this.clock.now(), onChange: (id) => this.announce(id) });
    this.engine = new SyncEngine({
      repo: this.repo,
      clock: this.clock,
      log: deps.log.scope('sync'),
      ...(deps.random ? { random: deps.random } : {}),
      onProgress: (progress) => deps.events.emit('queue:progress', progress),
    });
    this.scheduler = new SyncScheduler({
      engine: this.engine,
      repo: this.repo,
      resolve: (id) => this.lease(id),
      log: deps.log.scope('scheduler'),
      timers: this.timers,
      now: () => this.clock.now(),
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.tuning ? { tuning: deps.tuning } : {}),
      onChange: (id) => this.emitState(id),
    });
    deps.projects.setOverlay(this);
  }

  private lease(projectId: string): PortLease {
    const profileId = this.deps.projects.stored(projectId).pbxProfileId;
    if (profileId === null) return { problem: 'No PBX is chosen for this site yet: choose its PBX profile, then press Sync now.' };
    const found = this.deps.pbx.portFor(profileId);
    return 'problem' in found ? found : { key: profileId, port: found.port };
  }

  /** Where a project's queue stands. */
  state(projectId: string): QueueState {
    const view = this.scheduler.view(projectId);
    const outbox = this.repo.peek(projectId);
    return {
      projectId,
      state: view.phase,
      reason: view.reason,
      nextAttemptAt: view.nextAttemptAt,
      counts: countStates(outbox),
      registered: outbox.items.filter((i) => i.state === 'on-pbx' && i.registration === 'Registered').length,
      polling: view.polling,
    };
  }

  private emitState(projectId: string): void {
    if (this.closed) return;
    try {
      this.deps.events.emit('queue:state', this.state(projectId));
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'not-found')) throw error;
    }
  }

  /** Tells windows a project's rows changed state (at most every {@link ANNOUNCE_EVERY_MS} during a sync). */
  private announce(projectId: string): void {
    if (this.closed || this.pending.has(projectId)) return;
    const wait = (this.lastAnnounced.get(projectId) ?? 0) + ANNOUNCE_EVERY_MS - Date.now();
    if (wait <= 0) return this.announceNow(projectId);
    this.pending.set(
      projectId,
      this.timers.set(() => this.announceNow(projectId), wait),
    );
  }

  private announceNow(projectId: string): void {
    const timer = this.pending.get(projectId);
    if (timer !== undefined) this.timers.clear(timer);
    this.pending.delete(projectId);
    if (this.closed) return;
    this.lastAnnounced.set(projectId, Date.now());
    try {
      this.deps.events.emit('projects:changed', this.deps.projects.summary(projectId));
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'not-found')) throw error;
      return;
    }
    this.emitState(projectId);
  }

  /** "Queue for PBX": valid draft rows (all, or those of `rowIds`) become queued; a sync starts when it can. */
  add(projectId: string, rowIds?: readonly string[]): { added: number; skipped: Skipped[]; status: QueueState } {
    const project = this.deps.projects.get(projectId);
    const wanted = rowIds ? new Set(rowIds) : null;
    const skipped: Skipped[] = [];
    const candidates: Row[] = [];
    for (const row of project.rows) {
      if (wanted ? !wanted.has(row.id) : isBlankRow(row)) continue;
      if (row.status !== 'draft') {
        if (wanted) skipped.push({ rowId: row.id, reason: STATE_WORDS[row.status] });
        continue;
      }
      candidates.push(row);
    }
    let added: string[] = [];
    const at = this.clock.now().toISOString();
    if (candidates.length > 0) {
      // The grid's own checks (against the rest of the project and the cached PBX data): a row it shows an error on stays.
      const snapshot = (project.pbxProfileId ? this.deps.snapshotFor?.(project.pbxProfileId) : null) ?? emptySnapshot();
      const validation = validateRows(project.rows, snapshot);
      const gridProblem = (row: Row): string | null => validation.byRow.get(row.id)?.find((p) => p.severity === 'error')?.message ?? null;
      this.repo.updateNow(projectId, (o) => {
        const result = queueRows(o, candidates, at, gridProblem);
        added = result.added;
        skipped.push(...result.skipped);
      });
      this.announceNow(projectId);
    }
    if (added.length > 0) this.scheduler.kick(projectId);
    return { added: added.length, skipped, status: this.state(projectId) };
  }

  /** Failed and conflicting phones back to the queue; a sync starts. */
  retry(projectId: string, rowIds?: readonly string[]): { retried: number; status: QueueState } {
    let retried = 0;
    this.repo.updateNow(projectId, (o) => {
      retried = retryItems(o, rowIds);
    });
    this.announceNow(projectId);
    if (retried > 0) this.scheduler.kick(projectId);
    return { retried, status: this.state(projectId) };
  }

  /** Takes phones out of the queue (not in flight, not on the PBX): their rows are drafts again. */
  remove(projectId: string, rowIds: readonly string[]): { removed: number; status: QueueState } {
    let removed = 0;
    this.repo.updateNow(projectId, (o) => {
      removed = removeItems(o, rowIds);
    });
    this.announceNow(projectId);
    return { removed, status: this.state(projectId) };
  }

  /** Status with the last run. */
  status(projectId: string): QueueState & { lastRun: RunInfo | null } {
    const last = this.repo.peek(projectId).runs.at(-1);
    return { ...this.state(projectId), lastRun: last ? runInfo(last, this.scheduler.view(projectId).phase === 'running') : null };
  }

  /** Syncs now, lifting a pause or a stop (the technician's action). */
  syncNow(projectId: string): QueueState {
    this.deps.projects.stored(projectId);
    this.scheduler.release(projectId);
    return this.state(projectId);
  }

  /** Pauses the project's sync (kept across restarts). */
  pause(projectId: string): QueueState {
    this.scheduler.pause(projectId);
    return this.state(projectId);
  }

  /** The runs of a project, newest first. */
  runs(projectId: string): RunInfo[] {
    const running = this.scheduler.view(projectId).phase === 'running';
    return [...this.repo.peek(projectId).runs].reverse().map((r) => runInfo(r, running && r.finishedAt === null));
  }

  /** Removes the phones one run created (see {@link undoRun}), once no sync of that PBX runs. */
  async undo(projectId: string, runId: string): Promise<UndoSummary> {
    const lease = this.lease(projectId);
    if ('problem' in lease) throw new AppFailure('validation', lease.problem);
    const summary = await this.scheduler.withPort(projectId, (port) => undoRun(this.repo, projectId, runId, port, () => this.clock.now().toISOString()));
    this.announceNow(projectId);
    return summary;
  }

  /** The hand-over report of a site as CSV or printable HTML. */
  report(projectId: string, format: 'csv' | 'html'): { fileName: string; mimeType: string; text: string } {
    const project = this.deps.projects.get(projectId);
    const outbox = this.repo.peek(projectId);
    const pbx = project.pbxProfileId ? this.deps.pbx.describe(project.pbxProfileId) : null;
    const at = this.clock.now();
    const input = {
      projectName: project.name,
      pbxName: pbx?.name ?? 'No PBX chosen',
      pbxUrl: pbx?.url ?? '',
      technician: this.deps.settings.get().technicianName || '(not set)',
      date: at.toISOString(),
      rows: project.rows.filter((r) => !isBlankRow(r)),
      extensionNames: new Map(outbox.items.filter((i) => i.extensionName !== '').map((i) => [i.extension, i.extensionName])),
    };
    return format === 'csv'
      ? { fileName: reportFileName(project.name, at, 'csv'), mimeType: 'text/csv;charset=utf-8', text: `\uFEFF${reportCsv(input)}` }
      : { fileName: reportFileName(project.name, at, 'html'), mimeType: 'text/html;charset=utf-8', text: reportHtml(input) };
  }

  /** At start: resumes every project with queued phones or requests to settle (unless paused or stopped). */
  startup(): void {
    this.scheduler.startup(this.deps.projects.list().map((p) => p.id));
  }

  /** {@link RowOverlay.stamp}. */
  stamp(projectId: string): string {
    return this.repo.peek(projectId).changedAt;
  }

  /** {@link RowOverlay.apply}: queued rows show the queue's state and reason. */
  apply(projectId: string, rows: Row[]): void {
    mirrorOntoRows(rows, this.repo.peek(projectId));
  }

  /**
   * {@link RowOverlay.beforeSave}: a row edited or deleted after it was queued leaves the queue (its row is a
   * draft again), unless its phone is in flight: then the row keeps the values being sent.
   */
  beforeSave(projectId: string, rows: Row[]): void {
    const outbox = this.repo.peek(projectId);
    const held = holdInFlight(outbox, rows);
    if (held > 0) this.deps.log.info('edits of rows in flight held back', { projectId, held });
    const stale = new Set(staleItems(outbox, rows));
    if (stale.size === 0) return;
    this.repo.updateNow(projectId, (o: Outbox) => {
      o.items = o.items.filter((i) => !stale.has(i.rowId));
    });
  }

  /** {@link RowOverlay.deleted}. */
  deleted(projectId: string): void {
    this.scheduler.forget(projectId);
    this.repo.forget(projectId);
    const timer = this.pending.get(projectId);
    if (timer !== undefined) this.timers.clear(timer);
    this.pending.delete(projectId);
  }

  /** Stops timers and running syncs (between requests) and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.pending.values()) this.timers.clear(timer);
    this.pending.clear();
    await this.scheduler.close();
  }
}
