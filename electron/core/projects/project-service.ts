import { randomUUID } from 'node:crypto';
import { AppFailure, projectIdSchema } from '../../../shared/contract';
import { type Project, type ProjectSummary, type Row, projectSchema } from '../../../shared/domain/project';
import { formatProjectFile, parseProjectFile, projectFileName } from '../../../shared/domain/project-file';
import { duplicateRows, importedRows, nextTimestamp, summarizeProject } from '../../../shared/domain/project-ops';
import type { EventHub } from '../events';
import type { DocumentSpec, LoadOptions, Store, StoredDocument } from '../store';

/** Folder of all projects, relative to the data directory. */
export const PROJECTS_DIR = 'projects';
/** File name of a project inside its folder. */
export const PROJECT_FILE = 'project.json';

/** How a project is stored: `projects/<id>/project.json`, format version 1, compact JSON. */
export const projectSpec: DocumentSpec<Project> = {
  kind: 'project',
  schema: projectSchema,
  migrations: [],
  title: 'A project file',
  describe: (p) => `project “${p.name}”, ${p.rows.length} rows`,
};

/**
 * Row state kept outside `project.json` (the sync queue owns the states of queued rows) and merged into
 * what readers see. A project's version stamp (`updatedAt` as callers see it) is the later of its own and
 * the overlay's, so a window reloads when either changes.
 */
export interface RowOverlay {
  /** The overlay's version stamp for a project ('' when it has none). */
  stamp(projectId: string): string;
  /** Writes the overlay's states onto rows (a copy the caller owns). */
  apply(projectId: string, rows: Row[]): void;
  /**
   * Before rows are saved: lets the overlay react to edits (take edited rows out of the queue) and keep what
   * it must (a row being sent keeps the values being sent). May change `rows`, a copy the service owns.
   */
  beforeSave(projectId: string, rows: Row[]): void;
  /** The project was deleted (moved to the trash): forget it. */
  deleted(projectId: string): void;
}

/** Fields of a project the technician edits besides its name and rows. */
export interface ProjectDetails {
  readonly notes?: string | undefined;
  readonly pbxProfileId?: string | null | undefined;
}

/**
 * Site projects: one folder per project under `projects/`, so a write touches one site only and
 * later per-project documents (the sync outbox, history) sit next to the project they belong to.
 * Every change is saved before the call returns and announced with `projects:changed`.
 */
export class ProjectService {
  private readonly docs = new Map<string, StoredDocument<Project>>();
  private scanned = false;
  private overlay: RowOverlay | undefined;

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Installs the overlay of row states kept elsewhere (the sync queue); see {@link RowOverlay}. */
  setOverlay(overlay: RowOverlay): void {
    this.overlay = overlay;
  }

