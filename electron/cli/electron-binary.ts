import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Electron binary the `electron` package installed, or why there is none. */
export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

const require = createRequire(import.meta.url);

/**
 * Finds the Electron binary the way the `electron` package does (its `path.txt`, or ELECTRON_OVERRIDE_DIST_PATH),
 * without throwing: `require('electron')` throws "Electron failed to install correctly" where the binary was
 * never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, closed networks), and the app should say what to do instead.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, name || 'electron');
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${path} does not exist` };
  }
  if (!name) return { ok: false, reason: "Electron's binary was not downloaded (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download from github.com failed)" };
  const path = join(packageDir, 'dist', name);
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `Electron's binary is missing (${path})` };
}
