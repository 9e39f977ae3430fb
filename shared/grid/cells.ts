import { parseMac } from '../domain/mac';
import { PROVISIONING_METHODS, type ProvisioningMethod, type Row, type RowSource, type RowState } from '../domain/project';
import type { ColumnKey } from './columns';
import { COLUMNS, COLUMN_INDEX, EDITABLE_FIELDS } from './columns';
import type { PbxIndex } from './pbx-index';

/**
 * Rows the queue owns: queued, in flight, or confirmed on the PBX. The grid does not change them, so what
 * the technician sees is what was (or is being) sent; failed and conflict rows stay editable.
 */
export const LOCKED_STATES: readonly RowState[] = ['queued', 'sending', 'on-pbx'];

/** True when the grid must not edit this row (see {@link LOCKED_STATES}). */
export function isLocked(row: Row): boolean {
  return LOCKED_STATES.includes(row.status);
}

/** Why a row is locked, in words. */
export function lockedReason(row: Row): string {
  return row.status === 'on-pbx'
    ? 'This phone is already on the PBX; the grid does not change it.'
    : 'This row is queued for the PBX; take it out of the queue to edit it.';
}

const TRUE_WORDS = new Set(['1', 'yes', 'y', 'true', 'on', 'x', '✓', '✔']);
const FALSE_WORDS = new Set(['', '0', 'no', 'n', 'false', 'off', '-', '—']);

