import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ElectronApplication, type Page, _electron } from 'playwright-core';
import { expect } from 'vitest';

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built desktop app, started by Playwright on a temporary data folder. */
export interface ElectronRun {
  readonly app: ElectronApplication;
  readonly page: Page;
  readonly dataDir: string;
  /** The app's log file so far. */
  log(): string;
  close(): Promise<void>;
}

/**
 * Starts the built app (out/, package.json `main`) with the real main process, preload and IPC: no fake
 * bridge. The data folder comes from ONSITE_DATA_DIR, which the main process honours (Chromium's own files
 * go there too). On Linux the Secret Service is pointed at a bus that does not exist, so the run never touches
 * the developer's keychain (memory mode, which the app reports); on macOS and Windows the profile deleted at
 * the end takes its keychain entry with it.
 */
export async function launchApp(executablePath: string, dataDir: string): Promise<ElectronRun> {
  const app = await _electron.launch({
    executablePath,
    args: [APP_ROOT],
    env: { ...process.env, ONSITE_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/osp-electron-bus' },
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor({ timeout: 30_000 });
  return {
    app,
    page,
    dataDir,
    log: () => {
      try {
        return readFileSync(join(dataDir, 'logs', 'onsite.log'), 'utf8');
      } catch {
        return '';
      }
    },
    close: () => app.close(),
  };
}

/** Waits until the app's log has a line containing `text`. */
export async function logShows(run: ElectronRun, text: string): Promise<void> {
  await expect.poll(() => run.log(), { timeout: 10_000 }).toContain(text);
}
