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
import { type Row, emptyRow, rowSchema } from '../../shared/domain/project';
import { tempDir } from '../support/temp';

function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyRow(`row-${i}-${Math.random().toString(36).slice(2, 10)}`),
    mac: `80:5e:c0:${((i >> 16) & 0xff).toString(16).padStart(2, '0')}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`,
    vendor: 'Yealink',
    model: 'SIP-T54W',
    template: 'YSDP_YealinkT5',
    method: 'pnp',
    extension: String(1000 + i),
    location: `Building B, floor ${1 + (i % 9)}, desk ${i}`,
    source: 'scanned-wedge',
  }));
}

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
    const data = rows(rowCount);
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

/** A small per-project document of the size an outbox holds for a 2 000-row sync. */
async function smallDocFigures(): Promise<Record<string, unknown>> {
  const dir = tempDir('onsite-bench-');
  const store = Store.open({ dataDir: dir.path, shell: 'bench', notices: { add: () => undefined }, log: createLogger({}) });
  try {
    const spec: DocumentSpec<{ entries: { mac: string; chunk: number; state: string }[] }> = {
      kind: 'bench-outbox',
      schema: z.object({ entries: z.array(z.object({ mac: z.string(), chunk: z.number(), state: z.string() })) }),
      migrations: [],
      title: 'Bench',
    };
    const entries = rows(2000).map((r, i) => ({ mac: r.mac, chunk: Math.floor(i / 50), state: 'queued' }));
    const doc = store.open('outbox.json', spec, { initial: () => ({ entries }), whenLost: '' });
    const write = await timed(40, () => Promise.resolve(doc.write({ entries })));
    return { entries: entries.length, fileBytes: statSync(join(dir.path, 'outbox.json')).size, writeMs: stats(write) };
  } finally {
    store.close();
    dir.cleanup();
  }
}

const figures = {
  project2000: await projectFigures(2000),
  project5000: await projectFigures(5000),
  outboxLike2000: await smallDocFigures(),
  rowSchemaCheck5000Ms: stats(await timed(10, () => Promise.resolve(z.array(rowSchema).parse(rows(5000))))),
};
console.log(JSON.stringify(figures));
