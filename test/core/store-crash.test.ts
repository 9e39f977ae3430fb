import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/core/events';
import { createLogger } from '../../electron/core/log';
import { Notices } from '../../electron/core/notices';
import { Store, lastGoodPath } from '../../electron/core/store';
import { decodeDocument } from '../../electron/core/store/envelope';
import { crashDocSpec } from '../support/children/store-writer';
import { tempDir } from '../support/temp';

const TRIALS = Number(process.env.STORE_CRASH_TRIALS ?? 30);
const ROWS = 1_000;

/** A running writer: `acked` is the last counter it reported saved; `closed` settles when it is gone and its output read. */
interface Writer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly acked: () => number;
  /** Settles once the writer has acknowledged this many writes (its first ones run cold JIT code). */
  readonly warm: Promise<void>;
  readonly closed: Promise<void>;
}

function startWriter(bundle: string, dataDir: string, warmAfter: number): Writer {
  const child = spawn(process.execPath, [bundle, dataDir, String(ROWS)], { stdio: 'pipe' });
  let acked = -1;
  let count = 0;
  let buffer = '';
  let stderr = '';
  let onAck: () => void = () => undefined;
  const warm = new Promise<void>((resolve, reject) => {
    onAck = () => {
      count += 1;
      if (count >= warmAfter) resolve();
    };
    child.once('exit', (code, signal) => reject(new Error(`writer ended before warming up (${code ?? signal}): ${stderr}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('ready')) continue;
      acked = Number(line);
      onAck();
    }
  });
  // 'close' fires after the process exited AND its stdout was read to the end, so `acked` is final.
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  return { child, acked: () => acked, warm, closed };
}

describe('atomic writes survive SIGKILL at random moments', () => {
  const dir = tempDir('onsite-crash-');
  let bundle = '';

  beforeAll(async () => {
    // One bundled file starts in ~0.2 s instead of ~1 s through tsx's loader, which keeps 30+ trials fast.
    bundle = join(dir.path, 'store-writer.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../support/children/store-writer.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
  });
  afterAll(() => dir.cleanup());

  it(`always loads a complete, valid version with nothing acknowledged lost (${TRIALS} kills)`, async () => {
    const dataDir = join(dir.path, 'data');
    let leftoverTemps = 0;
    let previous = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const writer = startWriter(bundle, dataDir, 3 + Math.floor(Math.random() * 4));
      await writer.warm;
      // Not a synchronisation wait: a random delay (a warm write takes ~15-30 ms) so the kill lands anywhere in the write cycle.
      await new Promise<void>((fire) => setTimeout(fire, Math.random() * 25));
      writer.child.kill('SIGKILL');
      await writer.closed; // reaped (its pid is gone, so its lock is stale) and its output fully read
      const lastAck = writer.acked();

      leftoverTemps += readdirSync(dataDir).filter((n) => n.includes('.tmp-')).length;
      const notices = new Notices(new EventHub());
      const store = Store.open({ dataDir, shell: 'test', notices, log: createLogger({}) });
      try {
        const doc = store.open('crash.json', crashDocSpec, { whenLost: 'lost' });
        expect(notices.list(), `trial ${trial}: no recovery should ever be needed`).toEqual([]);
        expect(doc?.value.rows).toHaveLength(ROWS);
        const counter = doc!.value.counter;
        // Every acknowledged write is there; at most the one in flight when killed landed as well.
        expect(counter).toBeGreaterThanOrEqual(lastAck);
        expect(counter).toBeLessThanOrEqual(lastAck + 1);
        expect(counter).toBeGreaterThan(previous);
        previous = counter;
        expect(readdirSync(dataDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
        const backup = decodeDocument(readFileSync(lastGoodPath(join(dataDir, 'crash.json')), 'utf8'), crashDocSpec);
        expect(backup.ok && backup.value.counter).toBe(counter);
      } finally {
        store.close();
      }
    }
    console.info(`[store crash test] ${TRIALS} SIGKILLs, ${leftoverTemps} interrupted writes left temp files; every load was complete and valid`);
  }, 180_000);
});
