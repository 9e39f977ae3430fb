import { type Core, createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { PbxClient, type PbxClientOptions, createPbxPort } from '../../electron/core/pbx';
import type { PbxPort } from '../../electron/core/queue/ports';
import type { SchedulerTuning } from '../../electron/core/queue/scheduler';
import { singlePbx } from '../../electron/core/queue/service';
import type { QueueState } from '../../shared/contract';
import { type Row, emptyRow } from '../../shared/domain/project';
import type { OutboxItem } from '../../shared/sync/outbox';
import { macKey } from '../../shared/sync/settle';
import { type PbxSim, type PbxSimOptions, type SimExtension, defaultCompatibility, generateExtensions, startPbxSim, vendorMac } from '../pbx-sim';
import { tempDir } from '../support/temp';

/** The profile id every harness project syncs to. */
export const PROFILE = 'pbx-1';

/** Four vendor/model groups the simulator offers (one template, PnP each). */
export const GROUPS = [
  { vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5' },
  { vendor: 'Fanvil', model: 'X4U', template: 'YSDP_FanvilX' },
  { vendor: 'Grandstream', model: 'GRP2614', template: 'YSDP_GrandstreamGRP' },
  { vendor: 'Snom', model: 'D785', template: 'YSDP_SnomD7' },
] as const;

/** Fast retries: tests wait on conditions, never on the clock. */
export const FAST_TUNING: Partial<SchedulerTuning> = {
  backoff: { baseMs: 20, maxMs: 200 },
  probeIntervalMs: 25,
  pollIntervalMs: 50,
  pollForMs: 0,
  sync: { backoff: { baseMs: 5, maxMs: 40 }, maxRetries: 6 },
};

/** A PBX with `extensions` staff extensions (numbers from 1000, ids from 1) and no phones. */
export function emptyPbx(extensions: number): NonNullable<PbxSimOptions['seed']> {
  return { extensions: generateExtensions(extensions, 1000, 1), phones: [], compatibility: defaultCompatibility() };
}

/** `count` grid rows spread over {@link GROUPS}, one extension each from 1000 (MACs from `serialBase`). */
export function phoneRows(count: number, options: { serialBase?: number; groups?: readonly (typeof GROUPS)[number][]; firstExtension?: number } = {}): Row[] {
  const groups = options.groups ?? GROUPS;
  const base = options.serialBase ?? 0x300000;
  return Array.from({ length: count }, (_, i) => {
    const group = groups[i % groups.length]!;
    return {
      ...emptyRow(`row-${i}`, 'scanned-wedge'),
      mac: vendorMac(group.vendor, base + i).toLowerCase(),
      extension: String((options.firstExtension ?? 1000) + i),
      vendor: group.vendor,
      model: group.model,
      template: group.template,
      method: 'pnp' as const,
      location: `Floor ${1 + (i % 5)}, desk ${i}`,
    };
  });
}

/** A core with a temporary data folder, syncing projects of {@link PROFILE} to a simulator over real HTTP. */
export interface QueueHarness {
  readonly sim: PbxSim;
  readonly core: Core;
  readonly client: PbxClient;
  readonly port: PbxPort;
  readonly dataDir: string;
  /** Every `queue:state` event so far. */
  readonly states: QueueState[];
  /** Creates a project on {@link PROFILE} with these rows; returns its id. */
  project(rows: Row[], name?: string): Promise<string>;
  /** Calls a channel and returns its data, failing the test on an error result. */
  must<T = unknown>(channel: string, input: unknown): Promise<T>;
  /** Resolves with the first `queue:state` of the project (including the current one) that satisfies `test`. */
  waitFor(projectId: string, test: (state: QueueState) => boolean, timeoutMs?: number): Promise<QueueState>;
  /** The project's outbox items. */
  items(projectId: string): OutboxItem[];
  close(): Promise<void>;
}

/** Starts a simulator (unless given) and a core whose PBX profile {@link PROFILE} is that simulator. */
export async function startQueueHarness(
  options: {
    sim?: PbxSim;
    simOptions?: PbxSimOptions;
    client?: Partial<PbxClientOptions>;
    tuning?: Partial<SchedulerTuning>;
    dataDir?: string;
    /** The Client Secret the app has (default: the simulator's). */
    secret?: () => string;
  } = {},
): Promise<QueueHarness> {
  const sim = options.sim ?? (await startPbxSim(options.simOptions ?? {}));
  const dir = options.dataDir ? null : tempDir('onsite-queue-test-');
  const dataDir = options.dataDir ?? dir!.path;
  const log = createLogger({ dir: `${dataDir}/logs`, minLevel: 'info' });
  const client = new PbxClient({
    baseUrl: sim.url,
    credentials: () => Promise.resolve({ clientId: sim.knobs.clientId, secret: options.secret?.() ?? sim.knobs.clientSecret }),
    log: log.scope('pbx'),
    retry: { retries: 2, baseMs: 2, maxMs: 10 },
    timeoutMs: 1_500,
    writeTimeoutMs: 1_500,
    ...options.client,
  });
  const port = createPbxPort(client);
  const core = createCore({
    dataDir,
    shell: 'web',
    log,
    pbxDirectory: singlePbx(PROFILE, port, { name: 'Test PBX', url: sim.url }),
    queueTuning: options.tuning ?? FAST_TUNING,
  });
  const states: QueueState[] = [];
  const waiters = new Set<{ projectId: string; test: (s: QueueState) => boolean; resolve: (s: QueueState) => void }>();
  core.events.subscribe((e) => {
    if (e.event !== 'queue:state') return;
    states.push(e.payload);
    for (const w of [...waiters]) {
      if (w.projectId === e.payload.projectId && w.test(e.payload)) {
        waiters.delete(w);
        w.resolve(e.payload);
      }
    }
  });
  const must = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
    return result.data as T;
  };
  return {
    sim,
    core,
    client,
    port,
    dataDir,
    states,
    must,
    project: async (rows, name = 'Site') => {
      const { id } = await must<{ id: string }>('projects:create', { name, pbxProfileId: PROFILE });
      await must('projects:save-rows', { id, rows });
      return id;
    },
    waitFor: (projectId, test, timeoutMs = 20_000) =>
      new Promise<QueueState>((resolve, reject) => {
        const now = core.queue.state(projectId);
        if (test(now)) return resolve(now);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`queue state not reached in ${timeoutMs} ms; last: ${JSON.stringify(core.queue.state(projectId))}`));
        }, timeoutMs);
        const waiter = {
          projectId,
          test,
          resolve: (s: QueueState) => {
            clearTimeout(timer);
            resolve(s);
          },
        };
        waiters.add(waiter);
      }),
    items: (projectId) => core.queue.repo.peek(projectId).items,
    close: async () => {
      await core.close();
      await client.close().catch(() => undefined);
      if (!options.sim) await sim.close();
      dir?.cleanup();
    },
  };
}

