import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { PbxClient, createPbxPort } from '../../electron/core/pbx';
import { HEADLESS_PROFILE, runHeadlessSync } from '../../electron/core/queue/headless';
import { singlePbx } from '../../electron/core/queue/service';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { prng } from '../pbx-sim/seed';
import { tempDir } from '../support/temp';
import { GROUPS, emptyPbx, pbxProblems, phoneRows } from './harness';

const ONSITE = fileURLToPath(new URL('../../electron/cli/onsite.js', import.meta.url));
/** Trials: at least 30 in CI; `ONSITE_CRASH_TRIALS=200 npm run bench:sync-crash` runs more. */
const TRIALS = Math.max(1, Number(process.env.ONSITE_CRASH_TRIALS ?? 30));
const PHONES = 80;
const CHUNK = 10;
const LATENCY_MS = 25;
const SECRET_ENV = 'ONSITE_CRASH_TEST_SECRET';
// The plan of one uninterrupted run: login, compatibility of 4 vendors (1 + 4 × 3), 2 extension pages,
// 1 phone page, 8 chunks, 1 read-back page.
const PLANNED_REQUESTS = 1 + (1 + GROUPS.length * 3) + 2 + 1 + PHONES / CHUNK + 1;

function csvOf(): string {
  const rows = phoneRows(PHONES, { firstExtension: 1000 });
  return ['mac,extension,vendor,model,template,method,auth,location,name', ...rows.map((r) => [r.mac, r.extension, r.vendor, r.model, r.template, r.method, '0', r.location, ''].join(','))].join('\n');
}

interface Trial {
  readonly trial: number;
  readonly sim: PbxSim;
  readonly dir: { path: string; cleanup: () => void };
  readonly csvPath: string;
  readonly dataDir: string;
  readonly args: string[];
  readonly spawnChild: () => ChildProcess;
}

