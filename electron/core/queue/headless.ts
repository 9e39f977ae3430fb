import { randomUUID } from 'node:crypto';
import { AppFailure, type QueueState } from '../../../shared/contract';
import { emptySnapshot } from '../../../shared/domain/pbx-snapshot';
import { isBlankRow } from '../../../shared/grid/columns';
import { previewCsv } from '../../../shared/grid/csv';
import { mergeImportedRows } from '../../../shared/sync/csv-merge';
import type { OutboxState } from '../../../shared/sync/outbox';
import type { Core } from '../core';

/** The PBX profile id of projects that `onsite sync` makes (the CLI has no stored profiles). */
export const HEADLESS_PROFILE = 'onsite-sync';

/** What `onsite sync` is asked to do. */
export interface HeadlessSyncOptions {
  /** Absolute path of the CSV file: with the PBX address, it names the project, so a re-run resumes it. */
  readonly csvPath: string;
  readonly csvText: string;
  /** Normalised base URL of the PBX. */
  readonly baseUrl: string;
  /** Give up waiting (for a PBX that stays down) after this long; the queue keeps everything for a re-run. */
  readonly maxWaitMs: number;
  /** Messages for people (stderr). */
  readonly say: (line: string) => void;
}

/** What `onsite sync` prints (one JSON object). */
export interface HeadlessSyncSummary {
  readonly project: { readonly id: string; readonly name: string; readonly resumed: boolean };
  readonly pbx: string;
  /** Rows of the project with data in them. */
  readonly rows: number;
  /** Final state of every row: the queue's states, plus `notQueued` for rows that could not be queued. */
  readonly counts: Record<OutboxState, number> & { readonly notQueued: number };
  /** CSV lines that were refused (not imported), and rows the queue would not take, with why. */
  readonly refusedLines: number;
  readonly problems: readonly { readonly line?: number; readonly mac?: string; readonly extension?: string; readonly state?: string; readonly reason: string }[];
  /** HTTP requests this invocation made to the PBX (logins, reads, writes, probes). */
  readonly requests: number;
  readonly runIds: readonly string[];
  /** How the sync ended: `finished`, `stopped` (needs the technician) or `gave-up` (still waiting after --max-wait). */
  readonly outcome: 'finished' | 'stopped' | 'gave-up';
  readonly reason: string | null;
  readonly elapsedMs: number;
}

const MAX_PROBLEMS = 50;

/** The notes line that ties a project to a CSV file and a PBX. */
export function headlessMarker(csvPath: string, baseUrl: string): string {
  return `onsite sync: ${csvPath} → ${baseUrl}`;
}

/**
 * `onsite sync` in the core: finds the project of this CSV file and PBX (or makes it), imports the file
 * into it (by MAC, so a re-run adds nothing twice), queues every valid row, and lets the scheduler run the
 * same engine as the app until nothing is left to send, a failure needs the technician, or `maxWaitMs`
 * passes. The caller must have made `core` with a PBX directory that knows {@link HEADLESS_PROFILE}.
 */
