import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CertificateFiles, type PbxSim, generateSelfSignedCert, startPbxSim } from '../pbx-sim';
import { withoutSecretService } from '../profiles/harness';
import { leaksIn } from '../profiles/leak-scan';
import { launchChromium } from '../support/browser';
import { chromium, describeWith, secretService } from '../support/system';
import { tempDir } from '../support/temp';
import { useBrowserShell } from '../support/web-shell';
import { gotoScreen } from '../support/screens';
import { createProfileInUi, testConnectionText, trustInDialog } from '../support/pbx-ui';

// The in-process core of the first suite must not use the developer's keychain: memory mode, for real.
withoutSecretService();

const SECRET = 'E2E-Canary-Secret-2c4e6a8b';

/** Opens the app, goes to the PBX screen and waits for it. */
async function openPbxScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
  await gotoScreen(page, 'PBX');
  await page.getByTestId('pbx-screen').waitFor();
}

describeWith(chromium(), 'PBX screen in the browser shell, core in this process (no Secret Service: memory mode)', () => {
  let sim: PbxSim;
  let certB: CertificateFiles;
  // Registered before the shell's hooks, so the simulator starts first and closes after the core has signed out.
  beforeAll(async () => {
    sim = await startPbxSim({ https: true, clientSecret: SECRET });
    certB = generateSelfSignedCert({ commonName: 'pbx-renewed.local' });
  });
  afterAll(async () => {
    await sim?.close();
  });
  const harness = useBrowserShell();

  it('create, trust the certificate in the dialog, test: success; says the secret is in memory and why; re-pin after a change; one login per click; delete', async () => {
    const page = await harness.browser.newPage();
    await openPbxScreen(page, harness.shell.url);
    await createProfileInUi(page, sim, SECRET);

    const banner = page.getByTestId('pbx-storage');
    expect(await banner.getAttribute('data-mode')).toBe('memory');
    expect(await banner.textContent()).toContain('memory for this run only');
    expect(await banner.textContent()).toContain('Secret Service');
    expect(await page.getByTestId('pbx-secret-stored').textContent()).toContain('Kept in memory for this run only');

    // Before trusting: the certificate is refused, and the UI offers to review it.
    expect(await testConnectionText(page)).toContain('not trusted');
    await trustInDialog(page, sim.fingerprint256()!);
    expect(await testConnectionText(page)).toMatch(/Connected: 410 extensions and 36 phones on the PBX \(\d+\.\d s\)/);
    await expect.poll(() => page.getByTestId('pbx-status').first().getAttribute('data-state')).toBe('connected');

    await page.getByTestId('pbx-refresh').click();
    await page.getByTestId('pbx-cache').getByText('410', { exact: true }).waitFor(); // the whole refresh, all 85 requests
    expect(await page.getByTestId('pbx-cache').textContent()).toContain('fetched just now');

    // The PBX's certificate is replaced: refused with both fingerprints; an explicit re-pin fixes it.
    const oldFingerprint = sim.fingerprint256()!;
    sim.replaceCertificate(certB);
    expect(await testConnectionText(page)).toContain('has changed');
    await page.getByTestId('pbx-cert-changed').waitFor();
    await page.getByTestId('pbx-check-certificate').click();
    const dialog = page.getByTestId('certificate-dialog');
    await dialog.getByTestId('certificate-changed').waitFor();
    expect(await dialog.getByTestId('fingerprint-old').getAttribute('data-fingerprint')).toBe(oldFingerprint);
    expect(await dialog.getByTestId('fingerprint-new').getAttribute('data-fingerprint')).toBe(certB.fingerprint256);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await trustInDialog(page, certB.fingerprint256, 'fingerprint-new');
    expect(await testConnectionText(page)).toContain('Connected');

    // A wrong secret: one click, one login, a message that says the app will not retry.
    await page.getByTestId('pbx-edit').click();
    await page.getByTestId('pbx-secret').fill('wrong-secret-000');
    await page.getByTestId('pbx-save').click();
    await page.getByTestId('pbx-detail').waitFor();
    const logins = sim.count('get_token');
    const refused = await testConnectionText(page);
    expect(refused).toContain('will not retry by itself');
    expect(refused).toContain('at most one login attempt');
    expect(sim.count('get_token')).toBe(logins + 1);

    // The secret never reached the page, not even in the form it was typed into.
    expect(await page.content()).not.toContain(SECRET);
    await page.getByTestId('pbx-edit').click();
    expect(await page.getByTestId('pbx-secret').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('pbx-delete').click();
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('pbx-message').getByText('Profile deleted').waitFor();
    expect(sim.liveTokens()).toBe(0); // the deleted profile's token was revoked
    await page.close();
  });
});

const keychainE2e = chromium().ok ? secretService() : chromium();

describeWith(keychainE2e, 'PBX screen against `onsite web` run inside a D-Bus session with gnome-keyring (keychain mode)', () => {
  let sim: PbxSim;
  let browser: Browser;
  let child: ChildProcess;
  let nodePid = 0;
  let url = '';
  const data = tempDir('osp-profiles-e2e-kc-data-');
  const home = tempDir('osp-profiles-e2e-kc-home-');

  beforeAll(async () => {
    sim = await startPbxSim({ https: true, clientSecret: SECRET });
    // `exec` makes node the shell's own process, so `$$` is the pid to stop gracefully at the end.
    const script = `echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && echo "{\\"pid\\":$$}" && exec node electron/cli/onsite.js web --data-dir "$OSP_DATA_DIR" --port 0`;
    child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
      env: { PATH: process.env.PATH, HOME: home.path, XDG_DATA_HOME: `${home.path}/.local/share`, OSP_DATA_DIR: data.path },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout! });
    for await (const line of lines) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as { pid?: number; url?: string };
      if (parsed.pid) nodePid = parsed.pid;
      if (parsed.url) {
        url = parsed.url;
        break;
      }
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    data.cleanup();
    home.cleanup();
  });

  it('shows "stored in the keychain"; test connection succeeds; the data folder never holds the secret; quitting revokes the token', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    const page = await browser.newPage();
    await openPbxScreen(page, url);
    await createProfileInUi(page, sim, SECRET);
    expect(await page.getByTestId('pbx-storage').getAttribute('data-mode')).toBe('keychain');
    expect(await page.getByTestId('pbx-storage').textContent()).toContain('stored in the OS keychain');
    expect(await page.getByTestId('pbx-secret-stored').textContent()).toBe('Stored in the keychain.');
    await trustInDialog(page, sim.fingerprint256()!);
    expect(await testConnectionText(page)).toContain('Connected: 410 extensions and 36 phones');
    expect(await page.content()).not.toContain(SECRET);
    await page.close();

    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    process.kill(nodePid, 'SIGTERM'); // `onsite web` closes the core: the PBX token is revoked
    await exited;
    expect(sim.count('del_token')).toBeGreaterThanOrEqual(1);
    expect(sim.liveTokens()).toBe(0);
    expect(leaksIn(data.path, [SECRET, ...sim.issuedTokens()])).toEqual([]);
  });
});
