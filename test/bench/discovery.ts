/**
 * Benchmark: time to the complete result on a fake /24 with 50 hosts (40 phones, 10 other devices), our
 * unprivileged sweep against arp-scan (raw sockets, root), three runs each in the same session, plus the time
 * to the first phone shown. Needs root (network namespaces) and `apt-get install arp-scan`.
 * Prints a table on stderr and one JSON object on the last line of stdout.
 */
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { AS_NOBODY, PHONE_OUIS, buildFakeLan } from '../support/fake-lan';

const RUNS = 3;
const REPO = new URL('../../', import.meta.url).pathname;
const lan = buildFakeLan({ prefix: 'osp-dx', net: 43, phones: 40, others: 10, silentPhones: 0 });
const phoneOuis = PHONE_OUIS.map((p) => p.oui);

interface Timed {
  completeMs: number;
  firstPhoneMs: number | null;
  found: number;
}

/** Runs a command in the technician namespace; calls `onLine` with each stdout line and the time since start. */
function timedRun(command: readonly string[], onLine: (line: string, ms: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('ip', ['netns', 'exec', lan.techNs, ...command], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const ms = performance.now() - started;
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) onLine(line, ms);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command.join(' ')} exited ${code}`))));
  });
}

async function ours(): Promise<Timed & { processMs: number }> {
  lan.flushNeighbours();
  let result: { completeMs: number; firstPhoneMs: number | null; devices: number } | undefined;
  const processMs = await timedRun([...AS_NOBODY, process.execPath, '--import', 'tsx', 'test/bench/discovery-probe.ts', lan.subnet], (line) => {
    result = JSON.parse(line) as typeof result;
  });
  if (!result) throw new Error('the probe printed nothing');
  return { completeMs: result.completeMs, firstPhoneMs: result.firstPhoneMs, found: result.devices, processMs };
}

async function arpScan(): Promise<Timed> {
  lan.flushNeighbours();
  let firstPhoneMs: number | null = null;
  let found = 0;
  // stdbuf: arp-scan's stdout is block-buffered into a pipe; line buffering shows when each reply is printed.
  const completeMs = await timedRun(['stdbuf', '-oL', 'arp-scan', '--quiet', `--interface=${lan.techIf}`, lan.subnet], (line, ms) => {
    const mac = /^\d+\.\d+\.\d+\.\d+\s+([0-9a-f:]{17})/i.exec(line)?.[1]?.toLowerCase();
    if (!mac) return;
    found += 1;
    if (firstPhoneMs === null && phoneOuis.some((oui) => mac.startsWith(oui))) firstPhoneMs = ms;
  });
  return { completeMs, firstPhoneMs, found };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const round = (n: number | null): number | null => (n === null ? null : Math.round(n));

try {
  const arpScanVersion = execFileSync('arp-scan', ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim();
  const oursRuns: Awaited<ReturnType<typeof ours>>[] = [];
  const arpRuns: Timed[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    oursRuns.push(await ours());
    arpRuns.push(await arpScan());
  }
  for (const [name, runs] of [['ours (no root)', oursRuns], ['arp-scan (root)', arpRuns]] as const) {
    for (const run of runs) process.stderr.write(`${name.padEnd(16)} complete ${Math.round(run.completeMs)} ms, first phone ${round(run.firstPhoneMs)} ms, ${run.found} found\n`);
  }
  const oursMedian = median(oursRuns.map((r) => r.completeMs));
  const arpMedian = median(arpRuns.map((r) => r.completeMs));
  const firstPhoneWorst = Math.max(...oursRuns.map((r) => r.firstPhoneMs ?? Number.POSITIVE_INFINITY));
  const summary = {
    bench: 'discovery',
    lan: { subnet: lan.subnet, hosts: lan.answering.length, phones: lan.answering.filter((h) => h.phone).length },
    runs: RUNS,
    ours: {
      completeMs: oursRuns.map((r) => round(r.completeMs)),
      firstPhoneMs: oursRuns.map((r) => round(r.firstPhoneMs)),
      processMs: oursRuns.map((r) => round(r.processMs)),
      found: oursRuns.map((r) => r.found),
      medianCompleteMs: round(oursMedian),
    },
    arpScan: {
      version: arpScanVersion,
      completeMs: arpRuns.map((r) => round(r.completeMs)),
      firstPhoneMs: arpRuns.map((r) => round(r.firstPhoneMs)),
      found: arpRuns.map((r) => r.found),
      medianCompleteMs: round(arpMedian),
    },
    goals: { noSlowerThanArpScan: oursMedian <= arpMedian, firstPhoneWithin200ms: firstPhoneWorst <= 200 },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  lan.teardown();
}
