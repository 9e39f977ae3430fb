import { z } from 'zod';
import { PROVISIONING_METHODS } from '../domain/project';

/**
 * States of a queued phone. `draft` rows are not in the outbox at all. `sending` is never stored: a phone
 * is sending while an open write-ahead record carries it (see {@link withFlight}).
 */
export const OUTBOX_STATES = ['queued', 'sending', 'on-pbx', 'failed', 'conflict'] as const;
/** A queued phone's state. */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * One phone in a project's outbox: a frozen copy of what was queued, so an edit to the grid row
 * after queueing never changes what is in flight. Its state is mirrored onto the grid row.
 */
export const outboxItemSchema = z.object({
  rowId: z.string(),
  /** Canonical MAC (`80:5e:c0:12:34:56`). */
  mac: z.string(),
  extension: z.string(),
  /** The PBX's id for the extension, resolved at pre-flight; null until then. */
  extId: z.number().int().nullable(),
  /** The extension's caller-ID name on the PBX, learned at pre-flight (for the hand-over report). */
  extensionName: z.string().default(''),
  /** Where the phone goes (desk, room), copied from the row for the hand-over report. */
  location: z.string().default(''),
  vendor: z.string(),
  model: z.string(),
  template: z.string(),
  method: z.enum(PROVISIONING_METHODS),
  auth: z.boolean(),
  state: z.enum(OUTBOX_STATES),
  /** Why it failed or conflicts, in words; empty otherwise. */
  reason: z.string(),
  /** How many create requests carried this phone. */
  attempts: z.number().int().nonnegative(),
  /** The sync run whose request put the phone on the PBX: what "undo last sync" removes. Null when it was already there. */
  createdByRun: z.string().nullable(),
  /** The PBX's phone id, learned by read-back. */
  phoneId: z.number().int().nullable(),
  /** Registration as last read from the PBX (`Registered`/`Unregistered`), when known. */
  registration: z.string().nullable(),
  queuedAt: z.string(),
  confirmedAt: z.string().nullable(),
});

/** One queued phone. */
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** The fields that must be equal for phones to travel in one `phone/batchcreate` request. */
export interface GroupKey {
  readonly vendor: string;
  readonly model: string;
  readonly template: string;
  readonly method: OutboxItem['method'];
  readonly auth: boolean;
}

/** A stable string for a group key. */
export function groupKeyOf(item: GroupKey): string {
  return JSON.stringify([item.vendor, item.model, item.template, item.method, item.auth]);
}

/** Just the group fields of an item (a chunk's key, without the rest of the phone). */
export function groupOf(item: GroupKey): GroupKey {
  return { vendor: item.vendor, model: item.model, template: item.template, method: item.method, auth: item.auth };
}

/**
 * A write-ahead record of one `phone/batchcreate` request: written before the request goes out,
 * completed after. An entry still `pending` at start-up means the app stopped mid-request, so the
 * engine reads the PBX back before anything else.
 */
export const journalEntrySchema = z.object({
  id: z.string(),
  runId: z.string(),
  rowIds: z.array(z.string()),
  macs: z.array(z.string()),
  sentAt: z.string(),
  /**
   * `pending` until the answer is recorded. A clean success is recorded lazily (with the next write), so
   * `pending` after a crash means "maybe applied": the read-back decides either way.
   */
  outcome: z.enum(['pending', 'created', 'rejected', 'unknown']),
  /** True once a read-back has settled which of its phones landed. */
  settled: z.boolean(),
});

/** One write-ahead record. */
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** One sync run, kept for the report and for "undo last sync". */
export const syncRunSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** HTTP requests this run made to the PBX. */
  requests: z.number().int().nonnegative(),
  /** Phones this run's requests put on the PBX (what undo removes). */
  created: z.array(z.object({ rowId: z.string(), mac: z.string(), phoneId: z.number().int().nullable() })),
  /** Why the run stopped early, in words; null when it finished. */
  stoppedBecause: z.string().nullable(),
  undoneAt: z.string().nullable(),
});

/** One sync run. */
export type SyncRun = z.infer<typeof syncRunSchema>;

