import { macHex } from '../domain/mac';
import type { PbxSnapshot } from '../domain/pbx-snapshot';

/** A vendor as the PBX offers it. */
export type PbxVendor = PbxSnapshot['compatibility']['vendors'][number];
/** A model as the PBX offers it. */
export type PbxModel = PbxVendor['models'][number];
/** An extension on the PBX. */
export type PbxExtension = PbxSnapshot['extensions']['items'][number];
/** A phone already on the PBX. */
export type PbxPhone = PbxSnapshot['phones']['items'][number];

/** Lookups over one snapshot, built once per snapshot object (validation runs on every keystroke). */
export interface PbxIndex {
  readonly snapshot: PbxSnapshot;
  /** Which parts of the snapshot have ever been fetched; checks against an unfetched part are skipped. */
  readonly loaded: { readonly compatibility: boolean; readonly extensions: boolean; readonly phones: boolean };
  /** Extension by exact number. */
  readonly extensions: ReadonlyMap<string, PbxExtension>;
  /** Extension numbers in counting order (numeric value, then length), for fill series. */
  readonly extensionOrder: readonly string[];
  /** PBX phones by 12 lower-case hex digits. */
  readonly phonesByHex: ReadonlyMap<string, PbxPhone>;
  /** PBX phones by the extension number they are assigned to. */
  readonly phonesByExtension: ReadonlyMap<string, readonly PbxPhone[]>;
  /** Vendor by its value or display text, any case. */
  vendor(text: string): PbxVendor | undefined;
  /** Model of a vendor by its value or display text, any case. */
  model(vendor: PbxVendor, text: string): PbxModel | undefined;
}

const key = (text: string): string => text.trim().toLowerCase();

/** Orders extension numbers as people count them: by value, then shorter first (99, 100, 0100, 101). */
export function compareExtensionNumbers(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function build(snapshot: PbxSnapshot): PbxIndex {
  const vendors = new Map<string, PbxVendor>();
  const models = new Map<PbxVendor, Map<string, PbxModel>>();
  for (const vendor of snapshot.compatibility.vendors) {
    vendors.set(key(vendor.value), vendor);
    if (!vendors.has(key(vendor.text))) vendors.set(key(vendor.text), vendor);
    const byName = new Map<string, PbxModel>();
    for (const model of vendor.models) {
      byName.set(key(model.value), model);
      if (!byName.has(key(model.text))) byName.set(key(model.text), model);
    }
    models.set(vendor, byName);
  }
  const extensions = new Map(snapshot.extensions.items.map((e) => [e.number, e] as const));
  const phonesByHex = new Map<string, PbxPhone>();
  const phonesByExtension = new Map<string, PbxPhone[]>();
  for (const phone of snapshot.phones.items) {
    const hex = macHex(phone.mac);
    if (hex !== null) phonesByHex.set(hex, phone);
    if (phone.extension !== null) {
      const list = phonesByExtension.get(phone.extension);
      if (list) list.push(phone);
      else phonesByExtension.set(phone.extension, [phone]);
    }
  }
  return {
    snapshot,
    loaded: {
      compatibility: snapshot.compatibility.fetchedAt !== null,
      extensions: snapshot.extensions.fetchedAt !== null,
      phones: snapshot.phones.fetchedAt !== null,
    },
    extensions,
    extensionOrder: [...extensions.keys()].sort(compareExtensionNumbers),
    phonesByHex,
    phonesByExtension,
    vendor: (text) => vendors.get(key(text)),
    model: (vendor, text) => models.get(vendor)?.get(key(text)),
  };
}

const cache = new WeakMap<PbxSnapshot, PbxIndex>();

/** The lookups for a snapshot; cached, so callers may ask on every render. Snapshots are never mutated. */
export function indexSnapshot(snapshot: PbxSnapshot): PbxIndex {
  let index = cache.get(snapshot);
  if (!index) {
    index = build(snapshot);
    cache.set(snapshot, index);
  }
  return index;
}

/** The template to preselect for a model: a PBX default template (`YSDP_…`) if there is one, else the first. */
export function defaultTemplate(model: PbxModel): string | undefined {
  return model.templates.find((t) => t.startsWith('YSDP_')) ?? model.templates[0];
}

/** The method to preselect for a model: the only one, or PnP when offered (same-LAN sites), else the first. */
export function defaultMethod(model: PbxModel): string | undefined {
  if (model.methods.length === 1) return model.methods[0];
  return model.methods.includes('pnp') ? 'pnp' : model.methods[0];
}
