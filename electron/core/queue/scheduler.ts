import type { QueuePhase } from '../../../shared/contract/queue';
import { type BackoffPolicy, backoffDelay } from '../../../shared/sync/backoff';
import { macKey, phonesByMac } from '../../../shared/sync/settle';
import type { Logger } from '../log';
import { hasWork } from '../../../shared/sync/outbox';
import { type RunSummary, SHUTDOWN, type SyncEngine, type SyncOptions } from './engine';
import type { StoreOutboxRepository } from './outbox-repository';
import type { PbxPort } from './ports';

/** A timer handle, whatever the timer implementation. */
export type TimerHandle = unknown;

/** Timers the scheduler uses; injectable so tests can drive time, and all cancelled by `close()`. */
export interface Timers {
  set(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

/** Node's timers, not keeping the process alive on their own. */
export const systemTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The PBX a project syncs to: `key` names it (one sync at a time per key), or why there is none. */
export type PortLease = { readonly key: string; readonly port: PbxPort } | { readonly problem: string };

/** How patient the scheduler is. */
export interface SchedulerTuning {
  /** Waits between runs after transient failures: exponential with jitter. */
  readonly backoff: BackoffPolicy;
  /** While waiting, how often to check (with no token) whether the PBX answers again. */
  readonly probeIntervalMs: number;
  /** After a sync, how often to read registrations… */
  readonly pollIntervalMs: number;
  /** …and for how long at most. */
  readonly pollForMs: number;
  /** Options of each run (chunk size, retries within a run). */
  readonly sync: Omit<SyncOptions, 'signal'>;
}

/** Defaults: first wait about 5 s, at most 5 min; probe every 10 s; registrations every 10 s for 10 min. */
export const DEFAULT_TUNING: SchedulerTuning = {
  backoff: { baseMs: 5_000, maxMs: 300_000 },
  probeIntervalMs: 10_000,
  pollIntervalMs: 10_000,
  pollForMs: 10 * 60_000,
  sync: {},
};

/** What the scheduler knows about one project beyond its outbox. */
export interface ScheduleView {
  readonly phase: QueuePhase;
  readonly reason: string | null;
  readonly nextAttemptAt: string | null;
  readonly polling: boolean;
  readonly lastRun: RunSummary | null;
}

/** What the scheduler needs. */
export interface SchedulerDeps {
  readonly engine: SyncEngine;
  readonly repo: StoreOutboxRepository;
  readonly resolve: (projectId: string) => PortLease;
  readonly log: Logger;
  readonly timers?: Timers;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly tuning?: Partial<SchedulerTuning>;
  /** Called whenever a project's schedule view changes. */
  readonly onChange: (projectId: string) => void;
}

interface Slot {
  phase: QueuePhase;
  reason: string | null;
  nextAttemptAt: string | null;
  failures: number;
  sawDown: boolean;
  again: boolean;
  polling: boolean;
  pollUntil: number;
  lastRun: RunSummary | null;
  retryTimer?: TimerHandle;
  probeTimer?: TimerHandle;
  pollTimer?: TimerHandle;
  abort?: AbortController;
  running?: Promise<void>;
}

/**
 * Decides when each project syncs: one sync at a time per PBX; after transient failures it waits
 * (exponential backoff with jitter) and shows when it tries again, and resumes sooner once a token-less
 * probe sees the PBX answer again after it was down; credentials, blocked-IP and certificate failures stop
 * the project's sync until the technician acts (kept on disk, so a restart never retries a refused login).
 * After a sync it reads registrations for a while, so the technician sees phones come online.
 */
export class SyncScheduler {
  private readonly slots = new Map<string, Slot>();
  /** Per PBX key: the tail of the chain of work holding or waiting for it (absent when the PBX is free). */
  private readonly locks = new Map<string, Promise<void>>();
  private readonly timers: Timers;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly tuning: SchedulerTuning;
  private closed = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.timers = deps.timers ?? systemTimers;
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  /** Where a project's sync stands (a pause or stop kept on disk counts even before anything ran). */
  view(projectId: string): ScheduleView {
    const slot = this.slots.get(projectId);
    const hold = this.deps.repo.peek(projectId).hold;
    if (slot?.phase === 'running') return this.viewOf(slot);
    if (hold?.kind === 'paused') return { phase: 'paused', reason: 'Paused by the technician.', nextAttemptAt: null, polling: false, lastRun: slot?.lastRun ?? null };
    if (hold?.kind === 'stopped') return { phase: 'stopped', reason: hold.reason, nextAttemptAt: null, polling: false, lastRun: slot?.lastRun ?? null };
    return slot ? this.viewOf(slot) : { phase: 'idle', reason: null, nextAttemptAt: null, polling: false, lastRun: null };
  }

  private viewOf(slot: Slot): ScheduleView {
    return { phase: slot.phase, reason: slot.reason, nextAttemptAt: slot.nextAttemptAt, polling: slot.polling, lastRun: slot.lastRun };
  }

  private slot(projectId: string): Slot {
    let slot = this.slots.get(projectId);
    if (!slot) {
      slot = { phase: 'idle', reason: null, nextAttemptAt: null, failures: 0, sawDown: false, again: false, polling: false, pollUntil: 0, lastRun: null };
      this.slots.set(projectId, slot);
    }
    return slot;
  }

  private set(projectId: string, slot: Slot, phase: QueuePhase, reason: string | null = null, nextAttemptAt: string | null = null): void {
    slot.phase = phase;
    slot.reason = reason;
    slot.nextAttemptAt = nextAttemptAt;
    this.deps.onChange(projectId);
  }

  private clearTimers(slot: Slot, poll = false): void {
    const keys: ('retryTimer' | 'probeTimer' | 'pollTimer')[] = poll ? ['retryTimer', 'probeTimer', 'pollTimer'] : ['retryTimer', 'probeTimer'];
    for (const key of keys) {
      if (slot[key] !== undefined) this.timers.clear(slot[key]);
      slot[key] = undefined;
    }
  }

  /**
   * Asks for a sync of a project now (also while waiting). Nothing runs while it is paused or stopped; a
   * request during a run runs again after it.
   */
  kick(projectId: string): void {
    if (this.closed) return;
    const slot = this.slot(projectId);
    if (slot.running) {
      slot.again = true;
      return;
    }
    const hold = this.deps.repo.peek(projectId).hold;
    if (hold) {
      this.deps.onChange(projectId);
      return;
    }
    this.clearTimers(slot);
    slot.running = this.runOnce(projectId, slot).finally(() => {
      slot.running = undefined;
      if (slot.again && !this.closed) {
        slot.again = false;
        this.kick(projectId);
      }
    });
  }

  private async runOnce(projectId: string, slot: Slot): Promise<void> {
    const lease = this.deps.resolve(projectId);
    if ('problem' in lease) {
      this.set(projectId, slot, 'stopped', lease.problem);
      return;
    }
    if (!hasWork(this.deps.repo.peek(projectId))) {
      this.set(projectId, slot, 'idle');
      return;
    }
    const abort = new AbortController();
    slot.abort = abort;
    this.set(projectId, slot, 'running');
    let summary: RunSummary;
    try {
      summary = await this.exclusive(lease.key, () => this.deps.engine.run(projectId, lease.port, { ...this.tuning.sync, signal: abort.signal }));
    } catch (error) {
      this.deps.log.error('sync failed', { projectId, error });
      const why = error instanceof Error ? error.message : String(error);
      this.set(projectId, slot, 'stopped', `The sync stopped because the queue could not be saved or read: ${why} Nothing was lost; press Sync now to try again.`);
      return;
    } finally {
      slot.abort = undefined;
    }
    slot.lastRun = summary;
    this.afterRun(projectId, slot, summary, lease);
  }

  private afterRun(projectId: string, slot: Slot, summary: RunSummary, lease: { key: string; port: PbxPort }): void {
    switch (summary.outcome) {
      case 'finished':
        slot.failures = 0;
        slot.sawDown = false;
        this.set(projectId, slot, 'idle');
        if (!this.closed) this.startPolling(projectId, slot, lease);
        return;
      case 'paused':
        this.set(projectId, slot, 'paused', 'Paused by the technician.');
        return;
      case 'stopped': {
        const reason = summary.stoppedBecause ?? 'The sync stopped.';
        // On disk: a restart must not try a refused login again by itself.
        this.deps.repo.updateNow(projectId, (o) => {
          o.hold = { kind: 'stopped', at: this.now().toISOString(), reason };
        });
        this.set(projectId, slot, 'stopped', reason);
        return;
      }
      case 'waiting': {
        if (this.closed) return;
        const delay = backoffDelay(slot.failures, this.random, this.tuning.backoff);
        slot.failures += 1;
        slot.sawDown = false;
        slot.retryTimer = this.timers.set(() => {
          slot.retryTimer = undefined;
          this.kick(projectId);
        }, delay);
        this.scheduleProbe(projectId, slot, lease.port);
        const at = new Date(this.now().getTime() + delay).toISOString();
        this.set(projectId, slot, 'waiting', `Waiting for the PBX: ${summary.stoppedBecause ?? 'it did not answer.'}`, at);
        return;
      }
    }
  }

  /** While waiting: a token-less probe; once the PBX answers again after being down, sync at once. */
  private scheduleProbe(projectId: string, slot: Slot, port: PbxPort): void {
    slot.probeTimer = this.timers.set(() => {
      slot.probeTimer = undefined;
      void port.probe().then((up) => {
        if (this.closed || slot.phase !== 'waiting' || slot.running) return;
        if (!up) slot.sawDown = true;
        if (up && slot.sawDown) {
          this.deps.log.info('the PBX answers again: syncing now', { projectId });
          if (slot.retryTimer !== undefined) this.timers.clear(slot.retryTimer);
          slot.retryTimer = undefined;
          this.kick(projectId);
          return;
        }
        this.scheduleProbe(projectId, slot, port);
      });
    }, this.tuning.probeIntervalMs);
  }

  /** Runs `work` when no other work holds the PBX `key` (one sync, poll or undo at a time per PBX). */
  async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chain = before.then(() => mine);
    this.locks.set(key, chain);
    await before;
    try {
      return await work();
    } finally {
      release();
      if (this.locks.get(key) === chain) this.locks.delete(key);
    }
  }

  /** Runs work on a project's PBX under its lock (undo); throws the lease's problem in words when it has none. */
  async withPort<T>(projectId: string, work: (port: PbxPort) => Promise<T>): Promise<T> {
    const lease = this.deps.resolve(projectId);
    if ('problem' in lease) throw new Error(lease.problem);
    return this.exclusive(lease.key, () => work(lease.port));
  }

  private startPolling(projectId: string, slot: Slot, lease: { key: string; port: PbxPort }): void {
    const waiting = this.deps.repo.peek(projectId).items.some((i) => i.state === 'on-pbx' && i.registration !== 'Registered');
    if (!waiting || this.tuning.pollForMs <= 0) return;
    slot.pollUntil = this.now().getTime() + this.tuning.pollForMs;
    slot.polling = true;
    this.deps.onChange(projectId);
    this.schedulePoll(projectId, slot, lease);
  }

  private stopPolling(projectId: string, slot: Slot): void {
    if (slot.pollTimer !== undefined) this.timers.clear(slot.pollTimer);
    slot.pollTimer = undefined;
    if (!slot.polling) return;
    slot.polling = false;
    this.deps.onChange(projectId);
  }

  private schedulePoll(projectId: string, slot: Slot, lease: { key: string; port: PbxPort }): void {
    slot.pollTimer = this.timers.set(() => {
      slot.pollTimer = undefined;
      void this.pollOnce(projectId, slot, lease);
    }, this.tuning.pollIntervalMs);
  }

  /** One registration read; never while the PBX is busy with a sync, never after a refused login. */
  private async pollOnce(projectId: string, slot: Slot, lease: { key: string; port: PbxPort }): Promise<void> {
    if (this.closed || !slot.polling) return;
    if (slot.running || this.locks.has(lease.key)) {
      this.schedulePoll(projectId, slot, lease);
      return;
    }
    const phones = await this.exclusive(lease.key, () => lease.port.readPhones());
    if (this.closed || !slot.polling) return;
    if (!phones.ok) {
      if (phones.trouble.kind === 'transient') this.schedulePoll(projectId, slot, lease);
      else this.stopPolling(projectId, slot);
      return;
    }
    const byMac = phonesByMac(phones.data);
    const outbox = this.deps.repo.peek(projectId);
    const changed = outbox.items.some((i) => i.state === 'on-pbx' && byMac.get(macKey(i.mac))?.status !== undefined && byMac.get(macKey(i.mac))?.status !== i.registration);
    let left = outbox.items.filter((i) => i.state === 'on-pbx' && i.registration !== 'Registered').length;
    if (changed) {
      const saved = this.deps.repo.updateNow(projectId, (o) => {
        for (const item of o.items) {
          const status = item.state === 'on-pbx' ? byMac.get(macKey(item.mac))?.status : undefined;
          if (status !== undefined) item.registration = status;
        }
      });
      left = saved.items.filter((i) => i.state === 'on-pbx' && i.registration !== 'Registered').length;
    }
    if (left === 0 || this.now().getTime() >= slot.pollUntil) this.stopPolling(projectId, slot);
    else this.schedulePoll(projectId, slot, lease);
  }

  /** Pauses a project's sync: kept on disk; a request in flight finishes first. */
  pause(projectId: string): void {
    this.deps.repo.updateNow(projectId, (o) => {
      o.hold = { kind: 'paused', at: this.now().toISOString() };
    });
    const slot = this.slot(projectId);
    slot.abort?.abort();
    this.clearTimers(slot);
    this.stopPolling(projectId, slot);
    if (!slot.running) this.set(projectId, slot, 'paused', 'Paused by the technician.');
  }

  /** Lifts a pause or a stop and syncs now (the technician's action). */
  release(projectId: string): void {
    if (this.deps.repo.peek(projectId).hold) {
      this.deps.repo.updateNow(projectId, (o) => {
        o.hold = null;
      });
    }
    const slot = this.slot(projectId);
    slot.failures = 0;
    this.kick(projectId);
  }

  /** At start: syncs every project with queued phones or requests to settle, unless paused or stopped. */
  startup(projectIds: readonly string[]): void {
    for (const id of projectIds) {
      const outbox = this.deps.repo.peek(id);
      if (outbox.hold) this.deps.onChange(id);
      else if (hasWork(outbox)) this.kick(id);
    }
  }

  /** Resolves once no sync of the project is running. */
  async idle(projectId: string): Promise<void> {
    await this.slots.get(projectId)?.running;
  }

  /** Forgets a deleted project: cancels its timers and stops its sync between requests. */
  forget(projectId: string): void {
    const slot = this.slots.get(projectId);
    if (!slot) return;
    slot.abort?.abort(SHUTDOWN);
    this.clearTimers(slot, true);
    this.slots.delete(projectId);
  }

  /** Cancels every timer, stops running syncs between requests, and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      slot.abort?.abort(SHUTDOWN);
      this.clearTimers(slot, true);
      slot.polling = false;
      if (slot.running) running.push(slot.running);
    }
    await Promise.allSettled(running);
  }
}
