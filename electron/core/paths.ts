import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_NAME } from './product';

/**
 * The per-user data directory, the same one Electron's `app.getPath('userData')` uses, so the
 * desktop app, the browser shell and the CLI share projects and settings. `ONSITE_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ONSITE_DATA_DIR) return env.ONSITE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
