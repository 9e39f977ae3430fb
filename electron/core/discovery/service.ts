import { randomUUID } from 'node:crypto';
import {
  AppFailure,
  type DiscoveryFinished,
  type DiscoveryProgress,
  type NetInterface,
  type ParsedInput,
  type PnpStatus,
  type RequestOutput,
} from '../../../shared/contract';
import { cidrContains, parseIpv4 } from '../../../shared/domain/cidr';
import { DeviceBook, type OtherVendorLookup } from '../../../shared/domain/discovered-devices';
import type { NeighbourEntry } from '../../../shared/domain/neighbour-table';
import { type PnpDetails, type PnpParse, pnpAnnouncement } from '../../../shared/domain/sip-pnp';
import { type SweepTarget, resolveSweepTarget } from '../../../shared/domain/sweep-target';
import type { EventHub } from '../events';
import { type Logger, createLogger } from '../log';
import { createRegistrantLookup } from '../oui/registrant';
import { type Clock, systemClock } from './clock';
import { listInterfaces } from './interfaces';
import { type NeighbourReader, type NeighbourScope, createNeighbourReader } from './neighbour-reader';
import { type PnpListener, type PnpListenerOptions, startPnpListener, stoppedStatus } from './pnp-listener';
import { type Prober, type ProberFactory, openUdpProber } from './prober';
import { type SweepPhase, type SweepResult, type SweepTiming, defaultSweepTiming, runSweep } from './sweep';

/** The parts the service is built from; tests swap any of them. */
export interface DiscoveryDeps {
  readonly emit: EventHub['emit'];
  readonly clock: Clock;
  readonly platform: NodeJS.Platform;
  listInterfaces(): Promise<NetInterface[]>;
  readonly openProber: ProberFactory;
  createReader(scope: NeighbourScope): NeighbourReader;
  startPnp(options: PnpListenerOptions): Promise<PnpListener>;
  /** Maker of non-phone MACs (IEEE registrant); phones are named by the curated table. */
  readonly otherVendor?: OtherVendorLookup;
  /** Loads what the lookups need (the 5.6 MB registry), so that cost never lands inside a sweep. */
  readonly prepare?: () => void;
  readonly timing?: Partial<SweepTiming>;
  readonly log?: Logger;
}

/**
 * The real parts: OS interfaces, UDP sockets, the OS neighbour table, UDP 5060, and the IEEE registry for the
 * makers of non-phone devices (loaded on the first such device, ~70 ms, then kept).
 */
export function systemDiscoveryDeps(emit: EventHub['emit'], log: Logger = createLogger()): DiscoveryDeps {
  const registrant = createRegistrantLookup(log.scope('oui'));
  return {
    emit,
    clock: systemClock,
    platform: process.platform,
    listInterfaces: () => listInterfaces(),
    openProber: openUdpProber,
    createReader: (scope) => createNeighbourReader(scope),
    startPnp: startPnpListener,
    otherVendor: (mac) => registrant(mac.replaceAll(':', '')) ?? null,
    prepare: () => void registrant('000000000000'),
    log,
  };
}

/** Input of a run, as validated by the contract. */
export type DiscoveryStart = ParsedInput<'discovery:start'>;

const PNP_OFF: PnpStatus = { state: 'off', message: 'PnP listening is off: only the sweep runs.' };
/** While listening after the sweep, the table is still read this often, for hosts that answered the OS's later retries. */
const LISTEN_READ_MS = 1_000;
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

interface Run {
  readonly id: string;
  readonly started: number;
  readonly target: SweepTarget;
  readonly book: DeviceBook;
  readonly controller: AbortController;
  /** PnP announcements without a MAC, by IP, waiting for the neighbour table to name the MAC. */
  readonly pendingPnp: Map<string, PnpDetails>;
  readonly prober: Prober;
  progress: DiscoveryProgress | null;
  finished: DiscoveryFinished | null;
  pnp: PnpStatus;
  done: Promise<void>;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One discovery run at a time: the sweep of the chosen range and, optionally, the passive PnP listener,
 * merged into one device list keyed by MAC and streamed as `discovery:*` events.
 */
export class DiscoveryService {
  private current: Run | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private prepared = false;

  constructor(private readonly deps: DiscoveryDeps) {}

  /**
   * The interfaces for the picker, with the default choice. The screen asks for them when it opens, so this
   * is when the maker registry is loaded (just after answering): a sweep started later finds it ready.
   */
  async interfaces(): Promise<RequestOutput<'discovery:interfaces'>> {
    const interfaces = await this.deps.listInterfaces();
    setImmediate(() => this.prepare());
    return { interfaces, defaultName: interfaces.find((i) => i.isDefault)?.name ?? null };
  }

