import { parseMac } from '../domain/mac';
import { longestPrefixMatch } from '../domain/oui';
import { PHONE_OUI_TABLE } from '../domain/oui-table.generated';
import { MAX_PHONES_PER_EXTENSION, type PbxSnapshot } from '../domain/pbx-snapshot';
import type { Row } from '../domain/project';
import { type ColumnKey, isBlankRow } from './columns';
import { isScientific, macDamageHint } from './damage';
import { type PbxIndex, type PbxPhone, indexSnapshot } from './pbx-index';

/** How bad a problem is: errors block queueing of the row; warnings and notes do not. */
export type Severity = 'error' | 'warning' | 'info';

/** Every problem the grid reports, by code (the UI may pick icons or actions by code). */
export const PROBLEM_CODES = [
  'mac-missing',
  'mac-invalid',
  'mac-duplicate',
  'mac-on-pbx',
  'mac-on-pbx-same',
  'mac-vendor-mismatch',
  'ext-missing',
  'ext-invalid',
  'ext-not-found',
  'ext-duplicate',
  'ext-has-phones',
  'ext-full',
  'vendor-missing',
  'vendor-unknown',
  'model-missing',
  'model-unknown',
  'template-missing',
  'template-unknown',
  'pbx-spelling',
  'method-missing',
  'method-unsupported',
  'auth-not-rps',
  'rps-pin-invalid',
] as const;

/** A problem code. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One problem, attached to the cell the technician has to change. */
export interface CellProblem {
  readonly rowId: string;
  readonly column: ColumnKey;
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** What is wrong and what to do, in words. */
  readonly message: string;
}

/** Counts for the problems bar. */
export interface ProblemCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** Rows with at least one error: rows that cannot be queued. */
  readonly rowsWithErrors: number;
  readonly byCode: Readonly<Partial<Record<ProblemCode, number>>>;
}

/** A part of the PBX snapshot that was never fetched, so the checks that need it were skipped. */
export type SnapshotPart = 'compatibility' | 'extensions' | 'phones';

/** Everything validation found. */
export interface ValidationResult {
  /** In stored row order, then column order. */
  readonly problems: readonly CellProblem[];
  /** Problems per row id (rows without problems are absent). */
  readonly byRow: ReadonlyMap<string, readonly CellProblem[]>;
  /** Ids of rows with at least one error. */
  readonly rowsWithErrors: ReadonlySet<string>;
  readonly counts: ProblemCounts;
  /** Checks skipped for want of PBX data: say so, never pretend they passed. */
  readonly unchecked: readonly SnapshotPart[];
  /** Rows with nothing entered; they are neither checked nor queued. */
  readonly blankRows: number;
}

/** Reads "row 12 and 2 more" from stored positions. */
function rowList(positions: readonly number[]): string {
  const [first, ...rest] = positions;
  if (first === undefined) return '';
  return `row ${first + 1}${rest.length === 0 ? '' : rest.length === 1 ? ` and row ${rest[0]! + 1}` : ` and ${rest.length} more`}`;
}

