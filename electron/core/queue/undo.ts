import type { Outbox } from '../../../shared/sync/outbox';
import { macKey, phonesByMac } from '../../../shared/sync/settle';
import type { OutboxRepository, PbxPort, PbxTrouble } from './ports';

/** What an undo did. */
export interface UndoSummary {
  readonly runId: string;
  /** Phones removed from the PBX. */
  readonly removed: number;
  /** Phones of the run that were no longer on the PBX, or had been changed there, and were left alone. */
  readonly leftAlone: number;
  readonly problem: string | null;
}

function troubleText(trouble: PbxTrouble): string {
  return trouble.reason;
}

/**
 * Removes exactly the phones one sync run created: only MACs that run's own requests put on the PBX,
 * and only while the PBX still has them with the id read back after creation. Phones that were
 * already on the PBX, or that someone changed since, are never touched.
 */
export async function undoRun(repo: OutboxRepository, projectId: string, runId: string, pbx: PbxPort, now: () => string): Promise<UndoSummary> {
  const outbox: Outbox = await repo.read(projectId);
  const run = outbox.runs.find((r) => r.id === runId);
  if (!run) return { runId, removed: 0, leftAlone: 0, problem: 'There is no such sync run in this project.' };
  if (run.undoneAt) return { runId, removed: 0, leftAlone: 0, problem: 'This sync run was already undone.' };

  const before = await pbx.readPhones();
  if (!before.ok) return { runId, removed: 0, leftAlone: 0, problem: troubleText(before.trouble) };
  const byMac = phonesByMac(before.data);
  const targets = run.created.filter((c) => {
    const phone = byMac.get(macKey(c.mac));
    return phone !== undefined && (c.phoneId === null || phone.id === c.phoneId);
  });
  const ids = targets.map((c) => byMac.get(macKey(c.mac))!.id);
  let problem: string | null = null;
  if (ids.length > 0) {
    const outcome = await pbx.batchDelete(ids);
    if (outcome.kind === 'rejected' || outcome.kind === 'partial' || outcome.kind === 'unknown') problem = outcome.reason;
    if (outcome.kind === 'not-sent') problem = troubleText(outcome.trouble);
  }
  // Whatever the answer, the read-back decides what is gone.
  const after = await pbx.readPhones();
  if (!after.ok) return { runId, removed: 0, leftAlone: run.created.length - targets.length, problem: problem ?? troubleText(after.trouble) };
  const stillThere = phonesByMac(after.data);
  const gone = new Set(targets.filter((c) => !stillThere.has(macKey(c.mac))).map((c) => c.rowId));
  await repo.update(projectId, (o) => {
    o.items = o.items.filter((item) => !gone.has(item.rowId));
    const r = o.runs.find((x) => x.id === runId);
    if (r && gone.size === targets.length) r.undoneAt = now();
  });
  return { runId, removed: gone.size, leftAlone: run.created.length - targets.length, problem: gone.size === targets.length ? null : problem ?? 'Some phones could not be removed.' };
}
