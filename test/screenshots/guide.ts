/**
 * `npm run screenshots`: screenshots of every screen for the technician guide (renderer/docs/technician-guide.md), light and dark,
 * taken in headless Chromium through the browser shell (builds first unless ONSITE_SKIP_BUILD=1). The app runs on
 * a temporary data folder seeded like the demo: the PBX simulator, a pinned and connected profile, a site project.
 * Before the pictures, the demo project is really queued and synced to the simulator, with one extension deleted and
 * one MAC taken on the PBX behind the app's back, so the Site screen shows every row state a technician meets.
 * Writes renderer/screenshots/<screen>-<theme>.png for each screen in the navigation, plus dialogs and views the
 * guide and README show (a problem, CSV import, sync runs, projects, a PBX form and certificate, discovery results).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { call, seedDemo } from '../../electron/cli/demo-seed';
import { type Core, createCore } from '../../electron/core/core';
import type { SecretStore } from '../../electron/core/credentials/secret-store';
import { startWebShell } from '../../electron/web/server';
import { type PbxSim, randomCredentials, startPbxSim } from '../pbx-sim';
import { vendorMac } from '../pbx-sim/seed';
import { launchChromium } from '../support/browser';
import { arpLine, loopbackDiscovery } from '../support/loopback-discovery';
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

/**
 * Queues the demo project and waits for the sync to settle. Behind the app's back (after its offline data was
 * fetched) the PBX loses the extension of row 8 and gets row 9's MAC on another extension: one failed row and one
 * conflict, each with the PBX's reason in words, beside the rows confirmed on the PBX and the two without a MAC.
 */
async function syncDemoProject(core: Core, sim: PbxSim, projectId: string): Promise<void> {
  const project = await call(core, 'projects:get', { id: projectId });
  const extensionOf = (row: number) => sim.state.extensions().find((e) => e.number === project.rows[row]?.extension);
  const gone = extensionOf(7);
  if (gone) sim.state.removeExtension(gone.id);
  const other = sim.state.extensions().find((e) => e.number === '1399');
  sim.state.addPhone({ mac: project.rows[8]?.mac ?? '', vendor: 'Yealink', model: 'SIP-T54W', template_name: 'YSDP_YealinkT5', provisioning_method: 'pnp', enb_rps_auth: 0, ext_id: other?.id ?? null, ip: '', firmware: '', assigned_ext_status: 'Unregistered', rps_pin: '' });
  // Wait for the queue to settle: every queue:state event is a moment to look.
  let unsubscribe = (): void => undefined;
  try {
    await new Promise<void>((done, fail) => {
      const look = async (): Promise<void> => {
        const status = await call(core, 'queue:status', { projectId });
        if (status.state === 'stopped') fail(new Error(`the demo sync stopped: ${JSON.stringify(status)}`));
        else if (status.state === 'idle' && status.counts.queued === 0 && status.counts.sending === 0 && status.counts['on-pbx'] > 0) done();
      };
      unsubscribe = core.events.subscribe((item) => {
        if (item.event === 'queue:state') look().catch(fail);
      });
      call(core, 'queue:add', { projectId }).then(look).catch(fail);
    });
  } finally {
    unsubscribe();
  }
}

