/**
 * `npm run screenshots`: screenshots of every screen for the technician guide (renderer/docs/technician-guide.md), light and dark,
 * taken in headless Chromium through the browser shell (builds first unless ONSITE_SKIP_BUILD=1). The app runs on
 * a temporary data folder seeded like the demo: the PBX simulator, a pinned and connected profile, a site project.
 * Writes renderer/screenshots/<screen>-<theme>.png for each screen in the navigation, plus a few dialogs, then runs
 * the Site screen's own script (test/screenshots/grid.ts: the grid with problems, CSV import, projects).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../electron/cli/demo-seed';
import { createCore } from '../../electron/core/core';
import type { SecretStore } from '../../electron/core/credentials/secret-store';
import { startWebShell } from '../../electron/web/server';
import { randomCredentials, startPbxSim } from '../pbx-sim';
import { launchChromium } from '../support/browser';
import { gotoScreen } from '../support/screens';
import { tempDir } from '../support/temp';
import { RENDERER_DIR } from '../support/web-shell';

const OUT = fileURLToPath(new URL('../../renderer/screenshots/', import.meta.url));
const THEMES = ['light', 'dark'] as const;

/** What shows that a screen has its data, by navigation label (screens not listed: the navigation switch is enough). */
const READY: Readonly<Record<string, string>> = {
  PBX: '[data-testid="pbx-status"][data-state="connected"]',
  Discovery: '[data-testid="discovery-interface"]',
  Site: '[data-testid="pbx-state"][data-state="connected"]',
};

/**
 * Secrets in memory, reported as the keychain: the screenshots show what a technician normally sees, and this
 * script never writes to the keychain of the machine it runs on.
 */
function screenshotSecrets(): Promise<SecretStore> {
  const secrets = new Map<string, string>();
  return Promise.resolve({
    mode: 'keychain',
    reason: undefined,
    get: (account) => Promise.resolve(secrets.get(account) ?? null),
    set: (account, secret) => Promise.resolve(void secrets.set(account, secret)),
    delete: (account) => Promise.resolve(secrets.delete(account)),
  });
}

function fileName(label: string, theme: string): string {
  return `${OUT}${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${theme}.png`;
}

async function shot(page: Page, name: string, theme: string): Promise<string> {
  await page.screenshot({ path: fileName(name, theme) });
  return fileName(name, theme);
}

async function shootScreens(page: Page, theme: string): Promise<string[]> {
  const labels = await page.getByRole('navigation', { name: 'Screens' }).getByRole('button').allTextContents();
  for (const label of labels) {
    await gotoScreen(page, label);
    await page.locator('.nav-current', { hasText: label }).waitFor();
    const ready = READY[label];
    if (ready) await page.locator(ready).first().waitFor();
    await page.screenshot({ path: fileName(label, theme) });
  }
  return labels;
}

if (process.env.ONSITE_SKIP_BUILD !== '1') execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });
const dir = tempDir('osp-screenshots-');
const credentials = randomCredentials();
const sim = await startPbxSim({ https: true, ...credentials });
const core = createCore({ dataDir: dir.path, shell: 'web', pbx: { openSecrets: screenshotSecrets } });
core.openDataFolder();
const shell = await startWebShell({ core, staticDir: RENDERER_DIR });
const browser = await launchChromium();
try {
  await seedDemo(core, { url: sim.url, ...credentials, fingerprint256: sim.fingerprint256() ?? '' });
  // A second profile, not trusted yet, for the certificate dialog.
  await core.dispatch('pbx:save-profile', { name: 'Warehouse PBX (new)', baseUrl: sim.url, clientId: credentials.clientId, secret: credentials.clientSecret });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(shell.url);
  await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
  const taken: string[] = [];
  for (const theme of THEMES) {
    await core.dispatch('settings:update', { theme });
    await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
    taken.push(...(await shootScreens(page, theme)).map((label) => fileName(label, theme)));
    // Adding a PBX: the empty form.
    await gotoScreen(page, 'PBX');
    await page.getByTestId('pbx-add').click();
    await page.getByTestId('pbx-profile-form').waitFor();
    taken.push(await shot(page, 'pbx-new-profile', theme));
    // A PBX whose certificate is not trusted yet: what the technician compares with the PBX's web portal.
    await page.getByRole('navigation', { name: 'PBX profiles' }).getByRole('button', { name: /Warehouse/ }).click();
    await page.getByTestId('pbx-check-certificate').click();
    await page.getByTestId('certificate-dialog').getByTestId('certificate-checked').waitFor();
    taken.push(await shot(page, 'pbx-trust-certificate', theme));
    await page.keyboard.press('Escape');
    await page.getByTestId('certificate-dialog').waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'PBX profiles' }).getByRole('button', { name: /Demo PBX/ }).click();
  }
  console.log(JSON.stringify({ screenshots: taken.map((f) => f.slice(OUT.length)), dir: OUT }));
} finally {
  await browser.close();
  await shell.close();
  await core.close();
  await sim.close();
  dir.cleanup();
}
execFileSync(process.execPath, ['--import', 'tsx', 'test/screenshots/grid.ts'], { stdio: 'inherit', env: { ...process.env, ONSITE_SKIP_BUILD: '1' } });
