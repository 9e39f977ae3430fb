import { type Cidr, cidrContains, formatIpv4, parseIpv4 } from '../../../shared/domain/cidr';
import type { NeighbourEntry } from '../../../shared/domain/neighbour-table';
import type { Clock } from './clock';
import type { NeighbourReader } from './neighbour-reader';
import type { Prober } from './prober';

/** The timing knobs of a sweep. */
export interface SweepTiming {
  /** Probes per second. Bounded so a /22 does not become a broadcast storm of ARP requests. */
  readonly ratePerSecond: number;
  /** How often the neighbour table is read while the sweep runs, so devices appear as they answer. */
  readonly readIntervalMs: number;
  /** Wait after the first pass before re-probing the addresses still unresolved. */
  readonly secondPassDelayMs: number;
  /**
   * The sweep is not complete before this long after the first pass: long enough for the OS's own first ARP
   * retransmission (Linux: 1 s after the first request) to be answered, so one lost request or reply costs nothing.
   */
  readonly retryCoverMs: number;
  /** …and not while devices keep arriving: complete only after this long without a new one. */
  readonly quietMs: number;
  /**
   * Which addresses the second pass re-probes: `unresolved` ones, or only those whose probe the OS `refused`
   * (Linux: its own ARP retries cover the rest, and a re-probe would only queue behind the pending request).
   */
  readonly secondPass: 'unresolved' | 'refused';
  /**
   * At most this many addresses may be waiting for ARP at once. Linux keeps an unanswered entry about 3 s and
   * silently drops new ones beyond gc_thresh3 (1,024 by default): a /22 at full speed loses probes without an error.
   */
  readonly maxUnresolved: number;
  /** How long the OS keeps an unanswered address pending (Linux: 3 tries, 1 s apart). */
  readonly unresolvedLifetimeMs: number;
}

/**
 * Defaults per OS. 1,000 probes/s: twice arp-scan's default rate, a /24 in a quarter second. Linux reads a
 * file, so it polls every 50 ms; macOS and Windows spawn `arp`, so every 250 ms. Linux retransmits unanswered
 * ARP requests itself (3 tries, 1 s apart), so its second pass only catches probes the OS refused; macOS and
 * Windows get theirs after 1 s, when their per-address ARP rate limit lets a fresh request out.
 */
export function defaultSweepTiming(platform: NodeJS.Platform = process.platform): SweepTiming {
  const linux = platform === 'linux';
  return {
    ratePerSecond: 1_000,
    readIntervalMs: linux ? 50 : 250,
    secondPassDelayMs: linux ? 300 : 1_000,
    retryCoverMs: 1_100,
    quietMs: 250,
    secondPass: linux ? 'refused' : 'unresolved',
    maxUnresolved: linux ? 768 : Number.POSITIVE_INFINITY,
    unresolvedLifetimeMs: 3_000,
  };
}

/**
 * The probe rate for a sweep of `hosts` addresses: the configured rate, lowered for ranges larger than
 * `maxUnresolved` so that no more than that many addresses wait for ARP at once (a /22 on Linux: 256/s).
 */
export function effectiveRate(hosts: number, timing: SweepTiming): number {
  if (hosts <= timing.maxUnresolved) return timing.ratePerSecond;
  return Math.min(timing.ratePerSecond, Math.floor((timing.maxUnresolved * 1000) / timing.unresolvedLifetimeMs));
}

/** Sweep phases reported through progress. */
export type SweepPhase = 'sweep' | 'second-pass' | 'settling';

/** What the sweep reports as it runs. */
export interface SweepHooks {
  /** Every successful table read: the resolved rows inside the range. */
  onEntries(entries: readonly NeighbourEntry[]): void;
  /** Phase changes and, at most every 100 ms, probes sent in the first pass. */
  onProgress(progress: { phase: SweepPhase; sent: number; total: number }): void;
}

/** How a sweep ended, with the send errors by code (EHOSTUNREACH…) for the log. */
export interface SweepResult {
  readonly outcome: 'complete' | 'timeout' | 'cancelled' | 'failed';
  readonly message: string | null;
  readonly sendErrors: ReadonlyMap<string, number>;
}

