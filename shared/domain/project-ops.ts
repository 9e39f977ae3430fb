import type { Project, ProjectSummary, Row } from './project';

/** A project as lists show it: everything but the rows, plus how many there are. */
export function summarizeProject(project: Project): ProjectSummary {
  const { rows, ...rest } = project;
  return { ...rest, rowCount: rows.length };
}

/**
 * An ISO time strictly later than `previous`, so `updatedAt` orders every change even when two land
 * in the same millisecond (it is what `expectedUpdatedAt` compares).
 */
export function nextTimestamp(now: Date, previous: string | undefined): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  const at = Number.isFinite(prev) && now.getTime() <= prev ? prev + 1 : now.getTime();
  return new Date(at).toISOString();
}

/**
 * Rows for a duplicate project: the plan is kept, the history is not. Each row gets a new id and goes
 * back to draft (the copy has its own queue); "seen on network" is cleared (it described the original
 * visit). Without `keepMacs` the copy is a template for another site: MAC, serial number and RPS PIN,
 * which identify one physical phone, are left empty.
 */
export function duplicateRows(rows: readonly Row[], newId: () => string, keepMacs: boolean): Row[] {
  return rows.map((row): Row => ({
    ...row,
    id: newId(),
    status: 'draft',
    message: '',
    seenOnNetwork: false,
    ...(keepMacs ? {} : { mac: '', serial: '', rpsPin: '' }),
  }));
}

/** What an imported row's state at export means here, where it is not in any queue. */
const IMPORTED_STATE: Readonly<Record<Row['status'], string>> = {
  draft: '',
  queued: 'Was queued on the computer that exported this project; queue it again here.',
  sending: 'Was queued on the computer that exported this project; queue it again here.',
  'on-pbx': 'Was on the PBX when this project was exported. Queue it here: the check before sending confirms it without sending it again.',
  failed: 'Had failed on the computer that exported this project',
  conflict: 'Had a conflict on the computer that exported this project',
};

/**
 * Rows of an imported project. A queue does not travel with the file (the sync queue is the only source of
 * a row's state), so every row arrives as a draft; what the exporting technician saw (queued, on PBX,
 * failed, conflict) is kept as information in the row's message.
 */
export function importedRows(rows: readonly Row[], newId: () => string): Row[] {
  return rows.map((row): Row => {
    const base = { ...row, id: newId(), seenOnNetwork: false };
    if (row.status === 'draft') return base;
    const said = IMPORTED_STATE[row.status];
    const message = (row.status === 'failed' || row.status === 'conflict') && row.message !== '' ? `${said}: ${row.message}` : `${said}${said.endsWith('.') ? '' : '.'}`;
    return { ...base, status: 'draft', message };
  });
}
