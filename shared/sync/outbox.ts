import { z } from 'zod';
import { PROVISIONING_METHODS } from '../domain/project';

/** States of a queued phone. `draft` rows are not in the outbox at all. */
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
  /** `pending` until the answer (or its absence) is recorded. */
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

/** A project's outbox: queued phones, the write-ahead journal and the run history. */
export const outboxSchema = z.object({
  items: z.array(outboxItemSchema),
  journal: z.array(journalEntrySchema),
  runs: z.array(syncRunSchema),
});

/** A project's outbox. */
export type Outbox = z.infer<typeof outboxSchema>;

/** An outbox with nothing in it. */
export function emptyOutbox(): Outbox {
  return { items: [], journal: [], runs: [] };
}
