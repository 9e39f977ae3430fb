import type { OutboxRepository } from '../../electron/core/queue/ports';
import { type JournalEntry, type Outbox, emptyOutbox, splitOutbox, withFlight } from '../../shared/sync/outbox';

/**
 * An in-memory {@link OutboxRepository} with the store's semantics (a phone carried by an open record reads
 * as `sending`; `sending` is never stored), for engine tests that do not need files.
 */
export class MemoryOutboxRepository implements OutboxRepository {
  private readonly outboxes = new Map<string, Outbox>();

  private view(projectId: string): Outbox {
    const stored = this.outboxes.get(projectId) ?? emptyOutbox();
    const { file, journal } = splitOutbox(stored);
    return structuredClone(withFlight(file, { entries: journal, changedAt: stored.changedAt }));
  }

  read(projectId: string): Promise<Outbox> {
    return Promise.resolve(this.view(projectId));
  }

  update(projectId: string, change: (outbox: Outbox) => void): Promise<Outbox> {
    const outbox = this.view(projectId);
    change(outbox);
    this.outboxes.set(projectId, structuredClone(outbox));
    return Promise.resolve(this.view(projectId));
  }

  updateJournal(projectId: string, change: (journal: JournalEntry[], outbox: Outbox) => void): Promise<Outbox> {
    const outbox = this.view(projectId);
    change(outbox.journal, this.view(projectId));
    this.outboxes.set(projectId, structuredClone(outbox));
    return Promise.resolve(this.view(projectId));
  }
}
