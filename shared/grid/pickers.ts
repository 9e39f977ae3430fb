import { MAX_PHONES_PER_EXTENSION } from '../domain/pbx-snapshot';
import { PROVISIONING_METHODS, type Row } from '../domain/project';
import type { ColumnKey } from './columns';
import { type PbxIndex, defaultMethod, defaultTemplate } from './pbx-index';

/** One choice a picker offers. */
export interface PickOption {
  /** What goes into the cell. */
  readonly value: string;
  readonly label: string;
  /** A second line: an extension's name, a vendor's value. */
  readonly detail?: string;
  /** A short tag: `default`, `free`, `2 of 5 phones`, `full`. */
  readonly badge?: string;
  /** How the badge reads: ok (free), warn (has phones), bad (full: choosing it is an error). */
  readonly tone?: 'ok' | 'warn' | 'bad';
}

/** True for the columns that have a picker. */
export function hasPicker(column: ColumnKey): boolean {
  return column === 'vendor' || column === 'model' || column === 'template' || column === 'method' || column === 'extension';
}

const matches = (query: string, ...texts: readonly string[]): boolean => {
  const q = query.trim().toLowerCase();
  return q === '' || texts.some((t) => t.toLowerCase().includes(q));
};

function extensionOptions(query: string, index: PbxIndex, rows: readonly Row[], row: Row | undefined, limit: number): PickOption[] {
  const load = new Map<string, number>();
  for (const r of rows) {
    if (r.id === row?.id) continue;
    const ext = r.extension.trim();
    if (ext !== '') load.set(ext, (load.get(ext) ?? 0) + 1);
  }
  const q = query.trim();
  const out: PickOption[] = [];
  const ordered = q === '' ? index.extensionOrder : [...index.extensionOrder.filter((n) => n.startsWith(q)), ...index.extensionOrder.filter((n) => !n.startsWith(q))];
  for (const number of ordered) {
    const ext = index.extensions.get(number)!;
    if (!number.startsWith(q) && !matches(q, ext.name)) continue;
    const phones = (index.phonesByExtension.get(number)?.length ?? 0) + (load.get(number) ?? 0);
    const badge = phones === 0 ? 'free' : phones >= MAX_PHONES_PER_EXTENSION ? `full (${phones} of ${MAX_PHONES_PER_EXTENSION})` : `${phones} of ${MAX_PHONES_PER_EXTENSION} phones`;
    out.push({ value: number, label: number, detail: ext.name, badge, tone: phones === 0 ? 'ok' : phones >= MAX_PHONES_PER_EXTENSION ? 'bad' : 'warn' });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * What a picker offers for a cell, filtered by what has been typed: only combinations the PBX offers
 * (models of the row's vendor, templates and methods of its model, the model's default template marked),
 * and extensions searched by number and name, each showing how many phones it already carries.
 */
export function pickOptions(column: ColumnKey, row: Row | undefined, query: string, index: PbxIndex, rows: readonly Row[], limit = 60): PickOption[] {
  const vendor = row ? index.vendor(row.vendor) : undefined;
  const model = vendor && row ? index.model(vendor, row.model) : undefined;
  switch (column) {
    case 'vendor':
      return index.snapshot.compatibility.vendors.filter((v) => matches(query, v.value, v.text)).map((v) => ({ value: v.value, label: v.text, detail: v.text === v.value ? undefined : v.value }));
    case 'model':
      return (vendor?.models ?? []).filter((m) => matches(query, m.value, m.text)).map((m) => ({ value: m.value, label: m.text, detail: m.text === m.value ? undefined : m.value }));
    case 'template': {
      const preferred = model ? defaultTemplate(model) : undefined;
      return (model?.templates ?? []).filter((t) => matches(query, t)).map((t) => ({ value: t, label: t, badge: t === preferred ? 'default' : undefined, tone: 'ok' as const }));
    }
    case 'method': {
      const offered = model?.methods ?? (index.loaded.compatibility ? [] : [...PROVISIONING_METHODS]);
      const preferred = model ? defaultMethod(model) : undefined;
      return offered.filter((m) => matches(query, m)).map((m) => ({ value: m, label: m, badge: m === preferred ? 'default' : undefined, tone: 'ok' as const }));
    }
    case 'extension':
      return extensionOptions(query, index, rows, row, limit);
    default:
      return [];
  }
}

/** Why a picker has nothing to offer, in words, or null when it has options. */
export function emptyPickerReason(column: ColumnKey, row: Row | undefined, index: PbxIndex): string | null {
  if (column === 'extension') return index.loaded.extensions ? null : 'PBX extensions not loaded: type the number.';
  if (!index.loaded.compatibility) return 'PBX phone models not loaded: type the value.';
  if (column === 'model' && !(row && index.vendor(row.vendor))) return 'Pick a vendor first.';
  if ((column === 'template' || column === 'method') && !(row && index.vendor(row.vendor) && index.model(index.vendor(row.vendor)!, row.model))) return 'Pick a vendor and model first.';
  return null;
}
