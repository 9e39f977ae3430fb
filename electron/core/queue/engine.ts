import { randomUUID } from 'node:crypto';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from '../../../shared/sync/backoff';
import { type Chunk, DEFAULT_CHUNK_SIZE, bisect, planChunks } from '../../../shared/sync/chunks';
import { type GroupKey, type Outbox, type OutboxItem, type OutboxState, groupKeyOf } from '../../../shared/sync/outbox';
import { preflight } from '../../../shared/sync/preflight';
import { confirmOnPbx, macKey, phonesByMac, settleEntry } from '../../../shared/sync/settle';
import type { Logger } from '../log';
import type { Clock, CreateOutcome, OutboxRepository, PbxPort, PbxTrouble, PhoneOnPbx } from './ports';

/** What a sync is doing, for progress bars. */
export interface SyncProgress {
  readonly projectId: string;
  readonly runId: string;
  readonly phase: 'reconciling' | 'preflight' | 'sending' | 'verifying' | 'retrying';
  readonly chunksDone: number;
  readonly chunksTotal: number;
  readonly rowsDone: number;
  readonly rowsTotal: number;
  readonly message: string;
}

/** How a run ended. `waiting`: the PBX was unavailable, try again later. `stopped`: the technician must act. */
export interface RunSummary {
  readonly runId: string;
  readonly outcome: 'finished' | 'waiting' | 'stopped' | 'paused';
  readonly stoppedBecause: string | null;
  readonly counts: Record<OutboxState, number>;
  readonly requests: number;
}

/** Tuning for a run. */
export interface SyncOptions {
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
  /** Retries of one chunk after answers that leave its outcome unknown, before the run waits for later. */
  readonly maxRetries?: number;
  readonly backoff?: BackoffPolicy;
}

/** What the engine needs. */
export interface SyncEngineDeps {
  readonly repo: OutboxRepository;
  readonly clock: Clock;
  readonly log: Logger;
  readonly random?: () => number;
  readonly onProgress?: (progress: SyncProgress) => void;
}

// A phone whose create request "succeeded" but which is not on the PBX is sent again at most this often.
const MAX_ATTEMPTS = 3;
// Whole passes (pre-flight, send, verify) per run; a second pass only runs when verification re-queued phones.
const MAX_PASSES = 3;

class Stop extends Error {
  constructor(
    readonly outcome: 'waiting' | 'stopped' | 'paused',
    message: string,
  ) {
    super(message);
  }
}

function stopFor(trouble: PbxTrouble): Stop {
  return new Stop(trouble.kind === 'transient' ? 'waiting' : 'stopped', trouble.reason);
}

function countStates(outbox: Outbox): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { queued: 0, sending: 0, 'on-pbx': 0, failed: 0, conflict: 0 };
  for (const item of outbox.items) counts[item.state] += 1;
  return counts;
}

function requeue(item: OutboxItem, reason = ''): void {
  item.state = 'queued';
  item.reason = reason;
}

/**
 * The sync engine: sends a project's queued phones to the PBX so that nothing is lost and nothing is
 * added twice. Every request is recorded before it goes out and settled by reading the PBX back
 * whenever its answer is anything but a clean success, so a crash, a timeout or a dropped connection
 * can never lead to a duplicate, and a partial success is never reported as a failure.
 */
export class SyncEngine {
  private readonly random: () => number;

  constructor(private readonly deps: SyncEngineDeps) {
    this.random = deps.random ?? Math.random;
  }

  /** Runs one sync of a project against its PBX. Never throws for PBX trouble: the summary says what happened. */
  async run(projectId: string, pbx: PbxPort, options: SyncOptions = {}): Promise<RunSummary> {
    const runId = randomUUID();
    const requestsBefore = pbx.requestCount();
    const now = (): string => this.deps.clock.now().toISOString();
    await this.deps.repo.update(projectId, (outbox) => {
      outbox.runs.push({ id: runId, startedAt: now(), finishedAt: null, requests: 0, created: [], stoppedBecause: null, undoneAt: null });
    });
    const ctx = new RunContext(this.deps, projectId, runId, pbx, options, this.random);
    let outcome: RunSummary['outcome'] = 'finished';
    let stoppedBecause: string | null = null;
    try {
      await ctx.settleLeftovers();
      for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        const toSend = await ctx.preflight();
        if (toSend.length > 0) await ctx.send(toSend);
        const requeued = await ctx.verify();
        if (requeued === 0) break;
      }
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      outcome = error.outcome;
      stoppedBecause = error.message;
      this.deps.log.info('sync stopped', { projectId, runId, outcome, reason: error.message });
    }
    const final = await this.deps.repo.update(projectId, (outbox) => {
      const run = outbox.runs.find((r) => r.id === runId);
      if (run) {
        run.finishedAt = now();
        run.requests = pbx.requestCount() - requestsBefore;
        run.stoppedBecause = stoppedBecause;
      }
      // A stop between chunks leaves nothing "sending" without a pending record; anything else goes back to the queue.
      const pending = new Set(outbox.journal.filter((e) => !e.settled).flatMap((e) => e.rowIds));
      for (const item of outbox.items) if (item.state === 'sending' && !pending.has(item.rowId)) requeue(item);
    });
    return { runId, outcome, stoppedBecause, counts: countStates(final), requests: pbx.requestCount() - requestsBefore };
  }
}

