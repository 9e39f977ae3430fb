import { useMemo, useState } from 'react';
import { type CsvFile, type CsvFormat, type Mapping, confirmImport, detectMapping, previewImport, readCsv } from '../../../../shared/grid/csv';
import type { EditReport } from '../../../../shared/grid/commands';
import type { GridEditor } from '../../../../shared/grid/editor';
import { IMPORT_TARGETS, type ImportTarget, TARGET_LABELS } from '../../../../shared/grid/headers';
import { Dialog } from '../pbx/Dialog';
import { rowIds } from './session';

const FORMAT_WORDS: Readonly<Record<CsvFormat, string>> = {
  ours: 'OnSite Provisioner CSV',
  pbx: 'Yeastar phone-import CSV',
  other: 'other columns: check the mapping',
};

interface Loaded {
  readonly name: string;
  readonly file: CsvFile;
  readonly format: CsvFormat;
}

/**
 * CSV import: pick a file, check how its columns map, see every refused, repaired or doubtful line, and only
 * then add the rows (one undo step). Nothing is added before Import is pressed.
 */
export function CsvImportDialog({ editor, onClose, onReport }: { editor: GridEditor; onClose: () => void; onReport: (r: EditReport) => void }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [mapping, setMapping] = useState<Mapping>([]);
  const [accepted, setAccepted] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const preview = useMemo(() => (loaded ? previewImport(loaded.file, mapping, editor.getSnapshot(), loaded.format) : undefined), [loaded, mapping, editor]);

  const choose = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      const parsed = readCsv(await file.text());
      const detected = detectMapping(parsed);
      setLoaded({ name: file.name, file: parsed, format: detected.format });
      setMapping(detected.mapping);
      setAccepted(false);
      setProblem(undefined);
    } catch (error) {
      setProblem(`Could not read ${file.name}: ${String(error)}`);
    }
  };

  const setTarget = (column: number, target: ImportTarget | null): void => {
    setMapping((current) => current.map((t, i) => (i === column ? target : t === target && target !== null ? null : t)));
    setAccepted(false);
  };

  const refused = preview?.refusedLines ?? 0;
  const canImport = !!preview && preview.mappingProblems.length === 0 && preview.rows.length > 0 && (refused === 0 || accepted);
  const doImport = (): void => {
    if (!preview || !loaded) return;
    const rows = confirmImport(preview, rowIds());
    onReport(editor.appendRows(rows, `import of ${rows.length} rows from ${loaded.name}`));
    onClose();
  };

  return (
    <Dialog className="modal" title="Import phones from a CSV file" onClose={onClose} testId="csv-import-dialog">
      <p>
        <input type="file" accept=".csv,.txt,text/csv" aria-label="CSV file" data-testid="csv-file" onChange={(e) => void choose(e.target.files?.[0])} />
      </p>
      {problem && <p className="error">{problem}</p>}
      {loaded && preview && (
        <>
          <p data-testid="csv-summary">
            <strong>{loaded.name}</strong>: {FORMAT_WORDS[loaded.format]}, {loaded.file.records.length + loaded.file.problems.length} lines. <strong>{preview.rows.length}</strong> rows
            will be added{refused > 0 ? `, ${refused} line${refused === 1 ? '' : 's'} left out` : ''}.
          </p>
          <table className="mapping-table" aria-label="Column mapping">
            <thead>
              <tr>
                <th>Column in the file</th>
                <th>First values</th>
                <th>Import as</th>
              </tr>
            </thead>
            <tbody>
              {loaded.file.headers.map((header, i) => (
                <tr key={`${header}-${i}`}>
                  <td>{header}</td>
                  <td className="mono">{loaded.file.records.slice(0, 2).map((r) => r.cells[i] ?? '').join(' · ')}</td>
                  <td>
                    <select aria-label={`Import ${header} as`} value={mapping[i] ?? ''} onChange={(e) => setTarget(i, e.target.value === '' ? null : (e.target.value as ImportTarget))}>
                      <option value="">— not imported —</option>
                      {IMPORT_TARGETS.map((t) => (
                        <option key={t} value={t}>
                          {TARGET_LABELS[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.mappingProblems.map((m) => (
            <p key={m} className="error">
              {m}
            </p>
          ))}
          {preview.problems.length > 0 && (
            <>
              <h4>Lines to check ({preview.problems.length})</h4>
              <ul className="problem-list" data-testid="csv-problems">
                {preview.problems.slice(0, 300).map((p, i) => (
                  <li key={i} className={`sev-${p.severity}`}>
                    {p.severity === 'error' ? '✕ left out' : p.severity === 'repaired' ? '↺ repaired' : '⚠ check'}: {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {refused > 0 && (
            <label>
              <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} data-testid="csv-accept" /> Import the {preview.rows.length} good rows and leave out
              the {refused} line{refused === 1 ? '' : 's'} marked ✕ (fix them in the file and import them later)
            </label>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-quiet" onClick={onClose}>
          Cancel
        </button>
        <button type="button" disabled={!canImport} onClick={doImport} data-testid="csv-import">
          Import {preview?.rows.length ?? 0} rows
        </button>
      </div>
    </Dialog>
  );
}