/** Everything one sweep needs. */
export interface SweepRun {
  readonly hosts: readonly number[];
  readonly range: Cidr;
  readonly prober: Prober;
  readonly readTable: NeighbourReader;
  readonly clock: Clock;
  readonly timing: SweepTiming;
  readonly hooks: SweepHooks;
  readonly signal: AbortSignal;
  /** Clock time (ms) by which the sweep must end, complete or not. */
  readonly deadline: number;
}

/**
 * Fills the neighbour table by probing every host at a bounded rate, reading the table all along, then
 * re-probes the unresolved ones. Complete once every probe is out, the OS had time for one ARP retransmission,
 * and no new device arrived for `quietMs`; the deadline or the signal end it sooner. Only rows inside the
 * range are reported.
 */
export async function runSweep(run: SweepRun): Promise<SweepResult> {
  const { clock, timing, hooks, signal } = run;
  const total = run.hosts.length;
  const resolved = new Set<number>();
  const sendErrors = new Map<string, number>();
  const refused = new Set<number>();
  const rate = effectiveRate(total, timing);
  let lastNew = clock.now();
  let reads = 0;
  let readError: string | null = null;
  let sent = 0;
  let phase: SweepPhase = 'sweep';
  let lastProgress = Number.NEGATIVE_INFINITY;
  const stopped = (): boolean => signal.aborted || clock.now() >= run.deadline;
  const progress = (force: boolean): void => {
    const now = clock.now();
    if (!force && now - lastProgress < 100) return;
    lastProgress = now;
    hooks.onProgress({ phase, sent, total });
  };

  const readOnce = async (): Promise<void> => {
    try {
      const entries = (await run.readTable()).filter((entry) => {
        const address = parseIpv4(entry.ip);
        if (address === null || !cidrContains(run.range, address)) return false;
        if (!resolved.has(address)) {
          resolved.add(address);
          lastNew = clock.now();
        }
        return true;
      });
      reads += 1;
      hooks.onEntries(entries);
    } catch (error) {
      readError = error instanceof Error ? error.message : String(error);
    }
  };
  const stopReading = new AbortController();
  const readSignal = AbortSignal.any([signal, stopReading.signal]);
  const readLoop = (async () => {
    while (!readSignal.aborted) {
      await readOnce();
      await clock.sleep(timing.readIntervalMs, readSignal);
    }
  })();

  const sendPass = async (list: readonly number[], firstPass: boolean): Promise<void> => {
    const started = clock.now();
    const pending: Promise<void>[] = [];
    let index = 0;
    while (index < list.length && !stopped()) {
      const due = Math.min(list.length, Math.floor(((clock.now() - started) * rate) / 1000) + 1);
      for (; index < due; index += 1) {
        const host = list[index] ?? 0;
        const probe = run.prober.send(formatIpv4(host)).then((code) => {
          if (code === null) return;
          sendErrors.set(code, (sendErrors.get(code) ?? 0) + 1);
          refused.add(host);
        });
        pending.push(probe);
        if (firstPass) sent += 1;
      }
      progress(false);
      if (index < list.length) await clock.sleep(Math.max(1, (index * 1000) / rate - (clock.now() - started)), signal);
    }
    await Promise.all(pending);
    progress(true);
  };
  const sleepUntil = (at: number): Promise<void> => clock.sleep(Math.min(at, run.deadline) - clock.now(), signal);

  try {
    progress(true);
    await sendPass(run.hosts, true);
    const firstPassEnd = clock.now();
    await sleepUntil(firstPassEnd + timing.secondPassDelayMs);
    if (!stopped()) {
      phase = 'second-pass';
      await sendPass(run.hosts.filter((host) => !resolved.has(host) && (timing.secondPass === 'unresolved' || refused.has(host))), false);
    }
    if (!stopped()) {
      phase = 'settling';
      progress(true);
    }
    while (!stopped()) {
      const doneAt = Math.max(firstPassEnd + timing.retryCoverMs, lastNew + timing.quietMs);
      if (clock.now() >= doneAt) break;
      await sleepUntil(doneAt);
    }
  } finally {
    stopReading.abort();
    await readLoop;
  }
  if (signal.aborted) return { outcome: 'cancelled', message: null, sendErrors };
  const timedOut = clock.now() >= run.deadline;
  await readOnce();
  if (reads === 0) return { outcome: 'failed', message: readError ?? 'The neighbour table could not be read.', sendErrors };
  return { outcome: timedOut ? 'timeout' : 'complete', message: null, sendErrors };
}
