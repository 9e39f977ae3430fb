import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Mode of every directory the store creates: only the technician's own account may list it. */
export const DIR_MODE = 0o700;
/** Mode of every file the store writes. */
export const FILE_MODE = 0o600;

/** Creates a directory (and its parents) with mode 0700, and tightens it if it already existed. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  if (process.platform !== 'win32' && (statSync(path).mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
}

/** The file's text, or undefined when it does not exist. Other read errors (EACCES, EIO) are thrown. */
export function readTextIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Makes a finished rename survive a power cut by syncing the directory entry. POSIX only: Windows
 * cannot open a directory for sync, and NTFS journals the rename itself.
 */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Marks a temporary file so a later start can recognise and remove it (shape shared with conf's writer, `atomically`). */
function tempName(target: string): string {
  return `${target}.tmp-${Date.now().toString().slice(-10)}${randomBytes(3).toString('hex')}`;
}

/** True for temporary files a killed write may have left next to a store file. */
export function isLeftoverTemp(name: string): boolean {
  return /\.json\.tmp-\d{10}[0-9a-f]{6}$/.test(name);
}

/**
 * Removes temporary files that a killed or crashed write left in a directory. They are never a
 * saved version: a write is only reported done after its rename, which consumes the temp file.
 */
export function removeLeftoverTemps(dir: string, stem: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${stem}.`) || !isLeftoverTemp(name)) continue;
    unlinkSync(join(dir, name));
    removed.push(name);
  }
  return removed;
}

/**
 * Copies a file so the target is always either the old or the complete new copy: copy to a temp
 * file next to it, then rename over. Not fsynced: it is a second copy of data that is already synced.
 */
export function copyReplacing(from: string, to: string): void {
  const temp = tempName(to);
  try {
    copyFileSync(from, temp);
    chmodSync(temp, FILE_MODE);
    renameSync(temp, to);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
}

/** A timestamp safe in file names on every OS (no colons). */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-').replace('.', '-');
}

/**
 * Moves a file aside under `<stem>.<label>-<timestamp>.json` in the same directory, never
 * overwriting anything; returns the new path. Used for damaged files, which are never deleted.
 */
export function moveAside(path: string, label: string, at: Date): string {
  const dir = dirname(path);
  const stem = basename(path).replace(/\.json$/, '');
  const base = `${stem}.${label}-${fileStamp(at)}`;
  let target = join(dir, `${base}.json`);
  for (let n = 2; existsSync(target); n += 1) target = join(dir, `${base}-${n}.json`);
  renameSync(path, target);
  return target;
}
