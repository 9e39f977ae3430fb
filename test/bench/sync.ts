/**
 * Sync benchmark (`npm run bench:sync`): 2 000 phones in 4 vendor/model groups against the PBX simulator with
 * 100 ms added to every request, through the app's queue (store, scheduler, engine), at the default chunk size
 * (50) and the largest (100), and, in the same run, the naive way: the same reads, then one
 * `phone/batchcreate` per phone. Prints figures, then one JSON object on the last line.
 *
 * ONSITE_BENCH_PHONES / ONSITE_BENCH_LATENCY change the size; ONSITE_BENCH_NAIVE=0 skips the naive run
 * (it takes about 2 000 × latency).
 */
import { createLogger } from '../../electron/core/log';
import { PbxClient, createPbxPort } from '../../electron/core/pbx';
import type { GroupKey } from '../../shared/sync/outbox';
import { startPbxSim } from '../pbx-sim';
import { GROUPS, emptyPbx, pbxProblems, phoneRows, settled, startQueueHarness } from '../queue/harness';

const PHONES = Number(process.env.ONSITE_BENCH_PHONES ?? 2_000);
const LATENCY_MS = Number(process.env.ONSITE_BENCH_LATENCY ?? 100);
const EXTENSIONS = PHONES; // one desk phone per extension, as on most sites

interface Figures {
  readonly requests: number;
  readonly wallMs: number;
  /** requests × latency: the time the PBX's latency alone costs. */
  readonly latencyFloorMs: number;
  /** wall time / latency floor: 1.0 means no overhead at all. */
  readonly overhead: number;
}

function figures(requests: number, wallMs: number): Figures {
  const latencyFloorMs = requests * LATENCY_MS;
  return { requests, wallMs: Math.round(wallMs), latencyFloorMs, overhead: Number((wallMs / latencyFloorMs).toFixed(3)) };
}

/** The app's way: queue:add, then the scheduler and engine until every phone is confirmed. */
async function viaQueue(chunkSize: number, pageCap: number): Promise<Figures & { phases: Record<string, number> }> {
  const h = await startQueueHarness({
    simOptions: { seed: emptyPbx(EXTENSIONS), latencyMs: LATENCY_MS, maxPageSize: pageCap },
    client: { timeoutMs: 30_000, writeTimeoutMs: 60_000 },
    tuning: { pollForMs: 0, sync: { chunkSize } },
  });
  try {
    const rows = phoneRows(PHONES);
    const id = await h.project(rows);
    const phases: Record<string, number> = {};
    let phase = '';
    let phaseAt = 0;
    h.core.events.subscribe((e) => {
      if (e.event !== 'queue:progress' || e.payload.phase === phase) return;
      const now = performance.now();
      if (phase) phases[phase] = (phases[phase] ?? 0) + Math.round(now - phaseAt);
      phase = e.payload.phase;
      phaseAt = now;
    });
    const before = h.client.requestCount();
    const startedAt = performance.now();
    await h.must('queue:add', { projectId: id });
    await h.waitFor(id, (s) => settled(s) && s.counts['on-pbx'] === PHONES, 30 * 60_000);
    const wallMs = performance.now() - startedAt;
    if (phase) phases[phase] = (phases[phase] ?? 0) + Math.round(performance.now() - phaseAt);
    const problems = pbxProblems(h.sim, h.items(id));
    if (problems.length > 0) throw new Error(`the PBX is not right after the sync: ${problems.slice(0, 3).join('; ')}`);
    return { ...figures(h.client.requestCount() - before, wallMs), phases };
  } finally {
    await h.close();
  }
}

