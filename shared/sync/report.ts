import Papa from 'papaparse';
import type { Row } from '../domain/project';

/** Everything a hand-over report says about a site. */
export interface ReportInput {
  readonly projectName: string;
  readonly pbxName: string;
  readonly pbxUrl: string;
  readonly technician: string;
  /** ISO time the report was made. */
  readonly date: string;
  readonly rows: readonly Row[];
  /** Extension number → name, from the PBX. */
  readonly extensionNames: ReadonlyMap<string, string>;
}

const RESULT_WORDS: Record<Row['status'], string> = {
  draft: 'Not sent',
  queued: 'Queued, not sent yet',
  sending: 'Being sent',
  'on-pbx': 'On the PBX',
  failed: 'Failed',
  conflict: 'Conflict',
};

const HEADERS = ['MAC', 'Extension', 'Name', 'Vendor', 'Model', 'Location', 'Result', 'Details'] as const;

function reportRows(input: ReportInput): string[][] {
  return input.rows.map((row) => [
    row.mac,
    row.extension,
    input.extensionNames.get(row.extension) ?? '',
    row.vendor,
    row.model,
    row.location,
    RESULT_WORDS[row.status],
    row.message,
  ]);
}

/** The hand-over report as CSV: a header block (site, PBX, technician, date), then one line per phone. MACs keep their colons so spreadsheets leave them as text. */
export function reportCsv(input: ReportInput): string {
  const head = [
    ['Site', input.projectName],
    ['PBX', `${input.pbxName} (${input.pbxUrl})`],
    ['Technician', input.technician],
    ['Date', input.date],
    [],
  ];
  return Papa.unparse([...head, [...HEADERS], ...reportRows(input)], { newline: '\r\n', quotes: true });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The hand-over report as a self-contained printable HTML page (no scripts, no external resources). */
export function reportHtml(input: ReportInput): string {
  const counts = new Map<string, number>();
  for (const row of input.rows) counts.set(RESULT_WORDS[row.status], (counts.get(RESULT_WORDS[row.status]) ?? 0) + 1);
  const summary = [...counts].map(([k, v]) => `<li>${escapeHtml(k)}: <strong>${v}</strong></li>`).join('');
  const body = reportRows(input)
    .map((cells, i) => `<tr class="s-${input.rows[i]!.status}">${cells.map((c, j) => `<td${j === 0 ? ' class="mono"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hand-over report: ${escapeHtml(input.projectName)}</title>
<style>
body{font:13px/1.4 system-ui,sans-serif;color:#000;margin:24px}h1{font-size:20px;margin:0 0 8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 12px}dt{font-weight:600}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee}.mono{font-family:ui-monospace,monospace}.s-failed td,.s-conflict td{background:#fde2e2}
@media print{body{margin:0}tr{break-inside:avoid}}
</style></head><body>
<h1>Hand-over report: ${escapeHtml(input.projectName)}</h1>
<dl><dt>PBX</dt><dd>${escapeHtml(input.pbxName)} (${escapeHtml(input.pbxUrl)})</dd><dt>Technician</dt><dd>${escapeHtml(input.technician)}</dd><dt>Date</dt><dd>${escapeHtml(input.date)}</dd></dl>
<ul>${summary}</ul>
<table><thead><tr>${HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}

/** A file name for a site's hand-over report, e.g. `Handover Site A 2026-05-12.csv`. */
export function reportFileName(projectName: string, at: Date, format: 'csv' | 'html'): string {
  const safe = projectName.replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/\s+/g, ' ').trim().slice(0, 80) || 'site';
  return `Handover ${safe} ${at.toISOString().slice(0, 10)}.${format}`;
}
