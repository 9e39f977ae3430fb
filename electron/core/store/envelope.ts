import type { z } from 'zod';

/**
 * Upgrades a document's `data` from one schema version to the next. It works on plain JSON (the
 * old shape has no type any more) and must be pure: it may throw, never write files.
 */
export type Migration = (data: unknown) => unknown;

/** What kind of document a file holds and how to read and upgrade it. */
export interface DocumentSpec<T> {
  /** Written into every file (`"kind"`), so a file of another kind is never taken for this one. */
  readonly kind: string;
  /** The current shape; every load and every write is checked against it. */
  readonly schema: z.ZodType<T>;
  /**
   * Ordered upgrades: `migrations[0]` takes version 1 to 2, `migrations[1]` 2 to 3, and so on.
   * The current version is `migrations.length + 1`; a released migration is never edited or removed.
   */
  readonly migrations: readonly Migration[];
  /** How the technician calls this file in a notice: "Settings", "A project file". */
  readonly title: string;
  /** One line about a loaded value for notices, e.g. `project “Site A”, 120 rows`. */
  readonly describe?: (value: T) => string;
  /** Indent the JSON: for small files people may read; big ones stay compact (a third smaller, faster to write). */
  readonly pretty?: boolean;
}

/** The current schema version of a spec. */
export function currentVersion(spec: Pick<DocumentSpec<unknown>, 'migrations'>): number {
  return spec.migrations.length + 1;
}

/** The JSON object every store file holds. */
export interface Envelope<T> {
  readonly kind: string;
  readonly schemaVersion: number;
  /** When this version was written (ISO 8601); shown when a copy is restored. */
  readonly savedAt: string;
  readonly data: T;
}

/** Why a file could not be used. `newer` is not damage: a newer app wrote it, so it is left alone. */
export type DecodeProblem = 'empty' | 'not-json' | 'not-a-store-file' | 'wrong-kind' | 'newer' | 'migration-failed' | 'invalid';

/** The outcome of reading a file's text. */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T; readonly fromVersion: number; readonly savedAt: string }
  | { readonly ok: false; readonly problem: DecodeProblem; readonly detail: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, human list of what failed validation: at most three paths and messages. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const shown = error.issues.slice(0, 3).map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(top level)'}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more problems)` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Parses, upgrades and validates a store file's text. Never throws: every way a file can be
 * unusable comes back as a problem with a detail the technician can read.
 */
export function decodeDocument<T>(text: string, spec: DocumentSpec<T>): Decoded<T> {
  if (text.trim() === '') return { ok: false, problem: 'empty', detail: `the file is empty (${text.length} bytes)` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: 'not-json', detail: `the file is not complete JSON (${reason}); it may have been cut short` };
  }
  if (!isRecord(raw) || typeof raw.kind !== 'string' || !Number.isInteger(raw.schemaVersion) || !('data' in raw)) {
    return { ok: false, problem: 'not-a-store-file', detail: 'the file is JSON but not an OnSite Provisioner data file (no kind, schemaVersion and data)' };
  }
  if (raw.kind !== spec.kind) return { ok: false, problem: 'wrong-kind', detail: `the file holds "${raw.kind}" data, not "${spec.kind}"` };
  const version = raw.schemaVersion as number;
  const target = currentVersion(spec);
  if (version > target) {
    return { ok: false, problem: 'newer', detail: `it was saved by a newer version of OnSite Provisioner (format ${version}; this version reads up to ${target})` };
  }
  if (version < 1) return { ok: false, problem: 'not-a-store-file', detail: `schemaVersion ${version} is not valid` };
  let data = raw.data;
  for (let from = version; from < target; from += 1) {
    try {
      data = spec.migrations[from - 1]!(data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, problem: 'migration-failed', detail: `it could not be upgraded from format ${from} to ${from + 1} (${reason})` };
    }
  }
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) return { ok: false, problem: 'invalid', detail: `its content is not valid: ${describeIssues(parsed.error, 'data')}` };
  const savedAt = typeof raw.savedAt === 'string' ? raw.savedAt : '';
  return { ok: true, value: parsed.data, fromVersion: version, savedAt };
}

/** The envelope for a value at the spec's current version. */
export function encodeDocument<T>(value: T, spec: DocumentSpec<T>, savedAt: Date): Envelope<T> {
  return { kind: spec.kind, schemaVersion: currentVersion(spec), savedAt: savedAt.toISOString(), data: value };
}
