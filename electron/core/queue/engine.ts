import { randomUUID } from 'node:crypto';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from '../../../shared/sync/backoff';
import { type Chunk, DEFAULT_CHUNK_SIZE, planChunks } from '../../../shared/sync/chunks';
import { type GroupKey, type JournalEntry, type Outbox, type OutboxItem, type OutboxState, countStates, groupKeyOf, hasWork } from '../../../shared/sync/outbox';
import { preflight } from '../../../shared/sync/preflight';
import { type Refusal, confirmOnPbx, itemsByRow, macKey, phonesByMac, settleAll } from '../../../shared/sync/settle';
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

/**
 * How a run ended. `waiting`: the PBX was unavailable or busy, try again later. `stopped`: the technician
 * must act (`trouble` says on what). `paused`: the technician paused it.
 */
export interface RunSummary {
  /** Null when there was nothing to do (no run was recorded). */
  readonly runId: string | null;
  readonly outcome: 'finished' | 'waiting' | 'stopped' | 'paused';
  readonly stoppedBecause: string | null;
  readonly trouble: PbxTrouble['kind'] | null;
  readonly counts: Record<OutboxState, number>;
  readonly requests: number;
}

/** Tuning for a run. */
export interface SyncOptions {
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
  /** Retries after answers that leave a chunk's outcome unknown (or a PBX that is not reachable) before the run waits for later. */
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

// Whole passes (pre-flight, send, verify) per run; another pass only runs when verification re-queued phones.
const MAX_PASSES = 3;
// Runs that created nothing are history only: keep the latest few. Runs that created phones are kept for undo.
const EMPTY_RUNS_KEPT = 20;

class Stop extends Error {
  constructor(
    readonly outcome: 'waiting' | 'stopped' | 'paused',
    message: string,
    readonly trouble: PbxTrouble['kind'] | null = null,
  ) {
    super(message);
  }
}

function stopFor(trouble: PbxTrouble): Stop {
  return new Stop(trouble.kind === 'transient' ? 'waiting' : 'stopped', trouble.reason, trouble.kind);
}

const PAUSED = (): Stop => new Stop('paused', 'Sync paused.');

/** The abort reason for a shutdown: the run stops between requests and leaves open records for the next start. */
export const SHUTDOWN = 'shutdown';

/**
 * The sync engine: sends a project's queued phones to the PBX so that nothing is lost and nothing is
 * added twice. Every request is recorded before it goes out (write-ahead) and, whenever its answer is
 * anything but a clean success, the PBX is read back before any of its phones is sent again, so a crash,
 * a timeout or a dropped connection never leads to a duplicate, and a partial success is never reported
 * as a failure. Refused requests are split (bisection) until the phones the PBX refuses are isolated.
 */
export class SyncEngine {
  private readonly random: () => number;

  constructor(private readonly deps: SyncEngineDeps) {
    this.random = deps.random ?? Math.random;
  }

