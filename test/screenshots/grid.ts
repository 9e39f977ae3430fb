/**
 * Screenshots of the Site screen for the README, taken in headless Chromium through the browser shell:
 * `node --import tsx test/screenshots/grid.ts` (builds first unless ONSITE_SKIP_BUILD=1). Writes
 * renderer/screenshots/*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/core';
import { startWebShell } from '../../electron/web/server';
import type { Project, Row } from '../../shared/domain/project';
import { startPbxSim } from '../pbx-sim';
import { withoutSecretService } from '../profiles/harness';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import { RENDERER_DIR } from '../support/web-shell';

const OUT = fileURLToPath(new URL('../../renderer/screenshots/', import.meta.url));
if (process.env.ONSITE_SKIP_BUILD !== '1') execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });

const tsv = Array.from({ length: 48 }, (_, i) => {
  const n = i + 1;
  const mac = n === 7 ? '805EC0000003' : n === 12 ? '8.05E+11' : `805EC0${n.toString(16).toUpperCase().padStart(6, '0')}`;
  return [mac, n === 20 ? '' : 'Yealink', 'SIP-T54W', 'YSDP_YealinkT5', 'pnp', 'No', n === 1 ? '1025' : n === 30 ? '1100' : '', '', `Floor ${1 + Math.floor(i / 12)}, desk ${n}`].join('\t');
}).join('\r\n');

withoutSecretService(); // never the developer's keychain
const dir = tempDir();
const sim = await startPbxSim();
const core = createCore({ dataDir: dir.path, shell: 'web' });
core.openDataFolder(); // as `onsite web` does
const shell = await startWebShell({ core, staticDir: RENDERER_DIR });
const browser = await launchChromium();
try {
  await core.dispatch('pbx:save-profile', { name: 'Acme PBX (P560)', baseUrl: sim.url, clientId: sim.knobs.clientId, secret: sim.knobs.clientSecret });
  for (const name of ['Riverside clinic', 'Warehouse 3 (spare phones)']) await core.dispatch('projects:create', { name, notes: name.startsWith('River') ? 'Patch panel in room B12; PBX on VLAN 20.' : '' });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(shell.url);
  await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
  // The memory-mode notice (no keychain on this machine) is not what these pictures are about.
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Site', exact: true }).click();
  await page.getByTestId('new-project-name').fill('Acme HQ, building B');
  await page.getByRole('button', { name: 'Create' }).click();
  const grid = page.getByTestId('grid');
  await grid.waitFor();
  const id = (await page.getByTestId('project-grid').getAttribute('data-project-id'))!;
  await page.getByTestId('project-pbx').selectOption({ label: 'Acme PBX (P560)' });
  await page.getByTestId('pbx-refresh-data').click();
  await page.getByTestId('pbx-state').and(page.locator('[data-state="connected"]')).waitFor();
  await page.evaluate((text) => navigator.clipboard.writeText(text), tsv);
  await grid.focus();
  await page.keyboard.press('Control+V');
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Control+Shift+ArrowDown');
  await page.keyboard.press('Control+Shift+D');
  await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor();
  // Show the queue's states as the sync would mirror them onto rows.
  const project = (await core.dispatch('projects:get', { id })) as { ok: true; data: Project };
  const states: Partial<Record<number, Pick<Row, 'status' | 'message'>>> = {
    0: { status: 'on-pbx', message: 'On the PBX (confirmed by read-back). Registered.' },
    1: { status: 'on-pbx', message: 'On the PBX (confirmed by read-back).' },
    2: { status: 'queued', message: 'Waiting to be sent.' },
    3: { status: 'failed', message: 'The PBX refused the template for this model.' },
  };
  const rows = project.data.rows.map((row, i) => ({ ...row, ...states[i] }));
  const saved = await core.dispatch('projects:save-rows', { id, rows, expectedUpdatedAt: project.data.updatedAt });
  if (!saved.ok) throw new Error(saved.error.message);
  await page.keyboard.press('Control+Home');
  await page.getByTestId('grid').locator('.grid-rownum.st-on-pbx').first().waitFor();
  await page.getByTestId('problems-bar').locator('[data-code="mac-duplicate"]').click();
  await page.screenshot({ path: `${OUT}site-grid-light.png` });
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-toggle').click();
  await page.screenshot({ path: `${OUT}site-grid-dark.png` });
  await page.getByTestId('theme-toggle').click();

  await page.getByTestId('open-csv-import').click();
  const csv = ['Vendor,Model,MAC Address,Template,Provisioning Method,Authentication First-time,Assign Extension', 'Yealink,SIP-T54W,80:5E:C0:00:10:01,YSDP_YealinkT5,pnp,0,2101', 'Yealink,SIP-T54W,8.05E+11,YSDP_YealinkT5,pnp,0,2102', 'Yealink,SIP-T54W,1565123456,YSDP_YealinkT5,pnp,0,2103', 'Yealink,SIP-T54W,80:5E:C0:00:10:04,YSDP_YealinkT5,pnp,0,2104,extra', 'Yealink,SIP-T54W,="805EC0001005",YSDP_YealinkT5,pnp,0,2105'].join('\r\n');
  await page.getByTestId('csv-file').setInputFiles({ name: 'building-b.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('csv-summary').waitFor();
  await page.screenshot({ path: `${OUT}csv-import.png` });
  await page.keyboard.press('Escape');

  await page.getByTestId('show-projects').click();
  await page.getByTestId('projects-panel').waitFor();
  await page.screenshot({ path: `${OUT}projects.png` });
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await shell.close();
  await core.close();
  await sim.close();
  dir.cleanup();
}
