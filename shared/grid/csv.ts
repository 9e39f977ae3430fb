import Papa from 'papaparse';
import { formatMac, parseMac } from '../domain/mac';
import type { PbxSnapshot } from '../domain/pbx-snapshot';
import { emptyRow, type Row } from '../domain/project';
import { applyCellInput, parseBool } from './cells';
import type { ColumnKey } from './columns';
import { isBlankRow } from './columns';
import { type CsvFile, type CsvFormat, type LineProblem, type Mapping, detectMapping, readCsv } from './csv-read';
import { type Damage, repairExtensionCell, repairMacCell } from './damage';
import { IMPORT_TARGETS, type ImportTarget, TARGET_LABELS } from './headers';
import { type PbxIndex, indexSnapshot } from './pbx-index';

export { type CsvFile, type CsvFormat, type CsvRecord, type LineProblem, type Mapping, detectMapping, readCsv } from './csv-read';

/** A row the import would add, with the line it came from. */
export interface ImportedRow {
  readonly line: number;
  /** The row without an id yet (ids are given when the technician confirms). */
  readonly row: Omit<Row, 'id'>;
}

/** What an import would do: nothing is added to the project until the technician confirms it. */
export interface ImportPreview {
  readonly format: CsvFormat;
  readonly file: CsvFile;
  readonly mapping: Mapping;
  /** Rows that would be added. */
  readonly rows: readonly ImportedRow[];
  /** Every line's problems: refused lines (error), repairs made, and warnings, in line order. */
  readonly problems: readonly LineProblem[];
  /** Lines that will not be imported. */
  readonly refusedLines: number;
  /** Problems with the mapping itself (e.g. neither MAC nor extension mapped); import is impossible while any. */
  readonly mappingProblems: readonly string[];
}

const CELL_ORDER: readonly [ImportTarget, ColumnKey][] = [
  ['vendor', 'vendor'],
  ['model', 'model'],
  ['template', 'template'],
  ['method', 'method'],
  ['location', 'location'],
  ['serial', 'serial'],
  ['rpsPin', 'rpsPin'],
  ['shared', 'shared'],
];

/** Undoes this app's own export guard (`'=…`), and refuses spreadsheet formulas in plain text cells. */
function plainText(value: string): Damage {
  if (/^'[=+\-@]/.test(value)) return { kind: 'none', value: value.slice(1) };
  if (value.startsWith('=')) {
    const inner = /^="([^"]*)"$/.exec(value);
    return inner ? { kind: 'repaired', value: inner[1]!, message: `unwrapped the spreadsheet formula ${value}` } : { kind: 'refused', message: `${value.slice(0, 40)} is a spreadsheet formula, not a value` };
  }
  return { kind: 'none', value };
}

/** Without the PBX's list: the width of extension numbers that start with 0 in this file, if they agree. */
function zeroWidth(values: readonly string[]): number | null {
  const widths = new Set(values.filter((v) => /^0\d+$/.test(v)).map((v) => v.length));
  return widths.size === 1 ? [...widths][0]! : null;
}

interface LineContext {
  readonly index: PbxIndex;
  readonly format: CsvFormat;
  readonly zeroWidth: number | null;
}

function importLine(cell: (t: ImportTarget) => string | undefined, line: number, ctx: LineContext, problems: LineProblem[]): Omit<Row, 'id'> | null {
  const refuse = (message: string): null => {
    problems.push({ line, severity: 'error', message: `Line ${line}: ${message}` });
    return null;
  };
  const note = (severity: 'warning' | 'repaired', message: string): void => void problems.push({ line, severity, message: `Line ${line}: ${message}` });
  if (parseBool(cell('hotDesking') ?? '') === true) {
    return refuse('a hot-desking phone has no extension and cannot be added through the PBX API: add it in the PBX web interface.');
  }
  let row: Row = emptyRow('pending', 'imported');
  const put = (column: ColumnKey, value: string, label: string): void => {
    const result = applyCellInput(row, column, value, ctx.index, 'imported');
    if (result.ok) row = result.row;
    else note('warning', `${label} left empty: ${result.reason}`);
  };
  for (const [target, damage] of [
    ['mac', repairMacCell(cell('mac') ?? '')],
    ['extension', repairExtensionCell(cell('extension') ?? '', ctx.index)],
  ] as const) {
    if (damage.kind === 'refused') return refuse(`${TARGET_LABELS[target]}: ${damage.message}.`);
    if (damage.kind === 'repaired') note('repaired', `${TARGET_LABELS[target]}: ${damage.message}.`);
    put(target, damage.value, TARGET_LABELS[target]);
  }
  for (const [target, column] of CELL_ORDER) {
    const value = cell(target);
    if (value === undefined) continue;
    const text = plainText(value.trim());
    if (text.kind === 'refused') return refuse(`${TARGET_LABELS[target]}: ${text.message}; export the sheet with values.`);
    if (text.kind === 'repaired') note('repaired', `${TARGET_LABELS[target]}: ${text.message}.`);
    put(column, text.value, TARGET_LABELS[target]);
  }
  const auth = cell('auth');
  const authDefault = ctx.format === 'pbx' && (row.method === 'rps' || row.method === 'rps_fqdn') ? '1' : '0';
  put('auth', auth === undefined || auth.trim() === '' ? authDefault : auth, TARGET_LABELS.auth);
  checkExtensionName(row, cell('name'), ctx, note);
  if (!ctx.index.loaded.extensions && ctx.zeroWidth !== null && /^[1-9]\d*$/.test(row.extension) && row.extension.length < ctx.zeroWidth) {
    note('warning', `extension ${row.extension} may have lost a leading zero (other numbers in this file look like ${'0'.padEnd(ctx.zeroWidth, 'N')}); load the PBX data to check.`);
  }
  if (isBlankRow(row)) return null;
  const { id: _id, ...rest } = row;
  return rest;
}