  /** Runs one sync of a project against its PBX. Never throws for PBX trouble: the summary says what happened. */
  async run(projectId: string, pbx: PbxPort, options: SyncOptions = {}): Promise<RunSummary> {
    const start = await this.deps.repo.read(projectId);
    if (!hasWork(start)) return { runId: null, outcome: 'finished', stoppedBecause: null, trouble: null, counts: countStates(start), requests: 0 };
    const runId = randomUUID();
    const requestsBefore = pbx.requestCount();
    const now = (): string => this.deps.clock.now().toISOString();
    await this.deps.repo.update(projectId, (outbox) => {
      for (const run of outbox.runs) {
        // A run without an end was cut short by a crash; this run settles what it sent before anything else.
        if (run.finishedAt === null) {
          run.finishedAt = now();
          run.stoppedBecause ??= 'The app stopped during this sync; what reached the PBX was checked when it started again.';
        }
      }
      outbox.runs.push({ id: runId, startedAt: now(), finishedAt: null, requests: 0, created: [], stoppedBecause: null, undoneAt: null });
    });
    const ctx = new RunContext(this.deps, projectId, runId, pbx, options, this.random);
    let stop: Stop | null = null;
    try {
      if (options.signal?.aborted) throw PAUSED();
      await ctx.settleLeftovers();
      for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        const toSend = await ctx.preflight();
        if (toSend.length > 0) await ctx.send(toSend);
        // Another pass for phones queued again (acknowledged but not listed) or queued by the technician meanwhile.
        if (!(await ctx.verify())) break;
      }
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      stop = error;
      this.deps.log.info('sync stopped', { projectId, runId, outcome: error.outcome, reason: error.message });
      // Paused by the technician: confirm what was sent so far with one read-back, so no row is left "sending".
      if (error.outcome === 'paused' && options.signal?.reason !== SHUTDOWN) await ctx.verify().catch(() => undefined);
    }
    const requests = pbx.requestCount() - requestsBefore;
    const final = await ctx.finish((outbox) => {
      const run = outbox.runs.find((r) => r.id === runId);
      if (run) {
        run.finishedAt = now();
        run.requests = requests;
        run.stoppedBecause = stop?.message ?? null;
      }
      // Open records stay for the next start, which reads the PBX back before anything else.
      outbox.journal = outbox.journal.filter((e) => !e.settled);
      const empty = outbox.runs.filter((r) => r.created.length === 0 && r.finishedAt !== null);
      const drop = new Set(empty.slice(0, Math.max(0, empty.length - EMPTY_RUNS_KEPT)).map((r) => r.id));
      outbox.runs = outbox.runs.filter((r) => !drop.has(r.id));
    });
    return { runId, outcome: stop?.outcome ?? 'finished', stoppedBecause: stop?.message ?? null, trouble: stop?.trouble ?? null, counts: countStates(final), requests };
  }
}

/** A chunk to send; `after` is set when its previous attempt failed: wait, read back, then send what is missing. */
interface Work {
  readonly chunk: Chunk;
  readonly after: string | null;
}