/** Settled: nothing queued or in flight, and the scheduler idle or stopped. */
export const settled = (s: QueueState): boolean => (s.state === 'idle' || s.state === 'stopped') && s.counts.queued === 0 && s.counts.sending === 0;

/**
 * The PBX holds every MAC of `items` exactly once, on the item's extension, and has no duplicate MACs at all.
 * Returns the problems found (empty when all is well), so a failure names them.
 */
export function pbxProblems(sim: PbxSim, items: readonly { mac: string; extension: string }[], extensions: readonly SimExtension[] = sim.state.extensions()): string[] {
  const problems: string[] = [];
  const dupes = sim.state.duplicateMacs();
  if (dupes.length > 0) problems.push(`duplicate MACs on the PBX: ${dupes.slice(0, 5).join(', ')}`);
  const byKey = new Map<string, number>();
  for (const p of sim.state.phones()) byKey.set(macKey(p.mac), (byKey.get(macKey(p.mac)) ?? 0) + 1);
  const extById = new Map(extensions.map((e) => [e.id, e.number]));
  for (const item of items) {
    const count = byKey.get(macKey(item.mac)) ?? 0;
    if (count !== 1) {
      problems.push(`${item.mac} is on the PBX ${count} times`);
      continue;
    }
    const phone = sim.state.phoneByMac(item.mac)!;
    const number = phone.ext_id === null ? null : extById.get(phone.ext_id);
    if (number !== item.extension) problems.push(`${item.mac} is on extension ${number ?? 'none'}, not ${item.extension}`);
  }
  return problems;
}