function checkExtensionName(row: Row, name: string | undefined, ctx: LineContext, note: (s: 'warning', m: string) => void): void {
  const named = name?.trim() ?? '';
  const onPbx = ctx.index.extensions.get(row.extension)?.name.trim() ?? '';
  if (named !== '' && onPbx !== '' && named.toLowerCase() !== onPbx.toLowerCase()) {
    note('warning', `the file names extension ${row.extension} “${named}”, the PBX names it “${onPbx}”: check that the rows have not shifted.`);
  }
}

/**
 * Builds the preview of importing a read file with a mapping: the rows it would add (repaired where a repair
 * is certain) and a message for every refused, repaired or doubtful line. Pure; nothing is added.
 */
export function previewImport(file: CsvFile, mapping: Mapping, snapshot: PbxSnapshot, format: CsvFormat = detectMapping(file).format): ImportPreview {
  const index = indexSnapshot(snapshot);
  const mappingProblems: string[] = [];
  if (!mapping.includes('mac') && !mapping.includes('extension')) mappingProblems.push('Map at least one column to MAC or Extension.');
  for (const target of IMPORT_TARGETS) {
    if (mapping.filter((m) => m === target).length > 1) mappingProblems.push(`${TARGET_LABELS[target]} is mapped from more than one column.`);
  }
  const problems: LineProblem[] = [...file.problems];
  const rows: ImportedRow[] = [];
  if (mappingProblems.length === 0) {
    const column = new Map(mapping.flatMap((target, i) => (target === null ? [] : [[target, i] as const])));
    const extColumn = column.get('extension');
    const ctx: LineContext = { index, format, zeroWidth: extColumn === undefined ? null : zeroWidth(file.records.map((r) => r.cells[extColumn]?.trim() ?? '')) };
    for (const record of file.records) {
      const cell = (target: ImportTarget): string | undefined => {
        const i = column.get(target);
        return i === undefined ? undefined : (record.cells[i] ?? '');
      };
      const row = importLine(cell, record.line, ctx, problems);
      if (row) rows.push({ line: record.line, row });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  const refusedLines = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.line)).size;
  return { format, file, mapping, rows, problems, refusedLines, mappingProblems };
}

/** Reads CSV text and previews it with the detected mapping (the dialog lets the technician change it). */
export function previewCsv(text: string, snapshot: PbxSnapshot): ImportPreview {
  const file = readCsv(text);
  const { format, mapping } = detectMapping(file);
  return previewImport(file, mapping, snapshot, format);
}

/** The rows to add once the technician confirms the preview. */
export function confirmImport(preview: ImportPreview, newId: () => string): Row[] {
  return preview.rows.map(({ row }) => ({ ...row, id: newId() }));
}

/** Our file's columns, in order. */
export const OUR_HEADERS = ['mac', 'extension', 'vendor', 'model', 'template', 'method', 'auth', 'location', 'name', 'serial', 'rps_pin', 'shared'] as const;
/** The PBX's phone-import columns (reference §6.3), in the order its own export uses. */
export const PBX_HEADERS = ['Vendor', 'Model', 'MAC Address', 'Template', 'Provisioning Method', 'Authentication First-time', 'Assign Extension'] as const;

/** Header line as is, data with the given columns always quoted, CRLF line ends. */
function csvText(fields: readonly string[], data: string[][], quotes: boolean[]): string {
  const body = data.length > 0 ? `${Papa.unparse(data, { quotes, newline: '\r\n', header: false })}\r\n` : '';
  return `${fields.join(',')}\r\n${body}`;
}

/** Text a spreadsheet would run as a formula gets a leading `'` (read back by the import). */
function guard(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** MACs that parse are written with colons: spreadsheets never read `80:5E:C0:12:34:56` as a number. */
function macOut(mac: string, upper: boolean): string {
  return parseMac(mac).ok ? formatMac(mac, upper ? 'colon-upper' : 'colon-lower') : mac;
}

/**
 * Writes rows as CSV (CRLF, blank rows left out). `ours` keeps every field and starts with a UTF-8 BOM so
 * Excel reads names correctly; `pbx` is the PBX's phone-import layout (MACs upper case with colons, `RPS PIN`
 * only when some row has one). MAC and extension fields are always quoted.
 */
export function exportCsv(rows: readonly Row[], format: 'ours' | 'pbx', snapshot: PbxSnapshot): string {
  const index = indexSnapshot(snapshot);
  const kept = rows.filter((r) => !isBlankRow(r));
  if (format === 'ours') {
    const data = kept.map((r) => [
      macOut(r.mac, false),
      r.extension,
      r.vendor,
      r.model,
      r.template,
      r.method,
      r.auth ? '1' : '0',
      guard(r.location),
      guard(index.extensions.get(r.extension)?.name ?? ''),
      guard(r.serial),
      r.rpsPin,
      r.sharedExtension ? '1' : '0',
    ]);
    const quotes = OUR_HEADERS.map((h) => h === 'mac' || h === 'extension');
    return '\uFEFF' + csvText(OUR_HEADERS, data, quotes);
  }
  const withPin = kept.some((r) => r.rpsPin !== '');
  const fields: string[] = [...PBX_HEADERS, ...(withPin ? ['RPS PIN'] : [])];
  const data = kept.map((r) => [r.vendor, r.model, macOut(r.mac, true), r.template, r.method, r.auth ? '1' : '0', r.extension, ...(withPin ? [r.rpsPin] : [])]);
  const quotes = fields.map((f) => f === 'MAC Address' || f === 'Assign Extension');
  return csvText(fields, data, quotes);
}
