import { MAX_CHUNK_SIZE } from '../../../shared/sync/chunks';
import type { SyncRun } from '../../../shared/sync/outbox';
import { macKey, phonesByMac } from '../../../shared/sync/settle';
import type { OutboxRepository, PbxPort, PhoneOnPbx } from './ports';

/** What an undo did. */
export interface UndoSummary {
  readonly runId: string;
  /** Phones removed from the PBX. */
  readonly removed: number;
  /** Phones of the run that were no longer on the PBX, or had been replaced there, and were left alone. */
  readonly leftAlone: number;
  /** Why not everything could be removed, in words; null when it all went. */
  readonly problem: string | null;
}

// Delete rounds: after any answer but a clean success the PBX is read back and only what is still there is sent again.
const ROUNDS = 3;

/** The phones of a run that are still on the PBX as that run created them (same MAC, same id). */
function stillOurs(run: SyncRun, phones: readonly PhoneOnPbx[]): PhoneOnPbx[] {
  const byMac = phonesByMac(phones);
  return run.created.flatMap((c) => {
    const phone = byMac.get(macKey(c.mac));
    return phone && (c.phoneId === null || phone.id === c.phoneId) ? [phone] : [];
  });
}

/**
 * Removes exactly the phones one sync run created: only MACs that run's own requests put on the PBX, and
 * only while the PBX still has them with the id read back after creation. Phones that were already on the
 * PBX, or that someone replaced since, are never touched. Deletes go in chunks; after any answer but a
 * clean success the PBX is read back before anything is sent again (a delete of an id that is gone can
 * fail a whole batch). The run's phones that are gone leave the queue, so their rows are drafts again.
 */
export async function undoRun(repo: OutboxRepository, projectId: string, runId: string, pbx: PbxPort, now: () => string): Promise<UndoSummary> {
  const outbox = await repo.read(projectId);
  const run = outbox.runs.find((r) => r.id === runId);
  if (!run) return { runId, removed: 0, leftAlone: 0, problem: 'There is no such sync run in this project.' };
  if (run.undoneAt) return { runId, removed: 0, leftAlone: 0, problem: 'This sync run was already undone.' };

  let phones = await pbx.readPhones();
  if (!phones.ok) return { runId, removed: 0, leftAlone: 0, problem: phones.trouble.reason };
  const targets = stillOurs(run, phones.data);
  const leftAlone = run.created.length - targets.length;
  let problem: string | null = null;
  let remaining = targets;
  for (let round = 0; round < ROUNDS && remaining.length > 0; round += 1) {
    for (let i = 0; i < remaining.length; i += MAX_CHUNK_SIZE) {
      const outcome = await pbx.batchDelete(remaining.slice(i, i + MAX_CHUNK_SIZE).map((p) => p.id));
      if (outcome.kind === 'created') continue;
      problem = outcome.kind === 'not-sent' || outcome.kind === 'refused' ? outcome.trouble.reason : outcome.reason;
      break;
    }
    // Whatever the answers, the read-back decides what is gone.
    phones = await pbx.readPhones();
    if (!phones.ok) {
      problem = phones.trouble.reason;
      break;
    }
    const left = new Set(stillOurs(run, phones.data).map((p) => p.id));
    remaining = targets.filter((p) => left.has(p.id));
  }
  if (!phones.ok) return { runId, removed: 0, leftAlone, problem };

  const present = new Set(phones.data.map((p) => macKey(p.mac)));
  const gone = new Set(run.created.filter((c) => !present.has(macKey(c.mac))).map((c) => c.rowId));
  const removed = targets.filter((p) => !present.has(macKey(p.mac))).length;
  await repo.update(projectId, (o) => {
    o.items = o.items.filter((item) => !(gone.has(item.rowId) && item.createdByRun === runId));
    const r = o.runs.find((x) => x.id === runId);
    if (r && remaining.length === 0) r.undoneAt = now();
  });
  return { runId, removed, leftAlone, problem: remaining.length === 0 ? null : (problem ?? 'Some phones could not be removed.') };
}
