import { z } from 'zod';
import { type Project, projectSchema } from './project';

/** The `format` tag of an exported project file. */
export const PROJECT_FILE_FORMAT = 'onsite-project';
/** The current version of the exported project file. */
export const PROJECT_FILE_VERSION = 1;
/** File name ending the UI suggests when saving an export. */
export const PROJECT_FILE_EXTENSION = '.onsite-project.json';

/**
 * An exported project: everything a second technician needs to take over a site, and nothing
 * secret. Credentials never live in a project (it only names a PBX profile; secrets stay in the
 * OS keychain), so exporting the project's own fields exports no secret.
 */
export const projectFileSchema = z.object({
  format: z.literal(PROJECT_FILE_FORMAT),
  version: z.literal(PROJECT_FILE_VERSION),
  exportedAt: z.string(),
  project: projectSchema,
});

/** An exported project file. */
export type ProjectFile = z.infer<typeof projectFileSchema>;

/** The text of an export file for a project: indented JSON, one key per line, readable in any editor. */
export function formatProjectFile(project: Project, exportedAt: Date): string {
  const file: ProjectFile = { format: PROJECT_FILE_FORMAT, version: PROJECT_FILE_VERSION, exportedAt: exportedAt.toISOString(), project: projectSchema.parse(project) };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}

/** A project name made safe as a file name on every OS: letters, digits, spaces, `.`, `_` and `-` only. */
export function safeFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/\s+/g, ' ').trim().slice(0, 80) || 'project';
}

/** A file name for an export: the project name made safe for every OS, and the date. */
export function projectFileName(name: string, at: Date): string {
  return `${safeFileName(name)} ${at.toISOString().slice(0, 10)}${PROJECT_FILE_EXTENSION}`;
}

/** Why an export file could not be read: a message for people and the failing fields. */
export interface ProjectFileProblem {
  readonly message: string;
  readonly fields: { path: string; message: string }[];
}

/** Reads an export file's text; never throws. Every way it can be wrong gets a message naming the problem. */
export function parseProjectFile(text: string): { ok: true; file: ProjectFile } | { ok: false; problem: ProjectFileProblem } {
  const problem = (message: string, fields: ProjectFileProblem['fields'] = []) => ({ ok: false as const, problem: { message, fields } });
  if (text.trim() === '') return problem('The file is empty.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return problem(`The file is not valid JSON (${error instanceof Error ? error.message : String(error)}). It may be damaged or cut short.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problem('The file is JSON but not an OnSite project file.');
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format !== PROJECT_FILE_FORMAT) {
    return problem(`This is not an OnSite project file (its "format" is ${format === undefined ? 'missing' : JSON.stringify(format)}, expected "${PROJECT_FILE_FORMAT}").`);
  }
  if (typeof version === 'number' && version > PROJECT_FILE_VERSION) {
    return problem(`This project file was made by a newer version of OnSite Provisioner (file version ${version}; this version reads ${PROJECT_FILE_VERSION}). Update the app to import it.`);
  }
  const parsed = projectFileSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(file)', message: i.message }));
    const shown = fields.slice(0, 5).map((f) => `${f.path}: ${f.message}`).join('; ');
    const more = fields.length > 5 ? ` (and ${fields.length - 5} more)` : '';
    return problem(`The project file has ${fields.length === 1 ? 'a problem' : `${fields.length} problems`}: ${shown}${more}. Nothing was imported.`, fields);
  }
  return { ok: true, file: parsed.data };
}
