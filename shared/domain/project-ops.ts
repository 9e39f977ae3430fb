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

/**
 * Rows of an imported project. Results the exporting technician saw (on PBX, failed, conflict) are kept
 * as information; rows that were waiting in their queue go back to draft, because a queue does not travel
 * with the file.
 */
export function importedRows(rows: readonly Row[], newId: () => string): Row[] {
  return rows.map((row): Row => {
    const wasQueued = row.status === 'queued' || row.status === 'sending';
    return {
      ...row,
      id: newId(),
      seenOnNetwork: false,
      ...(wasQueued ? { status: 'draft', message: 'Was queued on the computer that exported this project; queue it again here.' } : {}),
    };
  });
}
