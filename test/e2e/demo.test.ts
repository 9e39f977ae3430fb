import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { DEMO_PROFILE_NAME, DEMO_PROJECT_NAME } from '../../electron/cli/demo-seed';
import { launchChromium } from '../support/browser';
import { runCli, startCli } from '../support/cli';
import { gotoScreen } from '../support/screens';
import { chromium, describeWith } from '../support/system';
import { tempDir } from '../support/temp';

const dir = tempDir('osp-demo-');
const dataDir = join(dir.path, 'demo-data');
// An empty override folder means "no Electron binary" on any machine, so the demo takes the browser shell.
const noElectron = join(dir.path, 'no-electron');
mkdirSync(noElectron);
afterAll(() => dir.cleanup());

describeWith(chromium(), 'npm run demo (onsite demo): simulator, demo profile and project, browser shell', () => {
  let child: ChildProcess;
  let browser: Browser;
  let started: { url: string; dataDir: string; pbx: string; shell: string };
  let stderr = '';

  beforeAll(async () => {
    child = startCli(['demo', '--data-dir', dataDir], { env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron } });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    for await (const line of createInterface({ input: child.stdout! })) {
      started = JSON.parse(line) as typeof started;
      break;
    }
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the address of the browser shell on its own data folder, and says what it pinned and why', () => {
    expect(started).toMatchObject({ shell: 'web', dataDir, pbx: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) as unknown });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(stderr).toContain('pinned automatically, because the demo');
    expect(stderr).toContain('using the browser shell');
    expect(existsSync(join(dataDir, 'onsite-demo.json'))).toBe(true);
  });

  it('shows the demo profile connected and pinned, and the demo project on the Site screen with its planned rows', async () => {
    const page = await browser.newPage();
    await page.goto(started.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
    await gotoScreen(page, 'PBX');
    const detail = page.getByTestId('pbx-detail');
    await expect.poll(() => detail.getAttribute('aria-label')).toBe(DEMO_PROFILE_NAME);
    await expect.poll(() => detail.getByTestId('pbx-status').getAttribute('data-state')).toBe('connected');
    await expect.poll(() => detail.textContent()).toContain(DEMO_PROJECT_NAME);
    expect(await detail.getByTestId('pbx-pinned').getAttribute('data-fingerprint')).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);

    // The Site screen reopens the demo project (the last one opened), its PBX connected and its planned rows ready.
    await gotoScreen(page, 'Site');
    await expect.poll(() => page.getByTestId('site-title').textContent()).toBe(DEMO_PROJECT_NAME);
    await expect.poll(() => page.getByTestId('pbx-state').getAttribute('data-state')).toBe('connected');
    await expect.poll(() => page.getByTestId('ready-count').getAttribute('data-count')).toBe('10');
    await gotoScreen(page, 'PBX');

    // "Open web portal": the core allows the profile's own address, and the browser shell opens it in a new tab
    // (whose request is enough: this Chromium does not trust the simulator's self-signed certificate).
    const portalRequest = page.context().waitForEvent('request', (request) => request.url().startsWith(started.pbx));
    await detail.getByTestId('pbx-open-portal').click();
    expect((await portalRequest).url()).toBe(`${started.pbx}/`);
    await page.close();
  });

  it('keeps the demo project with planned rows in the demo folder only', () => {
    const projects = join(dataDir, 'projects');
    const [projectDir] = readdirSync(projects).filter((name) => !name.startsWith('.'));
    const project = JSON.parse(readFileSync(join(projects, projectDir ?? '', 'project.json'), 'utf8')) as { data: { name: string; rows: Array<{ mac: string; extension: string }> } };
    expect(project.data.name).toBe(DEMO_PROJECT_NAME);
    expect(project.data.rows.length).toBeGreaterThanOrEqual(10);
    expect(project.data.rows.every((row) => row.extension !== '')).toBe(true);
  });

  it('stops cleanly on Ctrl+C: exit 0, the data folder released', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'onsite.lock'))).toBe(false);
  });
});

describe('onsite demo refuses a data folder that is not its own', () => {
  it('leaves a non-empty folder without the demo marker untouched, and says why', async () => {
    const precious = join(dir.path, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'settings.json'), '{}');
    const err: string[] = [];
    const code = await main(['demo', '--data-dir', precious, '--web'], { out: () => undefined, err: (line) => err.push(line) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('is not a demo folder');
    expect(readFileSync(join(precious, 'settings.json'), 'utf8')).toBe('{}');
  });
});

describe('onsite demo on a port that is taken', () => {
  it('says so and exits 2, stopping the simulator it started instead of running on', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', () => done()));
    const { port } = taken.address() as { port: number };
    try {
      const run = await runCli(['demo', '--web', '--port', String(port), '--data-dir', join(dir.path, 'port-taken')]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
  });
});
