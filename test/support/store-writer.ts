/**
 * A child process for the store's crash test: it opens a data folder and saves a growing counter
 * with a realistic payload as fast as it can, printing each counter once its write has returned.
 * The test kills it with SIGKILL at random moments and checks what the next start finds.
 * Usage: node store-writer.mjs <dataDir> <rows>
 */
import { writeSync } from 'node:fs';
import { z } from 'zod';
import { createLogger } from '../../electron/core/log';
import { type DocumentSpec, Store } from '../../electron/core/store';
import { emptyRow, rowSchema } from '../../shared/domain/project';

/** The document the crash test writes: a counter and enough rows to make each write take a while. */
export const crashDocSpec: DocumentSpec<{ counter: number; rows: z.infer<typeof rowSchema>[] }> = {
  kind: 'crash-test',
  schema: z.object({ counter: z.number().int().nonnegative(), rows: z.array(rowSchema) }),
  migrations: [],
  title: 'The crash test file',
};

/** Rows with realistic content for the crash test payload. */
export function crashRows(count: number): z.infer<typeof rowSchema>[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyRow(`row-${i}`),
    mac: `80:5e:c0:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`,
    vendor: 'Yealink',
    model: 'SIP-T54W',
    template: 'YSDP_YealinkT5',
    method: 'pnp' as const,
    extension: String(1000 + i),
    location: `Floor ${1 + (i % 7)}, desk ${i}`,
  }));
}

async function main(): Promise<void> {
  const [dataDir, rowsArg] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: store-writer <dataDir> <rows>');
  const notices = { add: (_level: string, title: string, message: string) => writeSync(2, `NOTICE ${title}: ${message}\n`) };
  const store = Store.open({ dataDir, shell: 'crash-test-writer', notices, log: createLogger({}) });
  const rows = crashRows(Number(rowsArg ?? 500));
  const doc = store.open('crash.json', crashDocSpec, { initial: () => ({ counter: 0, rows }), whenLost: 'Starting at 0' });
  let counter = doc.value.counter;
  writeSync(1, `ready ${counter}\n`);
  for (;;) {
    counter += 1;
    doc.write({ counter, rows });
    writeSync(1, `${counter}\n`);
    // Let the event loop breathe so the parent's pipe keeps flowing; the next write starts at once.
    await new Promise<void>((done) => setImmediate(done));
  }
}

if (process.argv[1]?.endsWith('store-writer.mjs') || process.argv[1]?.endsWith('store-writer.ts')) void main();