  /** Every project, archived ones included (flagged), most recently changed first. */
  list(): ProjectSummary[] {
    this.scan();
    return [...this.docs.values()].map((d) => this.summaryOf(d.value)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** One project with its rows (row states as the overlay has them); `not-found` if there is none with this id. */
  get(id: string): Project {
    const project = this.doc(id).value;
    if (!this.overlay) return project;
    const rows = project.rows.map((r) => ({ ...r }));
    this.overlay.apply(id, rows);
    return { ...project, rows, updatedAt: this.version(project) };
  }

  /** One project as lists show it, with its current version stamp. */
  summary(id: string): ProjectSummary {
    return this.summaryOf(this.doc(id).value);
  }

  /** The project as stored in `project.json`, without the overlay. */
  stored(id: string): Project {
    return this.doc(id).value;
  }

  private version(project: Project): string {
    const stamp = this.overlay?.stamp(project.id) ?? '';
    return stamp > project.updatedAt ? stamp : project.updatedAt;
  }

  private summaryOf(project: Project): ProjectSummary {
    return { ...summarizeProject(project), updatedAt: this.version(project) };
  }

  /** Creates an empty project. */
  create(name: string, details: ProjectDetails = {}): ProjectSummary {
    const at = nextTimestamp(this.now(), undefined);
    return this.add({ id: this.newId(), name, pbxProfileId: details.pbxProfileId ?? null, notes: details.notes ?? '', archived: false, createdAt: at, updatedAt: at, rows: [] });
  }

  /** Renames a project. */
  rename(id: string, name: string): ProjectSummary {
    return this.summaryOf(this.change(id, (p) => ({ ...p, name })));
  }

  /** Changes notes and/or the PBX profile; keys left undefined keep their value. */
  update(id: string, details: ProjectDetails): ProjectSummary {
    return this.summaryOf(
      this.change(id, (p) => ({
        ...p,
        ...(details.notes !== undefined ? { notes: details.notes } : {}),
        ...(details.pbxProfileId !== undefined ? { pbxProfileId: details.pbxProfileId } : {}),
      })),
    );
  }

  /** Archives or restores a project. */
  setArchived(id: string, archived: boolean): ProjectSummary {
    return this.summaryOf(this.change(id, (p) => ({ ...p, archived })));
  }

  /** Copies a project under a new id (see {@link duplicateRows} for what the copy carries). */
  duplicate(id: string, options: { name?: string | undefined; keepMacs: boolean }): ProjectSummary {
    const source = this.get(id);
    const at = nextTimestamp(this.now(), undefined);
    const name = options.name ?? `${source.name} (copy)`.slice(0, 200);
    return this.add({ ...source, id: this.newId(), name, archived: false, createdAt: at, updatedAt: at, rows: duplicateRows(source.rows, this.newId, options.keepMacs) });
  }

  /** Moves a project's folder (with everything in it) to `projects/.trash/`; returns where it went. */
  delete(id: string): { id: string; trashedAs: string } {
    this.doc(id);
    let trashedAs: string;
    try {
      trashedAs = this.store.moveToTrash(this.folderOf(id));
    } catch (error) {
      throw new AppFailure('storage', `The project could not be moved to the trash: ${error instanceof Error ? error.message : String(error)}.`, {
        hint: 'Nothing was deleted. Close any program that has files of this project open, then try again.',
      });
    }
    this.docs.delete(id);
    this.overlay?.deleted(id);
    this.events.emit('projects:deleted', { id });
    return { id, trashedAs };
  }

  /**
   * Replaces all rows. With `expectedUpdatedAt` (the version stamp the caller loaded), refuses (`conflict`)
   * if the rows changed since, so a stale window never overwrites newer work. Row states in the overlay
   * (the sync queue) are the overlay's: whatever states the caller sends for those rows are replaced by them.
   */
  saveRows(id: string, rows: Row[], expectedUpdatedAt?: string): { updatedAt: string; rowCount: number } {
    const current = this.doc(id).value;
    // Only a change of the rows themselves conflicts: a queue state that moved meanwhile is the queue's to say.
    if (expectedUpdatedAt !== undefined && (this.overlay ? current.updatedAt > expectedUpdatedAt : current.updatedAt !== expectedUpdatedAt)) {
      throw new AppFailure('conflict', `The project “${current.name}” was changed elsewhere (at ${current.updatedAt}) after this copy was loaded, so these rows were not saved.`, {
        hint: 'Reload the project to see the latest rows, then make the change again.',
      });
    }
    let next = rows;
    if (this.overlay) {
      next = rows.map((r) => ({ ...r }));
      this.overlay.beforeSave(id, next);
      this.overlay.apply(id, next);
    }
    const saved = this.change(id, (p) => ({ ...p, rows: next }));
    return { updatedAt: saved.updatedAt, rowCount: saved.rows.length };
  }

  /**
   * Applies a change to a project, stamps `updatedAt`, saves it and announces it. Synchronous, so no
   * other request can interleave: this is the read-modify-write other services (the sync queue) use
   * to update rows. `change` may throw an AppFailure to refuse; nothing is saved then.
   */
  change(id: string, change: (project: Project) => Project): Project {
    const doc = this.doc(id);
    const next = change(doc.value);
    // Later than the overlay's stamp too, so the new version is the project's own and orders after every queue change.
    const saved = doc.write({ ...next, id, updatedAt: nextTimestamp(this.now(), this.version(doc.value)) });
    this.events.emit('projects:changed', this.summaryOf(saved));
    return saved;
  }

  /** The export file for a project: JSON text and a suggested file name. */
  exportFile(id: string): { fileName: string; text: string } {
    const project = this.get(id);
    const at = this.now();
    return { fileName: projectFileName(project.name, at), text: formatProjectFile(project, at) };
  }

  /** Imports an export file as a NEW project (new id, new row ids), so importing twice never overwrites. */
  importFile(text: string): ProjectSummary {
    const parsed = parseProjectFile(text);
    if (!parsed.ok) throw new AppFailure('validation', parsed.problem.message, { fields: parsed.problem.fields, hint: 'Check that you chose an OnSite project export (.onsite-project.json).' });
    const source = parsed.file.project;
    const at = nextTimestamp(this.now(), undefined);
    return this.add({ ...source, id: this.newId(), archived: false, createdAt: at, updatedAt: at, rows: importedRows(source.rows, this.newId) });
  }

  /** The project's folder relative to the data directory: where per-project documents (outbox, history) live. */
  folderOf(id: string): string {
    if (!projectIdSchema.safeParse(id).success) throw new AppFailure('validation', `Not a valid project id: ${JSON.stringify(id)}.`);
    return `${PROJECTS_DIR}/${id}`;
  }

  /**
   * Opens another document in a project's folder (e.g. `outbox.json`), with the same recovery,
   * atomic writes and file modes as the project itself. The project must exist.
   */
  openProjectDocument<T>(id: string, fileName: string, spec: DocumentSpec<T>, options: LoadOptions<T> & { initial: () => T }): StoredDocument<T> {
    this.doc(id);
    if (!/^[a-z0-9-]+\.json$/.test(fileName) || fileName === PROJECT_FILE) throw new Error(`not a per-project document name: ${fileName}`);
    return this.store.open(`${this.folderOf(id)}/${fileName}`, spec, options);
  }

  private add(project: Project): ProjectSummary {
    this.scan();
    const doc = this.store.create(`${this.folderOf(project.id)}/${PROJECT_FILE}`, projectSpec, project);
    this.docs.set(project.id, doc);
    const summary = this.summaryOf(doc.value);
    this.events.emit('projects:changed', summary);
    return summary;
  }

  private doc(id: string): StoredDocument<Project> {
    this.scan();
    const doc = this.docs.get(id);
    if (!doc) throw new AppFailure('not-found', 'This project does not exist (any more). It may have been deleted in another window.', { hint: 'Reload the project list.' });
    return doc;
  }

  /** Loads every project folder once; the store recovers damaged files and tells the technician. */
  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    for (const folder of this.store.listFolders(PROJECTS_DIR)) {
      if (!projectIdSchema.safeParse(folder).success) continue;
      const doc = this.store.open(`${PROJECTS_DIR}/${folder}/${PROJECT_FILE}`, projectSpec, {
        whenLost: 'The project is not listed until its file is repaired; send the kept file to support',
      });
      if (!doc) continue;
      // The folder name is the id (a folder copied by hand keeps its old id inside): trust the folder.
      if (doc.value.id !== folder && !doc.readOnlyReason) doc.write({ ...doc.value, id: folder });
      this.docs.set(folder, doc);
    }
  }
}