/** A PBX phone-import CSV as spreadsheets damage it: a MAC turned into `8.05E+11`, a serial number, an extra field, a formula-quoted MAC. */
const DAMAGED_CSV = [
  'Vendor,Model,MAC Address,Template,Provisioning Method,Authentication First-time,Assign Extension',
  'Yealink,SIP-T54W,80:5E:C0:00:10:01,YSDP_YealinkT5,pnp,0,2101',
  'Yealink,SIP-T54W,8.05E+11,YSDP_YealinkT5,pnp,0,2102',
  'Yealink,SIP-T54W,1565123456,YSDP_YealinkT5,pnp,0,2103',
  'Yealink,SIP-T54W,80:5E:C0:00:10:04,YSDP_YealinkT5,pnp,0,2104,extra',
  'Yealink,SIP-T54W,="805EC0001005",YSDP_YealinkT5,pnp,0,2105',
].join('\r\n');

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
// Discovery on loopback with real parser input (no root, probes only to 127.0.0.x): a site's network to find.
const lan = loopbackDiscovery(`${dir.path}/neighbour-table`);
const core = createCore({ dataDir: dir.path, shell: 'web', pbx: { openSecrets: screenshotSecrets }, discovery: lan.parts });
core.openDataFolder();
const shell = await startWebShell({ core, staticDir: RENDERER_DIR });
const browser = await launchChromium();
try {
  const seed = await seedDemo(core, { url: sim.url, ...credentials, fingerprint256: sim.fingerprint256() ?? '' });
  await syncDemoProject(core, sim, seed.projectId);
  const planned = (await call(core, 'projects:get', { id: seed.projectId })).rows.map((r) => r.mac).filter((mac) => mac !== '');
  const hexOf = (mac: string) => mac.replaceAll(':', '').toLowerCase();
  // On the network: three phones of the site (already on the PBX), two new ones, a printer; one more boots later.
  await lan.setTable([
    ...planned.slice(0, 3).map((mac, i) => arpLine(`127.0.0.${String(2 + i)}`, mac.toLowerCase())),
    arpLine('127.0.0.5', vendorMac('Yealink', 0x5a1001).toLowerCase()),
    arpLine('127.0.0.6', vendorMac('Fanvil', 0x5a1002).toLowerCase()),
    arpLine('127.0.0.7', '00:1b:a9:4c:21:7e'),
  ]);
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
    // A problem found on the PBX: the problems bar jumps to its cell, the message line says what is wrong.
    await gotoScreen(page, 'Site');
    await page.getByTestId('problems-bar').locator('[data-code="ext-not-found"]').click();
    await page.getByTestId('cell-message').filter({ hasText: 'Ext.' }).waitFor();
    taken.push(await shot(page, 'site-problem', theme));
    // The CSV import preview: a file with spreadsheet damage, every line repaired or refused with its reason.
    await page.getByTestId('open-csv-import').click();
    await page.getByTestId('csv-file').setInputFiles({ name: 'building-b.csv', mimeType: 'text/csv', buffer: Buffer.from(DAMAGED_CSV) });
    await page.getByTestId('csv-summary').waitFor();
    taken.push(await shot(page, 'csv-import', theme));
    await page.keyboard.press('Escape');
    await page.getByTestId('csv-summary').waitFor({ state: 'detached' });
    // The sync runs and the hand-over report.
    await page.getByTestId('queue-runs').click();
    await page.getByTestId('runs-table').waitFor();
    taken.push(await shot(page, 'site-runs', theme));
    await page.getByTestId('runs-dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('runs-dialog').waitFor({ state: 'detached' });
    // Discovery after a sweep of the site's network, with a phone that announced itself while booting.
    await gotoScreen(page, 'Discovery');
    await page.getByTestId('discovery-cidr').fill('127.0.0.0/28');
    await page.getByRole('button', { name: 'Find phones' }).click();
    await page.getByTestId('discovery-status').filter({ hasText: 'Listening for booting phones' }).waitFor({ timeout: 15_000 });
    lan.announce('Grandstream', hexOf(vendorMac('Grandstream', 0x5a1003)), '127.0.0.8');
    await page.locator('[data-testid="discovery-devices"] tbody tr').nth(5).waitFor();
    await page.getByLabel(`Select ${vendorMac('Yealink', 0x5a1001).toLowerCase()}`).check();
    await page.getByLabel(`Select ${vendorMac('Fanvil', 0x5a1002).toLowerCase()}`).check();
    taken.push(await shot(page, 'discovery-found', theme));
    await page.getByRole('button', { name: 'Stop listening' }).click();
    // All projects: the sites on this laptop.
    await gotoScreen(page, 'Site');
    await page.getByTestId('show-projects').click();
    await page.getByTestId('projects-panel').waitFor();
    taken.push(await shot(page, 'projects', theme));
    await page.keyboard.press('Escape');
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
