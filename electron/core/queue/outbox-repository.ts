import { nextTimestamp } from '../../../shared/domain/project-ops';
import {
  type JournalEntry,
  type JournalFile,
  type Outbox,
  type OutboxFile,
  emptyOutbox,
  journalFileSchema,
  outboxFileSchema,
  splitOutbox,
  withFlight,
} from '../../../shared/sync/outbox';
import type { ProjectService } from '../projects/project-service';
import type { DocumentSpec, StoredDocument } from '../store';
import type { OutboxRepository } from './ports';

/** File name of a project's queue (phones, runs, pause/stop), next to its `project.json`. */
export const OUTBOX_FILE = 'outbox.json';
/** File name of a project's write-ahead journal (open request records). */
export const JOURNAL_FILE = 'outbox-journal.json';

/** How a queue is stored: format version 1, compact JSON, validated on every read and write. */
export const outboxSpec: DocumentSpec<OutboxFile> = {
  kind: 'outbox',
  schema: outboxFileSchema,
  migrations: [],
  title: 'A sync queue',
  describe: (o) => `${o.items.length} phones in the queue`,
};

/** How a write-ahead journal is stored. */
export const journalSpec: DocumentSpec<JournalFile> = {
  kind: 'outbox-journal',
  schema: journalFileSchema,
  migrations: [],
  title: 'A sync journal',
  describe: (j) => `${j.entries.filter((e) => !e.settled).length} requests to check with the PBX`,
};

/** What the repository tells its owner. */
export interface OutboxRepositoryOptions {
  readonly now?: () => Date;
  /** After every saved change (the queue announces it to windows). */
  readonly onChange?: (projectId: string, outbox: Outbox) => void;
}

interface Docs {
  readonly file: StoredDocument<OutboxFile>;
  readonly journal: StoredDocument<JournalFile>;
  view?: Outbox;
}

const LOST =
  'The queue of this project starts empty. Phones already sent are still on the PBX: queue the rows again and the check before sending finds them';

/**
 * The outboxes on the store: per project, `outbox.json` (phones, runs) and `outbox-journal.json` (open
 * write-ahead records), each write atomic and synced (with the store's last-good copies and damage
 * recovery). The record written before every request touches only the small journal. Updates are
 * synchronous underneath, so no other request can interleave with a read-modify-write; the async methods
 * are the engine's port.
 */
export class StoreOutboxRepository implements OutboxRepository {
  private readonly docs = new Map<string, Docs>();
  private readonly now: () => Date;

  constructor(
    private readonly projects: ProjectService,
    private readonly options: OutboxRepositoryOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The current outbox of a project (do not change it: use {@link updateNow}). The project must exist. */
  peek(projectId: string): Outbox {
    const docs = this.open(projectId);
    docs.view ??= withFlight(docs.file.value, docs.journal.value);
    return docs.view;
  }

  /** A stamp later than both the previous one and the project's own, so the project's version moves with the queue. */
  private stamp(projectId: string): string {
    const { file, journal } = this.open(projectId);
    const floor = this.projects.stored(projectId).updatedAt;
    const previous = [file.value.changedAt, journal.value.changedAt, floor].reduce((a, b) => (b > a ? b : a));
    return nextTimestamp(this.now(), previous);
  }

  /** Applies a change to a copy and saves it (queue first, then journal); on any failure nothing changes in memory. */
  updateNow(projectId: string, change: (outbox: Outbox) => void): Outbox {
    const docs = this.open(projectId);
    const next = structuredClone(this.peek(projectId));
    change(next);
    const { file, journal } = splitOutbox(next);
    const changedAt = this.stamp(projectId);
    try {
      docs.file.write({ ...file, changedAt });
      if (JSON.stringify(journal) !== JSON.stringify(docs.journal.value.entries)) docs.journal.write({ entries: journal, changedAt });
    } finally {
      docs.view = undefined;
    }
    return this.changed(projectId);
  }

  /** Changes only the journal: one small write (see {@link OutboxRepository.updateJournal}). */
  updateJournalNow(projectId: string, change: (journal: JournalEntry[], outbox: Outbox) => void): Outbox {
    const docs = this.open(projectId);
    const entries = structuredClone(docs.journal.value.entries);
    change(entries, this.peek(projectId));
    try {
      docs.journal.write({ entries, changedAt: this.stamp(projectId) });
    } finally {
      docs.view = undefined;
    }
    return this.changed(projectId);
  }

  private changed(projectId: string): Outbox {
    const view = this.peek(projectId);
    this.options.onChange?.(projectId, view);
    return view;
  }

  /** {@link OutboxRepository.read}. */
  read(projectId: string): Promise<Outbox> {
    return settle(() => this.peek(projectId));
  }

  /** {@link OutboxRepository.update}. */
  update(projectId: string, change: (outbox: Outbox) => void): Promise<Outbox> {
    return settle(() => this.updateNow(projectId, change));
  }

  /** {@link OutboxRepository.updateJournal}. */
  updateJournal(projectId: string, change: (journal: JournalEntry[], outbox: Outbox) => void): Promise<Outbox> {
    return settle(() => this.updateJournalNow(projectId, change));
  }

  /** Drops a deleted project's outbox from memory (its files went to the trash with the project folder). */
  forget(projectId: string): void {
    this.docs.delete(projectId);
  }

  private open(projectId: string): Docs {
    let docs = this.docs.get(projectId);
    if (!docs) {
      const empty = emptyOutbox();
      docs = {
        file: this.projects.openProjectDocument(projectId, OUTBOX_FILE, outboxSpec, { initial: () => splitOutbox(empty).file, whenLost: LOST }),
        journal: this.projects.openProjectDocument(projectId, JOURNAL_FILE, journalSpec, { initial: () => ({ entries: [], changedAt: '' }), whenLost: LOST }),
      };
      this.docs.set(projectId, docs);
    }
    return docs;
  }
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
