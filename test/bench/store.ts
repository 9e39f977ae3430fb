/**
 * Store benchmark: how long saving and loading project files takes, on this machine's disk.
 * Run with `npm run bench:store`; the last line is one JSON object with the figures (milliseconds).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type Core, createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { type DocumentSpec, Store } from '../../electron/core/store';
import { type Outbox, outboxSchema } from '../../shared/sync/outbox';
import { rowSchema } from '../../shared/domain/project';
import { sampleRows } from '../support/rows';
import { tempDir } from '../support/temp';

function stats(samples: number[]): { median: number; p90: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return { median: at(0.5), p90: at(0.9), max: at(1 - 1e-9) };
}

async function timed(times: number, body: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t = performance.now();
    await body();
    samples.push(performance.now() - t);
  }
  return samples;
}

async function must(core: Core, channel: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data;
}

async function projectFigures(rowCount: number): Promise<Record<string, unknown>> {
  const dir = tempDir('onsite-bench-');
  try {
    let core = createCore({ dataDir: dir.path, shell: 'web' });
    const { id } = (await must(core, 'projects:create', { name: `Bench ${rowCount}` })) as { id: string };
    const data = sampleRows(rowCount);
    // Through the boundary, as the grid saves: validation of the request, of the document, atomic write, backup copy.
    const save = await timed(15, () => must(core, 'projects:save-rows', { id, rows: data }));
    // One row's status changed: what the sync engine does per chunk outcome.
    const change = await timed(15, () => Promise.resolve(core.projects.change(id, (p) => ({ ...p, rows: p.rows.map((r, i) => (i === 0 ? { ...r, message: String(Math.random()) } : r)) }))));
    const bytes = statSync(join(dir.path, 'projects', id, 'project.json')).size;
    await core.close();
    const load = await timed(5, async () => {
      core = createCore({ dataDir: dir.path, shell: 'web' });
      await must(core, 'projects:list', {});
      await must(core, 'projects:get', { id });
      await core.close();
    });
    return { rows: rowCount, fileBytes: bytes, saveRowsMs: stats(save), changeOneRowMs: stats(change), startListAndGetMs: stats(load) };
  } finally {
    dir.cleanup();
  }
}

/** A realistic outbox for `count` queued phones (the queue's own schema), mid-sync: half confirmed, a journal per chunk. */
function outboxFor(count: number): Outbox {
  const at = new Date().toISOString();
  const items = sampleRows(count).map((r, i) => ({
    rowId: r.id,
    mac: r.mac,
    extension: r.extension,
    extId: 1000 + i,
    vendor: r.vendor,
    model: r.model,
    template: r.template,
    method: 'pnp' as const,
    auth: false,
    state: i % 2 === 0 ? ('on-pbx' as const) : ('queued' as const),
    reason: '',
    attempts: i % 2,
    createdByRun: i % 2 === 0 ? 'run-1' : null,
    phoneId: i % 2 === 0 ? 5000 + i : null,
    registration: null,
    queuedAt: at,
    confirmedAt: i % 2 === 0 ? at : null,
    extensionName: '',
    location: '',
  }));
  const journal = Array.from({ length: Math.ceil(count / 100) }, (_, c) => ({
    id: `j${c}`,
    runId: 'run-1',
    rowIds: items.slice(c * 50, c * 50 + 50).map((i) => i.rowId),
    macs: items.slice(c * 50, c * 50 + 50).map((i) => i.mac),
    sentAt: at,
    outcome: 'created' as const,
    settled: true,
  }));
  return { items, journal, runs: [], hold: null, changedAt: at };
}

/**
 * The sync engine writes twice per chunk (intent, outcome). Two ways to keep a project's outbox:
 * its own file next to the project, or inside the project's file (one write covers rows and outbox).
 */
async function outboxFigures(count: number): Promise<Record<string, unknown>> {
  const dir = tempDir('onsite-bench-');
  const store = Store.open({ dataDir: dir.path, shell: 'bench', notices: { add: () => undefined }, log: createLogger({}) });
  try {
    const outbox = outboxFor(count);
    const own: DocumentSpec<Outbox> = { kind: 'bench-outbox', schema: outboxSchema, migrations: [], title: 'Bench' };
    const combinedSchema = z.object({ project: z.object({ rows: z.array(rowSchema) }), outbox: outboxSchema });
    const combined: DocumentSpec<z.infer<typeof combinedSchema>> = { kind: 'bench-combined', schema: combinedSchema, migrations: [], title: 'Bench' };
    const ownDoc = store.open('outbox.json', own, { initial: () => outbox, whenLost: '' });
    const ownWrite = await timed(30, () => Promise.resolve(ownDoc.write(outbox)));
    const value = { project: { rows: sampleRows(count) }, outbox };
    const combinedDoc = store.open('combined.json', combined, { initial: () => value, whenLost: '' });
    const combinedWrite = await timed(30, () => Promise.resolve(combinedDoc.write(value)));
    return {
      phones: count,
      ownFile: { fileBytes: statSync(join(dir.path, 'outbox.json')).size, writeMs: stats(ownWrite) },
      insideProjectFile: { fileBytes: statSync(join(dir.path, 'combined.json')).size, writeMs: stats(combinedWrite) },
    };
  } finally {
    store.close();
    dir.cleanup();
  }
}

const figures = {
  project2000: await projectFigures(2000),
  project5000: await projectFigures(5000),
  outbox2000: await outboxFigures(2000),
  rowSchemaCheck5000Ms: stats(await timed(10, () => Promise.resolve(z.array(rowSchema).parse(sampleRows(5000))))),
};
console.log(JSON.stringify(figures));
