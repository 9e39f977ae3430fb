import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { cdpType, usKeys } from '../support/keys';
import { createProfileInUi, testConnectionText, trustInDialog } from '../support/pbx-ui';
import { gotoScreen } from '../support/screens';
import { describeWith, electronBinary } from '../support/system';
import { tempDir } from '../support/temp';
import { type ElectronRun, launchApp, logShows } from './harness';

// The same scenarios run in the browser shell in CI (test/e2e/); this suite adds what only the desktop shell
// has: app:// pages, the preload and IPC, the window guards, the log file.
const requirement = electronBinary();

/** Five planned phones as Excel copies them: MAC, vendor, model, template, method, first-time auth, extension (no phones on 1300–1304). */
const PLANNED = [1, 2, 3, 4, 5].map((n) => [`80:5E:C0:EE:00:0${n}`, 'Yealink', 'SIP-T54W', 'YSDP_YealinkT5', 'pnp', 'No', String(1299 + n)]);

describeWith(requirement, 'the desktop app (Electron), built, over real IPC', () => {
  const dir = tempDir('osp-electron-');
  let sim: PbxSim;
  let run: ElectronRun;

  beforeAll(async () => {
    sim = await startPbxSim({ https: true });
    run = await launchApp(requirement.path ?? '', join(dir.path, 'data'));
  }, 90_000);
  afterAll(async () => {
    await run?.close();
    await sim?.close();
    dir.cleanup();
  });

  it('serves the UI from app://onsite with the sandboxed preload as the only bridge', async () => {
    expect(run.page.url()).toBe('app://onsite/index.html');
    const facts = await run.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { onsite: object }).onsite).sort(),
      shell: (window as unknown as { onsite: { shell: string } }).onsite.shell,
    }));
    expect(facts).toEqual({ require: 'undefined', process: 'undefined', bridge: ['onEvent', 'requests', 'shell'], shell: 'electron' });
    expect(existsSync(join(run.dataDir, 'onsite.lock'))).toBe(true);
  });

  it('refuses new windows and navigation away from the app, and logs them', async () => {
    const opened = await run.page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await logShows(run, 'blocked new window');
    await run.page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await logShows(run, 'blocked navigation');
    expect(run.page.url()).toBe('app://onsite/index.html');
    expect(run.app.windows()).toHaveLength(1);
  });

  it('profile: adds the simulator, pins its certificate and connects, through the main process', async () => {
    await gotoScreen(run.page, 'PBX');
    await run.page.getByTestId('pbx-add').click();
    await createProfileInUi(run.page, sim, sim.knobs.clientSecret);
    await trustInDialog(run.page, sim.fingerprint256() ?? '');
    expect(await testConnectionText(run.page)).toMatch(/extensions/i);
    await expect.poll(() => run.page.getByTestId('pbx-status').getAttribute('data-state')).toBe('connected');
    expect(sim.count('get_token')).toBe(1);
    // The log file is electron-log's, fed by the core's redacting logger: the secret never reaches it.
    expect(run.log()).not.toContain(sim.knobs.clientSecret);
  });

  it('grid: a site project on that PBX, rows pasted from the system clipboard, all ready to queue', async () => {
    const page = run.page;
    await gotoScreen(page, 'Site');
    await page.getByTestId('show-projects').or(page.getByTestId('new-project-name')).first().click();
    await page.getByTestId('new-project-name').fill('Electron site');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('project-grid').waitFor();
    await page.getByTestId('project-pbx').selectOption({ label: 'Acme HQ' });
    await page.getByTestId('pbx-refresh-data').click();
    await expect.poll(() => page.getByTestId('pbx-state').getAttribute('data-state')).toBe('connected');
    // Electron's own clipboard (main process), pasted with Ctrl+V into the grid: the paste event, no permission needed.
    const tsv = PLANNED.map((row) => row.join('\t')).join('\r\n');
    await run.app.evaluate(({ clipboard }, text) => clipboard.writeText(text), tsv);
    await page.getByTestId('grid').focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('grid').getAttribute('data-rows')).toBe(String(PLANNED.length));
    await expect.poll(() => page.getByTestId('ready-count').getAttribute('data-count')).toBe(String(PLANNED.length));
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
  });

  it('sync: Ctrl+Shift+Enter queues the rows and the main process sends them, each confirmed by read-back', async () => {
    const page = run.page;
    await page.keyboard.press('Control+Shift+Enter');
    const onPbx = page.getByTestId('queue-counts').locator('[data-state="on-pbx"]');
    await expect.poll(() => onPbx.getAttribute('data-count'), { timeout: 30_000 }).toBe(String(PLANNED.length));
    for (const [mac, , , , , , extension] of PLANNED) {
      const phone = sim.state.phoneByMac(mac ?? '');
      expect(phone?.ext_id, mac).toBe(sim.state.extensions().find((e) => e.number === extension)?.id);
    }
    expect(sim.state.duplicateMacs()).toEqual([]);
  });

  it('scan: keyboard-mode scans in scan mode add rows in the window; a serial number is refused', async () => {
    const page = run.page;
    // Chromium's real input pipeline with scanner timing (3 ms a key), as in the browser-shell suite.
    const cdp = await page.context().newCDPSession(page);
    await page.getByTestId('scan-mode-toggle').click();
    await page.getByTestId('scan-append').check();
    await expect.poll(() => page.getByTestId('scan-bar').getAttribute('data-scan-mode')).toBe('append');
    const handled = async (): Promise<number> => Number(await page.getByTestId('scan-bar').getAttribute('data-handled'));
    const lastScan = page.locator('[data-testid="scan-bar"] [data-testid="last-scans"] li').first();
    const before = await handled();
    await cdpType(cdp, usKeys('20180412345678'), 3);
    await expect.poll(handled).toBe(before + 1);
    expect(await lastScan.getAttribute('data-outcome')).toBe('rejected');
    await cdpType(cdp, usKeys('805EC0EE0042'), 3);
    await expect.poll(handled).toBe(before + 2);
    expect(await lastScan.getAttribute('data-outcome')).toBe('accepted');
    await expect.poll(() => page.getByTestId('grid').getAttribute('data-rows')).toBe(String(PLANNED.length + 1));
    await cdp.detach();
  });
});
