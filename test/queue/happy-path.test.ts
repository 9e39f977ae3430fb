import { afterEach, describe, expect, it } from 'vitest';
import { type QueueHarness, GROUPS, emptyPbx, pbxProblems, phoneRows, settled, startQueueHarness } from './harness';

let h: QueueHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const pages = (rows: number, pageSize: number): number => Math.max(1, Math.ceil(rows / pageSize));

describe('sync of a queued project', () => {
  it('provisions 2 000 phones in 4 vendor/model groups with exactly the planned requests', async () => {
    const extensions = 2_000;
    h = await startQueueHarness({ simOptions: { seed: emptyPbx(extensions) } });
    const rows = phoneRows(2_000);
    const id = await h.project(rows);
    const before = h.client.requestCount();
    const added = await h.must<{ added: number }>('queue:add', { projectId: id });
    expect(added.added).toBe(2_000);
    const done = await h.waitFor(id, settled, 60_000);
    expect(done.counts).toEqual({ queued: 0, sending: 0, 'on-pbx': 2_000, failed: 0, conflict: 0 });

    // The plan: one login; pre-flight reads the compatibility of the 4 groups (vendor list, then per vendor its
    // models, then per model its templates and methods), every extension page and every phone page; one
    // batchcreate per chunk of 50 within a group; one read-back of every phone page to verify. Pages hold 100 rows
    // (the client asks 100, the simulator's cap).
    const page = 100;
    const compatibility = 1 + GROUPS.length * (1 + 2);
    const chunks = GROUPS.length * Math.ceil(2_000 / GROUPS.length / 50);
    const expected = 1 + compatibility + pages(extensions, page) + pages(0, page) + chunks + pages(2_000, page);
    expect(h.client.requestCount() - before).toBe(expected);
    expect(h.sim.count('phone/batchcreate')).toBe(chunks);
    expect(h.sim.count('get_token')).toBe(1);
    expect(pbxProblems(h.sim, h.items(id))).toEqual([]);

    const project = await h.must<{ rows: { status: string; message: string }[] }>('projects:get', { id });
    expect(project.rows.every((r) => r.status === 'on-pbx' && /confirmed by read-back/.test(r.message))).toBe(true);
    const runs = await h.must<{ runs: { created: number; requests: number; undoable: boolean }[] }>('queue:runs', { projectId: id });
    expect(runs.runs).toEqual([expect.objectContaining({ created: 2_000, requests: expected, undoable: true })]);
  }, 120_000);
});