/**
 * Why the queue of a project does not sync by itself: the technician paused it, or a failure needs them
 * (credentials, a blocked IP, a certificate, API permissions). Kept on disk, so a restart never retries a
 * refused login by itself (5 failed logins block the computer's IP on the PBX).
 */
export const queueHoldSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paused'), at: z.string() }),
  z.object({ kind: z.literal('stopped'), at: z.string(), reason: z.string() }),
]);

/** A pause or a stop. */
export type QueueHold = z.infer<typeof queueHoldSchema>;

/** A project's outbox: queued phones, the write-ahead journal and the run history. */
export const outboxSchema = z.object({
  items: z.array(outboxItemSchema),
  journal: z.array(journalEntrySchema),
  runs: z.array(syncRunSchema),
  hold: queueHoldSchema.nullable().default(null),
  /**
   * When the outbox last changed: strictly increasing, and later than the project's own `updatedAt` at the
   * time, so a project's version stamp (the later of the two) changes whenever a row's state does.
   */
  changedAt: z.string().default(''),
});

/** A project's outbox. */
export type Outbox = z.infer<typeof outboxSchema>;

/** An outbox with nothing in it. */
export function emptyOutbox(): Outbox {
  return { items: [], journal: [], runs: [], hold: null, changedAt: '' };
}

/**
 * The outbox as its own file holds it: everything but the write-ahead journal, which lives in a small file
 * of its own so the record written before every request costs a few kilobytes, not the whole queue.
 */
export const outboxFileSchema = outboxSchema.omit({ journal: true });

/** The stored part of an outbox. */
export type OutboxFile = z.infer<typeof outboxFileSchema>;

/** The write-ahead journal's file: open records (settled ones are pruned at the end of each run). */
export const journalFileSchema = z.object({ entries: z.array(journalEntrySchema), changedAt: z.string().default('') });

/** The journal's file. */
export type JournalFile = z.infer<typeof journalFileSchema>;

/**
 * Joins the two files into the queue's view: a queued phone carried by an open record is `sending`.
 * `changedAt` is the later of the two files' stamps.
 */
export function withFlight(file: OutboxFile, journal: JournalFile): Outbox {
  const flying = new Set<string>();
  for (const entry of journal.entries) if (!entry.settled) for (const id of entry.rowIds) flying.add(id);
  return {
    ...file,
    items: file.items.map((item) => (item.state === 'queued' && flying.has(item.rowId) ? { ...item, state: 'sending' as const } : item)),
    journal: journal.entries,
    changedAt: journal.changedAt > file.changedAt ? journal.changedAt : file.changedAt,
  };
}

/** Splits the queue's view into what its two files store (a `sending` phone is stored `queued`). */
export function splitOutbox(outbox: Outbox): { file: OutboxFile; journal: JournalEntry[] } {
  const { journal, ...rest } = outbox;
  return { file: { ...rest, items: rest.items.map((i) => (i.state === 'sending' ? { ...i, state: 'queued' as const } : i)) }, journal };
}

/** The fields of a row that travel to the PBX: an edit to any of them after queueing takes the row out of the queue. */
export const SYNC_FIELDS = ['mac', 'extension', 'vendor', 'model', 'template', 'method', 'auth'] as const;

/** Rows whose phone is in a request that has not been settled by a read-back: they must not change or leave. */
export function inFlightRowIds(outbox: Outbox): Set<string> {
  const ids = new Set<string>();
  for (const entry of outbox.journal) if (!entry.settled) for (const id of entry.rowIds) ids.add(id);
  for (const item of outbox.items) if (item.state === 'sending') ids.add(item.rowId);
  return ids;
}

/** Counts of a project's queued phones by state. */
export function countStates(outbox: Outbox): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { queued: 0, sending: 0, 'on-pbx': 0, failed: 0, conflict: 0 };
  for (const item of outbox.items) counts[item.state] += 1;
  return counts;
}

/** True when a sync of this outbox has something to do: phones to send, or requests to settle. */
export function hasWork(outbox: Outbox): boolean {
  return outbox.items.some((i) => i.state === 'queued' || i.state === 'sending') || outbox.journal.some((e) => !e.settled);
}
