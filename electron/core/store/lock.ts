import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/contract';
import { FILE_MODE } from './files';

/** Name of the lock file in the data directory. */
export const LOCK_FILE = 'onsite.lock';
/** How often the holder touches the lock file. */
const HEARTBEAT_MS = 10_000;
/** A lock not touched for this long is stale even if its pid is alive (pids are reused, notably on Windows). */
export const STALE_AFTER_MS = 45_000;

/** Who holds a data directory: written into the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly shell: string;
  readonly startedAt: string;
  readonly token: string;
}

/**
 * Thrown when another running OnSite Provisioner uses the same data directory. An AppFailure
 * (`storage`), so a request that hits it answers with the explanation rather than an internal error.
 */
export class DataDirInUseError extends AppFailure {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const what = holder.shell === 'electron' ? 'the desktop app' : holder.shell === 'web' ? 'a browser shell (npm run web)' : `"${holder.shell}"`;
    super(
      'storage',
      `The data folder ${dataDir} is in use by another OnSite Provisioner: ${what}, process ${holder.pid} on ${holder.host}, ` +
        `started ${new Date(holder.startedAt).toLocaleString()}. Two copies writing the same projects would overwrite each other's work, ` +
        `so this one did not open it. Close the other one (or choose another data folder) and start again.`,
      { hint: 'Close the other OnSite Provisioner window or browser shell, then start this one again.' },
    );
    this.name = 'DataDirInUseError';
  }
}

/** A held lock on a data directory. */
export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Touches the lock and checks it is still ours; calls `onLost` once if another process took it. */
  check(): void;
  /** Stops the heartbeat and removes the lock file if it is still ours. */
  release(): void;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.token !== 'string') return undefined;
    return { pid: value.pid, host: String(value.host), shell: String(value.shell), startedAt: String(value.startedAt), token: value.token };
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when a lock file found on disk belongs to a live process that still keeps it fresh. */
function isLive(path: string, holder: LockHolder | undefined, now: number): boolean {
  if (!holder) return false; // unreadable: a process died while creating it
  let touched: number;
  try {
    touched = statSync(path).mtimeMs;
  } catch {
    return false;
  }
  if (now - touched > STALE_AFTER_MS) return false;
  // Another machine (a shared folder): its pid means nothing here, so the fresh heartbeat decides.
  return holder.host !== hostname() || processAlive(holder.pid);
}

/** Creates the lock file with its content in one step; false when one already exists. */
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content, { mode: FILE_MODE });
  try {
    linkSync(temp, path); // atomic and fails if the lock exists: no reader ever sees a half-written lock
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    // File systems without hard links (FAT on a USB stick): exclusive create instead.
    try {
      writeFileSync(path, content, { mode: FILE_MODE, flag: 'wx' });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Takes the data directory for this process, or throws {@link DataDirInUseError}. A lock left by a
 * crashed process (dead pid, or no heartbeat for {@link STALE_AFTER_MS}) is taken over. While held,
 * the lock is touched every few seconds; if another process ever takes it (only possible when this
 * one was frozen longer than the stale limit), `onLost` tells the technician.
 */
export function acquireDataDirLock(dataDir: string, options: { shell: string; onLost: (holder: LockHolder | undefined) => void; onStale?: (holder: LockHolder | undefined) => void }): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), shell: options.shell, startedAt: new Date().toISOString(), token: randomBytes(12).toString('hex') };
  const content = `${JSON.stringify(holder, undefined, 2)}\n`;
  for (let attempt = 0; ; attempt += 1) {
    if (createExclusive(path, content)) break;
    const found = readHolder(path);
    if (isLive(path, found, Date.now()) || attempt >= 3) {
      throw new DataDirInUseError(dataDir, found ?? { pid: 0, host: '?', shell: '?', startedAt: new Date(0).toISOString(), token: '' });
    }
    options.onStale?.(found);
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  let lost = false;
  const check = (): void => {
    if (lost) return;
    const found = readHolder(path);
    if (found?.token !== holder.token) {
      lost = true;
      options.onLost(found);
      return;
    }
    const now = new Date();
    utimesSync(path, now, now);
  };
  const timer = setInterval(() => {
    try {
      check();
    } catch {
      // A failed touch is retried at the next beat; the lock only goes stale after several.
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    path,
    holder,
    check,
    release() {
      clearInterval(timer);
      if (readHolder(path)?.token === holder.token) unlinkSync(path);
    },
  };
}
