import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { type FakeLan, type NamespaceProcess, buildFakeLan, sendFromNamespace, spawnInNamespace } from '../support/fake-lan';
import { ANNOUNCEMENTS } from '../support/pnp-announcements';
import { CHROMIUM_PATH, chromium, describeWith, netns } from '../support/system';
import { tempDir } from '../support/temp';
import { gotoScreen } from '../support/screens';

// Both the browser shell and Chromium run inside the technician's namespace: the shell listens on that
// namespace's loopback, and the core sweeps the fake LAN from there. Playwright drives Chromium over a pipe,
// which crosses namespaces.
const requirement = netns().ok ? chromium() : netns();

describeWith(requirement, 'discovery screen in headless Chromium, on a fake LAN', () => {
  let lan: FakeLan;
  let shell: NamespaceProcess;
  let browser: Browser;
  let page: Page;
  const dir = tempDir('onsite-disc-e2e-');

  beforeAll(async () => {
    lan = buildFakeLan({ prefix: 'osp-db', net: 42, phones: 12, others: 4, silentPhones: 2 });
    shell = spawnInNamespace(lan.techNs, [process.execPath, 'electron/cli/onsite.js', 'web', '--port', '0', '--data-dir', join(dir.path, 'data')], { asRoot: true });
    await shell.waitForStderr(/is running/);
    const { url } = JSON.parse(shell.stdout()) as { url: string };
    const wrapper = join(dir.path, 'chromium-in-netns');
    writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${lan.techNs} ${CHROMIUM_PATH} "$@"\n`);
    chmodSync(wrapper, 0o755);
    browser = await launchChromium(wrapper);
    page = await browser.newPage();
    await page.goto(url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    lan?.teardown();
    await shell?.exited;
    dir.cleanup();
  });

  it('sweeps from the default interface, streams phones first, hears a booting phone, and stops on request', async () => {
    await gotoScreen(page, 'Discovery');
    await expect.poll(() => page.getByTestId('discovery-interface').inputValue()).toBe(lan.techIf);
    await expect.poll(() => page.getByTestId('discovery-cidr').getAttribute('placeholder')).toBe(lan.subnet);
    await page.getByRole('button', { name: 'Find phones' }).click();
    await expect.poll(() => page.getByTestId('discovery-status').textContent(), { timeout: 10_000 }).toContain('Listening for booting phones');
    expect(await page.getByTestId('discovery-counts').textContent()).toBe('10 phones · 14 devices');
    const phoneRows = page.locator('[data-testid="discovery-devices"] tbody tr');
    expect(await phoneRows.count()).toBe(10);
    expect(await page.locator('tr.disc-other').count()).toBe(0);

    const yealink = lan.answering.find((h) => h.vendor === 'Yealink')!;
    const boot = ANNOUNCEMENTS.Yealink!(yealink.mac.replaceAll(':', ''), yealink.ip);
    await sendFromNamespace(yealink.ns, yealink.ip, { address: '224.0.1.75', port: 5060 }, boot.text);
    const row = page.locator(`tr[data-mac="${yealink.mac}"]`);
    await expect.poll(() => row.textContent()).toContain('T54W');
    expect(await row.textContent()).toContain('Scan + announced');
    expect(await row.textContent()).toContain('96.86.0.70');

    await page.getByLabel('Show all devices').check();
    expect(await phoneRows.count()).toBe(14);
    expect(await page.locator('tr.disc-other').first().textContent()).toMatch(/Raspberry Pi|Dell|Hewlett|Intel/);
    await page.getByLabel('Show all devices').uncheck();

    // Add the phones to a new project: one row each, with vendor and model; adding again adds nothing.
    await page.getByTestId('discovery-new-project').fill('Acme HQ');
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect.poll(() => page.getByTestId('discovery-project').textContent()).toContain('Acme HQ (0 rows)');
    await page.getByLabel(`Select ${yealink.mac}`).check();
    await expect.poll(() => page.locator('.disc-list-head').textContent()).toContain('1 selected');
    await page.getByLabel('Select every device shown').check();
    await page.getByRole('button', { name: 'Add 10 selected to project' }).click();
    await expect.poll(() => page.getByTestId('discovery-added').textContent()).toBe('10 added to “Acme HQ”.');
    await expect.poll(() => page.getByTestId('discovery-project').textContent()).toContain('Acme HQ (10 rows)');
    await expect.poll(() => page.locator('.disc-badge-in-project').count()).toBe(10);
    await page.getByLabel('Show all devices').check();
    await page.getByLabel('Select every device shown').check();
    await page.getByRole('button', { name: 'Add 14 selected to project' }).click();
    await expect.poll(() => page.getByTestId('discovery-added').textContent()).toBe('4 added to “Acme HQ”; 10 already there (marked seen on the network).');
    await expect.poll(() => page.getByTestId('discovery-project').textContent()).toContain('Acme HQ (14 rows)');

    await page.getByRole('button', { name: 'Stop listening' }).click();
    await expect.poll(() => page.getByTestId('discovery-status').textContent()).toMatch(/Found 14 devices \(10 phones\) in 10\.77\.42\.0\/24; the sweep took [0-9.]+ s\./);
    expect(await page.getByRole('button', { name: 'Find phones' }).isEnabled()).toBe(true);
  });

  it('explains a range outside the network and keeps the list', async () => {
    await page.getByTestId('discovery-cidr').fill('10.99.0.0/24');
    await page.getByRole('button', { name: 'Find phones' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('10.99.0.0/24 is not inside osp-db-e0 (10.77.42.0/24).');
    expect(await page.getByRole('alert').textContent()).toContain('Enter a range inside 10.77.42.0/24, or pick the interface on that network.');
    expect(await page.locator('[data-testid="discovery-devices"] tbody tr').count()).toBe(14);
    expect(await page.locator('.disc-badge-in-project').count()).toBe(14);
  });
});