export async function runHeadlessSync(core: Core, options: HeadlessSyncOptions, requestCount: () => number): Promise<HeadlessSyncSummary> {
  const startedAt = Date.now();
  const requestsBefore = requestCount();
  const marker = headlessMarker(options.csvPath, options.baseUrl);
  const known = core.projects.list().find((p) => p.notes.split('\n')[0] === marker);
  const name = `${options.csvPath.split(/[\\/]/).pop() ?? 'CSV'} (onsite sync)`.slice(0, 200);
  const id = known?.id ?? core.projects.create(name, { pbxProfileId: HEADLESS_PROFILE, notes: `${marker}\nMade by onsite sync: run it again with the same file and --state-dir to resume.` }).id;
  if (known) options.say(`Resuming project “${known.name}” (${known.id}).`);

  const preview = previewCsv(options.csvText, emptySnapshot());
  if (preview.mappingProblems.length > 0) {
    throw new AppFailure('validation', `The CSV file's columns cannot be read: ${preview.mappingProblems.join(' ')}`, {
      hint: 'Use the columns mac,extension,vendor,model,template,method,auth,location,name, or the PBX phone-import columns.',
    });
  }
  const problems: { line?: number; mac?: string; extension?: string; state?: string; reason: string }[] = preview.problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ line: p.line, reason: p.message }));
  const project = core.projects.stored(id);
  const merged = mergeImportedRows(project.rows, preview.rows.map((r) => r.row), randomUUID);
  for (const h of merged.held) options.say(`${h.mac}: ${h.reason}`);
  if (merged.added + merged.updated > 0) core.projects.saveRows(id, merged.rows);
  options.say(`${preview.rows.length} rows read (${merged.added} new, ${merged.updated} changed, ${preview.refusedLines} lines refused).`);

  // Every valid row goes in; failed ones from an earlier run get another go.
  const added = core.queue.add(id);
  core.queue.retry(id);
  const offProgress = core.events.subscribe((e) => {
    if (e.event === 'queue:progress' && e.payload.projectId === id) {
      if (e.payload.phase !== 'sending') options.say(e.payload.message);
    } else if (e.event === 'queue:state' && e.payload.projectId === id && e.payload.state === 'waiting') {
      options.say(`${e.payload.reason ?? 'Waiting for the PBX.'} Next attempt at ${e.payload.nextAttemptAt ?? 'a moment'}.`);
    }
  });
  let outcome: HeadlessSyncSummary['outcome'];
  let final: QueueState;
  try {
    core.queue.syncNow(id);
    ({ outcome, final } = await untilSettled(core, id, options.maxWaitMs));
  } finally {
    offProgress();
  }
  await core.queue.scheduler.idle(id);

  const outbox = core.queue.repo.peek(id);
  const items = new Map(outbox.items.map((i) => [i.rowId, i]));
  const rows = core.projects.get(id).rows.filter((r) => !isBlankRow(r));
  const skipped = new Map(added.skipped.map((s) => [s.rowId, s.reason]));
  if (outcome !== 'finished') options.say(`${outcome === 'stopped' ? 'Stopped' : `Gave up after ${Math.round(options.maxWaitMs / 1000)} s`}: ${final.reason ?? 'the PBX did not answer.'} The queue keeps everything: run the same command again to resume.`);
  for (const row of rows) {
    const item = items.get(row.id);
    // Rows still waiting to be sent share the run's reason; list the ones with their own.
    if (item && item.state !== 'failed' && item.state !== 'conflict') continue;
    problems.push({ mac: row.mac, extension: row.extension, state: row.status, reason: item ? row.message : (skipped.get(row.id) ?? row.message) || 'Not queued.' });
  }
  const counts = { ...final.counts, notQueued: rows.filter((r) => r.status === 'draft').length };
  // Every run is recorded in the outbox before it sends anything: those of this invocation are the ones started since.
  const since = new Date(startedAt).toISOString();
  const runIds = outbox.runs.filter((run) => run.startedAt >= since).map((run) => run.id);
  return {
    project: { id, name: core.projects.stored(id).name, resumed: known !== undefined },
    pbx: options.baseUrl,
    rows: rows.length,
    counts,
    refusedLines: preview.refusedLines,
    problems: problems.slice(0, MAX_PROBLEMS),
    requests: requestCount() - requestsBefore,
    runIds,
    outcome,
    reason: outcome === 'finished' ? null : final.reason,
    elapsedMs: Date.now() - startedAt,
  };
}

/** Waits until nothing is left to send (or a stop), reading `queue:state` events; gives up after `maxWaitMs`. */
function untilSettled(core: Core, id: string, maxWaitMs: number): Promise<{ outcome: HeadlessSyncSummary['outcome']; final: QueueState }> {
  return new Promise((resolve) => {
    const check = (state: QueueState): boolean => {
      if (state.state === 'stopped' || state.state === 'paused') {
        done({ outcome: 'stopped', final: state });
        return true;
      }
      if (state.state === 'idle' && state.counts.queued === 0 && state.counts.sending === 0) {
        done({ outcome: 'finished', final: state });
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => done({ outcome: 'gave-up', final: core.queue.state(id) }), maxWaitMs);
    const off = core.events.subscribe((e) => {
      if (e.event === 'queue:state' && e.payload.projectId === id) check(e.payload);
    });
    let finished = false;
    function done(result: { outcome: HeadlessSyncSummary['outcome']; final: QueueState }): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      off();
      resolve(result);
    }
    check(core.queue.state(id));
  });
}
