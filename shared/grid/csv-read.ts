import Papa from 'papaparse';
import { parseMac } from '../domain/mac';
import { IGNORED_HEADERS, type ImportTarget, normalizeHeader, targetForHeader } from './headers';

/** A problem with one line of a CSV file. */
export interface LineProblem {
  /** 1-based line in the file (where the record starts). */
  readonly line: number;
  /** error: the line is not imported; warning: imported, but check it; repaired: imported after a repair. */
  readonly severity: 'error' | 'warning' | 'repaired';
  readonly message: string;
}

/** One data record with the line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A CSV file as read: header, records and structural problems. Nothing is interpreted yet. */
export interface CsvFile {
  /** Header cells, or `Column 1…n` when the file has no header line. */
  readonly headers: readonly string[];
  readonly hasHeader: boolean;
  readonly delimiter: string;
  /** Records that are structurally sound (quotes balanced, right number of fields). */
  readonly records: readonly CsvRecord[];
  /** Lines that could not be read, each with why. */
  readonly problems: readonly LineProblem[];
}

/** Which file columns go to which target (null: not imported), by file column index. */
export type Mapping = readonly (ImportTarget | null)[];

/** The two file layouts the app recognises by their headers. */
export type CsvFormat = 'ours' | 'pbx' | 'other';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

function looksLikeHeader(cells: readonly string[]): boolean {
  const known = cells.some((c) => targetForHeader(c) !== undefined || IGNORED_HEADERS.has(normalizeHeader(c)));
  return known && !cells.some((c) => parseMac(c).ok);
}

/**
 * Reads CSV text (comma, semicolon or tab separated; any line ending; a UTF-8 BOM is ignored). Every value
 * stays text: MACs and extension numbers are never turned into numbers. A line whose quotes do not balance or
 * whose field count differs from the header's is reported with its line number and left out.
 */
export function readCsv(input: string): CsvFile {
  const text = input.replace(/^\uFEFF/, '');
  const starts = lineStarts(text);
  const raw: { line: number; cells: string[]; error?: string }[] = [];
  let offset = 0;
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
    step: (result) => {
      const line = lineAt(starts, offset);
      delimiter = result.meta.delimiter;
      const quote = result.errors.find((e) => e.type === 'Quotes');
      let error: string | undefined;
      if (quote?.code === 'MissingQuotes') {
        const last = lineAt(starts, Math.max(offset, text.length - 1));
        error = `a quote (") opens a value that is never closed, so line ${line}${last > line ? ` to the end of the file (line ${last})` : ''} cannot be read. Close or remove the quote and import again.`;
      } else if (quote) {
        error = 'a value’s quotes are malformed (text after a closing quote?). Quote the whole value and double any quote inside it ("").';
      }
      raw.push({ line, cells: result.data, error });
      offset = result.meta.cursor;
    },
  });
  const problems: LineProblem[] = [];
  const firstData = raw.findIndex((r) => !isBlank(r.cells) || r.error);
  const first = raw[firstData];
  const hasHeader = first !== undefined && !first.error && looksLikeHeader(first.cells);
  const width = first ? first.cells.length : 0;
  const headers = hasHeader ? first.cells.map((c) => c.trim()) : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const records: CsvRecord[] = [];
  for (const [i, r] of raw.entries()) {
    if (hasHeader && i === firstData) continue;
    if (r.error) {
      problems.push({ line: r.line, severity: 'error', message: `Line ${r.line}: ${r.error}` });
      continue;
    }
    if (isBlank(r.cells)) continue;
    let cells = r.cells;
    // Spreadsheets often write trailing empty fields; they are harmless.
    while (cells.length > headers.length && cells[cells.length - 1]!.trim() === '') cells = cells.slice(0, -1);
    if (cells.length !== headers.length) {
      const why = cells.length > headers.length ? `a ${delimiter === ',' ? 'comma' : 'separator'} inside a value that is not in quotes?` : 'fields missing?';
      problems.push({ line: r.line, severity: 'error', message: `Line ${r.line} has ${cells.length} fields but the header has ${headers.length} (${why}). Fix the line and import again.` });
      continue;
    }
    records.push({ line: r.line, cells });
  }
  return { headers, hasHeader, delimiter, records, problems };
}

/** Guesses a headerless column's target from its values: mostly MACs, or mostly extension-like numbers. */
function sniff(file: CsvFile, column: number): ImportTarget | null {
  const sample = file.records.slice(0, 50).map((r) => r.cells[column]?.trim() ?? '').filter((v) => v !== '');
  if (sample.length === 0) return null;
  const share = (test: (v: string) => boolean): number => sample.filter(test).length / sample.length;
  if (share((v) => parseMac(v).ok) >= 0.6) return 'mac';
  if (share((v) => /^\d{1,7}$/.test(v)) >= 0.8) return 'extension';
  return null;
}

/**
 * Maps file columns to targets from the header names (case, spaces and `_` ignored), or, without a header,
 * from the values. Each target is used once; extra columns are not imported.
 */
export function detectMapping(file: CsvFile): { format: CsvFormat; mapping: Mapping } {
  const used = new Set<ImportTarget>();
  const mapping = file.headers.map((header, i) => {
    const target = file.hasHeader ? (targetForHeader(header) ?? null) : sniff(file, i);
    if (target === null || used.has(target)) return null;
    used.add(target);
    return target;
  });
  const names = new Set(file.headers.map(normalizeHeader));
  const format: CsvFormat = names.has('macaddress') && names.has('assignextension') ? 'pbx' : names.has('mac') && names.has('extension') ? 'ours' : 'other';
  return { format, mapping };
}
