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
