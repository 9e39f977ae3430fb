import { afterEach, describe, expect, it } from 'vitest';
import { macKey } from '../../shared/sync/settle';
import type { BatchMode, PartialReport } from '../pbx-sim';
import { type QueueHarness, GROUPS, emptyPbx, pbxProblems, phoneRows, settled, startQueueHarness } from './harness';

const harnesses: QueueHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

const BAD = [7, 23, 41];
const ROWS = 50;

/**
 * One chunk of 50 Yealink phones; right after pre-flight (at the first "sending" progress, before the request
 * leaves) the extensions of rows 7, 23 and 41 are deleted on the PBX, so pre-flight could not catch them.
 */
async function run(batchMode: BatchMode, partialReport: PartialReport = 'partial-success') {
  const h = await startQueueHarness({ simOptions: { seed: emptyPbx(100), batchMode, partialReport } });
  harnesses.push(h);
  const rows = phoneRows(ROWS, { groups: [GROUPS[0]] });
  const id = await h.project(rows);
  let removed = false;
  h.core.events.subscribe((e) => {
    if (removed || e.event !== 'queue:progress' || e.payload.phase !== 'sending') return;
    removed = true;
    for (const i of BAD) h.sim.state.removeExtension(i + 1); // row i is on extension 1000 + i, id i + 1
  });
  const searchesBefore = h.sim.count('phone/search');
  await h.must('queue:add', { projectId: id });
  await h.waitFor(id, settled);
  const items = h.items(id);
  return {
    h,
    rows,
    items,
    creates: h.sim.count('phone/batchcreate'),
    searches: h.sim.count('phone/search') - searchesBefore,
    pbx: h.sim.state.phones().map((p) => `${macKey(p.mac)}@${p.ext_id}`).sort(),
    states: items.map((i) => `${i.rowId}:${i.state}`),
  };
}

describe('a chunk with 3 rows the PBX refuses among 50', () => {
  it('fails exactly those 3 with the PBX’s reason, lands the other 47, within the bisection bound (all-or-nothing)', async () => {
    const r = await run('all-or-nothing');
    console.info('[bisect] creates', r.creates, 'searches', r.searches);
    const failed = r.items.filter((i) => i.state !== 'on-pbx');
    expect(failed.map((i) => i.rowId)).toEqual(BAD.map((i) => `row-${i}`));
    for (const item of failed) {
      expect(item.state).toBe('failed');
      expect(item.reason).toMatch(/refused these values: extension id/);
    }
    const good = r.items.filter((i) => i.state === 'on-pbx');
    expect(good).toHaveLength(ROWS - BAD.length);
    expect(pbxProblems(r.h.sim, good)).toEqual([]);
    expect(r.h.sim.state.phones()).toHaveLength(ROWS - BAD.length);

    // Bisection bound for n = 50 rows with k = 3 refused: the first request, then at split level d (1…D,
    // D = ceil(log2 50) = 6) at most min(k, 2^(d-1)) refused chunks are split into 2 requests each:
    // 1 + 2·(1 + 2 + 3 + 3 + 3 + 3) = 31. Read-backs: one per level (D + 1) plus at most one to verify, each
    // one page here; plus the pre-flight's phone page.
    const depth = Math.ceil(Math.log2(ROWS));
    const bound = 1 + 2 * Array.from({ length: depth }, (_, d) => Math.min(BAD.length, 2 ** d)).reduce((a, b) => a + b, 0);
    expect(bound).toBe(31);
    expect(r.creates).toBeLessThanOrEqual(bound);
    // At least: the first request, and each bad row alone at the end (it is only failed once it is refused alone).
    expect(r.creates).toBeGreaterThanOrEqual(1 + BAD.length);
    expect(r.searches).toBeLessThanOrEqual(1 + depth + 1 + 1);
  });

  it('ends in the same PBX state and row states whether the PBX applies batches all-or-nothing or partly', async () => {
    const all = await run('all-or-nothing');
    for (const report of ['partial-success', 'per-item', 'first-error'] as const) {
      const partial = await run('partial', report);
      console.info('[bisect]', report, 'creates', partial.creates, 'searches', partial.searches, partial.items.filter((i) => i.state === 'failed').map((i) => i.reason)[0]);
      expect({ report, pbx: partial.pbx, states: partial.states }).toEqual({ report, pbx: all.pbx, states: all.states });
      // A partial PBX lands the good rows with the first request, so fewer requests are needed to isolate the bad ones.
      expect(partial.creates).toBeLessThanOrEqual(all.creates);
      const reasons = partial.items.filter((i) => i.state === 'failed').map((i) => i.reason);
      expect(reasons).toHaveLength(3);
      for (const reason of reasons) expect(reason).toMatch(/extension|PBX/);
    }
  });
});
