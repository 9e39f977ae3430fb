import { basename, dirname, join, relative } from 'node:path';
import { AppFailure } from '../../../shared/contract';
import type { Logger } from '../log';
import { type AtomicJsonFile, confFile } from './conf-file';
import { type DocumentSpec, currentVersion, decodeDocument, encodeDocument } from './envelope';
import { copyReplacing, fileStamp, moveAside, readTextIfExists, removeLeftoverTemps, syncDirectory } from './files';

/** Where the store tells the technician what happened (the core's Notices). */
export interface NoticeSink {
  add(level: 'info' | 'warning' | 'error', title: string, message: string): unknown;
}

/** What every document of one store shares. */
export interface DocumentContext {
  readonly dataDir: string;
  readonly notices: NoticeSink;
  readonly log: Logger;
  readonly now: () => Date;
}

/** Path of the last good copy kept next to a store file. */
export function lastGoodPath(path: string): string {
  return path.replace(/\.json$/, '.last-good.json');
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * One JSON document on disk, held in memory once loaded. Every write is validated, written
 * atomically (conf), synced, and then copied to `<name>.last-good.json`, so a damaged file can
 * always be replaced by the version before it. Writes are synchronous: when `write` returns, the
 * change is on disk.
 */
export class StoredDocument<T> {
  /** Absolute path of the file. */
  readonly path: string;
  private file: AtomicJsonFile | undefined;
  private current: T;
  private readonly readOnly: string | undefined;

  /** Use {@link loadDocument} or the store's `create`; this only wires the pieces. */
  constructor(
    private readonly ctx: DocumentContext,
    /** Path relative to the data directory, as shown to the technician. */
    readonly relPath: string,
    private readonly spec: DocumentSpec<T>,
    value: T,
    readOnlyReason?: string,
  ) {
    this.path = join(ctx.dataDir, relPath);
    this.current = value;
    this.readOnly = readOnlyReason;
  }

  /** The validated value last loaded or written. */
  get value(): T {
    return this.current;
  }

  /** Why writes are refused (a newer app wrote the file, or it cannot be read), or undefined. */
  get readOnlyReason(): string | undefined {
    return this.readOnly;
  }

  /**
   * Validates and saves a new value. On any failure the file and the in-memory value stay as they
   * were and an {@link AppFailure} (`storage`) says why, so the caller can keep the change and retry.
   */
  write(next: T): T {
    if (this.readOnly) {
      throw new AppFailure('storage', `${this.spec.title} cannot be saved: ${this.readOnly}.`, {
        hint: 'Nothing was changed on disk. Close the other window or update the app, then try again.',
      });
    }
    const checked = this.spec.schema.safeParse(next);
    // A value that breaks its own schema is a bug in the caller: refuse it rather than store it.
    if (!checked.success) throw new Error(`refusing to write an invalid ${this.spec.kind} document: ${checked.error.message}`);
    const envelope = encodeDocument(checked.data, this.spec, this.ctx.now());
    try {
      this.file ??= confFile(this.path, this.spec.pretty ?? false);
      this.file.write({ ...envelope });
      syncDirectory(dirname(this.path));
    } catch (error) {
      this.ctx.log.error('store write failed', { file: this.relPath, error });
      throw new AppFailure('storage', `Could not save ${this.spec.title.toLowerCase()} (${this.relPath}): ${errorText(error)}.`, {
        hint: 'Your change is not saved yet. Free disk space or check the data folder’s permissions, then try again.',
      });
    }
    this.current = checked.data;
    this.refreshLastGood();
    return this.current;
  }

  /** Applies a change to the current value and saves it (read-modify-write within this process). */
  update(change: (current: T) => T): T {
    return this.write(change(this.current));
  }

  /** Copies the file just validated or written to `<name>.last-good.json`. A failure here costs a backup, never data. */
  refreshLastGood(): void {
    try {
      copyReplacing(this.path, lastGoodPath(this.path));
    } catch (error) {
      this.ctx.log.warn('could not refresh the last good copy', { file: this.relPath, error });
    }
  }
}

/**
 * Saves a recovered or upgraded value. If the disk refuses (full, read-only), the value stays in memory
 * and the next write tries again; the files on disk still hold everything needed to recover next time.
 */
function saveOrKeepInMemory<T>(ctx: DocumentContext, doc: StoredDocument<T>, value: T): void {
  try {
    doc.write(value);
  } catch (error) {
    ctx.log.error('could not save a recovered or upgraded document', { file: doc.relPath, error });
  }
}

/** How {@link loadDocument} should behave when there is nothing usable on disk. */
export interface LoadOptions<T> {
  /** The value to start with when there is no file (or nothing recoverable); absent: return undefined. */
  readonly initial?: () => T;
  /** What happens when nothing can be recovered, in words, e.g. "Default settings are used". */
  readonly whenLost: string;
}

/**
 * Loads a document, recovering from every kind of damage without losing anything:
 * - missing file: the last good copy if there is one (and the technician is told), else `initial`;
 * - damaged file (empty, cut short, not JSON, wrong shape, fails the schema, cannot be upgraded):
 *   kept aside as `<name>.corrupt-<time>.json`, the last good copy restored, the technician told;
 * - a file from a newer version, or one that cannot be read: left untouched, the document opens read-only.
 * Returns undefined only when there is no `initial` and nothing to load.
 */
export function loadDocument<T>(ctx: DocumentContext, relPath: string, spec: DocumentSpec<T>, options: LoadOptions<T>): StoredDocument<T> | undefined {
  const path = join(ctx.dataDir, relPath);
  const rel = (p: string): string => relative(ctx.dataDir, p);
  const stem = basename(path).replace(/\.json$/, '');
  const removed = removeLeftoverTemps(dirname(path), stem);
  if (removed.length > 0) ctx.log.info('removed temp files of interrupted writes', { dir: rel(dirname(path)), removed });
  const make = (value: T, readOnly?: string): StoredDocument<T> => new StoredDocument(ctx, relPath, spec, value, readOnly);
  const initialOrNone = (readOnly?: string): StoredDocument<T> | undefined => (options.initial ? make(options.initial(), readOnly) : undefined);

  let text: string | undefined;
  try {
    text = readTextIfExists(path);
  } catch (error) {
    const reason = `${rel(path)} cannot be read (${errorText(error)})`;
    ctx.notices.add('error', `${spec.title} cannot be read`, `${reason}. It was left untouched and nothing will be written to it. ${options.whenLost}.`);
    return initialOrNone(reason);
  }

  const restore = (why: string, keptAs: string | undefined): StoredDocument<T> | undefined => {
    const backupPath = lastGoodPath(path);
    const backupText = readTextIfExists(backupPath);
    const kept = keptAs ? ` The damaged file was kept as ${rel(keptAs)}; nothing was deleted.` : '';
    if (backupText !== undefined) {
      const backup = decodeDocument(backupText, spec);
      if (backup.ok) {
        const doc = make(backup.value);
        saveOrKeepInMemory(ctx, doc, backup.value);
        const what = spec.describe ? `: ${spec.describe(backup.value)}` : '';
        const when = backup.savedAt ? ` saved ${new Date(backup.savedAt).toLocaleString()}` : '';
        ctx.notices.add('warning', `${spec.title} was restored`, `${why}.${kept} The last good copy${when} was restored${what}.`);
        ctx.log.warn('restored from the last good copy', { file: rel(path), why, keptAs: keptAs && rel(keptAs) });
        return doc;
      }
      const aside = moveAside(backupPath, backup.problem === 'newer' ? 'newer' : 'corrupt', ctx.now());
      ctx.log.error('the last good copy is unusable too', { file: rel(backupPath), detail: backup.detail, keptAs: rel(aside) });
      ctx.notices.add('error', `${spec.title} could not be restored`, `${why}.${kept} Its backup copy could not be used either (${backup.detail}) and was kept as ${rel(aside)}. ${options.whenLost}.`);
      return initialOrNone();
    }
    if (keptAs) ctx.notices.add('error', `${spec.title} could not be restored`, `${why}.${kept} There was no backup copy to restore. ${options.whenLost}.`);
    return initialOrNone();
  };

  if (text === undefined) return restore(`${rel(path)} was missing`, undefined);

  const decoded = decodeDocument(text, spec);
  if (decoded.ok) {
    const doc = make(decoded.value);
    if (decoded.fromVersion < currentVersion(spec)) {
      // Keep the file as the older version wrote it, so a downgrade or a bad migration loses nothing.
      const keptAs = join(dirname(path), `${stem}.format-${decoded.fromVersion}-${fileStamp(ctx.now())}.json`);
      copyReplacing(path, keptAs);
      saveOrKeepInMemory(ctx, doc, decoded.value);
      ctx.log.info('upgraded a store file', { file: rel(path), from: decoded.fromVersion, to: currentVersion(spec), keptAs: rel(keptAs) });
    } else {
      doc.refreshLastGood();
    }
    return doc;
  }
  if (decoded.problem === 'newer') {
    const reason = `${rel(path)} ${decoded.detail}`;
    ctx.notices.add('error', `${spec.title} is from a newer version`, `${reason}. It was left untouched. ${options.whenLost}. Update OnSite Provisioner to use it.`);
    return initialOrNone(reason);
  }
  const keptAs = moveAside(path, 'corrupt', ctx.now());
  ctx.log.error('damaged store file kept aside', { file: rel(path), problem: decoded.problem, detail: decoded.detail, keptAs: rel(keptAs) });
  return restore(`${rel(path)} could not be read: ${decoded.detail}`, keptAs);
}