/** Reads a yes/no cell as people write it (1/0, yes/no, true/false, on/off, x); null when it is neither. */
export function parseBool(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

const METHOD_ALIASES: Readonly<Record<string, ProvisioningMethod>> = {
  plugandplay: 'pnp',
  dhcpoption66: 'dhcp',
  option66: 'dhcp',
  rpsfqdn: 'rps_fqdn',
};

/** Reads a provisioning method in any case or spelling (`PnP`, `RPS FQDN`, `rps-fqdn`); '' for empty, null when unknown. */
export function parseMethod(text: string): ProvisioningMethod | '' | null {
  const word = text.trim().toLowerCase();
  if (word === '') return '';
  const known = PROVISIONING_METHODS.find((m) => m === word.replace(/[\s-]+/g, '_'));
  return known ?? METHOD_ALIASES[word.replace(/[\s_-]+/g, '')] ?? null;
}

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

/** Where a row's MAC came from, in words. */
export const SOURCE_WORDS: Readonly<Record<RowSource, string>> = {
  typed: 'Typed',
  pasted: 'Pasted',
  imported: 'Imported',
  'scanned-wedge': 'Scanned (USB)',
  'scanned-serial': 'Scanned (serial)',
  discovered: 'Found on the network',
};

/** What the Source cell says: where the MAC came from and, when LAN discovery saw it too, that it is confirmed there. */
export function sourceText(row: Row): string {
  const words = SOURCE_WORDS[row.source];
  return row.seenOnNetwork && row.source !== 'discovered' ? `${words} · seen on network ✓` : words;
}

/** The text a cell shows and copies. */
export function cellText(row: Row, key: ColumnKey, index: PbxIndex): string {
  switch (key) {
    case 'auth':
      return yesNo(row.auth);
    case 'shared':
      return row.sharedExtension ? 'Yes' : '';
    case 'extName':
      return index.extensions.get(row.extension.trim())?.name ?? '';
    case 'mac':
    case 'vendor':
    case 'model':
    case 'template':
    case 'method':
    case 'extension':
    case 'location':
    case 'serial':
    case 'rpsPin':
    case 'status':
    case 'message':
      return row[key];
    case 'source':
      return sourceText(row);
  }
}

/** The outcome of typing or pasting text into a cell. */
export type CellInput = { ok: true; row: Row } | { ok: false; reason: string };

/** The fields a cell's new text sets, or why the cell cannot take it. */
export type CellPatch = { ok: true; patch: Partial<Row> } | { ok: false; reason: string };

/** Where an edit came from: sets the row's source when its MAC changes. */
export type EditSource = Extract<RowSource, 'typed' | 'pasted' | 'imported'>;

/** Resolves what was typed against the PBX's names, so `yealink` is stored as the PBX's `Yealink`. */
function resolvePick(row: Row, key: 'vendor' | 'model' | 'template', text: string, index: PbxIndex): string {
  const typed = text.trim();
  const vendor = index.vendor(key === 'vendor' ? typed : row.vendor);
  if (key === 'vendor') return vendor?.value ?? typed;
  const model = vendor && index.model(vendor, key === 'model' ? typed : row.model);
  if (key === 'model') return model?.value ?? typed;
  return model?.templates.find((t) => t.toLowerCase() === typed.toLowerCase()) ?? typed;
}

const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/**
 * Reads text typed or pasted into a cell of `row` (vendor, model and template resolve against the row's
 * vendor and model). Does not check whether the row is locked; {@link applyCellInput} does.
 */
export function parseCellInput(row: Row, key: ColumnKey, text: string, index: PbxIndex): CellPatch {
  switch (key) {
    case 'mac': {
      // A MAC that parses is stored canonical; anything else is kept as typed, so nothing is lost and
      // validation can say what is wrong with it. Canonical text stays as it is either way.
      const typed = text.trim();
      if (CANONICAL_MAC.test(typed)) return { ok: true, patch: { mac: typed } };
      const parsed = parseMac(typed);
      return { ok: true, patch: { mac: parsed.ok ? parsed.mac : typed } };
    }
    case 'vendor':
    case 'model':
    case 'template':
      return { ok: true, patch: { [key]: resolvePick(row, key, text, index) } };
    case 'method': {
      const method = parseMethod(text);
      if (method === null) return { ok: false, reason: `“${text.trim()}” is not a provisioning method: use pnp, dhcp, rps or rps_fqdn.` };
      return { ok: true, patch: { method } };
    }
    case 'auth':
    case 'shared': {
      const value = parseBool(text);
      if (value === null) return { ok: false, reason: `“${text.trim()}” is not yes or no: use 1/0, yes/no or x.` };
      return { ok: true, patch: key === 'auth' ? { auth: value } : { sharedExtension: value } };
    }
    case 'extension':
    case 'location':
    case 'serial':
    case 'rpsPin':
      return { ok: true, patch: { [key]: text.trim() } };
    case 'extName':
    case 'source':
    case 'status':
    case 'message':
      return { ok: false, reason: `${COLUMNS[COLUMN_INDEX[key]]?.label ?? key} is filled in by the app and cannot be edited.` };
  }
}

/** True when two versions of a row hold the same values in every field the technician edits. */
export const sameEditableData = (a: Row, b: Row): boolean => EDITABLE_FIELDS.every((field) => a[field] === b[field]);

/**
 * Applies text typed or pasted into one cell. Returns the same row object when nothing changed (so history
 * and saving skip it), a new row when something did, or a reason when the cell cannot take the text.
 */
export function applyCellInput(row: Row, key: ColumnKey, text: string, index: PbxIndex, source: EditSource = 'typed'): CellInput {
  if (isLocked(row)) return { ok: false, reason: lockedReason(row) };
  const parsed = parseCellInput(row, key, text, index);
  if (!parsed.ok) return parsed;
  return { ok: true, row: touch(row, { ...row, ...parsed.patch }, source) };
}

/**
 * Finishes an edit (`after` is a fresh object): keeps identity when nothing changed and records the MAC's source. The row's state and
 * message are left alone: the queue owns them (a failed row stays failed until it is queued again).
 */
export function touch(before: Row, after: Row, source: EditSource): Row {
  if (sameEditableData(before, after)) return before;
  return after.mac !== before.mac && after.mac !== '' ? { ...after, source } : after;
}

/** The PBX's exact spelling of a row's vendor, model and template, where they match in another case or by display name. */
export function pbxNames(row: Row, index: PbxIndex): Partial<Row> {
  const vendor = resolvePick(row, 'vendor', row.vendor, index);
  const withVendor = { ...row, vendor };
  const model = resolvePick(withVendor, 'model', row.model, index);
  const template = resolvePick({ ...withVendor, model }, 'template', row.template, index);
  return { vendor, model, template };
}
