import Papa from 'papaparse';

/**
 * Clipboard text as spreadsheets write it (Excel, Google Sheets, LibreOffice): cells separated by tabs, rows by
 * CRLF (or LF), a cell holding a tab, line break or quote wrapped in quotes with quotes doubled, and usually a
 * line break after the last row.
 */

/**
 * Reads clipboard text into rows of cells. A final line break does not add an empty row; empty rows in the
 * middle are kept (a copied column with blank cells). Text whose quotes do not follow the format (a cell that
 * merely starts with a quote mark) is read literally, as Excel does.
 */
export function parseTsv(text: string): string[][] {
  if (text === '') return [];
  const parsed = Papa.parse<string[]>(text, { delimiter: '\t', quoteChar: '"', skipEmptyLines: false });
  const rows = parsed.errors.length === 0 ? parsed.data : literalSplit(text);
  const last = rows[rows.length - 1];
  if (rows.length > 0 && last !== undefined && last.length === 1 && last[0] === '' && /[\r\n]$/.test(text)) rows.pop();
  return rows;
}

function literalSplit(text: string): string[][] {
  return text.split(/\r\n|\n|\r/).map((line) => line.split('\t'));
}

const NEEDS_QUOTES = /[\t\r\n"]/;

/** One cell as Excel writes it to the clipboard. */
export function tsvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cells as clipboard text: tabs, CRLF between rows and after the last, quoting where needed. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return rows.map((row) => row.map(tsvCell).join('\t')).join('\r\n') + '\r\n';
}