/** The state of one run; each step persists its decisions before the next request goes out. */
class RunContext {
  private chunksDone = 0;
  private chunksTotal = 0;
  private rowsDone = 0;
  private rowsTotal = 0;

  constructor(
    private readonly deps: SyncEngineDeps,
    private readonly projectId: string,
    private readonly runId: string,
    private readonly pbx: PbxPort,
    private readonly options: SyncOptions,
    private readonly random: () => number,
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private progress(phase: SyncProgress['phase'], message: string): void {
    this.deps.onProgress?.({
      projectId: this.projectId,
      runId: this.runId,
      phase,
      chunksDone: this.chunksDone,
      chunksTotal: this.chunksTotal,
      rowsDone: this.rowsDone,
      rowsTotal: this.rowsTotal,
      message,
    });
  }

  private update(change: (outbox: Outbox) => void): Promise<Outbox> {
    return this.deps.repo.update(this.projectId, change);
  }

  private async readPhones(): Promise<PhoneOnPbx[]> {
    const phones = await this.pbx.readPhones();
    if (!phones.ok) throw stopFor(phones.trouble);
    return phones.data;
  }

  /** After a crash or a stop mid-request: learn from the PBX what those requests did, before anything else. */
  async settleLeftovers(): Promise<void> {
    const outbox = await this.deps.repo.read(this.projectId);
    if (!outbox.journal.some((e) => !e.settled)) return;
    this.progress('reconciling', 'Checking what the PBX received before the app stopped…');
    const byMac = phonesByMac(await this.readPhones());
    await this.update((o) => {
      for (const entry of o.journal.filter((e) => !e.settled)) {
        for (const item of settleEntry(o, entry, byMac, this.now())) requeue(item);
      }
    });
  }

  /** Reads the PBX and decides, for every queued phone, whether to send it. Returns the phones to send. */
  async preflight(): Promise<OutboxItem[]> {
    const outbox = await this.deps.repo.read(this.projectId);
    const queued = outbox.items.filter((i) => i.state === 'queued');
    if (queued.length === 0) return [];
    this.progress('preflight', `Checking ${queued.length} phones against the PBX…`);
    const groups = new Map<string, GroupKey>(queued.map((i) => [groupKeyOf(i), i]));
    const snapshot = await this.pbx.readSnapshot([...groups.values()]);
    if (!snapshot.ok) throw stopFor(snapshot.trouble);
    const verdicts = preflight(queued, snapshot.data);
    const phoneById = new Map(snapshot.data.phones.items.map((p) => [p.id, p]));
    const send = new Set<string>();
    const updated = await this.update((o) => {
      for (const verdict of verdicts) {
        const item = o.items.find((i) => i.rowId === verdict.rowId);
        if (!item || item.state !== 'queued') continue;
        if (verdict.verdict === 'send') {
          item.extId = verdict.extId;
          send.add(item.rowId);
        } else if (verdict.verdict === 'already-on-pbx') {
          const phone = phoneById.get(verdict.phoneId);
          if (phone) confirmOnPbx(o, item, phone, item.createdByRun, this.now());
        } else {
          item.state = verdict.verdict;
          item.reason = verdict.reason;
        }
      }
    });
    return updated.items.filter((i) => send.has(i.rowId));
  }

  /** Sends the phones in chunks, one request at a time, isolating refused rows by bisection. */
  async send(items: readonly OutboxItem[]): Promise<void> {
    const stack: Chunk[] = planChunks(items, this.options.chunkSize ?? DEFAULT_CHUNK_SIZE).reverse();
    this.chunksTotal += stack.length;
    this.rowsTotal += items.length;
    let retries = 0;
    while (stack.length > 0) {
      if (this.options.signal?.aborted) throw new Stop('paused', 'Sync paused.');
      const chunk = stack.pop()!;
      this.progress('sending', `Sending ${chunk.rowIds.length} ${chunk.key.vendor} ${chunk.key.model} phones…`);
      const { outcome, entryId } = await this.sendChunk(chunk);
      if (outcome.kind === 'created') {
        retries = 0;
        this.chunksDone += 1;
        this.rowsDone += chunk.rowIds.length;
        continue;
      }
      if (outcome.kind === 'not-sent') {
        await this.update((o) => {
          const entry = o.journal.find((e) => e.id === entryId)!;
          entry.outcome = 'rejected';
          entry.settled = true;
          for (const item of o.items) if (chunk.rowIds.includes(item.rowId) && item.state === 'sending') requeue(item);
        });
        if (outcome.trouble.kind !== 'transient') throw stopFor(outcome.trouble);
        retries = await this.waitBeforeRetry(retries, outcome.trouble.reason);
        stack.push(chunk);
        continue;
      }
      const missing = await this.settleAfterTrouble(chunk, entryId, outcome);
      if (outcome.kind === 'unknown') {
        if (missing.length > 0) {
          retries = await this.waitBeforeRetry(retries, outcome.reason);
          stack.push({ key: chunk.key, rowIds: missing });
        }
        continue;
      }
      retries = 0;
      const halves = bisect({ key: chunk.key, rowIds: missing });
      if (halves) stack.push(halves[1], halves[0]);
      this.chunksTotal += halves ? 2 : 0;
      this.chunksDone += 1;
    }
  }

  /** Records the intent, sends, records the answer. */
  private async sendChunk(chunk: Chunk): Promise<{ outcome: CreateOutcome; entryId: string }> {
    const entryId = randomUUID();
    const ids = new Set(chunk.rowIds);
    const outbox = await this.update((o) => {
      const items = o.items.filter((i) => ids.has(i.rowId));
      o.journal.push({ id: entryId, runId: this.runId, rowIds: [...chunk.rowIds], macs: items.map((i) => i.mac), sentAt: this.now(), outcome: 'pending', settled: false });
      for (const item of items) {
        item.state = 'sending';
        item.attempts += 1;
      }
    });
    const byRow = new Map(outbox.items.map((i) => [i.rowId, i]));
    const phones = chunk.rowIds.map((id) => {
      const item = byRow.get(id)!;
      return { mac: item.mac, extId: item.extId! };
    });
    const outcome = await this.pbx.batchCreate(chunk.key, phones);
    if (outcome.kind === 'created') {
      await this.update((o) => {
        o.journal.find((e) => e.id === entryId)!.outcome = 'created';
      });
    }
    return { outcome, entryId };
  }

  /**
   * After a refusal or an answer that leaves the outcome unknown: reads the PBX back, confirms what
   * landed, and returns the rows that did not. A refused single row fails with the PBX's reason.
   */
  private async settleAfterTrouble(chunk: Chunk, entryId: string, outcome: Exclude<CreateOutcome, { kind: 'created' | 'not-sent' }>): Promise<string[]> {
    await this.update((o) => {
      o.journal.find((e) => e.id === entryId)!.outcome = outcome.kind === 'unknown' ? 'unknown' : 'rejected';
    });
    this.progress('retrying', `${outcome.reason} Checking what the PBX has…`);
    const byMac = phonesByMac(await this.readPhones());
    let missing: string[] = [];
    await this.update((o) => {
      const entry = o.journal.find((e) => e.id === entryId)!;
      const left = settleEntry(o, entry, byMac, this.now());
      const culprit = left[0];
      if (outcome.kind !== 'unknown' && left.length === 1 && culprit) {
        // Everything else landed (or it was alone): this row is the one the PBX refused.
        culprit.state = outcome.kind === 'rejected' && outcome.conflict ? 'conflict' : 'failed';
        culprit.reason = outcome.reason;
        missing = [];
      } else {
        for (const item of left) requeue(item);
        missing = left.map((i) => i.rowId);
      }
    });
    return missing;
  }

  /** Backs off before retrying; after too many retries the run waits for the scheduler instead. */
  private async waitBeforeRetry(retries: number, reason: string): Promise<number> {
    const max = this.options.maxRetries ?? 4;
    if (retries >= max) throw new Stop('waiting', reason);
    const delay = backoffDelay(retries, this.random, this.options.backoff ?? DEFAULT_BACKOFF);
    this.progress('retrying', `${reason} Trying again in ${Math.ceil(delay / 1000)} s…`);
    try {
      await this.deps.clock.sleep(delay, this.options.signal);
    } catch {
      throw new Stop('paused', 'Sync paused.');
    }
    return retries + 1;
  }

  /**
   * Reads every phone back: confirms what this run sent, refreshes registration of phones already
   * confirmed, and re-queues any phone the PBX acknowledged but does not have. Returns how many were re-queued.
   */
  async verify(): Promise<number> {
    const outbox = await this.deps.repo.read(this.projectId);
    const needsCheck = outbox.journal.some((e) => !e.settled) || outbox.items.some((i) => i.state === 'on-pbx');
    if (!needsCheck) return 0;
    this.progress('verifying', 'Reading the phones back from the PBX…');
    const byMac = phonesByMac(await this.readPhones());
    let requeued = 0;
    await this.update((o) => {
      for (const entry of o.journal.filter((e) => !e.settled)) {
        for (const item of settleEntry(o, entry, byMac, this.now())) {
          if (item.attempts >= MAX_ATTEMPTS) {
            item.state = 'failed';
            item.reason = `The PBX accepted this phone ${item.attempts} times but never listed it. Check the PBX's Auto Provisioning list.`;
          } else {
            requeue(item, 'The PBX accepted this phone but does not list it yet: sending again.');
            requeued += 1;
          }
        }
      }
      for (const item of o.items) {
        if (item.state !== 'on-pbx') continue;
        const phone = byMac.get(macKey(item.mac));
        if (phone) item.registration = phone.status;
      }
    });
    return requeued;
  }
}
