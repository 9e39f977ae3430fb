import { z } from 'zod';
import type { OutboxState } from '../sync/outbox';
import { event, request } from './define';
import { projectIdSchema } from './projects';

const count = z.number().int().nonnegative();

/** Phones of a project's queue by state. */
export const queueCountsSchema = z.object({ queued: count, sending: count, 'on-pbx': count, failed: count, conflict: count }) satisfies z.ZodType<Record<OutboxState, number>>;

/** Phones of a project's queue by state. */
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/**
 * Where a project's sync stands. `waiting`: the PBX was unreachable or busy; the app tries again by itself
 * at `nextAttemptAt`, or sooner once the PBX answers. `paused`: the technician paused it. `stopped`: the
 * technician must act (credentials, blocked IP, certificate, no PBX chosen): the app never retries by itself.
 */
export const QUEUE_PHASES = ['idle', 'running', 'waiting', 'paused', 'stopped'] as const;

/** A project's sync state. */
export type QueuePhase = (typeof QUEUE_PHASES)[number];

/** Where a project's queue stands, as `queue:status` returns it and `queue:state` pushes it. */
export const queueStateSchema = z.object({
  projectId: projectIdSchema,
  state: z.enum(QUEUE_PHASES),
  /** Why it waits or stopped, in words; null otherwise. */
  reason: z.string().nullable(),
  /** When the next attempt is due (ISO), while waiting. */
  nextAttemptAt: z.string().nullable(),
  counts: queueCountsSchema,
  /** Phones on the PBX that have registered (as last read). */
  registered: z.number().int().nonnegative(),
  /** True while the app reads registrations every few seconds after a sync. */
  polling: z.boolean(),
});

/** Where a project's queue stands. */
export type QueueState = z.infer<typeof queueStateSchema>;

/** One sync run, as the runs list shows it. */
export const runInfoSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  requests: z.number().int().nonnegative(),
  /** Phones this run's requests put on the PBX. */
  created: z.number().int().nonnegative(),
  stoppedBecause: z.string().nullable(),
  undoneAt: z.string().nullable(),
  /** True when "undo this run" is possible (it created phones, was not undone, and is not running). */
  undoable: z.boolean(),
});

/** One sync run. */
export type RunInfo = z.infer<typeof runInfoSchema>;

/** A sync's progress, for progress bars. */
export const queueProgressSchema = z.object({
  projectId: projectIdSchema,
  runId: z.string(),
  phase: z.enum(['reconciling', 'preflight', 'sending', 'verifying', 'retrying']),
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  rowsDone: z.number().int().nonnegative(),
  rowsTotal: z.number().int().nonnegative(),
  message: z.string(),
});

/** A sync's progress. */
export type QueueProgress = z.infer<typeof queueProgressSchema>;

const project = z.object({ projectId: projectIdSchema }).strict();
const rowIds = z.array(z.string().min(1)).max(20_000);

/** Requests about the offline queue and the sync to the PBX. */
export const queueRequests = {
  'queue:add': request({
    summary:
      'Queue for PBX: takes the valid draft rows of a project (all, or those of rowIds) into its queue as frozen copies, ' +
      'and starts a sync when the PBX can be reached. Rows that cannot be queued are listed with why.',
    input: z.object({ projectId: projectIdSchema, rowIds: rowIds.optional() }).strict(),
    output: z.object({ added: z.number().int().nonnegative(), skipped: z.array(z.object({ rowId: z.string(), reason: z.string() })), status: queueStateSchema }),
  }),
  'queue:retry': request({
    summary: 'Puts failed and conflicting phones (all, or those of rowIds) back in the queue and starts a sync.',
    input: z.object({ projectId: projectIdSchema, rowIds: rowIds.optional() }).strict(),
    output: z.object({ retried: z.number().int().nonnegative(), status: queueStateSchema }),
  }),
  'queue:remove': request({
    summary: 'Takes queued, failed or conflicting phones out of the queue: their rows become drafts again. Phones in flight or on the PBX stay.',
    input: z.object({ projectId: projectIdSchema, rowIds }).strict(),
    output: z.object({ removed: z.number().int().nonnegative(), status: queueStateSchema }),
  }),
  'queue:status': request({ summary: 'Where the queue of a project stands: counts per state, sync state, next attempt, last run.', input: project, output: queueStateSchema.extend({ lastRun: runInfoSchema.nullable() }) }),
  'queue:sync-now': request({
    summary: 'Syncs now: also after a pause or a stop (the technician fixed the credentials, certificate or PBX choice).',
    input: project,
    output: queueStateSchema,
  }),
  'queue:pause': request({ summary: 'Pauses the sync of a project (a request in flight finishes first). Kept across restarts.', input: project, output: queueStateSchema }),
  'queue:resume': request({ summary: 'Resumes a paused sync.', input: project, output: queueStateSchema }),
  'queue:runs': request({ summary: 'The sync runs of a project, newest first.', input: project, output: z.object({ runs: z.array(runInfoSchema) }) }),
  'queue:undo': request({
    summary:
      'Removes from the PBX exactly the phones one sync run created (phones that were there before, or changed since, are never touched), ' +
      'after the technician confirmed. Their rows become drafts again.',
    input: z
      .object({
        projectId: projectIdSchema,
        runId: z.string().min(1),
        confirm: z.literal(true, { error: 'Undoing a sync run needs confirm: true, after asking the technician.' }),
      })
      .strict(),
    output: z.object({ runId: z.string(), removed: z.number().int().nonnegative(), leftAlone: z.number().int().nonnegative(), problem: z.string().nullable() }),
  }),
  'queue:report': request({
    summary: 'The hand-over report of a site (PBX, technician, date, and per phone MAC, extension and name, vendor/model, location, result) as CSV or printable HTML; the UI saves `text` as `fileName`.',
    input: z.object({ projectId: projectIdSchema, format: z.enum(['csv', 'html']) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
  }),
} as const;

/** Events about the queue. */
export const queueEvents = {
  'queue:progress': event({ summary: 'A sync moved on: phase, chunks and rows done of total, and what it is doing in words.', payload: queueProgressSchema }),
  'queue:state': event({ summary: 'A project’s queue changed state (idle, running, waiting with the next attempt, paused, stopped with why) or counts.', payload: queueStateSchema }),
} as const;
