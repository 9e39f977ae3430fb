/**
 * A child process for the store's crash test: it opens a data folder and saves a growing counter
 * with a realistic payload as fast as it can, printing each counter once its write has returned.
 * The test kills it with SIGKILL at random moments and checks what the next start finds.
 * Usage: node store-writer.mjs <dataDir> <rows>
 */
import { writeSync } from 'node:fs';
import { z } from 'zod';
import { createLogger } from '../../../electron/core/log';
import { type DocumentSpec, Store } from '../../../electron/core/store';
import { rowSchema } from '../../../shared/domain/project';
import { sampleRows } from '../rows';

/** The document the crash test writes: a counter and enough rows to make each write take a while. */
export const crashDocSpec: DocumentSpec<{ counter: number; rows: z.infer<typeof rowSchema>[] }> = {
  kind: 'crash-test',
  schema: z.object({ counter: z.number().int().nonnegative(), rows: z.array(rowSchema) }),
  migrations: [],
  title: 'The crash test file',
};

async function main(): Promise<void> {
  const [dataDir, rowsArg] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: store-writer <dataDir> <rows>');
  const notices = { add: (_level: string, title: string, message: string) => writeSync(2, `NOTICE ${title}: ${message}\n`) };
  const store = Store.open({ dataDir, shell: 'crash-test-writer', notices, log: createLogger({}) });
  const rows = sampleRows(Number(rowsArg ?? 500));
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
