import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, sep } from 'node:path';
import { AppFailure } from '../../../shared/contract';
import type { Logger } from '../log';
import { type DocumentContext, type LoadOptions, type NoticeSink, StoredDocument, loadDocument } from './document';
import type { DocumentSpec } from './envelope';
import { ensurePrivateDir, fileStamp, syncDirectory } from './files';
import { type DataDirLock, acquireDataDirLock } from './lock';

/** What the core passes to open its store. */
export interface StoreOptions {
  readonly dataDir: string;
  /** Which face of the app holds the data directory (written into the lock file). */
  readonly shell: string;
  readonly notices: NoticeSink;
  readonly log: Logger;
  /** Clock for `savedAt` and file names; tests may pin it. */
  readonly now?: () => Date;
}

/** Folder (relative to the data directory) where deleted things go instead of being destroyed. */
export const TRASH_DIR = '.trash';

/**
 * The data directory: a set of JSON documents (settings, one folder per project), a lock so only one
 * running app writes it, and a trash folder. Paths given to it are relative to the data directory.
 */
export class Store {
  readonly dataDir: string;
  private readonly options: StoreOptions;
  private readonly ctx: DocumentContext;
  private lock: DataDirLock | undefined;
  private closed = false;

  /**
   * A store over a data directory. Nothing touches the disk until the first document is opened (or
   * {@link ensureOpen} is called), so a command that needs no data, such as `onsite classify`, creates
   * no files and does not clash with a running app.
   */
  constructor(options: StoreOptions) {
    this.dataDir = options.dataDir;
    this.options = options;
    this.ctx = { dataDir: options.dataDir, notices: options.notices, log: options.log, now: options.now ?? (() => new Date()) };
  }

  /** A store that has already created (mode 0700) and locked its data directory. */
  static open(options: StoreOptions): Store {
    const store = new Store(options);
    store.ensureOpen();
    return store;
  }

  /**
   * Creates the data directory (mode 0700) and locks it, once. Throws `DataDirInUseError` (an
   * AppFailure, code `storage`) when another running app has it.
   */
  ensureOpen(): void {
    if (this.closed) throw new Error('the store is closed');
    if (this.lock) return;
    const { dataDir, log, notices, shell } = this.options;
    ensurePrivateDir(dataDir);
    this.lock = acquireDataDirLock(dataDir, {
      shell,
      onStale: (holder) => log.info('taking over a stale data folder lock', { holder }),
      onLost: (holder) => {
        log.error('another process took the data folder lock', { holder });
        notices.add(
          'error',
          'Data folder opened twice',
          `Another OnSite Provisioner (process ${holder?.pid ?? 'unknown'}) has opened ${dataDir} as well. ` +
            'Two copies saving the same projects overwrite each other: close one of them now.',
        );
      },
    });
  }

  /** The absolute path of a path relative to the data directory; refuses paths that escape it. */
  resolve(relPath: string): string {
    const clean = normalize(relPath);
    if (clean.startsWith('..') || clean.startsWith(sep) || /^[a-zA-Z]:/.test(clean)) throw new Error(`path escapes the data folder: ${relPath}`);
    return join(this.dataDir, clean);
  }

  /**
   * Loads a document, recovering from damage (see {@link loadDocument}); with `initial`, always
   * returns a document. Any unexpected failure is reported to the technician, never thrown.
   */
  open<T>(relPath: string, spec: DocumentSpec<T>, options: LoadOptions<T> & { initial: () => T }): StoredDocument<T>;
  open<T>(relPath: string, spec: DocumentSpec<T>, options: LoadOptions<T>): StoredDocument<T> | undefined;
  open<T>(relPath: string, spec: DocumentSpec<T>, options: LoadOptions<T>): StoredDocument<T> | undefined {
    this.ensureOpen();
    ensurePrivateDir(dirname(this.resolve(relPath)));
    try {
      return loadDocument(this.ctx, relPath, spec, options);
    } catch (error) {
      const reason = `${relPath} could not be opened (${error instanceof Error ? error.message : String(error)})`;
      this.ctx.log.error('store open failed', { file: relPath, error });
      this.ctx.notices.add('error', `${spec.title} cannot be read`, `${reason}. Nothing was deleted. ${options.whenLost}.`);
      return options.initial ? new StoredDocument(this.ctx, relPath, spec, options.initial(), reason) : undefined;
    }
  }

  /** Creates and saves a new document; fails with `conflict` if the file exists already. */
  create<T>(relPath: string, spec: DocumentSpec<T>, value: T): StoredDocument<T> {
    this.ensureOpen();
    const path = this.resolve(relPath);
    if (existsSync(path)) throw new AppFailure('conflict', `${relPath} exists already.`);
    ensurePrivateDir(dirname(path));
    const doc = new StoredDocument(this.ctx, relPath, spec, value);
    doc.write(value);
    return doc;
  }

  /** Names of the sub-folders of a folder (hidden ones, such as the trash, excluded). */
  listFolders(relDir: string): string[] {
    this.ensureOpen();
    const dir = this.resolve(relDir);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name);
  }

  /**
   * Moves a file or folder into `<its folder>/.trash/<name>-<time>` instead of deleting it, so a
   * mistaken delete can be undone by hand. Returns the new path relative to the data directory.
   */
  moveToTrash(relPath: string): string {
    this.ensureOpen();
    const from = this.resolve(relPath);
    const trash = join(dirname(from), TRASH_DIR);
    ensurePrivateDir(trash);
    const name = basename(from);
    let to = join(trash, `${name}-${fileStamp(this.ctx.now())}`);
    for (let n = 2; existsSync(to); n += 1) to = join(trash, `${name}-${fileStamp(this.ctx.now())}-${n}`);
    renameSync(from, to);
    syncDirectory(dirname(from));
    return relative(this.dataDir, to).split(sep).join('/');
  }

  /** Releases the data folder lock. Writes are synchronous, so there is nothing to flush. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lock?.release();
  }

  /** The held lock (undefined until the store is first used), for diagnostics and tests. */
  get lockInfo(): DataDirLock | undefined {
    return this.lock;
  }
}
