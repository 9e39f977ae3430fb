import { afterEach, describe, expect, it } from 'vitest';
import { macKey } from '../../shared/sync/settle';
import { type PbxSim, startPbxSim, vendorMac } from '../pbx-sim';
import { freePort } from '../support/ports';
import { tempDir } from '../support/temp';
import { type QueueHarness, emptyPbx, pbxProblems, phoneRows, settled, startQueueHarness } from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('offline, then online', () => {
  it('queues while the PBX is down, waits with a next attempt time, and completes by itself once it answers', async () => {
    const port = await freePort();
    // The harness needs a simulator to point at: start one, note its address, and close it: the port is now closed.
    let sim: PbxSim = await startPbxSim({ port, seed: emptyPbx(200) });
    await sim.close();
    const h = await startQueueHarness({ sim });
    cleanups.push(() => h.close());
    const id = await h.project(phoneRows(90));
    await h.must('queue:add', { projectId: id });

    const waiting = await h.waitFor(id, (s) => s.state === 'waiting');
    expect(waiting.reason).toMatch(/Waiting for the PBX: .*(connection refused|Nothing answers)/);
    expect(Date.parse(waiting.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() - 1_000);
    expect(waiting.counts.queued).toBe(90);

    // The PBX comes up on the same address: the probe notices and the sync finishes with nobody pressing anything.
    sim = await startPbxSim({ port, seed: emptyPbx(200) });
    cleanups.push(() => sim.close());
    const done = await h.waitFor(id, (s) => settled(s) && s.counts['on-pbx'] === 90);
    expect(done.state).toBe('idle');
    expect(pbxProblems(sim, h.items(id))).toEqual([]);
    // Attempts while it was down used no token: the only login is the one after it came up.
    expect(sim.count('get_token')).toBe(1);
    expect(h.states.some((s) => s.projectId === id && s.state === 'running')).toBe(true);
  });

  it('never retries refused credentials by itself, not even after a restart; Sync now tries once more', async () => {
    const sim = await startPbxSim({ seed: emptyPbx(50) });
    cleanups.push(() => sim.close());
    let secret = 'a-wrong-secret';
    const data = tempDir('onsite-queue-restart-');
    cleanups.push(() => Promise.resolve(data.cleanup()));
    const h = await startQueueHarness({ sim, secret: () => secret, dataDir: data.path });
    const id = await h.project(phoneRows(10));
    await h.must('queue:add', { projectId: id });
    const stopped = await h.waitFor(id, (s) => s.state === 'stopped');
    expect(stopped.reason).toMatch(/will not retry by itself/);
    expect(sim.count('get_token')).toBe(1);
    await h.close();

    // A restart on the same data folder: the stop is kept, nothing is sent.
    const again = await startQueueHarness({ sim, dataDir: data.path, secret: () => secret });
    cleanups.push(() => again.close());
    again.core.openDataFolder();
    expect(again.core.queue.state(id)).toMatchObject({ state: 'stopped', counts: { queued: 10 } });
    expect(sim.count('get_token')).toBe(1);

    // The technician corrects the secret (in the PBX profile) and presses Sync now: one login, and it completes.
    secret = sim.knobs.clientSecret;
    await again.must('queue:sync-now', { projectId: id });
    await again.waitFor(id, (s) => settled(s) && s.counts['on-pbx'] === 10);
    expect(sim.count('get_token')).toBe(2);
  });
});

describe('undo of a sync run', () => {
  let h: QueueHarness;
  it('removes exactly the phones that run created; phones that were there before stay', async () => {
    h = await startQueueHarness({ simOptions: { seed: emptyPbx(300) } });
    cleanups.push(() => h.close());
    // Someone provisioned three of the planned phones by hand before the sync (same MAC and extension).
    const rows = phoneRows(120);
    for (const i of [3, 50, 99]) {
      const row = rows[i]!;
      h.sim.state.addPhone({ mac: row.mac.toUpperCase(), vendor: row.vendor, model: row.model, template_name: row.template, provisioning_method: 'pnp', enb_rps_auth: 0, ext_id: Number(row.extension) - 999, ip: '', firmware: '', assigned_ext_status: 'Registered', rps_pin: '' });
    }
    // And an unrelated phone of another site.
    const other = h.sim.state.addPhone({ mac: vendorMac('Snom', 0x777777), vendor: 'Snom', model: 'D785', template_name: 'YSDP_SnomD7', provisioning_method: 'pnp', enb_rps_auth: 0, ext_id: 250, ip: '', firmware: '', assigned_ext_status: 'Unregistered', rps_pin: '' });
    const id = await h.project(rows);
    await h.must('queue:add', { projectId: id });
    await h.waitFor(id, (s) => settled(s) && s.counts['on-pbx'] === 120);
    const { runs } = await h.must<{ runs: { id: string; created: number; undoable: boolean }[] }>('queue:runs', { projectId: id });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ created: 117, undoable: true });

    const refused = await h.core.dispatch('queue:undo', { projectId: id, runId: runs[0]!.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    const undone = await h.must<{ removed: number; leftAlone: number; problem: string | null }>('queue:undo', { projectId: id, runId: runs[0]!.id, confirm: true });
    expect(undone).toEqual({ runId: runs[0]!.id, removed: 117, leftAlone: 0, problem: null });

    const left = h.sim.state.phones().map((p) => macKey(p.mac)).sort();
    expect(left).toEqual([...[3, 50, 99].map((i) => macKey(rows[i]!.mac)), macKey(other.mac)].sort());
    // The three that were there before are still confirmed; the rest are drafts again, ready to be queued.
    const project = await h.must<{ rows: { id: string; status: string }[] }>('projects:get', { id });
    expect(project.rows.filter((r) => r.status === 'on-pbx').map((r) => r.id)).toEqual(['row-3', 'row-50', 'row-99']);
    expect(project.rows.filter((r) => r.status === 'draft')).toHaveLength(117);
    expect((await h.must<{ runs: { undoable: boolean; undoneAt: string | null }[] }>('queue:runs', { projectId: id })).runs[0]).toMatchObject({ undoable: false, undoneAt: expect.any(String) as string });

    // Queue them again: they go back exactly once.
    await h.must('queue:add', { projectId: id });
    await h.waitFor(id, (s) => settled(s) && s.counts['on-pbx'] === 120);
    expect(pbxProblems(h.sim, h.items(id))).toEqual([]);
  });
});