/** The state of one run; each step persists its decisions before the next request goes out. */
class RunContext {
  private chunksDone = 0;
  private chunksTotal = 0;
  private rowsDone = 0;
  private rowsTotal = 0;
  private retries = 0;
  /** Refused requests of this run by record id, until a read-back settles them. */
  private readonly refusals = new Map<string, Refusal>();
  /** Journal bookkeeping that needs no write of its own: applied with the next write (a crash before it loses nothing). */
  private deferred: ((journal: JournalEntry[]) => void)[] = [];
  /** Chunks split after a refusal, for the next round. */
  private nextRound: Chunk[] = [];

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
    const deferred = this.takeDeferred();
    return this.deps.repo.update(this.projectId, (outbox) => {
      for (const apply of deferred) apply(outbox.journal);
      change(outbox);
    });
  }

  /** A change of the journal only: the small write of the per-request hot path. */
  private updateJournal(change: (journal: JournalEntry[], outbox: Outbox) => void): Promise<Outbox> {
    const deferred = this.takeDeferred();
    return this.deps.repo.updateJournal(this.projectId, (journal, outbox) => {
      for (const apply of deferred) apply(journal);
      change(journal, outbox);
    });
  }

  private takeDeferred(): ((journal: JournalEntry[]) => void)[] {
    const deferred = this.deferred;
    this.deferred = [];
    return deferred;
  }

  /** The run's last write: deferred bookkeeping plus `change`. */
  finish(change: (outbox: Outbox) => void): Promise<Outbox> {
    return this.update(change);
  }

  private checkPaused(): void {
    if (this.options.signal?.aborted) throw PAUSED();
  }

  private async readPhones(): Promise<PhoneOnPbx[]> {
    const phones = await this.pbx.readPhones();
    if (!phones.ok) throw stopFor(phones.trouble);
    return phones.data;
  }

  /** Reads the PBX back and settles every open record against it; chunks split after refusals go to the next round. */
  private async readBackAndSettle(): Promise<void> {
    const byMac = phonesByMac(await this.readPhones());
    await this.update((o) => {
      const settled = settleAll(o, byMac, this.refusals, this.now());
      this.nextRound.push(...settled.retry);
      this.chunksTotal += settled.retry.length;
      for (const item of o.items) {
        if (item.state !== 'on-pbx') continue;
        const phone = byMac.get(macKey(item.mac));
        if (phone) item.registration = phone.status;
      }
    });
    this.refusals.clear();
  }

  /** After a crash or a stop mid-request: learn from the PBX what those requests did, before anything else. */
  async settleLeftovers(): Promise<void> {
    const outbox = await this.deps.repo.read(this.projectId);
    if (!outbox.journal.some((e) => !e.settled)) return;
    this.progress('reconciling', 'Checking what the PBX received before the sync stopped…');
    await this.readBackAndSettle();
  }

  /** Reads the PBX and decides, for every queued phone, whether to send it. Returns the phones to send. */
  async preflight(): Promise<OutboxItem[]> {
    this.checkPaused();
    const outbox = await this.deps.repo.read(this.projectId);
    const queued = outbox.items.filter((i) => i.state === 'queued');
    if (queued.length === 0) return [];
    this.progress('preflight', `Checking ${queued.length} phones against the PBX…`);
    const groups = new Map<string, GroupKey>(queued.map((i) => [groupKeyOf(i), i]));
    const snapshot = await this.pbx.readSnapshot([...groups.values()]);
    if (!snapshot.ok) throw stopFor(snapshot.trouble);
    const verdicts = preflight(queued, snapshot.data);
    const phoneById = new Map(snapshot.data.phones.items.map((p) => [p.id, p]));
    const names = new Map(snapshot.data.extensions.items.map((e) => [e.number, e.name]));
    const send = new Set<string>();
    const updated = await this.update((o) => {
      const items = itemsByRow(o);
      for (const verdict of verdicts) {
        const item = items.get(verdict.rowId);
        if (!item || item.state !== 'queued') continue;
        item.extensionName = names.get(item.extension) ?? item.extensionName;
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

  /**
   * Sends the phones in chunks, one request at a time. Clean successes need no read-back until the end.
   * A refused chunk waits for the end of the round, where ONE read-back settles every refused chunk and
   * splits the rows that did not land (bisection), so isolating a few bad rows costs a read-back per
   * level of splitting, not per request. A chunk without a trustworthy answer waits (backoff), then the
   * PBX is read back, then only its missing phones are sent again.
   */
  async send(items: readonly OutboxItem[]): Promise<void> {
    let round: Chunk[] = planChunks(items, this.options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.chunksTotal += round.length;
    this.rowsTotal += items.length;
    while (round.length > 0) {
      const work: Work[] = round.map((chunk) => ({ chunk, after: null }));
      while (work.length > 0) {
        this.checkPaused();
        const next = work.shift()!;
        let chunk = next.chunk;
        if (next.after !== null) {
          await this.waitBeforeRetry(next.after);
          await this.readBackAndSettle();
          chunk = await this.stillQueued(chunk);
          if (chunk.rowIds.length === 0) continue;
        }
        const retry = await this.sendOne(chunk);
        if (retry) work.unshift(retry);
      }
      if (this.refusals.size > 0) {
        this.progress('retrying', 'Some phones were refused: checking what the PBX has before sending the rest in smaller groups…');
        await this.readBackAndSettle();
      }
      round = this.nextRound;
      this.nextRound = [];
    }
  }

  /** Sends one chunk and records what its answer means; returns the work to do next for it, if any. */
  private async sendOne(chunk: Chunk): Promise<Work | null> {
    this.progress('sending', `Sending ${chunk.rowIds.length} ${chunk.key.vendor} ${chunk.key.model} phones…`);
    const sent = await this.sendChunk(chunk);
    if (!sent) return null;
    const { outcome, entryId, rowIds } = sent;
    const done = { key: chunk.key, rowIds };
    switch (outcome.kind) {
      case 'created':
        this.retries = 0;
        this.chunksDone += 1;
        this.rowsDone += rowIds.length;
        this.deferred.push((journal) => {
          const entry = journal.find((e) => e.id === entryId);
          if (entry) entry.outcome = 'created';
        });
        return null;
      case 'not-sent':
        // Nothing left this computer: close the record now; its phones are queued again by that alone.
        await this.updateJournal((journal) => {
          const entry = journal.find((e) => e.id === entryId);
          if (entry) Object.assign(entry, { outcome: 'rejected', settled: true });
        });
        if (outcome.trouble.kind !== 'transient') throw stopFor(outcome.trouble);
        return { chunk: done, after: outcome.trouble.reason };
      case 'refused':
        // The PBX answered but refused the whole request: the record stays open, so the next sync reads back first.
        await this.recordOutcome(entryId, 'rejected');
        throw stopFor(outcome.trouble);
      case 'unknown':
        await this.recordOutcome(entryId, 'unknown');
        return { chunk: done, after: outcome.reason };
      case 'rejected':
      case 'partial': {
        this.retries = 0;
        this.chunksDone += 1;
        const items = new Map((outcome.items ?? []).map((i) => [macKey(i.mac), { reason: i.reason, conflict: i.conflict }]));
        this.refusals.set(entryId, { reason: outcome.reason, conflict: outcome.kind === 'rejected' && outcome.conflict, items });
        await this.recordOutcome(entryId, 'rejected');
        return null;
      }
    }
  }

  private recordOutcome(entryId: string, outcome: 'rejected' | 'unknown'): Promise<Outbox> {
    return this.updateJournal((journal) => {
      const entry = journal.find((e) => e.id === entryId);
      if (entry) entry.outcome = outcome;
    });
  }

  /** The rows of a chunk that are still queued to send (a read-back may have found them, or the technician removed them). */
  private async stillQueued(chunk: Chunk): Promise<Chunk> {
    const items = itemsByRow(await this.deps.repo.read(this.projectId));
    return { key: chunk.key, rowIds: chunk.rowIds.filter((id) => items.get(id)?.state === 'queued') };
  }

  /**
   * Records the intent (write-ahead: the record is on disk before the request leaves, and carrying the
   * phones makes them `sending`), then sends. Rows removed or changed since they were planned are left
   * out; returns null when none is left.
   */
  private async sendChunk(chunk: Chunk): Promise<{ outcome: CreateOutcome; entryId: string; rowIds: string[] } | null> {
    const entryId = randomUUID();
    const phones: { mac: string; extId: number }[] = [];
    const rowIds: string[] = [];
    await this.updateJournal((journal, o) => {
      const items = itemsByRow(o);
      const sendable = chunk.rowIds.map((id) => items.get(id)).filter((i): i is OutboxItem & { extId: number } => i?.state === 'queued' && i.extId !== null);
      for (const item of sendable) {
        phones.push({ mac: item.mac, extId: item.extId });
        rowIds.push(item.rowId);
      }
      if (sendable.length > 0) journal.push({ id: entryId, runId: this.runId, rowIds, macs: sendable.map((i) => i.mac), sentAt: this.now(), outcome: 'pending', settled: false });
    });
    if (rowIds.length === 0) return null;
    return { outcome: await this.pbx.batchCreate(chunk.key, phones), entryId, rowIds };
  }

  /** Backs off before a retry; after too many in a row the run ends `waiting` and the scheduler takes over. */
  private async waitBeforeRetry(reason: string): Promise<void> {
    const max = this.options.maxRetries ?? 4;
    if (this.retries >= max) throw new Stop('waiting', reason, 'transient');
    const delay = backoffDelay(this.retries, this.random, this.options.backoff ?? DEFAULT_BACKOFF);
    this.retries += 1;
    this.progress('retrying', `${reason} Checking the PBX and trying again in ${Math.ceil(delay / 1000)} s…`);
    try {
      await this.deps.clock.sleep(delay, this.options.signal);
    } catch {
      throw PAUSED();
    }
  }

  /**
   * Reads every phone back when requests are still open: confirms what this run sent and re-queues any
   * phone the PBX acknowledged but does not list. Returns true when phones are queued again (another pass).
   */
  async verify(): Promise<boolean> {
    let outbox = await this.deps.repo.read(this.projectId);
    if (outbox.journal.some((e) => !e.settled)) {
      this.progress('verifying', 'Reading the phones back from the PBX…');
      await this.readBackAndSettle();
      outbox = await this.deps.repo.read(this.projectId);
    }
    return outbox.items.some((i) => i.state === 'queued');
  }
}