const list = (items: readonly string[], max = 6): string => (items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`);

/** What a row says about itself, independent of other rows and of the PBX. */
interface RowFacts {
  readonly blank: boolean;
  /** 12 hex digits when the MAC parses as a phone's factory MAC. */
  readonly hex: string | null;
  readonly ext: string;
  /** The phone vendor owning the MAC's OUI, if known. */
  readonly ouiVendor: string | null;
}

// Rows are immutable, so what a row says about itself is computed once per row object: after an edit only
// the changed rows are parsed again, and a pass over 5 000 rows is mostly map lookups.
const factsCache = new WeakMap<Row, RowFacts>();

// An edit that touches every row (fill series down 5 000 extensions) makes new row objects with the same MACs:
// parsed MACs are also kept by text. Bounded: cleared when it grows past what any site needs.
const macCache = new Map<string, { hex: string | null; ouiVendor: string | null }>();
const MAC_CACHE_LIMIT = 50_000;

function macFacts(mac: string): { hex: string | null; ouiVendor: string | null } {
  let facts = macCache.get(mac);
  if (!facts) {
    const parsed = parseMac(mac, { allowLocallyAdministered: false });
    const hex = parsed.ok ? parsed.hex : null;
    facts = { hex, ouiVendor: hex === null ? null : (longestPrefixMatch(PHONE_OUI_TABLE, hex)?.value ?? null) };
    if (macCache.size >= MAC_CACHE_LIMIT) macCache.clear();
    macCache.set(mac, facts);
  }
  return facts;
}

function factsOf(row: Row): RowFacts {
  let facts = factsCache.get(row);
  if (!facts) {
    const blank = isBlankRow(row);
    const mac = blank ? { hex: null, ouiVendor: null } : macFacts(row.mac);
    facts = { blank, hex: mac.hex, ext: row.extension.trim(), ouiVendor: mac.ouiVendor };
    factsCache.set(row, facts);
  }
  return facts;
}

interface Prepared {
  readonly facts: readonly RowFacts[];
  readonly rowsByHex: Map<string, number[]>;
  readonly rowsByExt: Map<string, number[]>;
}

function prepare(rows: readonly Row[]): Prepared {
  const facts = rows.map(factsOf);
  const rowsByHex = new Map<string, number[]>();
  const rowsByExt = new Map<string, number[]>();
  facts.forEach(({ blank, hex, ext }, i) => {
    if (blank) return;
    if (hex !== null) {
      const list = rowsByHex.get(hex);
      if (list) list.push(i);
      else rowsByHex.set(hex, [i]);
    }
    if (ext !== '') {
      const list = rowsByExt.get(ext);
      if (list) list.push(i);
      else rowsByExt.set(ext, [i]);
    }
  });
  return { facts, rowsByHex, rowsByExt };
}

const sameName = (a: string, b: string): boolean => a === b || a.trim().toLowerCase() === b.toLowerCase();

type Report = (column: ColumnKey, code: ProblemCode, severity: Severity, message: string) => void;

function checkMac(row: Row, i: number, p: Prepared, index: PbxIndex, report: Report): void {
  const text = row.mac.trim();
  if (text === '') return report('mac', 'mac-missing', 'error', 'MAC is missing: type it, scan the label or pick a discovered phone.');
  const { hex, ext, ouiVendor } = p.facts[i]!;
  if (hex === null) {
    const parsed = parseMac(text, { allowLocallyAdministered: false });
    const hint = macDamageHint(text);
    return report('mac', 'mac-invalid', 'error', hint ?? (parsed.ok ? 'Not a MAC.' : parsed.reason));
  }
  const withHex = p.rowsByHex.get(hex)!;
  if (withHex.length > 1) {
    const same = withHex.filter((j) => j !== i);
    report('mac', 'mac-duplicate', 'error', `Same MAC as ${rowList(same)}: a phone can be in the project once. Delete the extra row or correct the MAC.`);
  }
  if (index.loaded.phones) {
    const onPbx = index.phonesByHex.get(hex);
    if (onPbx) {
      if (onPbx.extension === null) {
        report('mac', 'mac-on-pbx', 'error', 'This MAC is already on the PBX with no extension. Assign it there, or delete it on the PBX and queue this row.');
      } else if (onPbx.extension !== ext) {
        const name = index.extensions.get(onPbx.extension)?.name;
        report('mac', 'mac-on-pbx', 'error', `This MAC is already on the PBX with extension ${onPbx.extension}${name ? ` (${name})` : ''}. Change it there, or use ${onPbx.extension} here.`);
      } else if (row.status !== 'on-pbx') {
        report('mac', 'mac-on-pbx-same', 'info', `Already on the PBX with extension ${ext}: queueing confirms it without sending it again.`);
      }
    }
  }
  if (ouiVendor !== null && row.vendor.trim() !== '' && !sameName(row.vendor, ouiVendor)) {
    const vendor = index.vendor(row.vendor);
    if (!vendor || (!sameName(vendor.value, ouiVendor) && !sameName(vendor.text, ouiVendor))) {
      report('mac', 'mac-vendor-mismatch', 'warning', `By its first digits this MAC is a ${ouiVendor} phone, but the row says ${row.vendor}. Check the vendor or the MAC.`);
    }
  }
}

/** Phones that already sit on this row's extension, besides this row's own phone. */
function othersOnExtension(i: number, ext: string, p: Prepared, index: PbxIndex): { pbx: PbxPhone[]; rows: number[] } {
  const pbxPhones = index.loaded.phones ? (index.phonesByExtension.get(ext) ?? []) : [];
  const own = p.facts[i]!.hex;
  const onThisExtension = (hex: string | null): boolean => hex !== null && pbxPhones.some((phone) => index.phonesByHex.get(hex) === phone);
  const rows = (p.rowsByExt.get(ext) ?? []).filter((j) => j !== i && !onThisExtension(p.facts[j]!.hex));
  const pbx = pbxPhones.filter((phone) => own === null || index.phonesByHex.get(own) !== phone);
  return { pbx, rows };
}

function checkExtension(row: Row, i: number, p: Prepared, index: PbxIndex, report: Report): void {
  const { ext, hex } = p.facts[i]!;
  if (ext === '') return report('extension', 'ext-missing', 'error', 'Extension is missing: pick the extension this phone belongs to.');
  if (!/^\d{1,7}$/.test(ext)) {
    const why = isScientific(ext)
      ? `The spreadsheet turned this extension into a number (${ext}): re-export with the column formatted as text.`
      : `“${ext}” is not an extension number: IP-phone extensions are 1 to 7 digits.`;
    return report('extension', 'ext-invalid', 'error', why);
  }
  if (index.loaded.extensions && !index.extensions.has(ext)) {
    const padded = ['0', '00'].map((z) => z + ext).find((n) => index.extensions.has(n));
    const hint = padded ? ` Did a spreadsheet drop a leading zero? The PBX has ${padded}.` : ' Pick one from the list, or create it on the PBX and refresh.';
    return report('extension', 'ext-not-found', 'error', `Extension ${ext} does not exist on the PBX.${hint}`);
  }
  const alreadyThere = hex !== null && index.phonesByHex.get(hex)?.extension === ext;
  if (alreadyThere) return;
  const others = othersOnExtension(i, ext, p, index);
  const total = others.pbx.length + others.rows.length + 1;
  if (total > MAX_PHONES_PER_EXTENSION) {
    return report(
      'extension',
      'ext-full',
      'error',
      `Extension ${ext} would carry ${total} phones (${others.pbx.length} on the PBX, ${others.rows.length + 1} in this project); the PBX allows ${MAX_PHONES_PER_EXTENSION}.`,
    );
  }
  if (row.sharedExtension || total === 1) return;
  if (others.rows.length > 0) {
    const pbx = others.pbx.length > 0 ? ` and ${others.pbx.length} phone${others.pbx.length === 1 ? '' : 's'} on the PBX` : '';
    return report('extension', 'ext-duplicate', 'error', `Extension ${ext} is also on ${rowList(others.rows)}${pbx}. If these phones should share it, tick Shared on each; otherwise change one.`);
  }
  const n = others.pbx.length;
  report('extension', 'ext-has-phones', 'error', `Extension ${ext} already has ${n} phone${n === 1 ? '' : 's'} on the PBX (${list(others.pbx.map((ph) => ph.mac), 3)}). Tick Shared if this phone should join ${n === 1 ? 'it' : 'them'}, or pick another extension.`);
}

function checkProvisioning(row: Row, index: PbxIndex, report: Report): void {
  const missing = (column: ColumnKey, code: ProblemCode, what: string): void => report(column, code, 'error', `${what} is missing: use Set vendor/model to pick a valid combination.`);
  if (row.vendor.trim() === '') missing('vendor', 'vendor-missing', 'Vendor');
  if (row.model.trim() === '') missing('model', 'model-missing', 'Model');
  if (row.template.trim() === '') missing('template', 'template-missing', 'Template');
  if (row.method === '') missing('method', 'method-missing', 'Provisioning method');
  if (row.auth && row.method !== '' && row.method !== 'rps' && row.method !== 'rps_fqdn') {
    report('auth', 'auth-not-rps', 'warning', `First-time authentication applies to RPS only; the PBX ignores it for ${row.method}.`);
  }
  if (!index.loaded.compatibility || row.vendor.trim() === '') return;
  const vendor = index.vendor(row.vendor);
  if (!vendor) {
    const offered = index.snapshot.compatibility.vendors.map((v) => v.value);
    return report('vendor', 'vendor-unknown', 'error', `The PBX does not offer vendor “${row.vendor}”. It offers: ${list(offered)}.`);
  }
  if (vendor.value !== row.vendor) return report('vendor', 'pbx-spelling', 'error', `The PBX spells this vendor “${vendor.value}”: use PBX names to correct it.`);
  if (row.model.trim() === '') return;
  const model = index.model(vendor, row.model);
  if (!model) {
    return report('model', 'model-unknown', 'error', `${vendor.value} has no model “${row.model}” on this PBX. Models: ${list(vendor.models.map((m) => m.value))}.`);
  }
  if (model.value !== row.model) return report('model', 'pbx-spelling', 'error', `The PBX spells this model “${model.value}”: use PBX names to correct it.`);
  if (row.template.trim() !== '' && !model.templates.includes(row.template)) {
    const near = model.templates.find((t) => t.toLowerCase() === row.template.trim().toLowerCase());
    if (near) report('template', 'pbx-spelling', 'error', `The PBX spells this template “${near}”: use PBX names to correct it.`);
    else report('template', 'template-unknown', 'error', `“${row.template}” is not a template for ${model.value}. Templates: ${list(model.templates)}.`);
  }
  if (row.method !== '' && !model.methods.includes(row.method)) {
    report('method', 'method-unsupported', 'error', `${model.value} cannot be provisioned by ${row.method} on this PBX. Methods: ${list(model.methods)}.`);
  }
}

/**
 * Checks every row against the rest of the project and the PBX snapshot. Pure and fast (indexes by MAC and
 * extension; one pass), so the grid runs it after every edit. Checks needing a part of the snapshot that was
 * never fetched are skipped and listed in `unchecked`.
 */
export function validateRows(rows: readonly Row[], snapshot: PbxSnapshot): ValidationResult {
  const index = indexSnapshot(snapshot);
  const p = prepare(rows);
  const problems: CellProblem[] = [];
  const byRow = new Map<string, CellProblem[]>();
  const byCode: Partial<Record<ProblemCode, number>> = {};
  const tally = { error: 0, warning: 0, info: 0 };
  const rowsWithErrors = new Set<string>();
  let blankRows = 0;
  rows.forEach((row, i) => {
    if (p.facts[i]!.blank) {
      blankRows += 1;
      return;
    }
    const own: CellProblem[] = [];
    const report: Report = (column, code, severity, message) => {
      own.push({ rowId: row.id, column, code, severity, message });
    };
    checkMac(row, i, p, index, report);
    checkProvisioning(row, index, report);
    checkExtension(row, i, p, index, report);
    if (row.rpsPin !== '' && !/^[A-Za-z0-9]{1,31}$/.test(row.rpsPin)) {
      report('rpsPin', 'rps-pin-invalid', 'error', 'An RPS PIN is letters and digits only, at most 31.');
    }
    if (own.length === 0) return;
    own.sort((a, b) => columnOrder(a.column) - columnOrder(b.column));
    byRow.set(row.id, own);
    let hasError = false;
    for (const problem of own) {
      problems.push(problem);
      tally[problem.severity] += 1;
      byCode[problem.code] = (byCode[problem.code] ?? 0) + 1;
      if (problem.severity === 'error') hasError = true;
    }
    if (hasError) rowsWithErrors.add(row.id);
  });
  const unchecked = (['compatibility', 'extensions', 'phones'] as const).filter((part) => !index.loaded[part]);
  return { problems, byRow, rowsWithErrors, counts: { ...tally, rowsWithErrors: rowsWithErrors.size, byCode }, unchecked, blankRows };
}

const ORDER: readonly ColumnKey[] = ['mac', 'vendor', 'model', 'template', 'method', 'auth', 'extension', 'rpsPin'];
const columnOrder = (column: ColumnKey): number => ORDER.indexOf(column);

/** True when the row has an error (it cannot be queued). */
export function hasErrors(result: ValidationResult, rowId: string): boolean {
  return result.rowsWithErrors.has(rowId);
}

/**
 * The rows "Queue for PBX" may take: drafts with something entered and no errors. Warnings do not block; rows
 * already queued, sending or on the PBX are not offered again; failed and conflict rows are still the queue's
 * (it retries or drops them; re-queueing an edited one should check it with {@link hasErrors} first).
 */
export function queueableRows(rows: readonly Row[], result: ValidationResult): Row[] {
  return rows.filter((row) => row.status === 'draft' && !isBlankRow(row) && !hasErrors(result, row.id));
}
