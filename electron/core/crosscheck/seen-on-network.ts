/**
 * Cross-checks project rows with LAN discovery in the core, so the rule holds whatever shell is open and
 * however a MAC arrived (typed, pasted, imported, a keyboard-mode or serial scan, `onsite sync`): a row whose
 * MAC discovery saw in the current or last run of this session is marked seen on the network, whether the
 * device showed up after the row was made or before. The rule itself is `markSeenOnNetwork` in `shared/`.
 *
 * Work is batched: a sweep reports dozens of devices a second and a project may hold thousands of rows, so
 * sightings and project changes are collected and applied at most once per {@link SEEN_FLUSH_MS}, as one
 * `projects.change` per project that has something to mark (nothing is written otherwise). A project's rows
 * are checked once per version of the rows and of the sightings.
 */
import { AppFailure } from '../../../shared/contract';
import type { Row } from '../../../shared/domain/project';
import { markSeenOnNetwork, sightingKey } from '../../../shared/domain/seen-on-network';
import type { CoreEvent, EventHub } from '../events';
import type { Logger } from '../log';
import type { ProjectService } from '../projects/project-service';

/** Longest wait between a sighting or a project change and the rows being marked. */
const SEEN_FLUSH_MS = 250;

/** What the cross-check needs. */
export interface SeenOnNetworkDeps {
  readonly projects: ProjectService;
  readonly events: EventHub;
  readonly log: Logger;
}

/** Marks rows seen on the network from `discovery:*` and `projects:changed` events (see the file's comment). */
export class SeenOnNetworkService {
  private scanId: string | null = null;
  /** Sighting keys (12 hex digits) of the current or last discovery run. */
  private seen = new Set<string>();
  /** Grows whenever `seen` changes, so a check done against fewer sightings is done again. */
  private version = 0;
  private newSightings = false;
  private readonly changed = new Set<string>();
  private readonly checked = new WeakMap<readonly Row[], number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stop: () => void;

  constructor(private readonly deps: SeenOnNetworkDeps) {
    this.stop = deps.events.observe((event) => this.onEvent(event));
  }

  private onEvent(event: CoreEvent): void {
    switch (event.event) {
      case 'discovery:device':
        this.run(event.payload.scanId);
        this.sighted(event.payload.device.mac);
        return;
      case 'discovery:progress':
      case 'discovery:finished':
        this.run(event.payload.scanId);
        return;
      case 'projects:changed':
        if (this.seen.size === 0 || event.payload.archived) return;
        this.changed.add(event.payload.id);
        this.schedule();
        return;
      default:
        return;
    }
  }

  /** A new run replaces the last one's sightings ("the current or last run", as the discovery screen lists). */
  private run(scanId: string): void {
    if (scanId === this.scanId) return;
    this.scanId = scanId;
    this.seen = new Set();
    this.version += 1;
  }

  private sighted(mac: string): void {
    const key = sightingKey(mac);
    if (key === null || this.seen.has(key)) return;
    this.seen.add(key);
    this.version += 1;
    this.newSightings = true;
    this.schedule();
  }

  private schedule(): void {
    // A throttle, not a debounce: a long stream of devices still gets its rows marked as it goes.
    this.timer ??= setTimeout(() => this.flush(), SEEN_FLUSH_MS);
  }

  /** Applies what was collected: new sightings to every open project, the current ones to changed projects. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    let ids: string[];
    try {
      ids = this.newSightings ? this.deps.projects.list().filter((p) => !p.archived).map((p) => p.id) : [...this.changed];
    } catch (error) {
      this.deps.log.warn('projects could not be listed for the network cross-check', { error });
      return;
    }
    this.newSightings = false;
    this.changed.clear();
    for (const id of ids) this.check(id);
  }

  private check(id: string): void {
    try {
      const rows = this.deps.projects.stored(id).rows;
      if (this.checked.get(rows) === this.version) return;
      this.checked.set(rows, this.version);
      if (markSeenOnNetwork(rows, this.seen).marked.length === 0) return;
      let marked = 0;
      // Synchronous read-modify-write: nothing can change the project between the check and the save.
      const saved = this.deps.projects.change(id, (project) => {
        const outcome = markSeenOnNetwork(project.rows, this.seen);
        marked = outcome.marked.length;
        return { ...project, rows: [...outcome.rows] };
      });
      this.checked.set(saved.rows, this.version);
      this.deps.log.info('rows seen on the network', { projectId: id, marked });
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'not-found') return; // deleted meanwhile
      this.deps.log.warn('rows could not be marked seen on the network', { projectId: id, error });
    }
  }

  /** Stops listening; nothing collected after this is applied. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stop();
  }
}