  /** Loads the lookups now (once) rather than in the middle of a sweep, where it would delay probes and reads. */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    this.deps.prepare?.();
  }

  /** Starts a run (ending any running one first) and resolves once probes and listener are set up. */
  start(input: DiscoveryStart): Promise<RequestOutput<'discovery:start'>> {
    const next = this.queue.then(() => this.startNow(input));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async startNow(input: DiscoveryStart): Promise<RequestOutput<'discovery:start'>> {
    // Validate first: a mistyped range must not stop a run that is still listening.
    const resolved = resolveSweepTarget(await this.deps.listInterfaces(), input);
    if (!resolved.ok) {
      throw new AppFailure('validation', resolved.reason, {
        hint: resolved.hint,
        fields: resolved.needsConfirmation ? [{ path: 'confirmLarge', message: resolved.reason }] : undefined,
      });
    }
    const { target } = resolved;
    const { iface } = target;
    await this.stopCurrent();
    this.prepare();
    let prober: Prober;
    try {
      prober = await this.deps.openProber(iface.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      throw new AppFailure('network', `Cannot send on ${iface.name} (${iface.address}): ${code}.`, {
        hint: 'Check that the cable is plugged in and the interface still has this address, then refresh the interface list.',
      });
    }
    const run: Run = {
      id: randomUUID(),
      started: this.deps.clock.now(),
      target,
      book: new DeviceBook(this.deps.otherVendor),
      controller: new AbortController(),
      pendingPnp: new Map(),
      prober,
      progress: null,
      finished: null,
      pnp: PNP_OFF,
      done: Promise.resolve(),
    };
    let listener: PnpListener | null = null;
    if (input.pnp) {
      listener = await this.deps
        .startPnp({
          interfaceName: iface.name,
          interfaceAddress: iface.address,
          onMessage: (parsed) => this.onPnp(run, parsed),
          onTrouble: (status) => {
            run.pnp = status;
          },
        })
        .catch((error: unknown) => {
          prober.close();
          throw error;
        });
      run.pnp = listener.status;
    }
    this.current = run;
    run.done = this.execute(run, listener, input.timeoutMs);
    return { scanId: run.id, interface: iface.name, address: iface.address, cidr: target.rangeText, hostCount: target.hosts.length, pnp: run.pnp };
  }

  /** Stops the running run; its devices stay listed. False when nothing was running. */
  async cancel(): Promise<{ cancelled: boolean }> {
    return { cancelled: await this.stopCurrent() };
  }

  private async stopCurrent(): Promise<boolean> {
    const run = this.current;
    if (!run || run.finished) return false;
    run.controller.abort();
    await run.done;
    return true;
  }

  /** The current or last run's devices and state. */
  devices(): RequestOutput<'discovery:devices'> {
    const run = this.current;
    return {
      scanId: run?.id ?? null,
      running: run !== null && run.finished === null,
      devices: run?.book.list() ?? [],
      progress: run?.progress ?? null,
      finished: run?.finished ?? null,
      pnp: run?.pnp ?? PNP_OFF,
    };
  }

  /** Resolves when the current run has finished (at once when none runs), with its end. */
  async whenFinished(): Promise<DiscoveryFinished | null> {
    await this.current?.done;
    return this.current?.finished ?? null;
  }

  /** Stops everything and releases the sockets. */
  async close(): Promise<void> {
    await this.stopCurrent();
  }

  private record(run: Run, device: ReturnType<DeviceBook['recordSweep']>): void {
    if (device) this.deps.emit('discovery:device', { scanId: run.id, device });
  }

  private onEntries(run: Run, entries: readonly NeighbourEntry[]): void {
    const at = this.deps.clock.iso();
    for (const entry of entries) {
      this.record(run, run.book.recordSweep(entry, at));
      const pending = run.pendingPnp.get(entry.ip);
      if (pending) {
        run.pendingPnp.delete(entry.ip);
        this.record(run, run.book.recordPnp(pnpAnnouncement(entry.mac, entry.ip, pending), at));
      }
    }
  }

  private onPnp(run: Run, parsed: PnpParse): void {
    if (run.finished) return;
    const at = this.deps.clock.iso();
    if (parsed.ok) {
      this.record(run, run.book.recordPnp(parsed.announcement, at));
      return;
    }
    if (parsed.reason !== 'no-mac' || parsed.ip === null) return;
    // No MAC in the message (AudioCodes): the neighbour table names it once the OS has resolved the sender.
    const known = run.book.list().find((device) => device.ip === parsed.ip);
    if (known) {
      this.record(run, run.book.recordPnp(pnpAnnouncement(known.mac, parsed.ip, parsed.details), at));
      return;
    }
    const address = parseIpv4(parsed.ip);
    if (address !== null && cidrContains(run.target.subnet, address)) {
      run.pendingPnp.set(parsed.ip, parsed.details);
      void run.prober.send(parsed.ip);
    }
  }

  private progress(run: Run, phase: SweepPhase | 'listening', sent: number, total: number): void {
    run.progress = { scanId: run.id, phase, sent, total, found: run.book.counts().devices, elapsedMs: Math.round(this.deps.clock.now() - run.started) };
    this.deps.emit('discovery:progress', run.progress);
  }

  private async execute(run: Run, listener: PnpListener | null, timeoutMs: number | undefined): Promise<void> {
    const { clock } = this.deps;
    const { target } = run;
    const timing = { ...defaultSweepTiming(this.deps.platform), ...this.deps.timing };
    const runDeadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : run.started + timeoutMs;
    // A safety net only: twice the send time plus the waits plus 10 s.
    const sweepBudget = (2_000 * target.hosts.length) / timing.ratePerSecond + timing.secondPassDelayMs + timing.retryCoverMs + 10_000;
    const readTable = this.deps.createReader({ device: target.iface.name, address: target.iface.address });
    const signal = run.controller.signal;
    let result: SweepResult = { outcome: 'failed', message: 'The sweep did not start.', sendErrors: new Map() };
    let sweepMs: number | null = null;
    try {
      result = await runSweep({
        hosts: target.hosts,
        range: target.range,
        prober: run.prober,
        readTable,
        clock,
        timing,
        signal,
        deadline: Math.min(runDeadline, run.started + sweepBudget),
        hooks: {
          onEntries: (entries) => this.onEntries(run, entries),
          onProgress: ({ phase, sent, total }) => this.progress(run, phase, sent, total),
        },
      });
      if (result.outcome === 'complete') sweepMs = Math.round(clock.now() - run.started);
      if (result.outcome === 'complete' && run.pnp.state === 'listening') {
        this.progress(run, 'listening', target.hosts.length, target.hosts.length);
        while (!signal.aborted && clock.now() < runDeadline && run.pnp.state === 'listening') {
          await clock.sleep(Math.min(LISTEN_READ_MS, runDeadline - clock.now()), signal);
          const entries = await readTable().catch(() => [] as NeighbourEntry[]);
          this.onEntries(run, entries.filter((e) => cidrContains(target.range, parseIpv4(e.ip) ?? -1)));
        }
      }
    } catch (error) {
      result = { outcome: 'failed', message: error instanceof Error ? error.message : String(error), sendErrors: result.sendErrors };
      this.deps.log?.error('discovery run failed', { error });
    } finally {
      run.prober.close();
      if (listener) {
        await listener.stop();
        if (run.pnp.state === 'listening') run.pnp = stoppedStatus();
      }
    }
    this.finish(run, result, sweepMs);
  }

  private finish(run: Run, result: SweepResult, sweepMs: number | null): void {
    const { devices, phones } = run.book.counts();
    const found = `${plural(devices, 'device')} (${plural(phones, 'phone')})`;
    const unreachable = [...result.sendErrors].reduce((sum, [code, count]) => sum + (UNREACHABLE.has(code) ? count : 0), 0);
    const messages: Record<SweepResult['outcome'], string> = {
      complete: `Found ${found} in ${run.target.rangeText}; the sweep took ${((sweepMs ?? 0) / 1000).toFixed(1)} s.`,
      timeout: `The time limit ended the sweep before it was complete: ${found} so far; hosts that answer late may be missing.`,
      cancelled: `Stopped: ${found} found before the sweep was cancelled.`,
      failed: `The sweep failed: ${result.message ?? 'unknown error'}`,
    };
    let message = messages[result.outcome];
    if (devices === 0 && unreachable >= run.target.hosts.length) {
      message += ` The network is unreachable from ${run.target.iface.name}: check the cable or Wi-Fi connection.`;
    }
    run.finished = {
      scanId: run.id,
      outcome: result.outcome,
      message,
      devices,
      phones,
      durationMs: Math.round(this.deps.clock.now() - run.started),
      sweepMs,
      pnp: run.pnp,
    };
    this.deps.log?.info('discovery finished', { ...run.finished, sendErrors: Object.fromEntries(result.sendErrors) });
    this.deps.emit('discovery:finished', run.finished);
  }
}