interface Landing {
  readonly trial: number;
  readonly target: string;
  readonly landed: string;
  readonly requestsBeforeKill: number;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Resolves when `test` holds, checking every millisecond (or when the child is gone). */
function until(test: () => boolean, child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (test() || (child.exitCode !== null && child.signalCode === null)) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
}

/** Resumes a killed sync in this process, with the same code path as `onsite sync` (same file, PBX and folder). */
async function resumeInProcess(sim: PbxSim, dataDir: string, csvPath: string, csv: string) {
  const log = createLogger({ dir: `${dataDir}/logs` });
  const client = new PbxClient({ baseUrl: sim.url, credentials: () => Promise.resolve({ clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret }), log, timeoutMs: 3_000, writeTimeoutMs: 3_000 });
  const port = createPbxPort(client);
  const core = createCore({
    dataDir,
    shell: 'web',
    log,
    pbxDirectory: singlePbx(HEADLESS_PROFILE, port, { name: 'PBX', url: sim.url }),
    queueTuning: { pollForMs: 0, backoff: { baseMs: 20, maxMs: 100 }, probeIntervalMs: 20, sync: { chunkSize: CHUNK, backoff: { baseMs: 5, maxMs: 20 } } },
  });
  try {
    core.store.ensureOpen();
    const summary = await runHeadlessSync(core, { csvPath, csvText: csv, baseUrl: sim.url, maxWaitMs: 20_000, say: () => undefined }, () => client.requestCount());
    const outbox = core.queue.repo.peek(summary.project.id);
    return { summary, outbox };
  } finally {
    await core.close();
    await client.close();
  }
}

const landings: Landing[] = [];
afterAll(() => {
  const tally: Record<string, number> = {};
  for (const l of landings) tally[l.landed] = (tally[l.landed] ?? 0) + 1;
  console.info(`[crash] ${landings.length} SIGKILLs landed at: ${JSON.stringify(tally)}`);
});

describe('onsite sync killed with SIGKILL at random points', () => {
  it(`resumes to each phone on the PBX exactly once, the queue agreeing (${TRIALS} kills)`, async () => {
    const random = prng(Number(process.env.ONSITE_CRASH_SEED ?? 20261126));
    const csv = csvOf();
    const target = (trial: number): number => Math.floor((trial * (PLANNED_REQUESTS + 1)) / TRIALS);
    const prepare = async (trial: number): Promise<Trial> => {
      const sim = await startPbxSim({ seed: emptyPbx(200), latencyMs: LATENCY_MS });
      const dir = tempDir('onsite-crash-');
      const csvPath = join(dir.path, 'phones.csv');
      writeFileSync(csvPath, csv);
      const dataDir = join(dir.path, 'data');
      const args = [ONSITE, 'sync', '--base-url', sim.url, '--client-id', sim.knobs.clientId, '--secret-env', SECRET_ENV, '--csv', csvPath, '--state-dir', dataDir, '--chunk-size', String(CHUNK)];
      const spawnChild = (): ChildProcess => spawn(process.execPath, args, { env: { ...process.env, [SECRET_ENV]: sim.knobs.clientSecret }, stdio: 'ignore' });
      return { trial, sim, dir, csvPath, dataDir, args, spawnChild };
    };
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const t = await prepare(trial);
      const { sim, dir, csvPath, dataDir, args } = t;
      try {
        // Targets spread over the whole run: the k-th request (0 = during start-up, before any), and a kill either
        // while that request is in flight or just after its answer, plus a random few milliseconds.
        const k = target(trial);
        const mode = trial % 2 === 0 ? 'during' : 'after';
        const child = t.spawnChild();
        let seen = -1;
        let last: (typeof sim.requests)[number] | undefined;
        let finished = false;
        const kill = (): void => {
          if (seen >= 0) return;
          seen = sim.requests.length;
          last = sim.requests.at(-1);
          finished = child.exitCode !== null;
          child.kill('SIGKILL');
        };
        if (k === 0) {
          await new Promise((r) => setTimeout(r, random() * 400));
        } else if (mode === 'during') {
          // The moment request k reaches the PBX (its record is made as it arrives, before the PBX's latency), or a
          // random part of that latency later.
          const delayMs = trial % 4 === 0 ? 0 : random() * LATENCY_MS * 0.7;
          await new Promise<void>((resolve) => {
            const records = sim.requests as (typeof sim.requests)[number][];
            const push = records.push.bind(records);
            records.push = (...items) => {
              const n = push(...items);
              if (n === k) setTimeout(resolve, delayMs);
              if (n === k && delayMs === 0) kill();
              return n;
            };
            void until(() => false, child).then(() => resolve());
          });
        } else {
          await until(() => sim.requests.length >= k && sim.requests[k - 1]!.status !== null, child);
          await new Promise((r) => setTimeout(r, random() * 4));
        }
        kill();
        await exited(child);
        landings.push({
          trial,
          target: k === 0 ? 'start-up' : `${mode} request ${k}`,
          landed: finished ? 'after the sync finished' : !last ? 'before any request' : last.status === null ? `during ${last.endpoint}` : `after ${last.endpoint}`,
          requestsBeforeKill: seen,
        });
        // A request the child left in flight is finished by the PBX (and applied, for a write) before the resume reads it.
        await until(() => sim.requests.every((r) => r.status !== null), child);
        sim.knobs.latencyMs = 0;

        // Resume: mostly in this process (same code as the CLI), every tenth time with the CLI itself.
        let counts: Record<string, number>;
        let projectId: string;
        if (trial % 10 === 9) {
          const again = spawn(process.execPath, args, { env: { ...process.env, [SECRET_ENV]: sim.knobs.clientSecret }, stdio: ['ignore', 'pipe', 'ignore'] });
          let out = '';
          again.stdout.on('data', (d: Buffer) => (out += d.toString()));
          await exited(again);
          expect(again.exitCode, out).toBe(0);
          const summary = JSON.parse(out) as { counts: Record<string, number>; project: { id: string } };
          counts = summary.counts;
          projectId = summary.project.id;
        } else {
          const { summary, outbox } = await resumeInProcess(sim, dataDir, csvPath, csv);
          expect(summary.outcome).toBe('finished');
          expect(outbox.journal).toEqual([]);
          expect(outbox.items).toHaveLength(PHONES);
          counts = summary.counts;
          projectId = summary.project.id;
        }
        expect(counts).toMatchObject({ 'on-pbx': PHONES, queued: 0, sending: 0, failed: 0, conflict: 0, notQueued: 0 });
        // The same project was resumed (not a second one from the same file), with each row once.
        expect(readdirSync(join(dataDir, 'projects')).filter((n) => !n.startsWith('.'))).toEqual([projectId]);
        // The PBX holds each queued phone exactly once, on its extension.
        expect(pbxProblems(sim, phoneRows(PHONES, { firstExtension: 1000 }))).toEqual([]);
        expect(sim.state.phones()).toHaveLength(PHONES);
      } finally {
        await sim.close();
        dir.cleanup();
      }
    }
    const kinds = new Set(landings.map((l) => l.landed));
    // Kills landed in flight of a write, between requests after a write, and around reads.
    expect([...kinds].some((k) => k === 'during phone/batchcreate')).toBe(true);
    expect([...kinds].some((k) => k === 'after phone/batchcreate')).toBe(true);
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