/** The naive way: the same reads (pre-flight and verification), and one batchcreate per phone. */
async function naive(): Promise<Figures> {
  const sim = await startPbxSim({ seed: emptyPbx(EXTENSIONS), latencyMs: LATENCY_MS });
  const client = new PbxClient({
    baseUrl: sim.url,
    credentials: () => Promise.resolve({ clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret }),
    log: createLogger({ minLevel: 'error' }),
    timeoutMs: 30_000,
  });
  try {
    const port = createPbxPort(client);
    const rows = phoneRows(PHONES);
    const startedAt = performance.now();
    const groups: GroupKey[] = GROUPS.map((g) => ({ ...g, method: 'pnp', auth: false }));
    const snapshot = await port.readSnapshot(groups);
    if (!snapshot.ok) throw new Error(snapshot.trouble.reason);
    const extId = new Map(snapshot.data.extensions.items.map((e) => [e.number, e.id]));
    for (const row of rows) {
      const outcome = await client.batchCreatePhones({ vendor: row.vendor, model: row.model, template: row.template, method: 'pnp', auth: false, phones: [{ mac: row.mac, extId: extId.get(row.extension)! }] });
      if (outcome.outcome !== 'applied') throw new Error(`naive create failed: ${outcome.outcome}`);
    }
    const after = await port.readPhones();
    if (!after.ok || after.data.length !== PHONES) throw new Error('naive verification failed');
    return figures(client.requestCount(), performance.now() - startedAt);
  } finally {
    await client.close();
    await sim.close();
  }
}

/**
 * What `count` requests cost on this machine with nothing else to do (the client's cheapest read, one after the
 * other): the latency plus connection set-up and timer and scheduling delays, which no sync can avoid.
 */
async function transportFloor(count: number): Promise<number> {
  const sim = await startPbxSim({ seed: emptyPbx(10), latencyMs: LATENCY_MS });
  const client = new PbxClient({ baseUrl: sim.url, credentials: () => Promise.resolve({ clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret }), log: createLogger({ minLevel: 'error' }) });
  try {
    const startedAt = performance.now();
    while (client.requestCount() < count) await client.testConnection();
    return Math.round(performance.now() - startedAt);
  } finally {
    await client.close();
    await sim.close();
  }
}

// The PBX's largest page is UNCONFIRMED: the simulator clamps page_size to 100 by default (the pessimistic case);
// the client asks for 500, so a PBX that serves 500 per page saves most of the list reads.
const report = (label: string, f: Figures & { phases: Record<string, number> }): void =>
  console.info(`${label}: ${f.requests} requests, ${(f.wallMs / 1000).toFixed(1)} s (latency floor ${(f.latencyFloorMs / 1000).toFixed(1)} s, ×${f.overhead})`, f.phases);
const chunk50 = await viaQueue(50, 100);
report('queue, chunks of 50, PBX pages of 100', chunk50);
const chunk50pages500 = await viaQueue(50, 500);
report('queue, chunks of 50, PBX pages of 500', chunk50pages500);
const chunk100 = await viaQueue(100, 100);
report('queue, chunks of 100, PBX pages of 100', chunk100);
const slow = process.env.ONSITE_BENCH_NAIVE === '0' ? null : await naive();
if (slow) console.info(`naive, one per phone: ${slow.requests} requests, ${(slow.wallMs / 1000).toFixed(1)} s`);

const floor50 = await transportFloor(chunk50.requests);
console.info(`${chunk50.requests} bare requests one after the other: ${(floor50 / 1000).toFixed(1)} s (×${(floor50 / chunk50.latencyFloorMs).toFixed(3)} of the latency alone)`);

const ratio = (a: number, b: number): number => Number((a / b).toFixed(1));
console.log(
  JSON.stringify({
    phones: PHONES,
    groups: GROUPS.length,
    extensions: EXTENSIONS,
    latencyMs: LATENCY_MS,
    pbxPageCap: 100,
    chunk50,
    chunk50pages500,
    chunk100,
    bareRequests: { requests: chunk50.requests, wallMs: floor50, overhead: Number((floor50 / chunk50.latencyFloorMs).toFixed(3)) },
    naive: slow,
    fewerRequests: slow ? { chunk50: ratio(slow.requests, chunk50.requests), chunk50pages500: ratio(slow.requests, chunk50pages500.requests), chunk100: ratio(slow.requests, chunk100.requests) } : null,
    fasterWall: slow ? { chunk50: ratio(slow.wallMs, chunk50.wallMs), chunk50pages500: ratio(slow.wallMs, chunk50pages500.wallMs), chunk100: ratio(slow.wallMs, chunk100.wallMs) } : null,
  }),
);
