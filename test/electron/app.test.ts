import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PbxSim, startPbxSim } from '../pbx-sim';
import { createProfileInUi, testConnectionText, trustInDialog } from '../support/pbx-ui';
import { gotoScreen } from '../support/screens';
import { describeWith, electronBinary } from '../support/system';
import { tempDir } from '../support/temp';
import { type ElectronRun, launchApp, logShows } from './harness';

// The same scenarios run in the browser shell in CI (test/e2e/); this suite adds what only the desktop shell
// has: app:// pages, the preload and IPC, the window guards, the log file.
const requirement = electronBinary();

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
});
