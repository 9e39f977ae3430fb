import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Core, type CoreOptions, createCore } from '../../electron/core/core';
import { type WebShell, startWebShell } from '../../electron/web/server';
import { launchChromium } from './browser';
import { tempDir } from './temp';

/** The built renderer the browser shell serves (built by the global setup). */
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** What a browser-shell suite works with; the fields are set once `beforeAll` has run. */
export interface ShellHarness {
  core: Core;
  shell: WebShell;
  browser: Browser;
  /** The suite's temporary data folder. */
  readonly dataDir: string;
}

/**
 * Starts a core on a temporary data folder, the browser shell over it and headless Chromium before
 * the suite's tests, and stops them after. Call inside a `describe`/`describeWith` body. `coreOptions` replace
 * parts of the core (e.g. `discovery`, so a suite can feed discovery real parser input without root).
 */
export function useBrowserShell(coreOptions: Partial<Omit<CoreOptions, 'dataDir' | 'shell'>> = {}): ShellHarness {
  const dir = tempDir();
  const harness = { dataDir: dir.path } as ShellHarness;
  beforeAll(async () => {
    harness.core = createCore({ ...coreOptions, dataDir: dir.path, shell: 'web' });
    harness.core.openDataFolder(); // as `onsite web` does
    harness.shell = await startWebShell({ core: harness.core, staticDir: RENDERER_DIR });
    harness.browser = await launchChromium();
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.shell?.close();
    await harness.core?.close();
    dir.cleanup();
  });
  return harness;
}
