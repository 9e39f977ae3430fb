import { MAX_PHONES_PER_EXTENSION, type PbxSnapshot } from '../domain/pbx-snapshot';
import type { OutboxItem } from './outbox';
import { macKey, phonesByMac as indexByMac } from './settle';

/** What pre-flight decided for one queued phone. */
export type PreflightVerdict =
  | { readonly rowId: string; readonly verdict: 'send'; readonly extId: number }
  | { readonly rowId: string; readonly verdict: 'already-on-pbx'; readonly phoneId: number; readonly registration: string }
  | { readonly rowId: string; readonly verdict: 'conflict' | 'failed'; readonly reason: string };

/**
 * Checks queued phones against a fresh read of the PBX before anything is written: phones already
 * there with the same extension need no request; a MAC there with another extension, an extension
 * that would carry more than five phones, an unknown extension or a combination the PBX does not
 * offer are reported, never sent.
 */
export function preflight(items: readonly OutboxItem[], snapshot: PbxSnapshot): PreflightVerdict[] {
  const phonesByMac = indexByMac(snapshot.phones.items);
  const extByNumber = new Map(snapshot.extensions.items.map((e) => [e.number, e]));
  const load = new Map<string, number>();
  for (const phone of snapshot.phones.items) {
    if (phone.extension !== null) load.set(phone.extension, (load.get(phone.extension) ?? 0) + 1);
  }

  return items.map((item): PreflightVerdict => {
    const onPbx = phonesByMac.get(macKey(item.mac));
    if (onPbx) {
      if (onPbx.extension === item.extension) return { rowId: item.rowId, verdict: 'already-on-pbx', phoneId: onPbx.id, registration: onPbx.status };
      const where = onPbx.extension === null ? 'without an extension' : `on extension ${onPbx.extension}`;
      return { rowId: item.rowId, verdict: 'conflict', reason: `This MAC is already on the PBX ${where}. Change it there or plan this row for that extension.` };
    }
    const extension = extByNumber.get(item.extension);
    if (!extension) {
      return { rowId: item.rowId, verdict: 'failed', reason: `Extension ${item.extension} does not exist on the PBX. Create it there, or pick an existing extension.` };
    }
    const problem = combinationProblem(item, snapshot);
    if (problem) return { rowId: item.rowId, verdict: 'failed', reason: problem };
    const carried = load.get(item.extension) ?? 0;
    if (carried >= MAX_PHONES_PER_EXTENSION) {
      return {
        rowId: item.rowId,
        verdict: 'conflict',
        reason: `Extension ${item.extension} would carry more than ${MAX_PHONES_PER_EXTENSION} phones (the PBX's limit). Move some phones to another extension.`,
      };
    }
    load.set(item.extension, carried + 1);
    return { rowId: item.rowId, verdict: 'send', extId: extension.id };
  });
}

/** Why the PBX would refuse this vendor/model/template/method, or undefined when it offers it. */
function combinationProblem(item: OutboxItem, snapshot: PbxSnapshot): string | undefined {
  const vendor = snapshot.compatibility.vendors.find((v) => v.value === item.vendor);
  if (!vendor) return `The PBX does not offer the vendor "${item.vendor}" for auto provisioning.`;
  const model = vendor.models.find((m) => m.value === item.model);
  if (!model) return `The PBX does not offer the model "${item.model}" for ${vendor.text}.`;
  if (!model.templates.includes(item.template)) return `The template "${item.template}" is not available for ${vendor.text} ${model.text} on this PBX.`;
  if (!model.methods.includes(item.method)) {
    return `The PBX does not allow provisioning method "${item.method}" for ${vendor.text} ${model.text} (it offers: ${model.methods.join(', ') || 'none'}).`;
  }
  return undefined;
}
